/**
 * The whole pipeline from scratch, top to bottom: read corpus.yaml and every article, analyse
 * each article on its own, then combine them into entities, events and conflicts. It keeps
 * nothing between calls; the incremental corpus must give exactly what this gives.
 */
import { nullLogger, type CorpusReader, type Logger } from '../ports';
import type { Finding } from './findings';
import { EMPTY_MANIFEST, MANIFEST_FILE, parseManifest } from './manifest/manifest';
import { createDocument } from './text/document';
import { analyseArticle, type ArticleAnalysis } from './article';
import { resolveEntities } from './entities/entities';
import { eventsOf, placedMentions, type EventInput } from './events/events';
import { reportsOf } from './events/reports';
import { findConflicts, staleDecisions } from './conflicts/conflicts';
import { sourceName } from './conflicts/wording';
import { articleProfiles } from './events/coreference';
import type { DocumentData, IndexData } from './corpus-data';
import {
  DEFAULT_MAX_BYTES,
  articleFindings,
  firstLine,
  missingFiles,
  publishedDay,
  readArticle,
  readManifest,
  shownFields,
} from './reading';
import { fileKey } from './text/article-files';

export interface AnalyseOptions {
  /** Articles larger than this many bytes are skipped with a finding. */
  readonly maxArticleBytes?: number;
  readonly logger?: Logger;
}

/** Analyses the corpus `reader` gives. Never rejects on bad input: that becomes findings. */
export async function analyseCorpus(reader: CorpusReader, options: AnalyseOptions = {}): Promise<IndexData> {
  const logger = options.logger ?? nullLogger;
  const maxBytes = options.maxArticleBytes ?? DEFAULT_MAX_BYTES;

  // 1. corpus.yaml: what the articles are, and the decisions a person made about them
  const manifestFindings: Finding[] = [];
  const manifestText = await readManifest(reader, logger, manifestFindings);
  const manifest = manifestText !== undefined ? parseManifest(manifestText) : EMPTY_MANIFEST;
  const entryOf = new Map(manifest.documents.map((d) => [fileKey(d.file), d]));

  // 2. each article on its own: its text, sentences, names, dates and the words naming happenings
  const paths = [...new Set(await reader.list())].filter((p) => p !== MANIFEST_FILE).sort();
  const skipped = new Map<string, Finding>();
  const notes = new Map<string, Finding>(); // articles read in a guessed encoding
  const articles: { path: string; text: string; analysis: ArticleAnalysis }[] = [];
  for (const path of paths) {
    const text = await readArticle(
      reader,
      path,
      undefined,
      maxBytes,
      logger,
      (f) => skipped.set(path, f),
      (f) => notes.set(path, f),
    );
    if (text === undefined) continue;
    const analysis = analyseArticle({
      id: path,
      text,
      declaredPublished: entryOf.get(fileKey(path))?.published,
    });
    if (analysis.failure) logger.error(`analysis of ${path} failed: ${analysis.failure}`);
    articles.push({ path, text, analysis });
  }
  const documents: DocumentData[] = articles.map(({ path, text, analysis }) => ({
    id: path,
    text,
    ...shownFields(path, entryOf.get(fileKey(path)), firstLine(text) ?? null),
    published: analysis.published,
    sentences: analysis.sentences,
    dates: analysis.dates,
  }));
  const inputs = articles.map(({ path, text, analysis }) => ({
    doc: createDocument(path, text),
    mentions: analysis.mentions,
    sentences: analysis.sentences,
    dates: analysis.dates,
    predicates: analysis.predicates,
    published: publishedDay(analysis.published),
  }));

  // 3. across articles: one entity per person, place or organisation, whatever the spelling
  const entities = resolveEntities(inputs, manifest.entities);

  // 4. the clauses that report a happening, grouped into one event per happening across sources
  const mentions = placedMentions(entities);
  const reports = inputs.flatMap((a: EventInput) => reportsOf(a, mentions.get(a.doc.id) ?? []));
  const events = eventsOf(reports, inputs, entities, { distinct: manifest.distinct.map((d) => d.reports) });

  // 5. where the sources of one event disagree on its date or a count
  const byId = new Map(documents.map((d) => [d.id, d]));
  const nameOf = new Map(entities.map((e) => [e.id, e.name]));
  const textOf = new Map(inputs.map((a) => [a.doc.id, a.doc.text]));
  const conflicts = findConflicts(
    events,
    (id) => sourceName(byId.get(id) ?? { id, outlet: null, title: id }),
    manifest.dismissed,
    (id) => byId.get(id)?.published ?? null,
    (id) => nameOf.get(id) ?? id,
    articleProfiles(reports),
    (id) => textOf.get(id) ?? '',
  );

  const findings: Finding[] = [
    ...manifestFindings,
    ...manifest.findings,
    ...missingFiles(manifest, [...byId.keys(), ...skipped.keys()]),
    ...skipped.values(),
    ...notes.values(),
    ...articles.flatMap(({ path, text, analysis }) => articleFindings(path, text, analysis.failure)),
    ...staleDecisions(manifest, reports),
  ];
  logger.info(
    `indexed ${documents.length} articles: ${entities.length} entities, ${events.length} events, ${conflicts.length} conflicts`,
  );
  return { documents, entities, events, conflicts, findings, manifest, manifestText: manifestText ?? '' };
}
