/**
 * The index the editor queries: analysed data plus lookup tables. Free of the language analysis,
 * so the extension host loads it quickly while the analysis itself runs in a worker.
 */
import { createDocument, LineIndex, type CorpusDocument, type Position } from '../pipeline/text/document';
import type { Sentence } from '../pipeline/text/sentences';
import type { ManifestEntity } from '../pipeline/manifest/manifest';
import { MANIFEST_FILE } from '../pipeline/text/article-files';
import type { Entity, EntityMention } from '../pipeline/entities/entities';
import type { DateExpression } from '../pipeline/dates/date-expressions';
import type { CorpusEvent, EventReport } from '../pipeline/events/events';
import { nameKey } from '../pipeline/entities/names';
import type { MentionTable } from './mention-table';
import { LazyFields } from './lazy-fields';
import type { DocumentData, IndexData } from '../pipeline/corpus-data';
import { compareText } from '../pipeline/text/compare';

export type { DocumentData, IndexData } from '../pipeline/corpus-data';

/** One indexed article. */
export interface IndexedDocument extends DocumentData {
  readonly doc: CorpusDocument;
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
  /** The tables a later `createIndex(data, thisIndex)` may lend from. */
  readonly reusable: ReusableTables;
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

/**
 * Adds lookup tables to analysed data (cheap: no language analysis happens here). `previous`, an
 * index of an earlier analysis of the same corpus, lends every table that still holds, so the
 * work follows what changed: documents and entities are compared with the previous ones by
 * identity (position by position; an object not found where it was counts as changed), and a
 * document's mention table is made again only where an entity that is not the same object has
 * other mentions there. Identity is only a shortcut: whatever `previous` is, the answers are
 * those of `createIndex(data)`. `mentionTable`, when given, numbers exactly the mentions of
 * `data.entities` (as a full copy unpacked them), and the mention tables are made from it.
 */
export function createIndex(
  data: IndexData,
  previous?: CorpusIndex,
  { mentionTable }: { readonly mentionTable?: MentionTable } = {},
): CorpusIndex {
  const { entities, events, conflicts, findings, manifest } = data;
  const before = previous?.reusable;
  const memo: Memo = before?.memo ?? { documents: new WeakMap(), entities: new WeakMap() };
  const tables =
    (before?.unique && changedTables(before, data, memo)) || freshTables(data, memo, mentionTable);
  const { documents, docs, byId, refs } = tables;
  const manifestLines = new LineIndex(data.manifestText);
  // a document's hits are made from its table on the first question about it
  const hitCache = new Map<string, MentionHit[]>();
  const hitsIn = (document: string): readonly MentionHit[] => {
    const table = tableOf(refs.get(document));
    if (!table) return [];
    let list = hitCache.get(document);
    if (!list) {
      list = table.map((r) => ({ entity: byId.get(r.entity)!, mention: r.mention }));
      hitCache.set(document, list);
    }
    return list;
  };
  const perDoc = (entityId: string): ReadonlyMap<string, readonly EntityMention[]> | undefined => {
    const entity = byId.get(entityId);
    return entity && entityTables(entity, memo).perDoc;
  };
  const definitionCache = new Map<string, EntityMention[]>();
  const definitionsOf = (entityId: string): EntityMention[] => {
    let list = definitionCache.get(entityId);
    if (!list) {
      list = definingMentions(byId.get(entityId), perDoc(entityId), tables.docOrder());
      definitionCache.set(entityId, list);
    }
    return list;
  };
  const sourceCache = new Map<string, EntitySource[]>();
  const sourcesOf = (entityId: string): EntitySource[] => {
    let list = sourceCache.get(entityId);
    if (!list) {
      const docOrder = tables.docOrder();
      list = [...(perDoc(entityId) ?? [])].map(([document, mentions]) => ({
        document,
        count: mentions.length,
        first: mentions[0]!,
      }));
      list.sort((a, b) => (docOrder.get(a.document) ?? 0) - (docOrder.get(b.document) ?? 0));
      sourceCache.set(entityId, list);
    }
    return list;
  };
  const manifestByKey = new Map(manifest.entities.map((m) => [nameKey(m.name), m]));
  const eventsByDoc = new Map<string, EventHit[]>();
  const eventsByEntity = new Map<string, CorpusEvent[]>();
  const eventsByDate = new Map<string, { event: CorpusEvent; report: EventReport }[]>();
  const dateKey = (document: string, d: DateExpression): string => `${document}:${d.start}`;
  for (const event of events) {
    for (const id of event.entities) push(eventsByEntity, id, event);
    for (const report of event.reports) {
      push(eventsByDoc, report.document, { event, report });
      if (report.date) push(eventsByDate, dateKey(report.document, report.date), { event, report });
    }
  }
  for (const list of eventsByEntity.values()) list.sort((a, b) => compareText(b.from ?? '', a.from ?? ''));
  for (const list of eventsByDoc.values()) list.sort((a, b) => a.report.start - b.report.start);
  const document = (id: string): IndexedDocument | undefined => docs.get(id)?.indexed;
  const index: CorpusIndex = {
    reusable: { ...tables, sources: data.documents, entities, memo },
    documents,
    entities,
    events,
    conflicts,
    findings,
    manifest,
    document,
    positionAt: (file, offset) =>
      (file === MANIFEST_FILE ? manifestLines : document(file)?.doc.lines)?.positionAt(offset) ?? {
        line: 0,
        character: 0,
      },
    entity: (id) => byId.get(id),
    entityAt: (document, offset) => findCovering(hitsIn(document), offset, (h) => h.mention),
    dateAt: (id, offset) => findCovering(document(id)?.dates ?? [], offset, (d) => d),
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
    mentionsIn: hitsIn,
    sourcesOf,
    mentionsOf: (entityId, document) => perDoc(entityId)?.get(document) ?? [],
    eventsIn: (document) => eventsByDoc.get(document) ?? [],
    sentenceAt: (id, offset) => findCovering(document(id)?.sentences ?? [], offset, (s) => s),
    findEntities: (query) => matchEntities(entities, (e) => formsOf(e, memo), nameKey(query)),
    eventsOf: (entityId) => eventsByEntity.get(entityId) ?? [],
    eventsAtDate: (document, date) => eventsByDate.get(dateKey(document, date)) ?? [],
  };
  return index;
}

/** The lookup tables that follow the documents and entities. */
interface Tables {
  readonly documents: readonly IndexedDocument[];
  readonly docs: Layered<DocumentSlot>;
  /** Each document's position (made on first use). */
  readonly docOrder: () => ReadonlyMap<string, number>;
  readonly byId: Layered<Entity>;
  /** Each document's entity mentions in text order. */
  readonly refs: Layered<RefTable>;
  /** No document id and no entity id occurs twice (what lets a later index compare by position). */
  readonly unique: boolean;
}

/** What a later `createIndex` may reuse of an index. */
export interface ReusableTables extends Tables {
  readonly sources: readonly DocumentData[];
  readonly entities: readonly Entity[];
  readonly memo: Memo;
}

interface DocumentSlot {
  readonly source: DocumentData;
  readonly indexed: IndexedDocument;
}

/**
 * An entity mention in a document's table. The entity is named by id, not held, so the table of
 * a document stays valid when an entity mentioned there is replaced by a new object with the
 * same mentions in it (because one of its mentions elsewhere moved).
 */
interface MentionRef {
  readonly entity: string;
  readonly mention: EntityMention;
}

/** Tables that depend on one object only, shared along a chain of indexes (weakly: they go with their object). */
interface Memo {
  readonly documents: WeakMap<DocumentData, IndexedDocument>;
  readonly entities: WeakMap<Entity, EntityTables>;
}

/** An entity's own tables. */
interface EntityTables {
  /** Its mentions in each document, in text order. */
  readonly perDoc: ReadonlyMap<string, readonly EntityMention[]>;
  /** Its names with their keys, made by the first name search. */
  forms?: readonly NameForm[];
}

interface NameForm {
  readonly form: string;
  readonly key: string;
}

/** A document's mention table, or how to make it (on the first question about the document). */
type RefTable = readonly MentionRef[] | (() => readonly MentionRef[]);

function tableOf(table: RefTable | undefined): readonly MentionRef[] | undefined {
  return typeof table === 'function' ? table() : table;
}

const GONE = Symbol('gone');
type Gone = typeof GONE;

/**
 * An id → value table that the next index makes from this one's by a few changes without
 * copying it: the changes lie over a shared base until they are many, then they are merged.
 */
class Layered<V> {
  readonly #base: ReadonlyMap<string, V>;
  readonly #top: ReadonlyMap<string, V | Gone>;

  private constructor(base: ReadonlyMap<string, V>, top: ReadonlyMap<string, V | Gone>) {
    this.#base = base;
    this.#top = top;
  }

  static of<V>(map: ReadonlyMap<string, V>): Layered<V> {
    return new Layered(map, new Map());
  }

  get(id: string): V | undefined {
    const v = this.#top.get(id);
    return v === GONE ? undefined : (v ?? this.#base.get(id));
  }

  with(changes: ReadonlyMap<string, V | Gone>): Layered<V> {
    if (changes.size === 0) return this;
    const top = new Map([...this.#top, ...changes]);
    // merged once the changes are an eighth of the base: a lookup stays two map reads, a new index copies little
    if (top.size * 8 <= this.#base.size + 512) return new Layered(this.#base, top);
    const merged = new Map(this.#base);
    for (const [id, v] of top) {
      if (v === GONE) merged.delete(id);
      else merged.set(id, v);
    }
    return Layered.of(merged);
  }
}

/** The tables made from nothing. */
function freshTables(data: IndexData, memo: Memo, mentionTable: MentionTable | undefined): Tables {
  const documents = data.documents.map((d) => indexedDocument(d, memo));
  const docs = new Map(data.documents.map((source, i) => [source.id, { source, indexed: documents[i]! }]));
  // an entity's own tables are made on the first question about it (most entities of a large corpus are never asked)
  const byId = new Map(data.entities.map((e) => [e.id, e]));
  return {
    documents,
    docs: Layered.of(docs),
    docOrder: orderOf(documents),
    byId: Layered.of(byId),
    refs: Layered.of(mentionRefs(data.entities, mentionTable)),
    unique: docs.size === documents.length && byId.size === data.entities.length,
  };
}

/** The tables of `before` with what changed made again; undefined when an id occurs twice in `data`. */
function changedTables(before: ReusableTables, data: IndexData, memo: Memo): Tables | undefined {
  const docChanges = changesById(before.sources, (id) => before.docs.get(id)?.source, data.documents);
  const entityChanges = changesById(before.entities, (id) => before.byId.get(id), data.entities);
  if (!docChanges || !entityChanges) return undefined;
  const documents = data.documents.map((d, i) =>
    before.sources[i] === d ? before.documents[i]! : indexedDocument(d, memo),
  );
  const slots = new Map<string, DocumentSlot | Gone>();
  for (const [id, source] of docChanges.changes)
    slots.set(id, source === GONE ? GONE : { source, indexed: indexedDocument(source, memo) });
  const byId = before.byId.with(entityChanges.changes);
  return {
    documents,
    docs: before.docs.with(slots),
    docOrder: docChanges.sameOrder ? before.docOrder : orderOf(documents),
    byId,
    refs: before.refs.with(mentionChanges(entityChanges.changes.keys(), before, byId, memo)),
    unique: true,
  };
}

/**
 * What differs between two lists of objects with unique ids, found position by position: the
 * objects new or replaced under an id, and the ids gone (an object only moved is no change).
 * `sameOrder`: the ids are the same, in the same order. Undefined when an id occurs twice in `after`.
 */
function changesById<T extends { readonly id: string }>(
  before: readonly T[],
  old: (id: string) => T | undefined,
  after: readonly T[],
): { changes: Map<string, T | Gone>; sameOrder: boolean } | undefined {
  const moved = new Map<string, T>();
  const left = new Set<T>();
  let sameOrder = before.length === after.length;
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const a = after[i];
    const b = before[i];
    if (a === b) continue;
    if (a) {
      if (moved.has(a.id)) return undefined;
      moved.set(a.id, a);
    }
    if (b) left.add(b);
    if (a?.id !== b?.id) sameOrder = false;
  }
  const changes = new Map<string, T | Gone>();
  for (const [id, a] of moved) {
    const o = old(id);
    // the object `before` has under this id must have left its place, or `after` has the id twice
    if (o && !left.has(o)) return undefined;
    if (o !== a) changes.set(id, a);
  }
  for (const b of left) if (!moved.has(b.id)) changes.set(b.id, GONE);
  return { changes, sameOrder };
}

/** Each document's place, worked out when first asked for (holding the ids only, not the documents). */
function orderOf(documents: readonly IndexedDocument[]): () => ReadonlyMap<string, number> {
  const ids = documents.map((d) => d.id);
  return once(() => new Map(ids.map((id, i) => [id, i])));
}

/** `make`'s value, made the first time it is asked for; `make` (and what it holds) is let go then. */
function once<T>(make: () => T): () => T {
  let value: T | undefined;
  let maker: (() => T) | undefined = make;
  return () => {
    if (maker) {
      value = maker();
      maker = undefined;
    }
    return value!;
  };
}

/** An indexed document's sentences and dates: its data's, read through. */
const readThrough = new LazyFields<DocumentData>({ sentences: (d) => d.sentences, dates: (d) => d.dates });

function indexedDocument(d: DocumentData, memo: Memo): IndexedDocument {
  let indexed = memo.documents.get(d);
  if (!indexed) {
    // its sentences and dates read through, not copied (those of a full copy are made when first read)
    const base = {
      id: d.id,
      text: d.text,
      title: d.title,
      published: d.published,
      outlet: d.outlet,
      author: d.author,
      url: d.url,
    };
    const made = readThrough.add(base, d) as Omit<IndexedDocument, 'doc'> & { doc?: CorpusDocument };
    made.doc = createDocument(d.id, d.text);
    indexed = made as IndexedDocument;
    memo.documents.set(d, indexed);
  }
  return indexed;
}

function entityTables(entity: Entity, memo: Memo): EntityTables {
  let tables = memo.entities.get(entity);
  if (!tables) {
    const perDoc = new Map<string, EntityMention[]>();
    for (const mention of entity.mentions) push(perDoc, mention.document, mention);
    for (const list of perDoc.values()) list.sort((a, b) => a.start - b.start);
    tables = { perDoc };
    memo.entities.set(entity, tables);
  }
  return tables;
}

function formsOf(entity: Entity, memo: Memo): readonly NameForm[] {
  const tables = entityTables(entity, memo);
  tables.forms ??= [entity.name, ...entity.aliases].map((form) => ({ form, key: nameKey(form) }));
  return tables.forms;
}

/** Text order; mentions starting together (none in practice) by end, then entity id, so the order never depends on the entities' order. */
function byStart(a: MentionRef, b: MentionRef): number {
  return (
    a.mention.start - b.mention.start ||
    a.mention.end - b.mention.end ||
    (a.entity < b.entity ? -1 : a.entity > b.entity ? 1 : 0)
  );
}

/** Every document's mention table (made when first asked for, where the mentions came packed). */
function mentionRefs(entities: readonly Entity[], store: MentionTable | undefined): Map<string, RefTable> {
  if (store && new Set(store.documentIds).size === store.documentIds.length)
    return packedRefs(entities, store);
  const refs = new Map<string, MentionRef[]>();
  for (const entity of entities) {
    // an entity's mentions come document by document: one table lookup a document, not a mention
    let document: string | undefined;
    let list: MentionRef[] | undefined;
    for (const mention of entity.mentions) {
      if (mention.document !== document) {
        document = mention.document;
        list = refs.get(document);
        if (!list) refs.set(document, (list = []));
      }
      list!.push({ entity: entity.id, mention });
    }
  }
  for (const list of refs.values()) list.sort(byStart);
  return refs;
}

/**
 * Every document's mention table from the numbers of packed mentions: which mentions each
 * document has is worked out at once (a counting sort of numbers), their objects and order when
 * the document is first asked about.
 */
function packedRefs(entities: readonly Entity[], store: MentionTable): Map<string, RefTable> {
  const ids = store.documentIds;
  const first = new Int32Array(ids.length + 1);
  for (let m = 0; m < store.size; m++) first[store.documentOf(m) + 1]!++;
  for (let n = 0; n < ids.length; n++) first[n + 1]! += first[n]!;
  const next = first.slice(0, ids.length);
  const byDocument = new Int32Array(store.size);
  for (let m = 0; m < store.size; m++) byDocument[next[store.documentOf(m)]!++] = m;
  const refs = new Map<string, RefTable>();
  ids.forEach((id, n) => {
    if (first[n] === first[n + 1]) return;
    refs.set(
      id,
      once(() => {
        const list: MentionRef[] = [];
        for (let k = first[n]!; k < first[n + 1]!; k++) {
          const m = byDocument[k]!;
          list.push({ entity: entities[store.entityOf(m)]!.id, mention: store.mention(m) });
        }
        return list.sort(byStart);
      }),
    );
  });
  return refs;
}

/**
 * The mention tables to make again: those of documents where an entity that is not the same
 * object as before (new, changed, gone) has mentions that differ.
 */
function mentionChanges(
  stale: Iterable<string>,
  before: ReusableTables,
  byId: Layered<Entity>,
  memo: Memo,
): Map<string, RefTable | Gone> {
  const ids = new Set(stale);
  const affected = new Set<string>();
  for (const id of ids)
    markChanged(before.byId.get(id)?.mentions ?? [], byId.get(id)?.mentions ?? [], affected);
  const changes = new Map<string, MentionRef[] | Gone>();
  if (affected.size === 0) return changes;
  const added = new Map<string, MentionRef[]>();
  for (const id of ids) {
    const entity = byId.get(id);
    if (!entity) continue;
    const here = new Map<string, EntityMention[]>();
    for (const mention of entity.mentions)
      if (affected.has(mention.document)) push(here, mention.document, mention);
    for (const [document, list] of here)
      for (const mention of list) push(added, document, { entity: id, mention });
    // the entity's own table: the old one's with the affected documents made again (a few, where the whole table has thousands)
    const old = before.byId.get(id);
    const oldTables = old && memo.entities.get(old);
    if (oldTables && !memo.entities.has(entity)) {
      const perDoc = new Map(oldTables.perDoc);
      for (const document of affected) {
        const list = here.get(document);
        if (list)
          perDoc.set(
            document,
            list.sort((a, b) => a.start - b.start),
          );
        else perDoc.delete(document);
      }
      memo.entities.set(entity, { perDoc });
    }
  }
  for (const document of affected) {
    const list = (tableOf(before.refs.get(document)) ?? []).filter((r) => !ids.has(r.entity));
    list.push(...(added.get(document) ?? []));
    list.sort(byStart);
    changes.set(document, list.length > 0 ? list : GONE);
  }
  return changes;
}

function sameMention(m: EntityMention, n: EntityMention): boolean {
  return (
    m === n || (m.start === n.start && m.end === n.end && m.document === n.document && m.text === n.text)
  );
}

/**
 * Adds to `into` every document whose mentions in `a` and `b` are not the same (the same
 * objects, or equal ones) in the same order, and maybe some others, walking both lists once:
 * past a difference, the documents involved are skipped in both (an entity's mentions come
 * document by document). A document left out had each of its mentions matched, in order.
 */
function markChanged(a: readonly EntityMention[], b: readonly EntityMention[], into: Set<string>): void {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (sameMention(a[i]!, b[j]!)) {
      i++;
      j++;
      continue;
    }
    into.add(a[i]!.document);
    into.add(b[j]!.document);
    while (i < a.length && into.has(a[i]!.document)) i++;
    while (j < b.length && into.has(b[j]!.document)) j++;
  }
  for (; i < a.length; i++) into.add(a[i]!.document);
  for (; j < b.length; j++) into.add(b[j]!.document);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Each document's defining mention of an entity, best first (see `CorpusIndex.definitions`). */
function definingMentions(
  entity: Entity | undefined,
  perDoc: ReadonlyMap<string, readonly EntityMention[]> | undefined,
  docOrder: ReadonlyMap<string, number>,
): EntityMention[] {
  if (!entity || !perDoc) return [];
  const full = nameKey(entity.name);
  const rows = [...perDoc].map(([document, mentions]) => {
    const named = mentions.find((m) => nameKey(m.text) === full);
    // Without the full name, the fullest form the document uses: most words, then most letters.
    const fullest = named ?? mentions.reduce((a, b) => (fullness(b.text) > fullness(a.text) ? b : a));
    return {
      mention: fullest,
      named: named !== undefined,
      count: mentions.length,
      order: docOrder.get(document) ?? Infinity,
    };
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

function matchEntities(
  entities: readonly Entity[],
  formsOf: (entity: Entity) => readonly NameForm[],
  query: string,
): EntityMatch[] {
  const best = new Map<Entity, { form: string; rank: number }>();
  for (const entity of entities) {
    for (const { form, key } of formsOf(entity)) {
      const rank = query === '' ? (form === entity.name ? 0 : undefined) : matchRank(key, query);
      if (rank === undefined) continue;
      const cur = best.get(entity);
      // On equal ranks the canonical name wins (it comes first among the entity's forms).
      if (!cur || rank < cur.rank) best.set(entity, { form, rank });
    }
  }
  return [...best]
    .sort(
      ([a, x], [b, y]) =>
        x.rank - y.rank || b.mentions.length - a.mentions.length || compareText(a.name, b.name),
    )
    .map(([entity, { form }]) => ({ entity, form }));
}

/** Binary search in spans sorted by start. */
function findCovering<T>(
  items: readonly T[],
  offset: number,
  span: (t: T) => { start: number; end: number },
): T | undefined {
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
