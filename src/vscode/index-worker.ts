/**
 * Runs the core's analysis off the extension host's main thread. The host reads the files
 * (through workspace.fs, so nothing outside the workspace is touched) and posts their bytes here.
 */
import { parentPort } from 'node:worker_threads';
import { createCorpus, type IndexData } from '../core/corpus';
import type { Logger } from '../core/ports';

/** A request from the extension host. */
export interface AnalyseRequest {
  readonly id: number;
  readonly files: readonly [string, Uint8Array][];
  readonly overlay: readonly [string, string][];
}

/** The answer: the analysed data, or the error that stopped the analysis, and the log lines. */
export interface AnalyseResponse {
  readonly id: number;
  readonly data?: IndexData;
  readonly error?: string;
  readonly log: readonly ['info' | 'warn' | 'error', string][];
}

parentPort?.on('message', (request: AnalyseRequest) => {
  const log: ['info' | 'warn' | 'error', string][] = [];
  const logger: Logger = {
    info: (m) => log.push(['info', m]),
    warn: (m) => log.push(['warn', m]),
    error: (m, e) => log.push(['error', `${m}${e instanceof Error ? `\n${e.stack}` : ''}`]),
  };
  const files = new Map(request.files);
  const reader = { list: async () => [...files.keys()], read: async (p: string) => files.get(p) };
  createCorpus({ reader, logger })
    .analyse(new Map(request.overlay))
    .then(
      (data) => parentPort!.postMessage({ id: request.id, data, log } satisfies AnalyseResponse),
      (error: unknown) => parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.stack ?? error.message : String(error), log } satisfies AnalyseResponse),
    );
});
