/**
 * Runs the per-article stage on a pool of worker threads, one per core. Jobs go out in batches
 * of about 64 KB of text, so every thread stays busy and results come back in order; a handful
 * of jobs (an edit) runs in the calling thread, which is quicker than a round trip. A thread
 * that dies has its batch run in the calling thread instead: nothing is lost. Threads left idle
 * for a while (30 s) are stopped, giving their memory back, and started again when needed; after
 * a run of many articles (the first index of a corpus) at once, as the cross-source stage that
 * follows is when the indexing thread holds the most and another such run is rare.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { analyseArticle, type ArticleAnalysis, type ArticleJob } from '../core/pipeline/article';
import type { CancelSignal } from '../core/incremental/corpus';
import type { Logger } from '../core/ports';

export interface PoolRequest {
  readonly id: number;
  readonly jobs: readonly ArticleJob[];
}

export interface PoolResponse {
  readonly id: number;
  readonly results: ArticleAnalysis[];
}

const BATCH_CHARS = 64 * 1024;
/** Up to this many jobs run in the calling thread. */
const IN_PLACE = 4;
/** After a run of this many jobs, the threads are stopped at once. */
const STOP_AFTER = 256;

export class ArticlePool {
  readonly #workerFile: string;
  readonly #size: number;
  readonly #logger: Logger | undefined;
  readonly #idle: Worker[] = [];
  #started = 0;
  readonly #waiting: ((w: Worker | undefined) => void)[] = [];
  #nextId = 1;
  #disposed = false;
  readonly #idleMs: number;
  readonly #stopAfter: number;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    workerFile: string,
    options: { size?: number; logger?: Logger; idleMs?: number; stopAfter?: number } = {},
  ) {
    this.#workerFile = workerFile;
    this.#size = Math.max(1, options.size ?? availableParallelism());
    this.#logger = options.logger;
    this.#idleMs = options.idleMs ?? 30_000;
    this.#stopAfter = options.stopAfter ?? STOP_AFTER;
  }

  /** Threads running now (busy or idle). */
  get threads(): number {
    return this.#started;
  }

  /** An `ArticleAnalyser` for createCorpus. */
  readonly analyse = async (
    jobs: readonly ArticleJob[],
    signal?: CancelSignal,
    progress?: (done: number, total: number) => void,
  ): Promise<ArticleAnalysis[]> => {
    if (jobs.length <= IN_PLACE || this.#disposed) return jobs.map(analyseArticle);
    const batches: ArticleJob[][] = [];
    let current: ArticleJob[] = [];
    let chars = 0;
    for (const job of jobs) {
      current.push(job);
      chars += job.text.length;
      if (chars >= BATCH_CHARS) {
        batches.push(current);
        current = [];
        chars = 0;
      }
    }
    if (current.length > 0) batches.push(current);
    let done = 0;
    const results = await Promise.all(
      batches.map(async (batch) => {
        const out = signal?.cancelled ? [] : await this.#run(batch, signal);
        done += out.length;
        progress?.(done, jobs.length);
        return out;
      }),
    );
    if (jobs.length >= this.#stopAfter) this.#stopIdle();
    const out = results.flat();
    // a cancelled run keeps only the contiguous prefix of finished jobs, so results line up with jobs
    return signal?.cancelled ? out.slice(0, firstGap(results, batches)) : out;
  };

  async #run(batch: ArticleJob[], signal?: CancelSignal): Promise<ArticleAnalysis[]> {
    const worker = await this.#acquire();
    if (signal?.cancelled || !worker) {
      if (worker) this.#release(worker);
      return signal?.cancelled ? [] : batch.map(analyseArticle);
    }
    const id = this.#nextId++;
    try {
      return await new Promise<ArticleAnalysis[]>((resolve, reject) => {
        const onMessage = (r: PoolResponse): void => {
          if (r.id !== id) return;
          cleanup();
          resolve(r.results);
        };
        const onError = (error: Error): void => {
          cleanup();
          reject(error);
        };
        const cleanup = (): void => {
          worker.off('message', onMessage);
          worker.off('error', onError);
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.postMessage({ id, jobs: batch } satisfies PoolRequest);
      }).then((results) => {
        this.#release(worker);
        return results;
      });
    } catch (error) {
      this.#logger?.error(
        'an article-pool thread failed; its articles are analysed in the indexing thread',
        error,
      );
      void worker.terminate();
      this.#started--;
      // someone waiting for a thread gets a new one
      const next = this.#waiting.shift();
      if (next) void this.#acquire().then(next);
      return batch.map(analyseArticle);
    }
  }

  async #acquire(): Promise<Worker | undefined> {
    clearTimeout(this.#idleTimer);
    const idle = this.#idle.pop();
    if (idle) return idle;
    if (this.#started < this.#size) {
      this.#started++;
      try {
        const worker = new Worker(this.#workerFile);
        worker.unref();
        return worker;
      } catch (error) {
        this.#started--;
        this.#logger?.error('could not start an article-pool thread', error);
        return undefined;
      }
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(worker: Worker): void {
    if (this.#disposed) {
      void worker.terminate();
      return;
    }
    const next = this.#waiting.shift();
    if (next) {
      next(worker);
      return;
    }
    this.#idle.push(worker);
    if (this.#idle.length === this.#started) {
      clearTimeout(this.#idleTimer);
      this.#idleTimer = setTimeout(() => this.#stopIdle(), this.#idleMs);
      this.#idleTimer.unref();
    }
  }

  /** Stops the threads when all are idle. */
  #stopIdle(): void {
    if (this.#idle.length !== this.#started) return;
    clearTimeout(this.#idleTimer);
    for (const w of this.#idle.splice(0)) void w.terminate();
    this.#started = 0;
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#idleTimer);
    for (const w of this.#idle.splice(0)) void w.terminate();
  }
}

/** How many jobs, from the start, finished before a cancelled batch. */
function firstGap(results: ArticleAnalysis[][], batches: ArticleJob[][]): number {
  let n = 0;
  for (let i = 0; i < results.length; i++) {
    n += results[i]!.length;
    if (results[i]!.length < batches[i]!.length) break;
  }
  return n;
}
