/** Findings: problems and observations the core reports as data, never as exceptions. */
import type { Span } from './text/document';

/** Every kind of finding the core can report. */
export type FindingCode =
  | 'yaml-syntax'
  | 'unknown-key'
  | 'wrong-type'
  | 'missing-field'
  | 'invalid-date'
  | 'missing-file'
  | 'duplicate-entry'
  | 'duplicate-alias'
  | 'unreadable-file'
  | 'legacy-encoding'
  | 'empty-file'
  | 'analysis-failed'
  | 'stale-decision';

export type Severity = 'error' | 'warning' | 'info';

/** A finding located in one file of the corpus (`corpus.yaml` or an article). */
export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  /** Path relative to the corpus folder. */
  readonly file: string;
  readonly span: Span;
}
