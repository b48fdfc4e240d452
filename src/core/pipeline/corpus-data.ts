/** What the pipeline gives for a corpus, as plain data: what the index is made of. */
import type { Finding } from './findings';
import type { Sentence } from './text/sentences';
import type { Manifest } from './manifest/manifest';
import type { Entity } from './entities/entities';
import type { DateExpression } from './dates/date-expressions';
import type { Published } from './dates/published';
import type { CorpusEvent } from './events/events';
import type { Conflict } from './conflicts/wording';

/** An analysed article as plain data (structured-clone safe: it crosses to and from worker threads). */
export interface DocumentData {
  readonly id: string;
  readonly text: string;
  readonly title: string;
  readonly published: Published | null;
  readonly outlet: string | null;
  readonly author: string | null;
  readonly url: string | null;
  readonly sentences: readonly Sentence[];
  readonly dates: readonly DateExpression[];
}

/** Everything the analysis found, as plain data. `createIndex` adds the lookup tables. */
export interface IndexData {
  readonly documents: readonly DocumentData[];
  readonly entities: readonly Entity[];
  readonly events: readonly CorpusEvent[];
  readonly conflicts: readonly Conflict[];
  /** Problems in corpus.yaml and in articles, each with its position. */
  readonly findings: readonly Finding[];
  readonly manifest: Manifest;
  readonly manifestText: string;
}
