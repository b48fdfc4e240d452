/**
 * The per-article stage of the pipeline: everything that depends on one article's text alone
 * (sentences, name mentions, publication date, date expressions). It is the expensive part, so
 * its result is plain data that can be computed in parallel, kept while the text is unchanged
 * and stored in a cache keyed by `articleKey`.
 */
import { createDocument } from './text/document';
import { splitSentences, type Sentence } from './text/sentences';
import { contentKey } from './text/content-key';
import { detectMentions, type Mention } from './entities/mentions';
import { findDates, scanDates, type DateExpression, type DateScan } from './dates/date-expressions';
import { publicationDate, type Published } from './dates/published';
import { findPredicates, type Predicate } from './events/predicates';

/** What the per-article stage needs: the text and what corpus.yaml declares about it. */
export interface ArticleJob {
  readonly id: string;
  readonly text: string;
  /** The publication date corpus.yaml gives, if any (it anchors the article's dates). */
  readonly declaredPublished: string | undefined;
}

/** The per-article analysis, free of the article's path and text (so a cache can share it). */
export interface ArticleAnalysis {
  readonly sentences: readonly Sentence[];
  readonly mentions: readonly Mention[];
  readonly published: Published | null;
  readonly dates: readonly DateExpression[];
  /** The words naming happenings, sentence by sentence (events are made of them). */
  readonly predicates: readonly Predicate[];
  /** Why part of the analysis failed (a bug in the core); what succeeded is kept. */
  readonly failure?: string;
}

/** Identifies a job's result: the same text with the same declared date gives the same analysis. */
export function articleKey(job: Pick<ArticleJob, 'text' | 'declaredPublished'>): string {
  return keyOf(contentKey(job.text), job.declaredPublished);
}

/** An article key from its text's `contentKey` (which has no `|`) and the declared date. */
export function keyOf(textKey: string, declaredPublished: string | undefined): string {
  return `${textKey}|${declaredPublished ?? ''}`;
}

/** The `contentKey` of the text an article key was made of. */
export function textKeyOf(key: string): string {
  return key.slice(0, key.indexOf('|'));
}

/** Analyses one article. Never throws: a failure of a step is recorded and the rest is kept. */
export function analyseArticle(job: ArticleJob): ArticleAnalysis {
  const doc = createDocument(job.id, job.text);
  let sentences: Sentence[] = [];
  let mentions: Mention[] = [];
  let published: Published | undefined;
  let dates: DateExpression[] = [];
  let scan: DateScan = [];
  try {
    sentences = splitSentences(job.text);
    mentions = detectMentions(doc, sentences);
    scan = scanDates(doc, sentences);
    published = publicationDate(doc, sentences, job.declaredPublished, scan);
  } catch (error) {
    return { sentences, mentions: [], published: null, dates: [], predicates: [], failure: describe(error) };
  }
  try {
    dates = findDates(doc, sentences, published?.interval, scan);
  } catch (error) {
    return {
      sentences,
      mentions,
      published: published ?? null,
      dates: [],
      predicates: [],
      failure: `date analysis: ${describe(error)}`,
    };
  }
  let predicates: Predicate[] = [];
  try {
    predicates = findPredicates(
      job.text,
      sentences,
      [...mentions, ...dates].sort((a, b) => a.start - b.start),
    );
  } catch (error) {
    return {
      sentences,
      mentions,
      published: published ?? null,
      dates,
      predicates,
      failure: `event analysis: ${describe(error)}`,
    };
  }
  return { sentences, mentions, published: published ?? null, dates, predicates };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
