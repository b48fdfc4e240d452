/**
 * Entity-recognition throughput and memory on ../shared/data/bbc-news (2,225 articles, 5 MB):
 * sentence splitting + tokenising + tagging + name cleaning (detectMentions), the step that
 * runs on every article. Throughput is given per core from process CPU time (robust on a busy
 * machine) and from wall time; compromise's bare parse of the same text is the yardstick.
 *
 *   node out/bench/ner.js [--dir <bbc-news folder>] [--json <out.json>]
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import nlp from 'compromise';
import { createDocument } from '../../src/core/pipeline/text/document';
import { splitSentences } from '../../src/core/pipeline/text/sentences';
import { decodeArticle } from '../../src/core/pipeline/text/decode';
import { detectMentions } from '../../src/core/pipeline/entities/mentions';
import { option, repoRoot } from '../eval/script-args';

/** Runs `work` and returns wall and CPU seconds. */
function measure(work: () => void): { wall: number; cpu: number } {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  work();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

const dir = resolve(option('--dir') ?? join(repoRoot(), '..', 'shared', 'data', 'bbc-news'));
if (!existsSync(dir)) {
  console.log(`ner bench skipped: data not found at ${dir}`);
  process.exit(0);
}
const texts: string[] = [];
let skipped = 0;
for (const topic of readdirSync(dir)) {
  const folder = join(dir, topic);
  if (!statSync(folder).isDirectory()) continue;
  for (const file of readdirSync(folder)) {
    const decoded = decodeArticle(readFileSync(join(folder, file)));
    if (decoded.ok) texts.push(decoded.text);
    else skipped++;
  }
}
const kb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1024;
detectMentions(
  createDocument('warm-up', 'Alexander Lukashenko met Keith Kellogg in Minsk.'),
  splitSentences('Alexander Lukashenko met Keith Kellogg in Minsk.'),
);
let mentions = 0;
const ours = measure(() => {
  texts.forEach((text, i) => {
    mentions += detectMentions(createDocument(String(i), text), splitSentences(text)).length;
  });
});
const peakMb = process.resourceUsage().maxRSS / 1024;
const sample = texts.slice(0, Math.ceil(texts.length / 10));
const sampleKb = sample.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1024;
const yardstick = measure(() => {
  for (const t of sample) nlp(t).json();
});

const rows = [
  ['articles', `${texts.length} (${skipped} not UTF-8, skipped)`],
  ['text', `${(kb / 1024).toFixed(2)} MB`],
  ['mentions found', String(mentions)],
  ['entity recognition, per core (CPU time)', `${Math.round(kb / ours.cpu)} KB/s`],
  ['entity recognition, wall clock', `${Math.round(kb / ours.wall)} KB/s`],
  ['compromise bare parse, per core (10% sample)', `${Math.round(sampleKb / yardstick.cpu)} KB/s`],
  ['peak memory (RSS)', `${Math.round(peakMb)} MB`],
];
for (const [k, v] of rows) console.log(`${k.padEnd(46)} ${v}`);
const json = option('--json');
if (json)
  writeFileSync(
    json,
    JSON.stringify(
      {
        rows,
        articles: texts.length,
        kb,
        mentions,
        nerKbPerCoreSecond: kb / ours.cpu,
        nerKbPerWallSecond: kb / ours.wall,
        compromiseKbPerCoreSecond: sampleKb / yardstick.cpu,
        peakRssMb: peakMb,
      },
      null,
      2,
    ),
  );
