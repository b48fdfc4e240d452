#!/usr/bin/env node
/**
 * Trains the part-of-speech tagger from the POS column of CoNLL-2003 (default
 * ../shared/data/conll2003/eng.train) and writes the model that the product ships,
 * src/core/pipeline/words/pos-model.json. Reproducible: the same data gives the same model. The
 * data itself never enters the repository, only learned weights. With --eval, then measures it
 * (test/eval/pos.ts: accuracy on eng.testa, speed against the entity tagger).
 *
 *   node scripts/train-pos.mjs [--file <CoNLL file>] [--epochs N] [--eval] [--out <model.json>]
 *       [--min-weight W] [--dict-count N] [--class-count N]   (trying other settings: see pos-train.ts)
 *   node scripts/train-pos.mjs --eval-only                   (npm run eval:pos)
 */
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
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
const out = resolve(arg('--out', join(root, 'src', 'core', 'pipeline', 'words', 'pos-model.json')));
mkdirSync(join(root, 'out', 'tools'), { recursive: true });

if (!process.argv.includes('--eval-only')) {
  if (!existsSync(file)) {
    console.error(`train-pos: no training data at ${file}`);
    process.exit(2);
  }
  await esbuild.build({
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    entryPoints: [join(root, 'src/core/pipeline/words/pos-train.ts')],
    outfile: join(root, 'out/tools/pos-train.js'),
  });
  const { trainPosTagger } = createRequire(import.meta.url)(join(root, 'out/tools/pos-train.js'));

  /** CoNLL rows (word POS chunk NER) → sentences of words and POS tags. */
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
    words.push(cols[0]);
    tags.push(cols[1]);
  }
  flush();

  const t0 = performance.now();
  const model = trainPosTagger(sentences, {
    epochs: Number(arg('--epochs', 8)),
    ...(arg('--min-weight') ? { minWeight: Number(arg('--min-weight')) } : {}),
    ...(arg('--dict-count') ? { dictionaryCount: Number(arg('--dict-count')) } : {}),
    ...(arg('--class-count') ? { classCount: Number(arg('--class-count')) } : {}),
    onEpoch: (e, acc) =>
      console.log(
        `epoch ${e}: token accuracy ${(acc * 100).toFixed(2)}% (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      ),
  });
  writeFileSync(out, JSON.stringify(model));
  console.log(
    `${sentences.length} sentences; ${model.tags.length} tags; ${Object.keys(model.dictionary).length} words in the tag dictionary; ${Object.keys(model.weights).length} features kept; wrote ${out} (${(readFileSync(out).length / 1048576).toFixed(2)} MB)`,
  );
}

if (process.argv.includes('--eval') || process.argv.includes('--eval-only')) {
  await esbuild.build({
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    sourcemap: true,
    sourcesContent: false,
    absWorkingDir: root,
    entryPoints: ['test/eval/pos.ts'],
    outfile: 'out/eval/pos.js',
  });
  const { status } = spawnSync(
    process.execPath,
    ['--enable-source-maps', join(root, 'out', 'eval', 'pos.js'), '--train', file, '--model', out],
    { cwd: root, stdio: 'inherit' },
  );
  process.exitCode = status ?? 1;
}
