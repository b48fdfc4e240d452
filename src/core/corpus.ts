/**
 * The core's one entry point. `createCorpus` wires the pipeline
 *   reader → documents → sentences → mentions → entities → dates → events → conflicts
 * and returns an index that answers the editor's questions from lookup tables.
 */
import type { CorpusReader, Logger } from './ports';
import { nullLogger } from './ports';
import type { Finding } from './findings';
import { createDocument, LineIndex, type CorpusDocument, type Position } from './text/document';
import { decodeArticle } from './text/decode';
import { splitSentences, type Sentence } from './text/sentences';
import { EMPTY_MANIFEST, MANIFEST_FILE, parseManifest, type Manifest } from './manifest/manifest';
import { detectMentions, type Mention } from './entities/mentions';
import { resolveEntities, type Entity, type EntityMention } from './entities/entities';
import { findDates, type DateExpression } from './dates/date-expressions';
import { publicationDate, type Published } from './dates/published';
import { findReports, groupEvents, type CorpusEvent, type EventReport } from './events/events';
import { findConflicts, type Conflict } from './conflicts/conflicts';

export interface CorpusOptions {
  /** Articles larger than this are skipped with a finding (default 5 MB). */
  readonly maxArticleBytes?: number;
}

export interface CorpusInit {
  readonly reader: CorpusReader;
  readonly logger?: Logger;
  readonly options?: CorpusOptions;
}

/** One indexed article. */
export interface IndexedDocument extends DocumentData {
  readonly doc: CorpusDocument;
}

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
  readonly findings: readonly Finding[];
  readonly manifest: Manifest;
  readonly manifestText: string;
}

/** A mention found at a position, with its entity. */
export interface MentionHit {
  readonly entity: Entity;
  readonly mention: EntityMention;
}

/** A read-only snapshot of the analysed corpus. */
export interface CorpusIndex {
  readonly documents: readonly IndexedDocument[];
  readonly entities: readonly Entity[];
  readonly events: readonly CorpusEvent[];
  readonly conflicts: readonly Conflict[];
  /** Problems in corpus.yaml and in articles, each with its position. */
  readonly findings: readonly Finding[];
  readonly manifest: Manifest;
  document(id: string): IndexedDocument | undefined;
  /** Zero-based line/character of an offset in a file of the corpus (an article or corpus.yaml). */
  positionAt(file: string, offset: number): Position;
  entity(id: string): Entity | undefined;
  /** The entity mention covering `offset` in a document (binary search). */
  entityAt(document: string, offset: number): MentionHit | undefined;
  /** The date expression covering `offset` in a document. */
  dateAt(document: string, offset: number): DateExpression | undefined;
  /** The entity's first mention in each document, the longest form first within the document. */
  definitions(entityId: string): EntityMention[];
  /** The events an entity takes part in, newest first. */
  eventsOf(entityId: string): CorpusEvent[];
  /** The events whose reports use this date expression. */
  eventsAtDate(document: string, date: DateExpression): { event: CorpusEvent; report: EventReport }[];
}

export interface Corpus {
  /**
   * Analyses the corpus from scratch. `overlay` supplies unsaved editor text for some paths.
   * Never rejects on bad input (those become findings).
   */
  analyse(overlay?: ReadonlyMap<string, string>, signal?: { readonly cancelled: boolean }): Promise<IndexData>;
  /** `analyse` followed by `createIndex`. */
  index(overlay?: ReadonlyMap<string, string>, signal?: { readonly cancelled: boolean }): Promise<CorpusIndex>;
}

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export function createCorpus(init: CorpusInit): Corpus {
  const logger = init.logger ?? nullLogger;
  const maxBytes = init.options?.maxArticleBytes ?? DEFAULT_MAX_BYTES;
  const corpus: Corpus = {
    async index(overlay, signal) {
      return createIndex(await corpus.analyse(overlay, signal));
    },
    async analyse(overlay = new Map(), signal) {
      const t0 = Date.now();
      const findings: Finding[] = [];
      let manifest = EMPTY_MANIFEST;
      const manifestText = overlay.get(MANIFEST_FILE) ?? (await readText(init.reader, MANIFEST_FILE));
      if (manifestText !== undefined) manifest = parseManifest(manifestText);
      findings.push(...manifest.findings);

      const paths = (await init.reader.list()).filter((p) => p !== MANIFEST_FILE).sort();
      const present = new Set(paths);
      for (const d of manifest.documents) {
        if (!present.has(d.file)) findings.push({ code: 'missing-file', severity: 'warning', message: `\`${d.file}\` is not in this corpus folder`, file: MANIFEST_FILE, span: d.fileSpan });
      }
      const meta = new Map(manifest.documents.map((d) => [d.file, d]));

      const analysed: { doc: CorpusDocument; sentences: Sentence[]; mentions: Mention[]; published: Published | undefined }[] = [];
      for (const path of paths) {
        if (signal?.cancelled) break;
        await yieldToEventLoop();
        let text = overlay.get(path);
        if (text === undefined) {
          const bytes = await init.reader.read(path);
          if (bytes === undefined) continue; // deleted while indexing
          if (bytes.length > maxBytes) {
            findings.push(articleFinding(path, 'unreadable-file', `skipped: ${(bytes.length / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB limit for one article`));
            continue;
          }
          const decoded = decodeArticle(bytes);
          if (!decoded.ok) {
            findings.push(articleFinding(path, 'unreadable-file', `skipped: ${decoded.message}`));
            logger.warn(`${path} ${decoded.message}; skipped`);
            continue;
          }
          text = decoded.text;
        }
        if (text.trim() === '') findings.push({ ...articleFinding(path, 'empty-file', 'this article is empty'), severity: 'info' });
        const doc = createDocument(path, text);
        try {
          const sentences = splitSentences(text);
          const mentions = detectMentions(doc);
          const published = publicationDate(doc, sentences, meta.get(path)?.published);
          analysed.push({ doc, sentences, mentions, published });
        } catch (error) {
          logger.error(`analysis of ${path} failed`, error);
          findings.push(articleFinding(path, 'analysis-failed', `could not be analysed: ${error instanceof Error ? error.message : String(error)}`));
          analysed.push({ doc, sentences: [], mentions: [], published: undefined });
        }
      }

      const entities = resolveEntities(analysed, manifest.entities);
      const documents: DocumentData[] = analysed.map(({ doc, sentences, published }) => {
        const m = meta.get(doc.id);
        let dates: DateExpression[] = [];
        try {
          dates = findDates(doc, sentences, published?.interval);
        } catch (error) {
          logger.error(`date analysis of ${doc.id} failed`, error);
        }
        return {
          id: doc.id,
          text: doc.text,
          title: m?.title ?? firstLine(doc.text) ?? doc.id,
          published: published ?? null,
          outlet: m?.outlet ?? null,
          author: m?.author ?? null,
          url: m?.url ?? null,
          sentences,
          dates,
        };
      });
      const reports = findReports(analysed.map(({ doc }, i) => ({ doc, sentences: documents[i]!.sentences, dates: documents[i]!.dates })), entities);
      const events = groupEvents(reports, entities);
      const titles = new Map(documents.map((d) => [d.id, d.outlet ?? d.title]));
      const conflicts = findConflicts(events, (id) => `“${titles.get(id) ?? id}”`);
      logger.info(`indexed ${documents.length} articles: ${entities.length} entities, ${documents.reduce((n, d) => n + d.dates.length, 0)} dates, ${events.length} events, ${conflicts.length} conflicts in ${Date.now() - t0} ms`);
      return { documents, entities, events, conflicts, findings, manifest, manifestText: manifestText ?? '' };
    },
  };
  return corpus;
}

/** Adds lookup tables to analysed data (cheap: no language analysis happens here). */
export function createIndex(data: IndexData): CorpusIndex {
  const { entities, events, conflicts, findings, manifest } = data;
  const documents: IndexedDocument[] = data.documents.map((d) => ({ ...d, doc: createDocument(d.id, d.text) }));
  const manifestLines = new LineIndex(data.manifestText);
  const docs = new Map(documents.map((d) => [d.id, d]));
  const byId = new Map(entities.map((e) => [e.id, e]));
  const hits = new Map<string, MentionHit[]>();
  for (const entity of entities) {
    for (const mention of entity.mentions) {
      const list = hits.get(mention.document) ?? [];
      list.push({ entity, mention });
      hits.set(mention.document, list);
    }
  }
  for (const list of hits.values()) list.sort((a, b) => a.mention.start - b.mention.start);
  const eventsByEntity = new Map<string, CorpusEvent[]>();
  const eventsByDate = new Map<string, { event: CorpusEvent; report: EventReport }[]>();
  const dateKey = (document: string, d: DateExpression): string => `${document}:${d.start}`;
  for (const event of events) {
    for (const id of event.entities) eventsByEntity.set(id, [...(eventsByEntity.get(id) ?? []), event]);
    for (const report of event.reports) {
      const k = dateKey(report.document, report.date);
      eventsByDate.set(k, [...(eventsByDate.get(k) ?? []), { event, report }]);
    }
  }
  for (const list of eventsByEntity.values()) list.sort((a, b) => (b.from ?? '').localeCompare(a.from ?? ''));
  return {
    documents, entities, events, conflicts, findings, manifest,
    document: (id) => docs.get(id),
    positionAt: (file, offset) => (file === MANIFEST_FILE ? manifestLines : docs.get(file)?.doc.lines)?.positionAt(offset) ?? { line: 0, character: 0 },
    entity: (id) => byId.get(id),
    entityAt: (document, offset) => findCovering(hits.get(document) ?? [], offset, (h) => h.mention),
    dateAt: (document, offset) => findCovering(docs.get(document)?.dates ?? [], offset, (d) => d),
    definitions(entityId) {
      const e = byId.get(entityId);
      if (!e) return [];
      const best = new Map<string, EntityMention>();
      for (const m of e.mentions) {
        const cur = best.get(m.document);
        if (!cur || m.text.length > cur.text.length) best.set(m.document, m);
      }
      return [...best.values()];
    },
    eventsOf: (entityId) => eventsByEntity.get(entityId) ?? [],
    eventsAtDate: (document, date) => eventsByDate.get(dateKey(document, date)) ?? [],
  };
}

/** Binary search in spans sorted by start. */
function findCovering<T>(items: readonly T[], offset: number, span: (t: T) => { start: number; end: number }): T | undefined {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = span(items[mid]!);
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else return items[mid];
  }
  return undefined;
}

async function readText(reader: CorpusReader, path: string): Promise<string | undefined> {
  const bytes = await reader.read(path);
  if (bytes === undefined) return undefined;
  const d = decodeArticle(bytes);
  return d.ok ? d.text : '';
}

function articleFinding(file: string, code: Finding['code'], message: string): Finding {
  return { code, severity: 'warning', message, file, span: { start: 0, end: 0 } };
}

function firstLine(text: string): string | undefined {
  const line = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '');
  return line?.trim().slice(0, 160);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
