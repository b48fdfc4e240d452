/**
 * The index the editor queries: analysed data plus lookup tables. Deliberately free of the
 * language analysis (no compromise here), so the extension host loads it in a few milliseconds
 * while the analysis itself runs in a worker.
 */
import type { Finding } from './findings';
import { createDocument, LineIndex, type CorpusDocument, type Position } from './text/document';
import type { Sentence } from './text/sentences';
import type { Manifest } from './manifest/manifest';
import { MANIFEST_FILE } from './text/article-files';
import type { Entity, EntityMention } from './entities/entities';
import type { DateExpression } from './dates/date-expressions';
import type { Published } from './dates/published';
import type { CorpusEvent, EventReport } from './events/events';
import type { Conflict } from './conflicts/conflicts';

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
  /** Problems in corpus.yaml and in articles, each with its position. */
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
export interface CorpusIndex extends Omit<IndexData, 'documents' | 'manifestText'> {
  readonly documents: readonly IndexedDocument[];
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

