/**
 * Trains the part-of-speech tagger of pos-tagger.ts: an averaged perceptron over the features of
 * `posFeatures`, greedy left to right, conditioned on its own previous guesses, on sentences with
 * Penn Treebank tags (CoNLL-2003's POS column, by scripts/train-pos.mjs). Frequent words that
 * always take one tag (and could not be a noun or verb elsewhere) go to a tag dictionary and are
 * not scored at all; any other word seen in training is scored over the tags it had there and
 * their sisters (a noun may be a verb, a past tense a participle), an unseen word over the open
 * classes. A word seen once trains without the features naming it, as an unseen word is tagged.
 * Deterministic (fixed shuffling seed): the same data gives the same model.
 *
 * Measured on eng.testa while choosing (npm run eval:pos; all tokens): dropping the features
 * naming a word seen once, 95.28 → 95.34 %; classes for words seen 5, 2, 1 times: 95.34, 95.44,
 * 95.53 %; with sisters, 95.56 %; nouns and verbs kept out of the dictionary (so "attack" can be a
 * verb), 95.51 %. Training over the classes too was worse (95.14 %); word-pair features
 * (w-1,w / w,w+1 / t-1,s3) gave +0.04 points for 40 % more model; less pruning, nothing.
 */
import { sentenceContext, type SentenceContext } from '../entities/tagger/features';
import type { PosModel } from './pos-tagger';

/** One training sentence: words and their Penn tags. */
export interface PosTrainingSentence {
  readonly words: readonly string[];
  readonly tags: readonly string[];
}

export interface PosTrainingOptions {
  readonly epochs?: number;
  /** Features seen fewer times than this (in the first epoch) are dropped from the model. */
  readonly minCount?: number;
  /** Averaged weights smaller than this (absolute, before scaling) are dropped. */
  readonly minWeight?: number;
  /** A word goes to the tag dictionary when seen at least this often ... */
  readonly dictionaryCount?: number;
  /** ... with one tag at least this share of the time. */
  readonly dictionaryShare?: number;
  /** A word seen at least this often is given only the tags it had in training; any other word, the open classes. */
  readonly classCount?: number;
  readonly onEpoch?: (epoch: number, accuracy: number) => void;
}

/** Weights are kept as integers (the averaged weight times this): sums are exact in any order. */
export const WEIGHT_SCALE = 1000;

/** The sentence as the tagger sees it (normalised words, lower case, shapes, headline or not). */
export function posContext(words: readonly string[]): SentenceContext {
  return sentenceContext(words.map((text) => ({ start: 0, end: 0, text })));
}

/** The shape feature's value: in a headline in capitals a capital says nothing, so its shapes are apart. */
export function shapeValue(ctx: SentenceContext, i: number): string {
  return ctx.shouting ? `C${ctx.shapes[i]!}` : ctx.shapes[i]!;
}

/**
 * The features of the word itself, in order (the tagger adds them up once per word and keeps the sum).
 * Affixes of a long word only: a short word's "suffix" is the word.
 */
export function wordFeatures(lw: string, sh: string): string[] {
  const f = ['b', `w=${lw}`, `sh=${sh}`, `p1=${lw.slice(0, 1)}`];
  if (lw.length > 3) f.push(`p2=${lw.slice(0, 2)}`);
  f.push(`s1=${lw.slice(-1)}`);
  if (lw.length > 2) f.push(`s2=${lw.slice(-2)}`);
  if (lw.length > 3) f.push(`s3=${lw.slice(-3)}`);
  if (lw.length > 4) f.push(`s4=${lw.slice(-4)}`);
  const hyphen = lw.lastIndexOf('-');
  if (hyphen > 0 && hyphen < lw.length - 1) f.push(`hl=${lw.slice(hyphen + 1)}`);
  return f;
}

/** The features a word gives the word `offset` places after it (offset -1: it is the previous word). */
export function neighbourFeatures(offset: -2 | -1 | 1 | 2, lw: string, sh: string): string[] {
  const o = offset > 0 ? `+${offset}` : String(offset);
  if (offset === -2 || offset === 2) return [`w${o}=${lw}`];
  return [`w${o}=${lw}`, `s3${o}=${lw.length > 3 ? lw.slice(-3) : lw}`, `sh${o}=${sh}`];
}

/** What stands before the first word and after the last. */
export const START = '<s>';

/** Templates naming a word (the neighbours' and, after the previous tag, its own). */
const WORD_TEMPLATES = new Set(['w', 'w-1', 'w+1', 'w-2', 'w+2']);
/** The word a word-identity feature names ('' for other features). */
function wordOf(f: string): string {
  const eq = f.indexOf('=');
  const template = f.slice(0, eq);
  if (WORD_TEMPLATES.has(template)) return f.slice(eq + 1);
  if (template === 't-1,w') return f.slice(f.indexOf(' ') + 1);
  return '';
}
export const END = '</s>';

/**
 * The feature strings of token i given the two previous tags (START before the first). The tagger
 * looks up the same features without making these strings (tested against this list).
 */
export function posFeatures(ctx: SentenceContext, i: number, prev: string, prev2: string): string[] {
  const n = ctx.words.length;
  const lw = ctx.lower[i]!;
  const sh = shapeValue(ctx, i);
  const f = wordFeatures(lw, sh);
  for (const offset of [-1, 1, -2, 2] as const) {
    const k = i + offset;
    const edge = offset < 0 ? START : END;
    f.push(
      ...neighbourFeatures(
        offset,
        k < 0 || k >= n ? edge : ctx.lower[k]!,
        k < 0 || k >= n ? edge : shapeValue(ctx, k),
      ),
    );
  }
  if (i === 0) f.push(`first,sh=${sh}`);
  f.push(`t-1=${prev}`, `t-2,t-1=${prev2} ${prev}`, `t-1,w=${prev} ${lw}`);
  return f;
}

export function trainPosTagger(
  sentences: readonly PosTrainingSentence[],
  options: PosTrainingOptions = {},
): PosModel {
  const epochs = options.epochs ?? 8;
  const tags = [...new Set(sentences.flatMap((s) => s.tags))].sort();
  const n = tags.length;
  const index = new Map(tags.map((t, i) => [t, i]));
  const { dictionary, classes, open } = wordClasses(
    sentences,
    tags,
    options.dictionaryCount ?? 20,
    options.dictionaryShare ?? 0.97,
    options.classCount ?? 1,
  );
  const contexts = sentences.map((s) => posContext(s.words));
  const seen = new Map<string, number>();
  for (const ctx of contexts) for (const lw of ctx.lower) seen.set(lw, (seen.get(lw) ?? 0) + 1);
  const once = new Set([...seen].filter(([, k]) => k === 1).map(([lw]) => lw));

  const w = new Map<string, { w: Float64Array; total: Float64Array; stamp: Float64Array; count: number }>();
  let clock = 0;
  const row = (f: string) => {
    let r = w.get(f);
    if (!r) {
      r = { w: new Float64Array(n), total: new Float64Array(n), stamp: new Float64Array(n), count: 0 };
      w.set(f, r);
    }
    return r;
  };
  const update = (f: string, c: number, delta: number): void => {
    const r = row(f);
    r.total[c]! += (clock - r.stamp[c]!) * r.w[c]!;
    r.stamp[c] = clock;
    r.w[c]! += delta;
  };
  const order = sentences.map((_, i) => i);
  let seed = 42;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const scores = new Float64Array(n);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let right = 0;
    let all = 0;
    for (const si of order) {
      const s = sentences[si]!;
      const ctx = contexts[si]!;
      const guessed: string[] = [];
      for (let i = 0; i < s.words.length; i++) {
        all++;
        const known = dictionary[ctx.words[i]!];
        if (known !== undefined) {
          guessed.push(tags[known]!);
          if (tags[known] === s.tags[i]) right++;
          continue;
        }
        clock++;
        // a word seen once trains as an unknown word will be tagged: by its affixes and shape, not its name
        const fs = posFeatures(ctx, i, guessed[i - 1] ?? START, guessed[i - 2] ?? START).filter(
          (f) => !once.has(wordOf(f)),
        );
        scores.fill(0);
        for (const f of fs) {
          const r = w.get(f);
          if (epoch === 1) row(f).count++;
          if (r) for (let c = 0; c < n; c++) scores[c]! += r.w[c]!;
        }
        let best = 0;
        for (let c = 1; c < n; c++) if (scores[c]! > scores[best]!) best = c;
        const truth = index.get(s.tags[i]!)!;
        if (best !== truth) {
          for (const f of fs) {
            update(f, truth, 1);
            update(f, best, -1);
          }
        } else right++;
        // condition later words on our own guesses, as tagging will
        guessed.push(tags[best]!);
      }
    }
    options.onEpoch?.(epoch, right / all);
  }
  const minCount = options.minCount ?? 2;
  const minWeight = options.minWeight ?? 0.05;
  const weights: Record<string, number[]> = {};
  for (const [f, r] of w) {
    if (r.count < minCount) continue;
    const pairs: number[] = [];
    for (let c = 0; c < n; c++) {
      const avg = (r.total[c]! + (clock - r.stamp[c]!) * r.w[c]!) / clock;
      if (Math.abs(avg) >= minWeight) pairs.push(c, Math.round(avg * WEIGHT_SCALE));
    }
    if (pairs.length > 0) weights[f] = pairs;
  }
  const sorted = <T>(record: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { version: 1, tags, open, dictionary: sorted(dictionary), classes: sorted(classes), weights };
}

/**
 * The tags English lets a word of a tag also take, seen in training or not: a noun is also a
 * verb ("attack", "attacks"), a past tense also a participle ("laid"), and the other way round.
 */
const SISTERS: Readonly<Record<string, readonly string[]>> = {
  NN: ['VB', 'VBP'],
  NNS: ['VBZ'],
  VB: ['NN', 'VBP'],
  VBP: ['NN', 'VB'],
  VBZ: ['NNS'],
  VBD: ['VBN'],
  VBN: ['VBD', 'JJ'],
  JJ: ['VBN'],
};

/**
 * From the training words (as written, normalised): the tag dictionary (words seen at least
 * `dictionaryCount` times with one tag at least `dictionaryShare` of the time: word → tag index),
 * the tags each word seen at least `classCount` times had, with their sisters (word → tag indices), and the open
 * classes: the tags of at least 0.1 % of the rare words' (seen once or twice) tokens, which an
 * unknown word may take.
 */
function wordClasses(
  sentences: readonly PosTrainingSentence[],
  tags: readonly string[],
  dictionaryCount: number,
  dictionaryShare: number,
  classCount: number,
): { dictionary: Record<string, number>; classes: Record<string, number[]>; open: number[] } {
  const counts = new Map<string, Map<string, number>>();
  for (const s of sentences) {
    posContext(s.words).words.forEach((word, i) => {
      let byTag = counts.get(word);
      if (!byTag) counts.set(word, (byTag = new Map()));
      byTag.set(s.tags[i]!, (byTag.get(s.tags[i]!) ?? 0) + 1);
    });
  }
  const dictionary: Record<string, number> = Object.create(null);
  const classes: Record<string, number[]> = Object.create(null);
  const rare = new Map<string, number>();
  let rareTokens = 0;
  for (const [word, byTag] of counts) {
    let total = 0;
    let top = '';
    let most = 0;
    for (const [tag, k] of byTag) {
      total += k;
      if (k > most) {
        most = k;
        top = tag;
      }
    }
    // a noun, verb or participle may be the other in other news ("attack", "rose"): scored, over its class
    if (total >= dictionaryCount && most / total >= dictionaryShare && !SISTERS[top])
      dictionary[word] = tags.indexOf(top);
    else if (total >= classCount)
      classes[word] = [...new Set([...byTag.keys()].flatMap((t) => [t, ...(SISTERS[t] ?? [])]))]
        .map((t) => tags.indexOf(t))
        .filter((c) => c >= 0)
        .sort((a, b) => a - b);
    if (total <= 2) {
      for (const [tag, k] of byTag) rare.set(tag, (rare.get(tag) ?? 0) + k);
      rareTokens += total;
    }
  }
  const open = tags.map((t, i) => ((rare.get(t) ?? 0) >= 0.001 * rareTokens ? i : -1)).filter((i) => i >= 0);
  return { dictionary, classes, open };
}
