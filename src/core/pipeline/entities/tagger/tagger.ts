/**
 * A greedy averaged-perceptron tagger for names (PER/LOC/ORG/MISC, BIO tags), trained on
 * CoNLL-2003 by scripts/train-ner.mjs. Fast and dependency-free: it reads plain tokens.
 */
import { isTitleMid, sentenceContext, TAGS, type Tag } from './features';
import type { Token } from './tokenize';

/** The trained model: for each feature, pairs of class index and weight. */
export interface TaggerModel {
  readonly version: number;
  readonly tags: readonly string[];
  readonly weights: Readonly<Record<string, readonly number[]>>;
}

/** A tagged name: token range and type. */
export interface TaggedSpan {
  readonly start: number;
  readonly end: number;
  readonly type: 'PER' | 'LOC' | 'ORG' | 'MISC';
}

// a shape of lower-case letters, digits or punctuation only (no capital anywhere)
const PLAIN = /^[-xd.,;:!?'"()]+$/;

type Row = Float64Array;

/** Templates of `features` whose value is one string of the context: the model's rows by that value. */
const SINGLE = [
  'w',
  'sh',
  'p1',
  'p3',
  's2',
  's3',
  's4',
  'w-1',
  'w+1',
  'w-2',
  'w+2',
  'sh-1',
  'sh+1',
  't-1',
  'len',
  'first,sh',
  'caps,w',
  'hyph-last',
] as const;
/** Templates of `features` whose value is the previous tag, a comma and a string (a tag has no comma): rows by tag, then string. */
const AFTER_TAG = ['t-2,t-1', 't-1,w', 't-1,sh'] as const;
/**
 * Templates of `features` whose value is two strings with a comma between: rows by the first,
 * then the second, for values of one comma (those of more, where a word or shape holds a comma,
 * are looked up by name).
 */
const PAIR = ['sh-1,sh', 'sh,sh+1', 'w-1,w', 'w,w+1'] as const;
/** Words whose sums are remembered at most (the memory stays flat however much is read). */
const REMEMBERED = 50_000;

/**
 * The model's rows by template and value, so tagging looks features up without making their
 * names: one lookup per feature, most with strings whose hash the engine already keeps.
 */
interface Tables {
  readonly single: Record<(typeof SINGLE)[number], Map<string, Row>>;
  readonly afterTag: Record<(typeof AFTER_TAG)[number], Map<string, Map<string, Row>>>;
  readonly pair: Record<(typeof PAIR)[number], Map<string, Map<string, Row>>>;
}

export class Tagger {
  /** The rows of the features not in `#tables` (the bias, odd pairs of values holding commas, ...) by name, as the model has them. */
  readonly #weights = new Map<string, Row>();
  readonly #tables: Tables = {
    single: Object.fromEntries(SINGLE.map((t) => [t, new Map()])) as Tables['single'],
    afterTag: Object.fromEntries(AFTER_TAG.map((t) => [t, new Map()])) as Tables['afterTag'],
    pair: Object.fromEntries(PAIR.map((t) => [t, new Map()])) as Tables['pair'],
  };
  /** Where the sum of the first eight features' rows (bias, word, shape, affixes: the word's alone) is in `#sums`, by word. */
  readonly #wordSums = new Map<string, number>();
  #sums = new Float64Array(0);

  /** How many word sums are remembered at most. */
  readonly #remember: number;

  constructor(model: TaggerModel, { remember = REMEMBERED }: { readonly remember?: number } = {}) {
    this.#remember = Math.max(1, remember);
    const single = this.#tables.single as Record<string, Map<string, Row> | undefined>;
    const afterTag = this.#tables.afterTag as Record<string, Map<string, Map<string, Row>> | undefined>;
    const pair = this.#tables.pair as Record<string, Map<string, Map<string, Row>> | undefined>;
    for (const [feature, pairs] of Object.entries(model.weights)) {
      const row = new Float64Array(TAGS.length);
      for (let k = 0; k < pairs.length; k += 2) row[pairs[k]!] = pairs[k + 1]!;
      // a template's name never holds "=": the first one ends it
      const eq = feature.indexOf('=');
      const template = eq < 0 ? feature : feature.slice(0, eq);
      const value = feature.slice(eq + 1);
      const comma = value.indexOf(',');
      const byFirst =
        comma < 0
          ? undefined
          : (afterTag[template] ?? (comma === value.lastIndexOf(',') ? pair[template] : undefined));
      if (eq >= 0 && single[template]) {
        single[template].set(value, row);
        continue;
      }
      if (!byFirst) {
        this.#weights.set(feature, row);
        continue;
      }
      const first = value.slice(0, comma);
      let rows = byFirst.get(first);
      if (!rows) byFirst.set(first, (rows = new Map()));
      rows.set(value.slice(comma + 1), row);
    }
  }

  /** Tags one sentence's tokens. */
  tag(tokens: readonly Token[]): Tag[] {
    return this.#run(tokens);
  }

  /** Each token's scores by class (undefined for a token tagged without scoring), and the tags. */
  scores(tokens: readonly Token[]): { readonly tags: Tag[]; readonly scores: (Float64Array | undefined)[] } {
    const scores: (Float64Array | undefined)[] = [];
    return { tags: this.#run(tokens, scores), scores };
  }

  #run(tokens: readonly Token[], kept?: (Float64Array | undefined)[]): Tag[] {
    const ctx = sentenceContext(tokens);
    const out: Tag[] = [];
    const scores = new Float64Array(TAGS.length);
    const add = (row: Row | undefined | null): void => {
      if (row) for (let c = 0; c < row.length; c++) scores[c]! += row[c]!;
    };
    const { single, afterTag, pair } = this.#tables;
    const both = (template: (typeof PAIR)[number], a: string, b: string): Row | undefined =>
      a.includes(',') || b.includes(',')
        ? this.#weights.get(`${template}=${a},${b}`)
        : pair[template].get(a)?.get(b);
    const n = tokens.length;
    const lowerAt = (k: number): string => (k < 0 ? '<s>' : k >= n ? '</s>' : ctx.lower[k]!);
    const shapeAt = (k: number): string => (k < 0 ? '<s>' : k >= n ? '</s>' : ctx.shapes[k]!);
    for (let i = 0; i < n; i++) {
      // a lower-case word or punctuation outside a name is never a name's first word in news
      // (CoNLL-2003 dev scores the same with and without this shortcut): skip scoring it
      const prev = out[i - 1] ?? '<s>';
      if ((prev === 'O' || i === 0) && PLAIN.test(ctx.shapes[i]!)) {
        out.push('O');
        kept?.push(undefined);
        continue;
      }
      const prev2 = out[i - 2] ?? '<s>';
      const w = ctx.words[i]!;
      const lw = ctx.lower[i]!;
      const sh = ctx.shapes[i]!;
      // the rows of `features(ctx, i, prev, prev2)`, added in its order, so the sums are the same to the last bit
      this.#startWith(scores, w, lw, sh);
      add(single['w-1'].get(lowerAt(i - 1)));
      add(single['w+1'].get(lowerAt(i + 1)));
      add(single['w-2'].get(lowerAt(i - 2)));
      add(single['w+2'].get(lowerAt(i + 2)));
      add(single['sh-1'].get(shapeAt(i - 1)));
      add(single['sh+1'].get(shapeAt(i + 1)));
      add(both('sh-1,sh', shapeAt(i - 1), sh));
      add(both('sh,sh+1', sh, shapeAt(i + 1)));
      add(single['t-1'].get(prev));
      add(afterTag['t-2,t-1'].get(prev2)?.get(prev));
      add(afterTag['t-1,w'].get(prev)?.get(lw));
      add(afterTag['t-1,sh'].get(prev)?.get(sh));
      add(both('w-1,w', lowerAt(i - 1), lw));
      add(both('w,w+1', lw, lowerAt(i + 1)));
      add(single.len.get(String(Math.min(w.length, 8))));
      if (i === 0) add(single['first,sh'].get(sh));
      if (ctx.shouting) {
        add(single['caps,w'].get(lw));
        add(this.#weights.get('caps'));
      }
      if (i > 0 && isTitleMid(w)) add(this.#weights.get('title-mid'));
      if (w.includes('-')) add(single['hyph-last'].get(lw.split('-').pop()!));
      let best = 0;
      for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
      out.push(TAGS[best]!);
      kept?.push(scores.slice());
    }
    return out;
  }

  /**
   * Puts into `scores` the sum, in `features`' order, of the rows of the first eight features,
   * which depend on the word alone; the sums are remembered by word, one after another in `#sums`.
   */
  #startWith(scores: Row, w: string, lw: string, sh: string): void {
    const width = TAGS.length;
    let at = this.#wordSums.get(w);
    if (at === undefined) {
      if (this.#wordSums.size >= this.#remember) this.#wordSums.clear();
      at = this.#wordSums.size * width;
      if (at + width > this.#sums.length) {
        const grown = new Float64Array(
          Math.min(this.#remember * width, Math.max(1024, this.#sums.length * 2)),
        );
        grown.set(this.#sums.subarray(0, at));
        this.#sums = grown;
      }
      const { single } = this.#tables;
      const rows = [
        this.#weights.get('b'),
        single.w.get(lw),
        single.sh.get(sh),
        single.p1.get(lw.slice(0, 1)),
        single.p3.get(lw.slice(0, 3)),
        single.s2.get(lw.slice(-2)),
        single.s3.get(lw.slice(-3)),
        single.s4.get(lw.slice(-4)),
      ];
      for (let c = 0; c < width; c++) this.#sums[at + c] = 0;
      for (const row of rows) if (row) for (let c = 0; c < width; c++) this.#sums[at + c]! += row[c]!;
      // a copy of a long word: a piece of the article's text may hold on to all of it
      this.#wordSums.set(w.length < 13 ? w : w.split('').join(''), at);
    }
    for (let c = 0; c < width; c++) scores[c] = this.#sums[at + c]!;
  }
}

/** Turns BIO tags into spans of character offsets (an I- after another type starts a span). */
export function spansOf(tokens: readonly Token[], tags: readonly Tag[]): TaggedSpan[] {
  const spans: TaggedSpan[] = [];
  let open: { start: number; end: number; type: TaggedSpan['type'] } | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const tag = tags[i]!;
    const type = tag === 'O' ? undefined : (tag.slice(2) as TaggedSpan['type']);
    if (open && (tag === 'O' || tag.startsWith('B-') || type !== open.type)) {
      spans.push(open);
      open = undefined;
    }
    if (type) {
      if (open) open.end = tokens[i]!.end;
      else open = { start: tokens[i]!.start, end: tokens[i]!.end, type };
    }
  }
  if (open) spans.push(open);
  return mergeAdjacent(spans, tokens);
}

/**
 * Touching spans are one name the greedy tagger broke up ("Christopher" "W." "Smith",
 * "Russian" "Direct Investment Fund"); the last part, where the head word stands, decides the
 * type. A full person name stands alone: "Belarus" "Alexander Lukashenko" stay two.
 */
function mergeAdjacent(spans: TaggedSpan[], tokens: readonly Token[]): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  const words = (s: TaggedSpan): number => tokens.filter((t) => t.start >= s.start && t.end <= s.end).length;
  for (const s of spans) {
    const last = out[out.length - 1];
    const fullName = (x: TaggedSpan): boolean => x.type === 'PER' && words(x) >= 2;
    if (last && s.start - last.end <= 1 && !fullName(s) && !fullName(last))
      out[out.length - 1] = { start: last.start, end: s.end, type: s.type };
    else out.push(s);
  }
  return out;
}
