#!/usr/bin/env node
/**
 * Trains the entity tagger from CoNLL-2003 (default ../shared/data/conll2003/eng.train) and writes
 * the model that the product ships, src/core/pipeline/entities/tagger/model.json. Reproducible: the same
 * data gives the same model. The data itself never enters the repository, only learned weights.
 *
 *   node scripts/train-ner.mjs [--file <CoNLL file>] [--epochs N]
 */
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const file = resolve(arg('--file', join(root, '..', 'shared', 'data', 'conll2003', 'eng.train')));
if (!existsSync(file)) {
  console.error(`train-ner: no training data at ${file}`);
  process.exit(2);
}

mkdirSync(join(root, 'out', 'tools'), { recursive: true });
await esbuild.build({
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
  entryPoints: [join(root, 'src/core/pipeline/entities/tagger/train.ts')],
  outfile: join(root, 'out/tools/train.js'),
});
const { trainTagger } = createRequire(import.meta.url)(join(root, 'out/tools/train.js'));

/** CoNLL rows → sentences with BIO tags (the file uses IOB1: I-X after anything but X starts an entity). */
const sentences = [];
let words = [];
let tags = [];
const flush = () => {
  if (words.length) sentences.push({ words, tags });
  words = [];
  tags = [];
};
for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
  if (line.startsWith('-DOCSTART-') || line.trim() === '') {
    flush();
    continue;
  }
  const cols = line.split(' ');
  const word = cols[0];
  const iob = cols[cols.length - 1];
  const type = iob === 'O' ? '' : iob.slice(2);
  const prev = tags[tags.length - 1];
  const bio = !type
    ? 'O'
    : iob.startsWith('B-') || !prev || prev === 'O' || prev.slice(2) !== type
      ? `B-${type}`
      : `I-${type}`;
  words.push(word);
  tags.push(bio);
}
flush();

const t0 = performance.now();
const model = trainTagger(sentences, {
  epochs: Number(arg('--epochs', 8)),
  onEpoch: (e, acc) =>
    console.log(
      `epoch ${e}: token accuracy ${(acc * 100).toFixed(2)}% (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    ),
});
const out = join(root, 'src', 'core', 'entities', 'tagger', 'model.json');
writeFileSync(out, JSON.stringify(model));
console.log(
  `${sentences.length} sentences; ${Object.keys(model.weights).length} features kept; wrote ${out} (${(readFileSync(out).length / 1048576).toFixed(1)} MB)`,
);
