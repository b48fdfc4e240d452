/**
 * Word tokens with exact offsets, split the way news corpora are (CoNLL/Penn style): punctuation
 * and possessive endings apart ("Lukashenko's" → "Lukashenko" "'s"), abbreviations and
 * initials kept whole ("U.S.", "J."), hyphenated words kept whole ("Djate-Taillard").
 */

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:[.'\u2019&-][\p{L}\p{M}\p{N}]+)*\.?|[^\s\p{L}\p{M}\p{N}]/gu;
const ABBREVIATION =
  /^(?:\p{L}\.)+$|^(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|Gen|Lt|Col|Maj|Capt|Sgt|Gov|Sen|Rep|Rev|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Ltd|Co|Corp|No|vs|etc|Mt|Ft|Ave|Bros)\.$/u;

export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const slice = text.slice(from, to);
  WORD.lastIndex = 0;
  for (let m = WORD.exec(slice); m; m = WORD.exec(slice)) {
    let start = from + m.index;
    let word = m[0];
    // a final full stop belongs to abbreviations and initials only
    if (word.length > 1 && word.endsWith('.') && !ABBREVIATION.test(word)) {
      push(out, start, word.slice(0, -1));
      push(out, start + word.length - 1, '.');
      continue;
    }
    const possessive = /^(.+?)(['\u2019]s)$/u.exec(word);
    if (possessive && possessive[1]!.length > 0) {
      push(out, start, possessive[1]!);
      start += possessive[1]!.length;
      word = possessive[2]!;
    }
    push(out, start, word);
  }
  return out;
}

function push(out: Token[], start: number, text: string): void {
  out.push({ start, end: start + text.length, text });
}
