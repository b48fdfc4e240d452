/**
 * The index the editor queries: analysed data plus lookup tables. Deliberately free of the
 * language analysis (no compromise here), so the extension host loads it in a few milliseconds
 * while the analysis itself runs in a worker.
 */
import type { Finding } from './findings';
import { createDocument, LineIndex, type CorpusDocument, type Position } from './text/document';
import type { Sentence } from './text/sentences';
import type { Manifest, ManifestEntity } from './manifest/manifest';
import { MANIFEST_FILE } from './text/article-files';
import type { Entity, EntityMention } from './entities/entities';
import type { DateExpression } from './dates/date-expressions';
import type { Published } from './dates/published';
import type { CorpusEvent, EventReport } from './events/events';
import type { Conflict } from './conflicts/conflicts';
import { nameKey } from './entities/names';

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

/** An event as one article reports it. */
export interface EventHit {
  readonly event: CorpusEvent;
  readonly report: EventReport;
}

/** A document naming an entity. */
export interface EntitySource {
  readonly document: string;
  readonly count: number;
  readonly first: EntityMention;
}

/** An entity found by one of its names (`form` is the canonical name or the alias that matched). */
export interface EntityMatch {
  readonly entity: Entity;
  readonly form: string;
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
  /**
   * The entity's defining mention in each document (its first full-name mention there, else the
   * first of its longest form), best first: full names, then documents naming it most often, then
   * corpus order. `except` leaves one document out.
   */
  definitions(entityId: string, except?: string): EntityMention[];
  /** The corpus.yaml entry that declares the entity, if any. */
  manifestEntry(entityId: string): ManifestEntity | undefined;
  /** Every entity mention in a document, in text order. */
  mentionsIn(document: string): readonly MentionHit[];
  /** The documents naming an entity, in corpus order, each with its mention count and first mention. */
  sourcesOf(entityId: string): readonly EntitySource[];
  /** The entity's mentions in one document, in text order. */
  mentionsOf(entityId: string, document: string): readonly EntityMention[];
  /** The event reports a document contains, in text order. */
  eventsIn(document: string): readonly EventHit[];
  /** The sentence covering `offset` in a document. */
  sentenceAt(document: string, offset: number): Sentence | undefined;
  /**
   * Entities any of whose names match `query` (case and diacritics ignored): exact, prefix, word
   * prefix, substring, then letters in order; ties by mention count. An empty query lists all.
   */
  findEntities(query: string): EntityMatch[];
  /** The events an entity takes part in, newest first. */
  eventsOf(entityId: string): CorpusEvent[];
  /** The events whose reports use this date expression. */
  eventsAtDate(document: string, date: DateExpression): EventHit[];
}

/** Adds lookup tables to analysed data (cheap: no language analysis happens here). */
export function createIndex(data: IndexData): CorpusIndex {
  const { entities, events, conflicts, findings, manifest } = data;
  const documents: IndexedDocument[] = data.documents.map((d) => ({ ...d, doc: createDocument(d.id, d.text) }));
  const manifestLines = new LineIndex(data.manifestText);
  const docs = new Map(documents.map((d) => [d.id, d]));
  const byId = new Map(entities.map((e) => [e.id, e]));
  const hits = new Map<string, MentionHit[]>();
  const byEntityDoc = new Map<string, Map<string, EntityMention[]>>();
  for (const entity of entities) {
    const perDoc = new Map<string, EntityMention[]>();
    byEntityDoc.set(entity.id, perDoc);
    for (const mention of entity.mentions) {
      const list = hits.get(mention.document) ?? [];
      list.push({ entity, mention });
      hits.set(mention.document, list);
      const own = perDoc.get(mention.document) ?? [];
      own.push(mention);
      perDoc.set(mention.document, own);
    }
  }
  for (const list of hits.values()) list.sort((a, b) => a.mention.start - b.mention.start);
  for (const perDoc of byEntityDoc.values()) for (const list of perDoc.values()) list.sort((a, b) => a.start - b.start);
  const docOrder = new Map(documents.map((d, i) => [d.id, i]));
  const definitionCache = new Map<string, EntityMention[]>();
  const definitionsOf = (entityId: string): EntityMention[] => {
    let list = definitionCache.get(entityId);
    if (!list) {
      list = definingMentions(byId.get(entityId), byEntityDoc.get(entityId), docOrder);
      definitionCache.set(entityId, list);
    }
    return list;
  };
  const sourceCache = new Map<string, EntitySource[]>();
  const sourcesOf = (entityId: string): EntitySource[] => {
    let list = sourceCache.get(entityId);
    if (!list) {
      list = [...(byEntityDoc.get(entityId) ?? [])].map(([document, mentions]) => ({ document, count: mentions.length, first: mentions[0]! }));
      list.sort((a, b) => (docOrder.get(a.document) ?? 0) - (docOrder.get(b.document) ?? 0));
      sourceCache.set(entityId, list);
    }
    return list;
  };
  const manifestByKey = new Map(manifest.entities.map((m) => [nameKey(m.name), m]));
  const forms = entities.flatMap((entity) => [entity.name, ...entity.aliases].map((form) => ({ entity, form, key: nameKey(form) })));
  const eventsByDoc = new Map<string, EventHit[]>();
  const eventsByEntity = new Map<string, CorpusEvent[]>();
  const eventsByDate = new Map<string, { event: CorpusEvent; report: EventReport }[]>();
  const dateKey = (document: string, d: DateExpression): string => `${document}:${d.start}`;
  for (const event of events) {
    for (const id of event.entities) push(eventsByEntity, id, event);
    for (const report of event.reports) {
      push(eventsByDoc, report.document, { event, report });
      push(eventsByDate, dateKey(report.document, report.date), { event, report });
    }
  }
  for (const list of eventsByEntity.values()) list.sort((a, b) => (b.from ?? '').localeCompare(a.from ?? ''));
  for (const list of eventsByDoc.values()) list.sort((a, b) => a.report.start - b.report.start);
  return {
    documents, entities, events, conflicts, findings, manifest,
    document: (id) => docs.get(id),
    positionAt: (file, offset) => (file === MANIFEST_FILE ? manifestLines : docs.get(file)?.doc.lines)?.positionAt(offset) ?? { line: 0, character: 0 },
    entity: (id) => byId.get(id),
    entityAt: (document, offset) => findCovering(hits.get(document) ?? [], offset, (h) => h.mention),
    dateAt: (document, offset) => findCovering(docs.get(document)?.dates ?? [], offset, (d) => d),
    definitions: (entityId, except) => definitionsOf(entityId).filter((m) => m.document !== except),
    manifestEntry(entityId) {
      const e = byId.get(entityId);
      if (!e) return undefined;
      for (const form of [e.name, ...e.aliases]) {
        const m = manifestByKey.get(nameKey(form));
        if (m) return m;
      }
      return undefined;
    },
    mentionsIn: (document) => hits.get(document) ?? [],
    sourcesOf,
    mentionsOf: (entityId, document) => byEntityDoc.get(entityId)?.get(document) ?? [],
    eventsIn: (document) => eventsByDoc.get(document) ?? [],
    sentenceAt: (document, offset) => findCovering(docs.get(document)?.sentences ?? [], offset, (s) => s),
    findEntities: (query) => matchEntities(forms, nameKey(query)),
    eventsOf: (entityId) => eventsByEntity.get(entityId) ?? [],
    eventsAtDate: (document, date) => eventsByDate.get(dateKey(document, date)) ?? [],
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Each document's defining mention of an entity, best first (see `CorpusIndex.definitions`). */
function definingMentions(entity: Entity | undefined, perDoc: ReadonlyMap<string, readonly EntityMention[]> | undefined, docOrder: ReadonlyMap<string, number>): EntityMention[] {
  if (!entity || !perDoc) return [];
  const full = nameKey(entity.name);
  const rows = [...perDoc].map(([document, mentions]) => {
    const named = mentions.find((m) => nameKey(m.text) === full);
    // Without the full name, the fullest form the document uses: most words, then most letters.
    const fullest = named ?? mentions.reduce((a, b) => (fullness(b.text) > fullness(a.text) ? b : a));
    return { mention: fullest, named: named !== undefined, count: mentions.length, order: docOrder.get(document) ?? Infinity };
  });
  rows.sort((a, b) => Number(b.named) - Number(a.named) || b.count - a.count || a.order - b.order);
  return rows.map((r) => r.mention);
}

function fullness(text: string): number {
  return text.trim().split(/\s+/).length * 1000 + text.length;
}

/** How well a name key matches a query key; lower is better, undefined is no match. */
function matchRank(key: string, query: string): number | undefined {
  if (key === query) return 0;
  if (key.startsWith(query)) return 1;
  if (key.split(/[\s'-]/).some((word) => word.startsWith(query))) return 2;
  if (key.includes(query)) return 3;
  let at = 0;
  for (const c of query.replace(/\s/g, '')) {
    at = key.indexOf(c, at) + 1;
    if (at === 0) return undefined;
  }
  return 4;
}

function matchEntities(forms: readonly { entity: Entity; form: string; key: string }[], query: string): EntityMatch[] {
  const best = new Map<Entity, { form: string; rank: number }>();
  for (const { entity, form, key } of forms) {
    const rank = query === '' ? (form === entity.name ? 0 : undefined) : matchRank(key, query);
    if (rank === undefined) continue;
    const cur = best.get(entity);
    // On equal ranks the canonical name wins (it comes first among the entity's forms).
    if (!cur || rank < cur.rank) best.set(entity, { form, rank });
  }
  return [...best]
    .sort(([a, x], [b, y]) => x.rank - y.rank || b.mentions.length - a.mentions.length || a.name.localeCompare(b.name))
    .map(([entity, { form }]) => ({ entity, form }));
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

