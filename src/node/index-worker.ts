/**
 * The indexing thread: keeps every corpus's analysis off the extension host's main thread. It
 * reads the files the host lists (never following a symbolic link), runs the per-article stage
 * on a pool of threads (one per core), remembers each article's analysis so an edit re-analyses
 * that article only, and keeps the analyses in a cache file between sessions. Requests for one
 * corpus run one after another; a request the host cancels stops at the next article. Each
 * answer carries only what changed since the data last sent for that corpus (index-delta.ts).
 */
import { parentPort } from 'node:worker_threads';
import { join } from 'node:path';
import { createCorpus, type Corpus, type IndexData } from '../core/incremental/corpus';
import { diffIndexData, type IndexRevision } from '../core/wire/index-delta';
import type { IndexRequest, IndexResponse, LogLine } from './index-protocol';
import type { Logger } from '../core/ports';
import { ArticlePool } from './article-pool';
import { analyserVersion, FileAnalysisCache } from './analysis-cache';
import { diskReader, listCorpusFiles } from './disk-reader';
import { isCorpusFile } from '../core/pipeline/text/article-files';
import { warmUp } from './warm-up';

interface CorpusState {
  readonly corpus: Corpus;
  readonly files: Set<string>;
  readonly cache: FileAnalysisCache | undefined;
  /** The tail of this corpus's request queue. */
  queue: Promise<void>;
  /** The data last sent to the host, which holds a copy; undefined: send the next whole. */
  sent?: IndexRevision;
  saveTimer?: ReturnType<typeof setTimeout>;
  snapshotTimer?: ReturnType<typeof setTimeout>;
}

const SAVE_DELAY_MS = 2000;
/**
 * The cross-source snapshot is the whole result (large for a large corpus): written
 * soon after an index, but only after half a minute without edits (or when the corpus is let
 * go), so that writing it never holds up the edit after a pause.
 */
const SNAPSHOT_DELAY_MS = 30_000;
const version = analyserVersion(__filename);
const pool = new ArticlePool(join(__dirname, 'article-worker.js'));
const corpora = new Map<string, CorpusState>();
const cancelled = new Set<number>();
let revisions = 0;
/** Log lines not yet sent; they go with the next answer. */
const log: LogLine[] = [];
const logger: Logger = {
  info: (m) => log.push(['info', m]),
  warn: (m) => log.push(['warn', m]),
  error: (m, e) => log.push(['error', `${m}${e instanceof Error ? `\n${e.stack}` : ''}`]),
};

/** Logs a symbolic link the reader skipped: only files inside the workspace are read. */
function skippedLink(path: string): void {
  logger.warn(`${path}: a symbolic link; skipped (only files inside the workspace are read)`);
}

function post(message: IndexResponse): void {
  parentPort!.postMessage(message);
}

function stateOf(request: Extract<IndexRequest, { type: 'index' }>): CorpusState {
  let state = corpora.get(request.corpus);
  if (!state) {
    const files = new Set<string>();
    const cache =
      request.cacheFile && version !== 'unknown'
        ? new FileAnalysisCache(request.cacheFile, version, logger)
        : undefined;
    const loaded = cache?.load();
    if (cache && loaded === 'loaded')
      logger.info(`analysis cache: ${cache.size} articles from ${request.cacheFile}`);
    const corpus = createCorpus({
      reader: diskReader(request.root, { files, onLink: skippedLink }),
      logger,
      cache,
      analyser: (jobs, signal) =>
        pool.analyse(jobs, signal, (done, total) => post({ type: 'progress', id: current, done, total })),
    });
    state = { corpus, files, cache, queue: Promise.resolve() };
    corpora.set(request.corpus, state);
  }
  return state;
}

/** The request whose articles are being analysed (progress is reported against it). */
let current = 0;

async function run(
  request: Extract<IndexRequest, { type: 'index' | 'update' }>,
  state: CorpusState,
): Promise<void> {
  if (cancelled.delete(request.id)) {
    post({ type: 'done', id: request.id, cancelled: true, log: [] });
    return;
  }
  current = request.id;
  const signal = {
    get cancelled() {
      return cancelled.has(request.id);
    },
  };
  try {
    const overlay = new Map(request.overlay);
    let data: IndexData;
    if (request.type === 'index') {
      state.files.clear();
      for (const f of listCorpusFiles(request.root, skippedLink)) state.files.add(f);
      data = await state.corpus.analyse(overlay, signal);
    } else {
      const paths = request.paths.filter(isCorpusFile);
      for (const p of paths) state.files.add(p);
      data = await state.corpus.update(paths, overlay, signal);
    }
    if (signal.cancelled) {
      post({ type: 'done', id: request.id, cancelled: true, log: log.splice(0) });
    } else {
      const next = { revision: ++revisions, data };
      post({
        type: 'done',
        id: request.id,
        data: diffIndexData(state.sent, next, state.corpus.takePackedEntities(data.entities)),
        stats: state.corpus.stats,
        log: log.splice(0),
      });
      state.sent = next;
      // a result taken from the snapshot: the resolution the next edit needs is worked out now, after anything already asked for
      if (request.type === 'index')
        state.queue = state.queue
          .then(() => prepare(state))
          .then(() => {
            warmUp(data.documents, logger);
          });
    }
  } catch (error) {
    fail(request.id, state, error);
  } finally {
    cancelled.delete(request.id);
  }
  // the cache is written once the burst of requests is over
  if (state.cache) {
    const cache = state.cache;
    clearTimeout(state.saveTimer);
    clearTimeout(state.snapshotTimer);
    state.saveTimer = setTimeout(() => cache.save({ snapshot: false }), SAVE_DELAY_MS);
    state.snapshotTimer = setTimeout(
      () => cache.save(),
      request.type === 'index' ? SAVE_DELAY_MS : SNAPSHOT_DELAY_MS,
    );
  }
}

/** Works out the resolution behind a result taken from the snapshot (its log lines go with the next answer). */
async function prepare(state: CorpusState): Promise<void> {
  try {
    await state.corpus.prepare();
  } catch (error) {
    logger.error(
      `preparing the resolution failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Answers with the corpus's latest data whole (analysed again only when none was sent since the last failure). */
async function resend(request: Extract<IndexRequest, { type: 'resend' }>, state: CorpusState): Promise<void> {
  try {
    // analysed again (with the editor's unsaved texts) only when nothing was sent since a failure
    const overlay = new Map(request.overlay ?? []);
    const data = state.sent?.data ?? (await state.corpus.update([...overlay.keys()], overlay));
    const next = { revision: ++revisions, data };
    post({ type: 'done', id: request.id, data: diffIndexData(undefined, next), log: log.splice(0) });
    state.sent = next;
  } catch (error) {
    fail(request.id, state, error);
  }
}

/** Answers with an error; the next data then goes whole, whatever the failure left the host holding. */
function fail(id: number, state: CorpusState, error: unknown): void {
  state.sent = undefined;
  post({
    type: 'done',
    id,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    log: log.splice(0),
  });
}

parentPort?.on('message', (request: IndexRequest) => {
  switch (request.type) {
    case 'cancel':
      cancelled.add(request.id);
      return;
    case 'drop': {
      const state = corpora.get(request.corpus);
      if (state?.saveTimer || state?.snapshotTimer) {
        clearTimeout(state.saveTimer);
        clearTimeout(state.snapshotTimer);
        state.cache?.save();
      }
      corpora.delete(request.corpus);
      return;
    }
    case 'index':
    case 'update': {
      const state = request.type === 'index' ? stateOf(request) : corpora.get(request.corpus);
      if (!state) {
        post({
          type: 'done',
          id: request.id,
          error: `update of a corpus that was never indexed: ${request.corpus}`,
          log: [],
        });
        return;
      }
      state.queue = state.queue.then(() => run(request, state));
      return;
    }
    case 'resend': {
      const state = corpora.get(request.corpus);
      if (!state) {
        post({
          type: 'done',
          id: request.id,
          error: `resend of a corpus that was never indexed: ${request.corpus}`,
          log: [],
        });
        return;
      }
      state.queue = state.queue.then(() => resend(request, state));
    }
  }
});
