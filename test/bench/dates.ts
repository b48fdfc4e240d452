/**
 * Date-expression throughput on ../shared/data/bbc-news: publicationDate (no manifest, so it
 * looks for a dateline and otherwise infers from the text) then findDates anchored on it, the
 * two date steps the corpus runs on every article. Few BBC articles carry a date, and relative
 * expressions are only resolved with one, so a second pass gives every article a publication
 * date as corpus.yaml would (2005-06-30; the set is from 2004–2005). Sentences are split
 * beforehand and not counted. Throughput is per core, from process CPU time (robust on a busy
 * machine).
 *
 *   node out/bench/dates.js [--dir <bbc-news folder>] [--limit <articles>] [--json <out.json>]
 *
 * `--limit` takes that many articles spread over the set (the whole set by default).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDocument, type CorpusDocument } from '../../src/core/pipeline/text/document';
import { splitSentences, type Sentence } from '../../src/core/pipeline/text/sentences';
import { decodeArticle } from '../../src/core/pipeline/text/decode';
import { findDates } from '../../src/core/pipeline/dates/date-expressions';
import { publicationDate } from '../../src/core/pipeline/dates/published';
import { option, repoRoot, sample } from '../eval/script-args';

function cpuSeconds(work: () => void): number {
  const c0 = process.cpuUsage();
  work();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

const dir = resolve(option('--dir') ?? join(repoRoot(), '..', 'shared', 'data', 'bbc-news'));
if (!existsSync(dir)) {
  console.log(`dates bench skipped: data not found at ${dir}`);
  process.exit(0);
}
let texts: string[] = [];
for (const topic of readdirSync(dir).sort()) {
  const folder = join(dir, topic);
  if (!statSync(folder).isDirectory()) continue;
  for (const file of readdirSync(folder).sort()) {
    const decoded = decodeArticle(readFileSync(join(folder, file)));
    if (decoded.ok) texts.push(decoded.text);
  }
}
const limit = option('--limit');
if (limit !== undefined) texts = sample(texts, Number(limit));
/** Fresh documents and sentence lists (findDates keeps its matches per sentence list, so runs must not share them). */
const prepare = (): { doc: CorpusDocument; sentences: Sentence[] }[] =>
  texts.map((t, i) => ({ doc: createDocument(String(i), t), sentences: splitSentences(t) }));
const kb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1024;
const sentences = prepare().reduce((n, a) => n + a.sentences.length, 0);

/** Both date steps over every article; `manifest` stands in for corpus.yaml's date. */
function run(manifest: string | undefined): { cpu: number; dates: number; dated: number } {
  const articles = prepare();
  let dates = 0;
  let dated = 0;
  const cpu = cpuSeconds(() => {
    for (const { doc, sentences } of articles) {
      const published = publicationDate(doc, sentences, manifest);
      if (published) dated++;
      dates += findDates(doc, sentences, published?.interval).length;
    }
  });
  return { cpu, dates, dated };
}

// warm-up (regular expressions compile and the JIT settles on the first articles), not measured
for (const { doc, sentences } of prepare().slice(0, 100))
  findDates(doc, sentences, publicationDate(doc, sentences, undefined)?.interval);
const inferred = run(undefined);
const given = run('2005-06-30');
const rate = (cpu: number): string =>
  `${Math.round(kb / cpu)} KB/s (${((1000 * cpu) / sentences).toFixed(2)} ms per sentence)`;
const rows = [
  ['articles', `${texts.length} (${(kb / 1024).toFixed(2)} MB, ${sentences} sentences)`],
  ['publication date found in the text', `${inferred.dated} articles`],
  ['date steps, date from the text, per core', rate(inferred.cpu)],
  ['date steps, date given, per core', rate(given.cpu)],
  ['date expressions found (date given)', String(given.dates)],
];
for (const [k, v] of rows) console.log(`${k.padEnd(46)} ${v}`);
const json = option('--json');
if (json)
  writeFileSync(
    json,
    JSON.stringify(
      {
        articles: texts.length,
        kb,
        sentences,
        inferred: { ...inferred, kbPerCoreSecond: kb / inferred.cpu },
        given: { ...given, kbPerCoreSecond: kb / given.cpu },
      },
      null,
      2,
    ),
  );
