/**
 * How much a word says: its inverse document frequency in a fixed sample of news (CoNLL-2003's
 * training articles; scripts/build-word-weights.mjs). "said" weighs little, "earthquake" much.
 */
import table from './document-frequency.json';

const { documents, words } = table as { documents: number; words: Record<string, number> };
const frequency = new Map(Object.entries(words));

/** The weight of a lower-cased word: ln((N + 1) / (df + 1)), highest for words the sample lacks. */
export function wordWeight(word: string): number {
  return Math.log((documents + 1) / ((frequency.get(word) ?? 0) + 1));
}
