/** The messages between the timeline chart's webview and the extension: plain JSON, never HTML. */
import type { ChartData } from '../core/index/chart-data';

/** The extension to the chart. */
export type ToChart =
  /** A corpus's data, drawn anew (the chart keeps its filters and, where it still can, its zoom). */
  | {
      readonly type: 'data';
      readonly corpus: string;
      readonly corpora: readonly { readonly root: string; readonly name: string }[];
      readonly data: ChartData;
    }
  /** Select an event (the Timeline view's selection) and bring it into view. */
  | { readonly type: 'select'; readonly key: string }
  /** The answer to a `sentence` request. */
  | { readonly type: 'sentence'; readonly id: number; readonly text: string };

/** The chart to the extension. */
export type FromChart =
  /** The script runs: send the data. */
  | { readonly type: 'ready' }
  /** Open an article at a span (a report's sentence). */
  | { readonly type: 'open'; readonly document: string; readonly start: number; readonly end: number }
  /** A person selected an event in the chart (by its timeline key). */
  | { readonly type: 'select'; readonly key: string }
  /** The sentence of a report, for the hover. */
  | {
      readonly type: 'sentence';
      readonly id: number;
      readonly document: string;
      readonly start: number;
      readonly end: number;
    }
  /** Show another corpus. */
  | { readonly type: 'corpus'; readonly root: string }
  /** What the chart drew, counted in its DOM after each drawing (tests and the log read it). */
  | {
      readonly type: 'drawn';
      readonly events: number;
      readonly reports: number;
      readonly lanes: number;
      readonly ms: number;
    };
