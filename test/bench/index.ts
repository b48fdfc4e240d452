/**
 * Indexing at scale (issue 7), on ../shared/data/bbc-news (2,225 articles) and a five-fold copy
 * (11,125 articles; each copy's texts differ by trailing newlines, so every article is analysed
 * and cached on its own: nothing is shared between copies). For each size:
 *   cold index     the whole pipeline from the files on disk, per-article stage on a pool of
 *                  worker threads (one per core), no cache; then the hand-over to the editor
 *                  (a full copy: a structured clone, as postMessage does) and the lookup tables
 *   warm start     a new corpus with the cache files written by the cold run: the files' stamps
 *                  taken and their texts from the stored texts (a file whose stamp changed is
 *                  read and hashed), load the cache (its header: entries are read when first used), take
 *                  the cross-source result and the articles' lists from the snapshot, hand-over,
 *                  lookup tables; then (the indexing thread does it in the background) the
 *                  articles' analyses read from the cache and the resolution the first edit builds on
 *   update         one article edited, five kinds: typing (" the " becomes " the very ": no name
 *                  comes or goes), a sentence naming three known places inserted (entities change,
 *                  clusters stay), a sentence naming two new people inserted (each a cluster of
 *                  its own), a sentence naming a new person by surname alone (no full name has
 *                  it: a cluster of its own) and one naming a known person by surname alone (a
 *                  one-word name in a new article may join another full name: the clusters are
 *                  worked out again); that article analysed
 *                  again, cross-source stage, then the hand-over as the extension makes it: the
 *                  difference from the data handed over before, its structured clone, the
 *                  editor's copy completed, the lookup tables remade where they changed
 *   hover, definition  what the hover and F12 ask the index at 1,000 random positions
 * plus peak memory (RSS of the process, worker threads included), the extension's activation
 * (loading dist/extension.js and running activate() against a stub of the vscode API) and
 * compromise's bare parse of a sample of the same text as a yardstick.
 *
 *   node out/bench/index.js [--dir <bbc-news>] [--sizes 1,5] [--json <out.json>]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import NodeModule, { createRequire } from 'node:module';
import nlp from 'compromise';
import {
  createCorpus,
  createIndex,
  type Corpus,
  type CorpusIndex,
  type IndexData,
} from '../../src/core/incremental/corpus';
import { applyIndexDelta, diffIndexData, type IndexRevision } from '../../src/core/wire/index-delta';
import { diskReader } from '../../src/node/disk-reader';
import { ArticlePool } from '../../src/node/article-pool';
import { SETTLED_MS } from '../../src/node/files';
import { analyserVersion, FileAnalysisCache } from '../../src/node/analysis-cache';
import { nullLogger } from '../../src/core/ports';
import { warmUp } from '../../src/node/warm-up';
import { option, repoRoot } from '../eval/script-args';

const root = repoRoot();
const dir = resolve(option('--dir') ?? join(root, '..', 'shared', 'data', 'bbc-news'));
if (!existsSync(dir)) {
  console.log(`index bench skipped: data not found at ${dir}`);
  process.exit(0);
}
const sizes = (option('--sizes') ?? '1,5').split(',').map(Number);
const EDITS = 9;
const workerFile = join(root, 'dist', 'article-worker.js');
const version = analyserVersion(workerFile);
const work = join(tmpdir(), `corpus-bench-${process.pid}`);
const rows: [string, string][] = [];
const figures: Record<string, number> = {};
const row = (k: string, v: string, key?: string, n?: number): void => {
  rows.push([k, v]);
  console.log(`${k.padEnd(52)} ${v}`);
  if (key !== undefined && n !== undefined) figures[key] = n;
};
const ms = (n: number): string =>
  n >= 1000 ? `${(n / 1000).toFixed(2)} s` : n >= 10 ? `${Math.round(n)} ms` : `${n.toFixed(2)} ms`;
const percentile = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;

/** The articles of the data set as [relative path, bytes]. */
function articles(): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  for (const topic of readdirSync(dir)) {
    const folder = join(dir, topic);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder)) out.push([`${topic}/${file}`, readFileSync(join(folder, file))]);
  }
  return out;
}

/** Writes `copies` copies of the data set (copy k ends with k extra newlines) into a fresh folder. */
function corpusFolder(copies: number): { folder: string; bytes: number; files: number } {
  const folder = join(work, `x${copies}`);
  let bytes = 0;
  let files = 0;
  const source = articles();
  for (let k = 0; k < copies; k++) {
    for (const [path, data] of source) {
      const target = join(folder, `copy${k}`, path);
      mkdirSync(join(target, '..'), { recursive: true });
      const content = Buffer.concat([data, Buffer.from('\n'.repeat(k))]);
      writeFileSync(target, content);
      bytes += content.length;
      files++;
    }
  }
  return { folder, bytes, files };
}

/** The process's peak resident memory so far in MB (worker threads included). */
function peakMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

const peak = (): string => `${Math.round(peakMb())} MB`;

/** Time of `f` in milliseconds. */
async function time<T>(f: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const value = await f();
  return [value, performance.now() - t0];
}

/**
 * The hand-over to the editor as index-worker.ts and corpus-service.ts make it: the indexing
 * thread's delta from what it sent last (the first time, everything), a structured clone of it
 * (what postMessage costs), the editor's copy completed, the lookup tables made from the
 * editor's previous index.
 */
function handOver(corpus: Corpus): (data: IndexData) => CorpusIndex {
  let sent: IndexRevision | undefined;
  let held: IndexRevision | undefined;
  let index: CorpusIndex | undefined;
  return (data) => {
    const next = { revision: (sent?.revision ?? 0) + 1, data };
    const delta = structuredClone(diffIndexData(sent, next, corpus.takePackedEntities(data.entities)));
    sent = next;
    held = applyIndexDelta(held, delta);
    index = createIndex(held.data, index, { mentionTable: held.mentionTable });
    return index;
  };
}

/** What the hover and F12 ask at a position. */
function hover(index: CorpusIndex, document: string, offset: number): number {
  const hit = index.entityAt(document, offset);
  if (hit) {
    const sources = index.sourcesOf(hit.entity.id);
    const events = index.eventsOf(hit.entity.id);
    for (const s of sources.slice(0, 10)) index.document(s.document);
    return sources.length + events.length;
  }
  const date = index.dateAt(document, offset);
  return date ? index.eventsAtDate(document, date).length : 0;
}
function definition(index: CorpusIndex, document: string, offset: number): number {
  const hit = index.entityAt(document, offset);
  return hit ? index.definitions(hit.entity.id, document).length : 0;
}

/** Random positions, half of them on a name (the case that does the most work). */
function positions(index: CorpusIndex, n: number): [string, number][] {
  let seed = 7;
  const rand = (k: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % k;
  };
  const docs = index.documents.filter((d) => d.text.length > 0);
  const out: [string, number][] = [];
  while (out.length < n) {
    const d = docs[rand(docs.length)]!;
    const names = index.mentionsIn(d.id);
    if (out.length % 2 === 0 && names.length > 0) out.push([d.id, names[rand(names.length)]!.mention.start]);
    else out.push([d.id, rand(d.text.length)]);
  }
  return out;
}

async function benchSize(copies: number): Promise<void> {
  const { folder, bytes, files } = corpusFolder(copies);
  // a corpus opened in a session has sat on disk for a while: files written less than SETTLED_MS
  // ago are read every time (their stamps are not vouched for), so the runs wait that long first
  await new Promise((done) => setTimeout(done, SETTLED_MS));
  const mb = bytes / 1048576;
  const label = `${copies}× (${files} articles, ${mb.toFixed(1)} MB)`;
  console.log(`\n${label}`);
  rows.push([`**${label}**`, '']);
  const cacheFile = join(work, `cache-x${copies}.json`);
  const pool = new ArticlePool(workerFile);
  try {
    // cold (in a function of its own, so nothing of it outlives it)
    const coldEntities = await (async (): Promise<number> => {
      const cold = new FileAnalysisCache(cacheFile, version, nullLogger);
      cold.load();
      const coldCorpus = createCorpus({ reader: diskReader(folder), analyser: pool.analyse, cache: cold });
      const [data, coldMs] = await time(() => coldCorpus.analyse());
      const [coldIndex, handMs] = await time(() => handOver(coldCorpus)(data));
      const stats = coldCorpus.stats!;
      row(
        `cold index (${availableParallelism()} threads)`,
        `${ms(coldMs)} · ${(mb / (coldMs / 1000)).toFixed(2)} MB/s`,
        `x${copies}.coldMs`,
        coldMs,
      );
      row(
        '  of which per-article stage · cross-source stage',
        `${ms(stats.articleMs)} · ${ms(stats.crossSourceMs)}`,
      );
      row('  hand-over to the editor + lookup tables', ms(handMs), `x${copies}.handOverMs`, handMs);
      row(
        '  found',
        `${coldIndex.entities.length} entities, ${data.events.length} events, ${data.conflicts.length} conflicts`,
      );
      const [, saveMs] = await time(() => cold.save());
      row('  cache written', `${ms(saveMs)} · ${(statSync(cacheFile).size / 1048576).toFixed(1)} MB`);
      row('  peak memory so far (RSS, all threads)', peak());
      return coldIndex.entities.length;
    })();

    // warm: the cold run's corpus is let go first, as a new session would
    (globalThis as { gc?: () => void }).gc?.();
    const warmCache = new FileAnalysisCache(cacheFile, version, nullLogger);
    const disk = diskReader(folder);
    let reads = 0;
    const corpus = createCorpus({
      reader: {
        ...disk,
        read: (path) => {
          reads++;
          return disk.read(path);
        },
      },
      analyser: pool.analyse,
      cache: warmCache,
    });
    const hand = handOver(corpus);
    const [warmIndex, warmMs] = await time(async () => {
      warmCache.load();
      return hand(await corpus.analyse());
    });
    row(
      'warm start from the cache (cross-source result from its snapshot)',
      ms(warmMs),
      `x${copies}.warmMs`,
      warmMs,
    );
    row('  files read (the rest are unchanged: their stored texts taken)', `${reads - 1} of ${files}`); // and corpus.yaml, absent
    if (warmIndex.entities.length !== coldEntities)
      throw new Error('the warm index differs from the cold one');
    const [prepared, prepareMs] = await time(() => corpus.prepare());
    if (!prepared) throw new Error('the warm start did not use the snapshot');
    row(
      '  then, in the background: the analyses read and the resolution for the first edit',
      ms(prepareMs),
      `x${copies}.prepareMs`,
      prepareMs,
    );
    const [warmed, warmUpMs] = await time(() => warmUp(warmIndex.documents, nullLogger)); // as the indexing thread does next (once per thread)
    if (warmed) row('  and the analysis warmed up for edits (once per thread)', ms(warmUpMs));
    row('  peak memory so far (RSS, all threads)', peak());

    // updates: typing in an article (no name comes or goes: the common edit), a sentence naming
    // three known places inserted (their entities change), one naming two new people and one a
    // new person by surname alone (clusters of their own), one naming a known person by surname
    // alone (the clusters are worked out again); each edit is then undone
    const targets = warmIndex.documents.filter((d) => d.text.length > 500 && d.text.includes(' the '));
    let index = warmIndex;
    const edits: [string, string, (text: string) => string][] = [
      [
        'typing',
        'update after typing in one article (no name comes or goes)',
        (text) => text.replace(' the ', ' the very '),
      ],
      [
        'sentence',
        'update after inserting a sentence naming three known places',
        (text) => {
          const cut = text.indexOf('. ', text.length >> 1) + 2;
          return `${text.slice(0, cut)}Officials from Paris and Berlin met in Geneva on Monday. ${text.slice(cut)}`;
        },
      ],
      [
        'newNames',
        'update after inserting a sentence naming two new people',
        (text) => {
          const cut = text.indexOf('. ', text.length >> 1) + 2;
          return `${text.slice(0, cut)}Jonas Valaitis met Marta Kowalczyk in Geneva on Monday. ${text.slice(cut)}`;
        },
      ],
      [
        'surname',
        'update after inserting a sentence naming a new person by surname alone',
        (text) => {
          const cut = text.indexOf('. ', text.length >> 1) + 2;
          return `${text.slice(0, cut)}Mr Zukauskas said on Monday that the talks would go on. ${text.slice(cut)}`;
        },
      ],
      [
        'knownSurname',
        'update after inserting a sentence naming a known person by surname alone',
        (text) => {
          const cut = text.indexOf('. ', text.length >> 1) + 2;
          return `${text.slice(0, cut)}Mr Blair said on Monday that the talks would go on. ${text.slice(cut)}`;
        },
      ],
    ];
    for (const [key, label, edit] of edits) {
      const times: number[] = [];
      const hands: number[] = [];
      for (let i = 0; i < EDITS; i++) {
        const doc = targets[(i * 7919) % targets.length]!;
        const [data, analyseMs] = await time(() =>
          corpus.update([doc.id], new Map([[doc.id, edit(doc.text)]])),
        );
        if (key === 'newNames' && !data.entities.some((e) => e.name === 'Jonas Valaitis'))
          throw new Error('the new person was not found: the edit measures something else');
        if (key === 'surname' && !data.entities.some((e) => e.name === 'Zukauskas' && e.type === 'person'))
          throw new Error('the new surname was not found as a person: the edit measures something else');
        if (
          key === 'knownSurname' &&
          !data.entities.some(
            (e) =>
              e.type === 'person' &&
              e.mentions.some((m) => m.document === doc.id && m.text === 'Blair') &&
              e.mentions.some((m) => m.document !== doc.id),
          )
        )
          throw new Error(
            'the surname was not found as a person named elsewhere: the edit measures something else',
          );
        const [, handMs] = await time(() => hand(data));
        times.push(analyseMs + handMs);
        hands.push(handMs);
        index = hand(await corpus.update([doc.id])); // back to the saved text
      }
      row(
        `${label} (median · worst of ${EDITS})`,
        `${ms(percentile(times, 0.5))} · ${ms(Math.max(...times))}`,
        `x${copies}.${key}.updateMedianMs`,
        percentile(times, 0.5),
      );
      row(
        '  of which hand-over to the editor + lookup tables',
        `${ms(percentile(hands, 0.5))} · ${ms(Math.max(...hands))}`,
        `x${copies}.${key}.updateHandOverMedianMs`,
        percentile(hands, 0.5),
      );
      figures[`x${copies}.${key}.updateWorstMs`] = Math.max(...times);
    }

    // lookups
    const at = positions(index, 1000);
    for (const [d, o] of at.slice(0, 50)) {
      hover(index, d, o);
      definition(index, d, o);
    } // warm-up
    const h: number[] = [];
    const f: number[] = [];
    for (const [d, o] of at) {
      let t0 = performance.now();
      hover(index, d, o);
      h.push(performance.now() - t0);
      t0 = performance.now();
      definition(index, d, o);
      f.push(performance.now() - t0);
    }
    row(
      'hover (p50 · p99 over 1,000 positions)',
      `${ms(percentile(h, 0.5))} · ${ms(percentile(h, 0.99))}`,
      `x${copies}.hoverP99Ms`,
      percentile(h, 0.99),
    );
    row(
      'definition (p50 · p99 over 1,000 positions)',
      `${ms(percentile(f, 0.5))} · ${ms(percentile(f, 0.99))}`,
      `x${copies}.definitionP99Ms`,
      percentile(f, 0.99),
    );
    const peakRss = peakMb();
    row(
      'peak memory so far (RSS, all threads)',
      `${Math.round(peakRss)} MB`,
      `x${copies}.peakRssMb`,
      peakRss,
    );
  } finally {
    pool.dispose();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Loads the bundled extension with a stub of the vscode API and times activate(). */
async function activation(): Promise<number | undefined> {
  const extension = join(root, 'dist', 'extension.js');
  if (!existsSync(extension)) return undefined;
  const Module = NodeModule as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = Module._load;
  const stub = (): unknown =>
    new Proxy(function () {}, {
      get: (_t, p) =>
        p === 'then' ? undefined : p === '__esModule' ? true : p === Symbol.toPrimitive ? () => '' : stub(),
      apply: () => stub(),
      construct: () => stub() as object,
      set: () => true,
    });
  // the bundle copies the module's own properties (esbuild's ESM interop): give it every name it uses
  const api: Record<string, unknown> = {};
  for (const m of readFileSync(extension, 'utf8').matchAll(/\bvscode\d*\.(\w+)/g)) api[m[1]!] = stub();
  Module._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? api : original.call(this, request, ...rest);
  };
  try {
    const t0 = performance.now();
    const ext = createRequire(__filename)(extension) as { activate(context: unknown): unknown };
    ext.activate({
      subscriptions: [],
      extensionUri: stub(),
      storageUri: undefined,
      globalStorageUri: stub(),
    });
    return performance.now() - t0;
  } catch (error) {
    console.log(`activation not measured: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    Module._load = original;
  }
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  try {
    const act = await activation();
    if (act !== undefined)
      row('activation (load dist/extension.js + activate())', ms(act), 'activationMs', act);
    for (const copies of sizes.filter((n) => n > 0)) await benchSize(copies);
    const sample = articles()
      .filter((_, i) => i % 20 === 0)
      .map(([, b]) => b.toString('utf8'));
    const sampleMb = sample.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1048576;
    const c0 = process.cpuUsage();
    for (const t of sample) nlp(t).json();
    const c = process.cpuUsage(c0);
    const perCore = sampleMb / ((c.user + c.system) / 1e6);
    row(
      'yardstick: compromise bare parse, per core (5% sample)',
      `${perCore.toFixed(2)} MB/s`,
      'compromiseMbPerCoreSecond',
      perCore,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const json = option('--json');
  if (json) writeFileSync(json, JSON.stringify({ rows, figures }, null, 2));
  process.exit(0);
}

void main();
