/**
 * A fast part-of-speech tagger (Penn Treebank tags): a greedy averaged perceptron, trained on the
 * POS column of CoNLL-2003 by scripts/train-pos.mjs (features and training in pos-train.ts).
 *
 * Made for speed, since it reads every sentence of every article: frequent words that always take
 * one tag ("the", ",", "of") come from a tag dictionary without scoring; for any other word the
 * sum of the features of the word itself, and what it gives its neighbours, are worked out once
 * and remembered by word, so tagging a token is a copy, a few sparse additions and an argmax.
 */
import { normalizeWord, shape } from '../entities/tagger/features';
import { tokenize, type Token } from '../entities/tagger/tokenize';
import { END, neighbourFeatures, START, wordFeatures } from './pos-train';
import model from './pos-model.json';

/**
 * The trained model: the tags; the open classes (the tags an unknown word may take); the tag
 * dictionary (word → tag index); the tags each other frequent word may take (word → tag
 * indices); and, by feature, pairs of tag index and weight (integers).
 */
export interface PosModel {
  readonly version: number;
  readonly tags: readonly string[];
  readonly open: readonly number[];
  readonly dictionary: Readonly<Record<string, number>>;
  readonly classes: Readonly<Record<string, readonly number[]>>;
  readonly weights: Readonly<Record<string, readonly number[]>>;
}

/** A token with its tag. */
export interface TaggedWord extends Token {
  readonly tag: string;
}

/** What a word brings, written one way (plain, or in a headline in capitals): rows as offsets into the weights. */
interface Features {
  /** The sum of the word's own features, by tag (integers: exact in float32). */
  readonly own: Float32Array;
  /** The sums of the rows it gives the word after it and the word before it, by tag. */
  readonly asPrev: Float32Array;
  readonly asNext: Float32Array;
  /** Its row for the word two after it and two before it, or -1. */
  readonly asPrev2: number;
  readonly asNext2: number;
  /** Its `t-1,w` row by previous tag (index: tag, or the tag count for the sentence start), -1 for none. */
  readonly afterTag: Int32Array | undefined;
  /** Its row as a sentence's first word, or -1. */
  readonly first: number;
}

/** A word as written: its letters (for telling headlines), its dictionary tag, the tags it may take, its features. */
interface Word {
  readonly word: string;
  readonly upper: number;
  readonly letters: number;
  /** Tag index from the dictionary, or -1. */
  readonly known: number;
  readonly candidates: Uint8Array;
  plain?: Features;
  caps?: Features;
}

/** Words remembered at most (the memory stays flat however much is read). */
const REMEMBERED = 20_000;

export class PosTagger {
  readonly tags: readonly string[];
  /** Every feature's row, one after another (`tags.length` weights each); integers, so exact in float32. */
  readonly #rows: Float32Array;
  /** Where each feature's row starts in `#rows`, by name (the tag-conditioned ones apart). */
  readonly #offsets = new Map<string, number>();
  readonly #dictionary = new Map<string, number>();
  readonly #classes = new Map<string, Uint8Array>();
  readonly #open: Uint8Array;
  /** Rows by previous tag, and by the two previous tags (index prev2 * (T + 1) + prev; T is the start), -1 for none. */
  readonly #prev: Int32Array;
  readonly #prev2: Int32Array;
  /** The `t-1,w` rows by word, then previous tag. */
  readonly #afterTag = new Map<string, Int32Array>();
  readonly #words = new Map<string, Word>();
  readonly #start: Features;
  readonly #end: Features;
  readonly #remember: number;
  /** The rows of the token being scored (besides its own and its neighbours' sums). */
  readonly #active = new Int32Array(8);

  constructor(model: PosModel, { remember = REMEMBERED }: { readonly remember?: number } = {}) {
    this.tags = model.tags;
    this.#remember = Math.max(1, remember);
    const t = model.tags.length;
    const tagIndex = new Map(model.tags.map((tag, i) => [tag, i]));
    tagIndex.set(START, t);
    this.#prev = new Int32Array(t + 1).fill(-1);
    this.#prev2 = new Int32Array((t + 1) * (t + 1)).fill(-1);
    const entries = Object.entries(model.weights);
    this.#rows = new Float32Array(entries.length * t);
    entries.forEach(([feature, pairs], k) => {
      const at = k * t;
      for (let p = 0; p < pairs.length; p += 2) this.#rows[at + pairs[p]!] = pairs[p + 1]!;
      const eq = feature.indexOf('=');
      const template = feature.slice(0, eq);
      const value = feature.slice(eq + 1);
      const space = value.indexOf(' ');
      if (template === 't-1') this.#prev[tagIndex.get(value)!] = at;
      else if (template === 't-2,t-1')
        this.#prev2[tagIndex.get(value.slice(0, space))! * (t + 1) + tagIndex.get(value.slice(space + 1))!] =
          at;
      else if (template === 't-1,w') {
        const word = value.slice(space + 1);
        let rows = this.#afterTag.get(word);
        if (!rows) this.#afterTag.set(word, (rows = new Int32Array(t + 1).fill(-1)));
        rows[tagIndex.get(value.slice(0, space))!] = at;
      } else this.#offsets.set(feature, at);
    });
    for (const [word, tag] of Object.entries(model.dictionary)) this.#dictionary.set(word, tag);
    for (const [word, tags] of Object.entries(model.classes)) this.#classes.set(word, Uint8Array.from(tags));
    this.#open = Uint8Array.from(model.open);
    this.#start = this.#features(START, START);
    this.#end = this.#features(END, END);
  }

  /** Penn tags of one sentence's words, one a word. */
  tag(words: readonly string[]): string[] {
    const found = this.tagIndices(words);
    const out = new Array<string>(found.length);
    for (let i = 0; i < found.length; i++) out[i] = this.tags[found[i]!]!;
    return out;
  }

  /** The same, as indices into `tags`. */
  tagIndices(words: readonly string[]): number[] {
    const n = words.length;
    const found = new Array<Word>(n);
    let upper = 0;
    let letters = 0;
    for (let i = 0; i < n; i++) {
      const w = this.#word(words[i]!);
      found[i] = w;
      upper += w.upper;
      letters += w.letters;
    }
    // as sentenceContext tells a headline in capitals
    const caps = letters > 8 && upper / letters > 0.6;
    const fs = new Array<Features>(n);
    for (let i = 0; i < n; i++) fs[i] = this.#featuresOf(found[i]!, caps);
    const t = this.tags.length;
    const rows = this.#rows;
    const active = this.#active;
    const out = new Array<number>(n);
    let prev = t;
    let prev2 = t;
    for (let i = 0; i < n; i++) {
      const w = found[i]!;
      let best = w.known;
      if (best < 0) {
        const f = fs[i]!;
        const before = i > 0 ? fs[i - 1]!.asPrev : this.#start.asPrev;
        const after = i + 1 < n ? fs[i + 1]!.asNext : this.#end.asNext;
        let r = 0;
        const before2 = i > 1 ? fs[i - 2]!.asPrev2 : this.#start.asPrev2;
        if (before2 >= 0) active[r++] = before2;
        const after2 = i + 2 < n ? fs[i + 2]!.asNext2 : this.#end.asNext2;
        if (after2 >= 0) active[r++] = after2;
        if (i === 0 && f.first >= 0) active[r++] = f.first;
        if (this.#prev[prev]! >= 0) active[r++] = this.#prev[prev]!;
        const p2 = this.#prev2[prev2 * (t + 1) + prev]!;
        if (p2 >= 0) active[r++] = p2;
        const afterTag = f.afterTag ? f.afterTag[prev]! : -1;
        if (afterTag >= 0) active[r++] = afterTag;
        const candidates = w.candidates;
        let top = -Infinity;
        for (let j = 0; j < candidates.length; j++) {
          const c = candidates[j]!;
          let score = f.own[c]! + before[c]! + after[c]!;
          for (let k = 0; k < r; k++) score += rows[active[k]! + c]!;
          if (score > top) {
            top = score;
            best = c;
          }
        }
      }
      out[i] = best;
      prev2 = prev;
      prev = best;
    }
    return out;
  }

  #word(word: string): Word {
    let w = this.#words.get(word);
    if (w) return w;
    if (this.#words.size >= this.#remember) this.#words.clear();
    const normal = normalizeWord(word);
    let upper = 0;
    let letters = 0;
    for (const ch of normal) {
      const code = ch.charCodeAt(0);
      if (code < 128) {
        if (code >= 65 && code <= 90) {
          upper++;
          letters++;
        } else if (code >= 97 && code <= 122) letters++;
      } else if (/\p{Lu}/u.test(ch)) {
        upper++;
        letters++;
      } else if (/\p{L}/u.test(ch)) letters++;
    }
    // a copy of a long word: a piece of the article's text may hold on to all of it
    const key = word.length < 13 ? word : word.split('').join('');
    w = {
      word: normal,
      upper,
      letters,
      known: this.#dictionary.get(normal) ?? -1,
      candidates: this.#classes.get(normal) ?? this.#open,
    };
    this.#words.set(key, w);
    return w;
  }

  #featuresOf(w: Word, caps: boolean): Features {
    if (caps) return (w.caps ??= this.#features(w.word.toLowerCase(), `C${shape(w.word)}`));
    return (w.plain ??= this.#features(w.word.toLowerCase(), shape(w.word)));
  }

  #features(lw: string, sh: string): Features {
    const t = this.tags.length;
    const sum = (names: readonly string[]): Float32Array => {
      const out = new Float32Array(t);
      for (const f of names) {
        const at = this.#offsets.get(f);
        if (at !== undefined) for (let c = 0; c < t; c++) out[c]! += this.#rows[at + c]!;
      }
      return out;
    };
    // two places away the feature is the word alone
    const [two] = neighbourFeatures(2, lw, sh);
    const [twoBefore] = neighbourFeatures(-2, lw, sh);
    return {
      own: sum(wordFeatures(lw, sh)),
      asPrev: sum(neighbourFeatures(-1, lw, sh)),
      asNext: sum(neighbourFeatures(1, lw, sh)),
      asPrev2: this.#offsets.get(twoBefore!) ?? -1,
      asNext2: this.#offsets.get(two!) ?? -1,
      afterTag: this.#afterTag.get(lw),
      first: this.#offsets.get(`first,sh=${sh}`) ?? -1,
    };
  }
}

let tagger: PosTagger | undefined;

/** The tagger of the shipped model (made on first use). */
export function posTagger(): PosTagger {
  return (tagger ??= new PosTagger(model as PosModel));
}

/** Penn Treebank tags of one sentence's tokens (split as tokenize.ts splits, "n't" apart), one a token. */
export function tagPartsOfSpeech(tokens: readonly string[]): string[] {
  return posTagger().tag(tokens);
}

/**
 * The tokens of a sentence's text (or of text[from, to)) with their tags: tokenize.ts's tokens, with
 * clitics apart the way Penn has them ("didn't" → "did" "n't", "they're" → "they" "'re").
 */
export function partsOfSpeech(text: string, from = 0, to = text.length): TaggedWord[] {
  const tokens = splitClitics(tokenize(text, from, to));
  const tags = tagPartsOfSpeech(tokens.map((t) => t.text));
  return tokens.map((t, i) => ({ ...t, tag: tags[i]! }));
}

const CLITIC = /^(.+?)(n['\u2019]t|['\u2019](?:re|ve|ll|d|m))$/iu;

/** "didn't" → "did" "n't", "we'll" → "we" "'ll" (offsets kept). */
export function splitClitics(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const m = t.text.length > 2 ? CLITIC.exec(t.text) : null;
    if (!m) {
      out.push(t);
      continue;
    }
    const cut = t.start + m[1]!.length;
    out.push({ start: t.start, end: cut, text: m[1]! }, { start: cut, end: t.end, text: m[2]! });
  }
  return out;
}

/** Verb tags: VB, VBD, VBG, VBN, VBP, VBZ (MD, a modal, is not one). */
export function isVerbTag(tag: string): boolean {
  return tag.startsWith('VB');
}

/** Noun tags: NN, NNS, NNP, NNPS. */
export function isNounTag(tag: string): boolean {
  return tag.startsWith('NN');
}
