/**
 * The extension host's side of the indexing thread: it starts the thread, sends requests, hands
 * each answer to the request that asked, and completes the deltas it sends into each corpus's
 * latest data. It knows nothing of the workspace: the corpus service decides what to ask.
 */
import { Worker } from 'node:worker_threads';
import {
  applyIndexDelta,
  IndexDeltaMismatch,
  type IndexDelta,
  type IndexRevision,
} from '../core/wire/index-delta';
import type { IndexRequest, IndexResponse, LogLine } from '../node/index-protocol';

export type IndexAnswer = Extract<IndexResponse, { type: 'done' }>;
type AskedRequest = Extract<IndexRequest, { type: 'index' | 'update' | 'resend' }>;

export interface IndexClientEvents {
  /** Progress of a running request. */
  readonly onProgress: (id: number, done: number, total: number) => void;
  /** The thread failed; a new one knows no corpus, so every corpus needs a full index again. */
  readonly onRestart: (error: Error) => void;
  /** The log lines the thread sent with an answer. */
  readonly onLog: (lines: readonly LogLine[]) => void;
  /** A delta did not fit the data held; a full copy is asked for. */
  readonly onMismatch: (corpus: string, message: string) => void;
}

export class IndexClient {
  readonly #workerPath: string;
  readonly #events: IndexClientEvents;
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, (answer: IndexAnswer) => void>();
  /** Each corpus's data as last completed, by corpus key. */
  readonly #received = new Map<string, IndexRevision>();
  /** Full copies on their way, by corpus key: deltas that do not fit meanwhile wait for the same copy. */
  readonly #resyncs = new Map<string, Promise<IndexRevision>>();

  constructor(workerPath: string, events: IndexClientEvents) {
    this.#workerPath = workerPath;
    this.#events = events;
  }

  /** A number for the next request. */
  nextId(): number {
    return this.#nextId++;
  }

  /** Sends a request and resolves with its answer (an answer with `error` when the thread fails). */
  ask(request: AskedRequest): Promise<IndexAnswer> {
    const worker = this.#started();
    return new Promise((resolve) => {
      this.#pending.set(request.id, resolve);
      worker.postMessage(request);
    });
  }

  /** Sends a request that has no answer (cancel, drop) to a running thread. */
  tell(request: Extract<IndexRequest, { type: 'cancel' | 'drop' }>): void {
    if (request.type === 'drop') this.#received.delete(request.corpus);
    this.#worker?.postMessage(request);
  }

  /**
   * A delta completed with the corpus's data held here. When it completes another revision, a
   * full copy is asked for (with `overlay`, the editor's texts) and returned instead.
   */
  async receive(
    corpus: string,
    delta: IndexDelta,
    overlay: () => Promise<[string, string][]>,
  ): Promise<IndexRevision> {
    try {
      const received = applyIndexDelta(this.#received.get(corpus), delta);
      this.#received.set(corpus, received);
      return received;
    } catch (error) {
      if (!(error instanceof IndexDeltaMismatch)) throw error;
      this.#events.onMismatch(corpus, error.message);
      this.#received.delete(corpus);
      return this.#resync(corpus, overlay);
    }
  }

  /** Stops the thread after a second at most, so a busy thread never holds up the window's closing. */
  dispose(): void {
    const worker = this.#worker;
    if (worker) setTimeout(() => void worker.terminate(), 1000).unref();
  }

  #resync(corpus: string, overlay: () => Promise<[string, string][]>): Promise<IndexRevision> {
    let pending = this.#resyncs.get(corpus);
    if (!pending) {
      pending = overlay()
        .then((texts) => this.ask({ type: 'resend', id: this.nextId(), corpus, overlay: texts }))
        .then((answer) => {
          this.#events.onLog(answer.log);
          if (!answer.data) throw new Error(answer.error ?? 'the indexing thread sent no full copy');
          const received = applyIndexDelta(undefined, answer.data);
          this.#received.set(corpus, received);
          return received;
        })
        .finally(() => this.#resyncs.delete(corpus));
      this.#resyncs.set(corpus, pending);
    }
    return pending;
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#workerPath);
    worker.on('message', (r: IndexResponse) => {
      if (r.type === 'progress') {
        this.#events.onProgress(r.id, r.done, r.total);
        return;
      }
      this.#pending.get(r.id)?.(r);
      this.#pending.delete(r.id);
    });
    worker.on('error', (error) => {
      for (const [id, resolve] of this.#pending) resolve({ type: 'done', id, error: error.message, log: [] });
      this.#pending.clear();
      this.#worker = undefined;
      this.#received.clear();
      this.#events.onRestart(error);
    });
    worker.unref();
    this.#worker = worker;
    return worker;
  }
}
