/**
 * Finds occurrences of known names in a text: a table keyed by each name's first word, so a
 * scan costs one lookup per word of the text however many names the corpus knows (a regular
 * expression of every name took time proportional to names × text, quadratic in corpus size).
 * Matches are leftmost-longest and never overlap, and a name never starts or ends inside a word.
 */
import type { Span } from '../text/document';

const WORD = /[\p{L}\p{N}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** A word starting with a capital or a digit: where nearly every name starts. */
const CAPITAL_WORD = /(?<![\p{L}\p{N}])[\p{Lu}\p{Lt}\p{N}][\p{L}\p{N}]*/gu;
const CAPITAL = /^[\p{Lu}\p{Lt}\p{N}]/u;

/** Known names grouped by their first word, longest first. */
export class NameTable {
  readonly #byFirstWord = new Map<string, string[]>();
  /** Names that do not start with a letter or digit (rare): tried at every word start. */
  readonly #odd: string[] = [];
  /** First words that do not start with a capital or a digit ("al-Qaeda", "de Gaulle"); few. */
  readonly lowerFirstWords: string[] = [];

  constructor(names: Iterable<string>) {
    for (const name of new Set(names)) {
      if (name.length < 2) continue;
      const first = firstWord(name);
      if (first === undefined) {
        this.#odd.push(name);
        continue;
      }
      const list = this.#byFirstWord.get(first);
      if (list) list.push(name);
      else this.#byFirstWord.set(first, [name]);
      if (!list && !CAPITAL.test(first)) this.lowerFirstWords.push(first);
    }
    for (const list of this.#byFirstWord.values()) list.sort(longestFirst);
    this.#odd.sort(longestFirst);
  }

  /**
   * Adds a name (a corpus name that came), as the constructor would have: among names of one
   * first word, longest first (of two names of one length, at most one fits at a place).
   */
  add(name: string): void {
    if (name.length < 2) return;
    const first = firstWord(name);
    const list = first === undefined ? this.#odd : this.#byFirstWord.get(first);
    if (list?.includes(name)) return;
    if (!list) {
      this.#byFirstWord.set(first!, [name]);
      if (!CAPITAL.test(first!)) this.lowerFirstWords.push(first!);
      return;
    }
    const at = list.findIndex((n) => n.length < name.length);
    list.splice(at < 0 ? list.length : at, 0, name);
  }

  /** Removes a name (a corpus name that went). */
  delete(name: string): void {
    const first = firstWord(name);
    const list = first === undefined ? this.#odd : this.#byFirstWord.get(first);
    const at = list?.indexOf(name) ?? -1;
    if (at < 0) return;
    list!.splice(at, 1);
    if (list!.length > 0 || first === undefined) return;
    this.#byFirstWord.delete(first);
    const lower = this.lowerFirstWords.indexOf(first);
    if (lower >= 0) this.lowerFirstWords.splice(lower, 1);
  }

  /** The longest name of this table starting at `at` (where `word` begins), or undefined. */
  longestAt(text: string, at: number, word: string): string | undefined {
    for (const name of this.#byFirstWord.get(word) ?? []) if (fits(text, at, name)) return name;
    return undefined;
  }

  /** The longest name starting with a non-word character at `at`. */
  oddAt(text: string, at: number): string | undefined {
    for (const name of this.#odd) if (fits(text, at, name)) return name;
    return undefined;
  }

  get hasOdd(): boolean {
    return this.#odd.length > 0;
  }
}

/** A name's first word when it starts with a letter or digit; undefined for a name that does not. */
function firstWord(name: string): string | undefined {
  WORD.lastIndex = 0;
  const first = WORD.exec(name);
  return first && first.index === 0 ? first[0] : undefined;
}

function longestFirst(a: string, b: string): number {
  return b.length - a.length;
}

function fits(text: string, at: number, name: string): boolean {
  return text.startsWith(name, at) && !isWordAt(text, at + name.length) && !isWordAt(text, at - 1);
}

/** Whether the unit at `i` of the text is a letter or digit (WORD_CHAR), read from its code in ASCII (this runs at every name tried). */
function isWordAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  return c < 128
    ? (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
    : WORD_CHAR.test(text[i]!);
}

/** Every occurrence of a name of any of the tables, leftmost-longest, without overlaps. */
export function findKnownNames(
  text: string,
  tables: readonly NameTable[],
): (Span & { readonly text: string })[] {
  const out: (Span & { text: string })[] = [];
  const odd = tables.filter((t) => t.hasOdd);
  let taken = 0;
  const words = odd.length > 0 ? wordStarts(text) : candidateStarts(text, tables);
  for (let w = words.next(); !w.done; w = words.next(taken)) {
    const [at, word] = w.value;
    if (at < taken) continue;
    let best: string | undefined;
    let bestAt = at;
    // a name starting with punctuation just before this word ("'t Hooft")
    for (const t of odd) {
      for (let p = Math.max(taken, at - 3); p < at; p++) {
        const name = t.oddAt(text, p);
        if (name && (!best || p < bestAt || (p === bestAt && name.length > best.length))) {
          best = name;
          bestAt = p;
        }
      }
    }
    if (!best) {
      for (const t of tables) {
        const name = t.longestAt(text, at, word);
        if (name && (!best || name.length > best.length)) best = name;
      }
    }
    if (!best) continue;
    out.push({ start: bestAt, end: bestAt + best.length, text: best });
    taken = bestAt + best.length;
  }
  return out;
}

/** Every word of the text, in order: [offset, word]; `next(from)` skips to words at `from` or after. */
function* wordStarts(text: string): Generator<[number, string], void, number | undefined> {
  const re = new RegExp(WORD.source, 'gu');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const from: number | undefined = yield [m.index, m[0]];
    if (from !== undefined && from > re.lastIndex) re.lastIndex = from;
  }
}

/**
 * The words a name of the tables can start at, in order: those starting with a capital or a digit
 * (where nearly every name starts), and the occurrences of the few first words that do not
 * ("van der Westhuyzen"). Most words of a text are neither and are never looked up.
 */
function* candidateStarts(
  text: string,
  tables: readonly NameTable[],
): Generator<[number, string], void, number | undefined> {
  const lower: [number, string][] = [];
  for (const word of new Set(tables.flatMap((t) => t.lowerFirstWords))) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      const end = at + word.length;
      if ((at === 0 || !WORD_CHAR.test(text[at - 1]!)) && (end >= text.length || !WORD_CHAR.test(text[end]!)))
        lower.push([at, word]);
    }
  }
  lower.sort((a, b) => a[0] - b[0]);
  const re = new RegExp(CAPITAL_WORD.source, 'gu');
  let m = re.exec(text);
  let i = 0;
  while (m || i < lower.length) {
    let from: number | undefined;
    if (m && (i >= lower.length || m.index < lower[i]![0])) {
      from = yield [m.index, m[0]];
      m = re.exec(text);
    } else {
      from = yield lower[i++]!;
    }
    if (from !== undefined) {
      while (m && m.index < from) {
        re.lastIndex = from;
        m = re.exec(text);
      }
      while (i < lower.length && lower[i]![0] < from) i++;
    }
  }
}
