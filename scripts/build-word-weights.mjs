#!/usr/bin/env node
/**
 * `npm run build:word-weights`: how many documents of CoNLL-2003 eng.train (946 Reuters articles,
 * unlabelled use of its words) hold each lower-cased word, for the inverse document frequencies
 * event grouping weighs clause words by. A fixed table keeps a pair's score a function of the two
 * reports alone, whatever else the corpus holds. Words in fewer than 2 documents are left out
 * (they weigh as rare as can be). Writes src/core/pipeline/words/document-frequency.json.
 *
 *   node scripts/build-word-weights.mjs [--file ../shared/data/conll2003/eng.train] [--check]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--file');
const file = i >= 0 ? process.argv[i + 1] : join(root, '..', 'shared', 'data', 'conll2003', 'eng.train');
const out = join(root, 'src', 'core', 'pipeline', 'words', 'document-frequency.json');
if (!existsSync(file)) {
  console.log(`skipped: ${file} not found`);
  process.exit(process.argv.includes('--check') ? 0 : 1);
}
const counts = new Map();
let documents = 0;
let seen = new Set();
const flush = () => {
  for (const w of seen) counts.set(w, (counts.get(w) ?? 0) + 1);
  seen = new Set();
};
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (line.startsWith('-DOCSTART-')) {
    if (seen.size > 0) documents++;
    flush();
    continue;
  }
  const word = line.split(' ')[0];
  if (word && /^\p{L}[\p{L}'-]*$/u.test(word)) seen.add(word.toLowerCase());
}
if (seen.size > 0) documents++;
flush();
const words = [...counts].filter(([, n]) => n >= 2).sort((a, b) => (a[0] < b[0] ? -1 : 1));
const json =
  JSON.stringify({ source: 'CoNLL-2003 eng.train', documents, words: Object.fromEntries(words) }) + '\n';
if (process.argv.includes('--check')) {
  const same = existsSync(out) && readFileSync(out, 'utf8') === json;
  console.log(
    same ? 'document-frequency.json is up to date' : 'document-frequency.json differs from a fresh build',
  );
  process.exit(same ? 0 : 1);
}
writeFileSync(out, json);
console.log(`${words.length} words over ${documents} documents written to ${out}`);
