/** The messages between the extension host and the indexing thread (index-worker.ts). */
import type { AnalysisStats } from '../core/incremental/corpus';
import type { IndexDelta } from '../core/wire/index-delta';

/** A request from the extension host. */
export type IndexRequest =
  /** Lists (by the rule the CLI uses) and reads the whole corpus; what changed since the last time is analysed. */
  | {
      readonly type: 'index';
      readonly id: number;
      readonly corpus: string;
      readonly root: string;
      readonly overlay: readonly [string, string][];
      readonly cacheFile?: string;
    }
  /** Re-reads only `paths` (articles or corpus.yaml). */
  | {
      readonly type: 'update';
      readonly id: number;
      readonly corpus: string;
      readonly paths: readonly string[];
      readonly overlay: readonly [string, string][];
    }
  /** Sends the corpus's latest data whole (the host's copy is lost or not the one the last delta completes). */
  | {
      readonly type: 'resend';
      readonly id: number;
      readonly corpus: string;
      readonly overlay?: readonly [string, string][];
    }
  | { readonly type: 'cancel'; readonly id: number }
  | { readonly type: 'drop'; readonly corpus: string };

/**
 * An answer: the analysed data as a delta from the data sent last for that corpus (none when
 * cancelled or failed), or progress of a running request.
 */
export type IndexResponse =
  | {
      readonly type: 'done';
      readonly id: number;
      readonly data?: IndexDelta;
      readonly error?: string;
      readonly cancelled?: boolean;
      readonly stats?: AnalysisStats;
      readonly log: readonly LogLine[];
    }
  | { readonly type: 'progress'; readonly id: number; readonly done: number; readonly total: number };

/** A log line the thread hands to the host's log. */
export type LogLine = readonly ['info' | 'warn' | 'error', string];
