/**
 * A greedy averaged-perceptron tagger for names (PER/LOC/ORG/MISC, BIO tags), trained on
 * CoNLL-2003 by scripts/train-ner.mjs. Fast and dependency-free: it reads plain tokens.
 */
import { features, sentenceContext, TAGS, type Tag } from './features';
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

export class Tagger {
  readonly #weights: Map<string, Float64Array>;

  constructor(model: TaggerModel) {
    this.#weights = new Map();
    for (const [feature, pairs] of Object.entries(model.weights)) {
      const row = new Float64Array(TAGS.length);
      for (let k = 0; k < pairs.length; k += 2) row[pairs[k]!] = pairs[k + 1]!;
      this.#weights.set(feature, row);
    }
  }

  /** Tags one sentence's tokens. */
  tag(tokens: readonly Token[]): Tag[] {
    const ctx = sentenceContext(tokens);
    const out: Tag[] = [];
    const scores = new Float64Array(TAGS.length);
    for (let i = 0; i < tokens.length; i++) {
      // a lower-case word or punctuation outside a name is never a name's first word in news
      // (CoNLL-2003 dev scores the same with and without this shortcut): skip scoring it
      const prev = out[i - 1];
      if ((prev === undefined || prev === 'O') && PLAIN.test(ctx.shapes[i]!)) {
        out.push('O');
        continue;
      }
      scores.fill(0);
      for (const f of features(ctx, i, out[i - 1] ?? '<s>', out[i - 2] ?? '<s>')) {
        const row = this.#weights.get(f);
        if (row) for (let c = 0; c < row.length; c++) scores[c]! += row[c]!;
      }
      let best = 0;
      for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
      out.push(TAGS[best]!);
    }
    return out;
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
    if (last && s.start - last.end <= 1 && !fullName(s) && !fullName(last)) out[out.length - 1] = { start: last.start, end: s.end, type: s.type };
    else out.push(s);
  }
  return out;
}
