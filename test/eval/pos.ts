/**
 * The part-of-speech tagger measured on CoNLL-2003's POS column (default: the dev set, eng.testa):
 * token accuracy overall, on verbs (gold VB*) and nouns (gold NN*), on words seen in training
 * (eng.train, --train) and unseen ones; and its speed in tokens a second against the entity tagger
 * on the same tokens in the same run (best of several rounds in which the two take turns, after a
 * warm-up round).
 *
 *   node out/eval/pos.js [--file <path>] [--train <path>] [--json <out.json>]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Tagger, type TaggerModel } from '../../src/core/pipeline/entities/tagger/tagger';
import type { Token } from '../../src/core/pipeline/entities/tagger/tokenize';
import nerModel from '../../src/core/pipeline/entities/tagger/model.json';
import { PosTagger, type PosModel } from '../../src/core/pipeline/words/pos-tagger';
import shippedModel from '../../src/core/pipeline/words/pos-model.json';
import { option, repoRoot } from './script-args';

interface Sentence {
  readonly words: string[];
  readonly tags: string[];
}

function read(path: string): Sentence[] {
  const out: Sentence[] = [];
  let s: Sentence = { words: [], tags: [] };
  for (const row of readFileSync(path, 'utf8').split(/\r?\n/)) {
    if (row.startsWith('-DOCSTART-') || row.trim() === '') {
      if (s.words.length > 0) out.push(s);
      s = { words: [], tags: [] };
      continue;
    }
    const [word, tag] = row.split(' ');
    s.words.push(word!);
    s.tags.push(tag!);
  }
  if (s.words.length > 0) out.push(s);
  return out;
}

const data = join(repoRoot(), '..', 'shared', 'data', 'conll2003');
const file = resolve(option('--file') ?? join(data, 'eng.testa'));
const trainFile = resolve(option('--train') ?? join(data, 'eng.train'));
if (!existsSync(file)) {
  console.log(`pos: skipped: data not found (${file})`);
  process.exit(0);
}
const sentences = read(file);
const modelFile = option('--model');
const posModel: PosModel = modelFile
  ? (JSON.parse(readFileSync(modelFile, 'utf8')) as PosModel)
  : (shippedModel as PosModel);
const seen = new Set(existsSync(trainFile) ? read(trainFile).flatMap((s) => s.words) : []);

const counts = new Map<string, { right: number; all: number }>();
const count = (group: string, right: boolean): void => {
  const c = counts.get(group) ?? { right: 0, all: 0 };
  c.all++;
  if (right) c.right++;
  counts.set(group, c);
};
const confusions = new Map<string, number>();
const pos = new PosTagger(posModel);
for (const s of sentences) {
  const guessed = pos.tag(s.words);
  s.words.forEach((word, i) => {
    const gold = s.tags[i]!;
    const right = guessed[i] === gold;
    count('all', right);
    if (gold.startsWith('VB')) count('verbs (VB*)', right);
    if (gold.startsWith('NN')) count('nouns (NN*)', right);
    count(seen.size === 0 ? 'all' : seen.has(word) ? 'known words' : 'unknown words', right);
    // a verb found as a verb, whatever its form: what the event extractor needs
    if (gold.startsWith('VB')) count('verbs found as VB* (any form)', guessed[i]!.startsWith('VB'));
    if (!right)
      confusions.set(`${gold} → ${guessed[i]}`, (confusions.get(`${gold} → ${guessed[i]}`) ?? 0) + 1);
  });
}
console.log(`pos: CoNLL-2003 ${file.split('/').pop()}: ${sentences.length} sentences`);
const figures: Record<string, unknown> = {};
for (const [group, c] of counts) {
  console.log(`  ${group.padEnd(32)} ${((100 * c.right) / c.all).toFixed(2)}%  (${c.right} / ${c.all})`);
  figures[group] = { accuracy: c.right / c.all, tokens: c.all };
}
console.log(
  `  most frequent errors (gold → guessed): ${[...confusions]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);

// speed: the same tokens through both taggers, several passes each, after a warm-up pass
const tokens: Token[][] = sentences.map((s) => {
  let at = 0;
  return s.words.map((text) => {
    const t = { start: at, end: at + text.length, text };
    at += text.length + 1;
    return t;
  });
});
const words = sentences.map((s) => s.words);
const total = words.reduce((n, w) => n + w.length, 0);
const PASSES = 15;
/** Best time of each run over PASSES rounds, the runs taking turns in each round (a busy machine slows both alike), after a warm-up round. */
function time(...runs: (() => void)[]): number[] {
  for (const run of runs) run();
  const best = runs.map(() => Infinity);
  for (let p = 0; p < PASSES; p++) {
    runs.forEach((run, k) => {
      const t0 = performance.now();
      run();
      best[k] = Math.min(best[k]!, performance.now() - t0);
    });
  }
  return best;
}
const freshPos = new PosTagger(posModel);
const ner = new Tagger(nerModel as TaggerModel);
const [posMs, nerMs] = time(
  () => {
    for (const w of words) freshPos.tag(w);
  },
  () => {
    for (const t of tokens) ner.tag(t);
  },
) as [number, number];
// the cold case: a new tagger on each pass, nothing remembered
const [posColdMs] = time(() => {
  const p = new PosTagger(posModel);
  for (const w of words) p.tag(w);
}) as [number];
const rate = (ms: number): string => `${Math.round(total / (ms / 1000)).toLocaleString('en-US')} tokens/s`;
console.log(
  `  speed (${total} tokens, best of ${PASSES}): POS ${rate(posMs)}; NER ${rate(nerMs)}; POS is ${(nerMs / posMs).toFixed(1)}× faster per token`,
);
console.log(
  `  POS with a new tagger each pass (model loading and every word worked out afresh): ${rate(posColdMs)}`,
);
figures.speed = {
  tokens: total,
  posTokensPerSecond: total / (posMs / 1000),
  nerTokensPerSecond: total / (nerMs / 1000),
  ratio: nerMs / posMs,
  posColdTokensPerSecond: total / (posColdMs / 1000),
};
const json = option('--json');
if (json) writeFileSync(json, JSON.stringify(figures, null, 2) + '\n');
