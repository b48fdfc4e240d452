/** Splits an article into sentences with exact offsets. Rule-based: fast and predictable. */
import type { Span } from './document';

/** A sentence: its span in the document, and its index in reading order. */
export interface Sentence extends Span {
  readonly index: number;
}

// Words after which a full stop does not end a sentence.
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'sgt',
  'gov',
  'sen',
  'rep',
  'rev',
  'hon',
  'pres',
  'no',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mt',
  'ft',
  'approx',
  'est',
  'fig',
  'al',
  'e.g',
  'i.e',
  'u.s',
  'u.k',
  'u.n',
  'e.u',
  'a.m',
  'p.m',
]);

const CLOSERS = new Set(['"', "'", '\u201d', '\u2019', ')', ']', '\u00bb']);

/**
 * Sentences end at a line break, or at `.`, `!`, `?` (plus closing quotes/brackets) followed by
 * white space and an upper-case letter, digit or opening quote, unless the word before the
 * full stop is a known abbreviation or a single initial.
 */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e, index: out.length });
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r') {
      push(i);
      start = i + 1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?') continue;
    let end = i + 1;
    while (end < text.length && (text[end] === '.' || text[end] === '!' || text[end] === '?')) end++;
    while (end < text.length && CLOSERS.has(text[end]!)) end++;
    if (
      end < text.length &&
      text[end] !== ' ' &&
      text[end] !== '\t' &&
      text[end] !== '\n' &&
      text[end] !== '\r'
    )
      continue;
    let next = end;
    while (next < text.length && (text[next] === ' ' || text[next] === '\t')) next++;
    if (
      next < text.length &&
      text[next] !== '\n' &&
      text[next] !== '\r' &&
      !/[\p{Lu}\p{N}"'\u201c\u2018([\u00ab\u201e]/u.test(text[next]!)
    )
      continue;
    if (ch === '.' && isAbbreviation(text, i)) continue;
    push(end);
    start = end;
    i = end - 1;
  }
  push(text.length);
  return out;
}

function isAbbreviation(text: string, dot: number): boolean {
  let s = dot;
  while (s > 0 && /[\p{L}.]/u.test(text[s - 1]!)) s--;
  const word = text.slice(s, dot).toLowerCase();
  if (word.length === 1 && /\p{L}/u.test(word)) return true; // an initial: "J. Smith"
  return ABBREVIATIONS.has(word);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}
