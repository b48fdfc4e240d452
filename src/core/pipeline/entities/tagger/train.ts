/**
 * Trains the tagger: an averaged perceptron over the features in features.ts, greedy left to
 * right, on BIO-tagged sentences. Deterministic (fixed shuffling seed), so training is reproducible.
 */
import { features, sentenceContext, TAGS, type Tag } from './features';
import type { TaggerModel } from './tagger';

/** One training sentence: words and their BIO tags. */
export interface TrainingSentence {
  readonly words: readonly string[];
  readonly tags: readonly Tag[];
}

export interface TrainingOptions {
  readonly epochs?: number;
  /** Features seen fewer times than this are dropped from the model (keeps it small). */
  readonly minCount?: number;
  /** Averaged weights smaller than this (absolute) are dropped. */
  readonly minWeight?: number;
  readonly onEpoch?: (epoch: number, accuracy: number) => void;
}

export function trainTagger(
  sentences: readonly TrainingSentence[],
  options: TrainingOptions = {},
): TaggerModel {
  const epochs = options.epochs ?? 8;
  const n = TAGS.length;
  const index = new Map<Tag, number>(TAGS.map((t, i) => [t, i]));
  // weights, their running totals for averaging, and when each was last updated
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
      const ctx = sentenceContext(s.words.map((text, k) => ({ start: k, end: k + 1, text })));
      const guessed: Tag[] = [];
      for (let i = 0; i < s.words.length; i++) {
        clock++;
        const fs = features(ctx, i, guessed[i - 1] ?? '<s>', guessed[i - 2] ?? '<s>');
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
        all++;
        // condition later words on our own guesses, as tagging will
        guessed.push(TAGS[best]!);
      }
    }
    options.onEpoch?.(epoch, right / all);
  }
  const minCount = options.minCount ?? 2;
  const minWeight = options.minWeight ?? 0.005;
  const weights: Record<string, number[]> = {};
  for (const [f, r] of w) {
    if (r.count < minCount) continue;
    const pairs: number[] = [];
    for (let c = 0; c < n; c++) {
      const total = r.total[c]! + (clock - r.stamp[c]!) * r.w[c]!;
      const avg = total / clock;
      if (Math.abs(avg) >= minWeight) pairs.push(c, Math.round(avg * 1000) / 1000);
    }
    if (pairs.length > 0) weights[f] = pairs;
  }
  return { version: 1, tags: [...TAGS], weights };
}
