/**
 * Features of one token for the entity tagger: the word, its shape and affixes, its neighbours,
 * and the tags already given to the words before it. Shared by training and tagging, so both
 * see exactly the same evidence.
 */
import type { Token } from './tokenize';

/** The classes the tagger predicts (BIO over CoNLL's four types). */
export const TAGS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC'] as const;
export type Tag = (typeof TAGS)[number];

/** "Lukashenko" → "Xx", "U.S." → "X.X.", "1994" → "d", "mid-August" → "x-Xx". */
export function shape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const c = charClass(ch);
    if (c !== last) out += c;
    last = c;
  }
  return out;
}

/** X upper-case letter, x other letter, d digit, else the character itself. ASCII without regexes: this runs per character. */
function charClass(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 128)
    return code >= 65 && code <= 90
      ? 'X'
      : code >= 97 && code <= 122
        ? 'x'
        : code >= 48 && code <= 57
          ? 'd'
          : ch;
  return /\p{Lu}/u.test(ch) ? 'X' : /\p{L}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
}

/** Quotes and dashes in one spelling, so curly and straight quotes look alike. */
export function normalizeWord(word: string): string {
  if (/^[ -_a-~]*$/.test(word)) return word; // printable ASCII but the backtick: nothing to map
  return word
    .replace(/[\u2018\u2019\u201b`\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-');
}

/** Context shared by the tokens of one sentence. */
export interface SentenceContext {
  readonly words: readonly string[];
  readonly lower: readonly string[];
  readonly shapes: readonly string[];
  /** Most letters are capitals: a headline, where capitals say little. */
  readonly shouting: boolean;
}

export function sentenceContext(tokens: readonly Token[]): SentenceContext {
  const words = tokens.map((t) => normalizeWord(t.text));
  const shapes = words.map(shape);
  let upper = 0;
  let letters = 0;
  for (const w of words) {
    for (const ch of w) {
      const c = charClass(ch);
      if (c === 'X') {
        upper++;
        letters++;
      } else if (c === 'x') letters++;
    }
  }
  return {
    words,
    lower: words.map((w) => w.toLowerCase()),
    shapes,
    shouting: letters > 8 && upper / letters > 0.6,
  };
}

/** A word with a capital first but not all capitals ("Minsk", not "EU"). */
export function isTitleMid(w: string): boolean {
  const first = w.charCodeAt(0);
  if (first >= 128 || Number.isNaN(first)) return /^\p{Lu}/u.test(w) && !/^\p{Lu}+$/u.test(w);
  if (first < 65 || first > 90) return false;
  // an ASCII capital first: a title word unless every letter after it is a capital (this runs per word)
  for (let k = 1; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (c >= 128) return !/^\p{Lu}+$/u.test(w);
    if (c < 65 || c > 90) return true;
  }
  return false;
}

/**
 * The feature strings of token i, given the two previous tags. `Tagger.tag` looks up the same
 * features in the same order without making these strings (tested against this list).
 */
export function features(ctx: SentenceContext, i: number, prev: string, prev2: string): string[] {
  const w = ctx.words[i]!;
  const lw = ctx.lower[i]!;
  const sh = ctx.shapes[i]!;
  const at = (k: number): string => (k < 0 ? '<s>' : k >= ctx.words.length ? '</s>' : ctx.lower[k]!);
  const shapeAt = (k: number): string => (k < 0 ? '<s>' : k >= ctx.words.length ? '</s>' : ctx.shapes[k]!);
  const f = [
    'b',
    `w=${lw}`,
    `sh=${sh}`,
    `p1=${lw.slice(0, 1)}`,
    `p3=${lw.slice(0, 3)}`,
    `s2=${lw.slice(-2)}`,
    `s3=${lw.slice(-3)}`,
    `s4=${lw.slice(-4)}`,
    `w-1=${at(i - 1)}`,
    `w+1=${at(i + 1)}`,
    `w-2=${at(i - 2)}`,
    `w+2=${at(i + 2)}`,
    `sh-1=${shapeAt(i - 1)}`,
    `sh+1=${shapeAt(i + 1)}`,
    `sh-1,sh=${shapeAt(i - 1)},${sh}`,
    `sh,sh+1=${sh},${shapeAt(i + 1)}`,
    `t-1=${prev}`,
    `t-2,t-1=${prev2},${prev}`,
    `t-1,w=${prev},${lw}`,
    `t-1,sh=${prev},${sh}`,
    `w-1,w=${at(i - 1)},${lw}`,
    `w,w+1=${lw},${at(i + 1)}`,
    `len=${Math.min(w.length, 8)}`,
  ];
  if (i === 0) f.push(`first,sh=${sh}`);
  if (ctx.shouting) f.push(`caps,w=${lw}`, 'caps');
  if (i > 0 && isTitleMid(w)) f.push('title-mid');
  if (w.includes('-')) f.push(`hyph-last=${lw.split('-').pop()}`);
  return f;
}
