/**
 * A full copy of analysed data in a form that crosses threads quickly. A structured clone copies
 * objects one property at a time; packed, the sentences, dates and entity mentions are a few
 * typed arrays copied as blocks, and the receiving side makes the objects again in plain code.
 */
import type { DocumentData, IndexData } from '../index/corpus-index';
import type { Entity, EntityMention } from '../pipeline/entities/entities';
import type { Sentence } from '../pipeline/text/sentences';
import type { DateExpression } from '../pipeline/dates/date-expressions';
import type { Published } from '../pipeline/dates/published';
import { LazyFields } from '../index/lazy-fields';
import type { MentionTable } from '../index/mention-table';

/**
 * `IndexData` with the documents and entities as columns of their fields and their sentences,
 * dates and mentions packed (structured-clone safe: a list of strings is cloned several times
 * faster than as many objects, and typed arrays as blocks).
 */
export interface PackedIndexData extends Omit<IndexData, 'documents' | 'entities'> {
  readonly fields: PackedFields;
  readonly spans: PackedSpans;
}

/** The documents' and entities' fields (but their lists), a column each, in order. */
export interface PackedFields {
  readonly documents: {
    readonly id: readonly string[];
    readonly text: readonly string[];
    readonly title: readonly string[];
    readonly outlet: readonly (string | null)[];
    readonly author: readonly (string | null)[];
    readonly url: readonly (string | null)[];
    /** The publication dates as JSON (small objects, read back in one parse). */
    readonly published: string;
  };
  readonly entities: {
    readonly id: readonly string[];
    readonly type: readonly Entity['type'][];
    readonly name: readonly string[];
    readonly description: readonly (string | null)[];
    readonly descriptionSource: readonly (string | null)[];
    /** Each entity's number of aliases; the aliases one after another. */
    readonly aliasCounts: Int32Array;
    readonly aliases: readonly string[];
  };
}

/**
 * Entities with their mentions packed: the entities with empty mention lists, and the mentions
 * as numbers (a mention's text is its document's text from start to end, but for exceptions).
 * `N` is Int32Array in a hand-over, number[] where JSON holds it (the cross-source snapshot).
 */
export interface PackedMentions<N extends ArrayLike<number> = Int32Array> {
  /** Each entity's number of mentions, in order. */
  readonly mentionCounts: N;
  /** document (a number in `documentIds`), start, end of each mention, entity after entity. */
  readonly mentions: N;
  /** The documents mentions are in: first every document's id in order, then any other. */
  readonly documentIds: readonly string[];
  /** Mentions whose text is not their document's text from start to end, by mention number. */
  readonly mentionTexts: readonly (readonly [number, string])[];
}

/**
 * Every document's sentences and date expressions, packed (`N` as for `PackedMentions`): the
 * lists of a full copy, and of the cross-source snapshot (which a warm start hands on as it is).
 */
export interface PackedDocumentLists<N extends ArrayLike<number> = Int32Array> {
  /** Each document's number of sentences, in order. */
  readonly sentenceCounts: N;
  /** start, end, index of each sentence, document after document. */
  readonly sentences: N;
  /** Each document's number of date expressions, in order. */
  readonly dateCounts: N;
  /**
   * DATE_FIELDS numbers a date expression, document after document: start, end, sentence, flags
   * (1 forward, 2 recurring), then kind, from, to, granularity and reference as numbers in
   * `dateStrings` (-1 for null or absent), then the anchor (-1 null, -2 the publication date,
   * else the start of the expression it was resolved from).
   */
  readonly dates: N;
  readonly dateStrings: readonly string[];
  /** Date expressions whose text is not their document's text from start to end, by number. */
  readonly dateTexts: readonly (readonly [number, string])[];
}

/** The spans of a full copy (see `packIndexData`). */
export interface PackedSpans extends PackedMentions, PackedDocumentLists {}

const DATE_FIELDS = 10;

type Texts = readonly Pick<DocumentData, 'id' | 'text'>[];

/** `data` as columns and packed spans; `known`, the packing `data.entities` were unpacked from, is reused. */
export function packIndexData(data: IndexData, known?: PackedEntities): PackedIndexData {
  const { documents, entities, ...rest } = data;
  const packed = packEntities(entities, documents, known);
  const column = <T, K extends keyof T>(list: readonly T[], key: K): T[K][] => list.map((x) => x[key]);
  const fields: PackedFields = {
    documents: {
      id: column(documents, 'id'),
      text: column(documents, 'text'),
      title: column(documents, 'title'),
      outlet: column(documents, 'outlet'),
      author: column(documents, 'author'),
      url: column(documents, 'url'),
      published: JSON.stringify(column(documents, 'published')),
    },
    entities: {
      id: column(packed.entities, 'id'),
      type: column(packed.entities, 'type'),
      name: column(packed.entities, 'name'),
      description: column(packed.entities, 'description'),
      descriptionSource: column(packed.entities, 'descriptionSource'),
      aliasCounts: Int32Array.from(packed.entities, (e) => e.aliases.length),
      aliases: packed.entities.flatMap((e) => e.aliases),
    },
  };
  return { ...rest, fields, spans: { ...packed.spans, ...packDocumentLists(documents) } };
}

/**
 * The data of a full copy. Each document's sentences and dates and each entity's mentions are made
 * when first read (a large corpus has hundreds of thousands, and most are never asked for): the
 * objects look and compare like plain ones, and a structured clone or JSON copies their values.
 */
export function unpackIndexData(packed: PackedIndexData): IndexData {
  return unpackIndex(packed).data;
}

/** `unpackIndexData`, with the table numbering the entities' mentions (for `createIndex`). */
export function unpackIndex(packed: PackedIndexData): { data: IndexData; mentionTable: MentionTable } {
  const { fields, spans, ...rest } = packed;
  const d = fields.documents;
  const published = JSON.parse(d.published) as (Published | null)[];
  const docs = lazyDocuments(
    d.id.map((id, i) => ({
      id,
      text: d.text[i]!,
      title: d.title[i]!,
      published: published[i] ?? null,
      outlet: d.outlet[i] ?? null,
      author: d.author[i] ?? null,
      url: d.url[i] ?? null,
    })),
    spans,
  );
  const e = fields.entities;
  let a = 0;
  const entities = e.id.map((id, i): Entity => {
    const aliases = e.aliases.slice(a, (a += e.aliasCounts[i]!));
    return {
      id,
      type: e.type[i]!,
      name: e.name[i]!,
      aliases,
      description: e.description[i] ?? null,
      descriptionSource: e.descriptionSource[i] ?? null,
      mentions: [],
    };
  });
  const unpackedEntities = unpackEntitiesWithTable(entities, spans, docs);
  return {
    data: { ...rest, documents: docs, entities: unpackedEntities.entities },
    mentionTable: unpackedEntities.mentionTable,
  };
}

/** One packing's lists, and how `lazyDocuments` makes a document's from them. */
interface ListSource {
  readonly lists: PackedDocumentLists<ArrayLike<number>>;
  readonly sentencesOf: (i: number) => Sentence[];
  readonly datesOf: (i: number) => DateExpression[];
}

/** A document made by `lazyDocuments`: where its lists come from, its place there, and its lists once read. */
interface LazyLists {
  readonly source: ListSource;
  readonly at: number;
  sentences?: Sentence[];
  dates?: DateExpression[];
}

/** The lists of the documents `lazyDocuments` makes, made when first read. */
const lazyLists = new LazyFields<LazyLists>({
  sentences: (s) => (s.sentences ??= s.source.sentencesOf(s.at)),
  dates: (s) => (s.dates ??= s.source.datesOf(s.at)),
});

/** Numbers as an Int32Array (itself when it is one: packed numbers are never changed). */
function int32(numbers: ArrayLike<number>): Int32Array {
  return numbers instanceof Int32Array ? numbers : Int32Array.from(numbers);
}

/**
 * Every document's sentences and dates packed, in order. Documents `lazyDocuments` made from one
 * packing, all of them in their order, give back that packing without reading their lists.
 */
export function packDocumentLists(documents: readonly DocumentData[]): PackedDocumentLists {
  const from = documents.length > 0 ? lazyLists.stateOf(documents[0]!)?.source.lists : undefined;
  if (
    from &&
    from.sentenceCounts.length === documents.length &&
    documents.every((d, i) => {
      const s = lazyLists.stateOf(d);
      return s?.source.lists === from && s.at === i;
    })
  ) {
    const { dateStrings, dateTexts } = from;
    return {
      sentenceCounts: int32(from.sentenceCounts),
      sentences: int32(from.sentences),
      dateCounts: int32(from.dateCounts),
      dates: int32(from.dates),
      dateStrings,
      dateTexts,
    };
  }
  // lists of documents lazyDocuments made are read without being kept
  const lists = documents.map(sentencesKept);
  const sentenceCounts = new Int32Array(documents.length);
  const sentences = new Int32Array(3 * lists.reduce((n, l) => n + l.length, 0));
  let s = 0;
  lists.forEach((list, i) => {
    sentenceCounts[i] = list.length;
    for (const x of list) {
      sentences[s++] = x.start;
      sentences[s++] = x.end;
      sentences[s++] = x.index;
    }
  });
  return {
    sentenceCounts,
    sentences,
    ...packDates(documents.map((d) => ({ text: d.text, dates: datesKept(d) }))),
  };
}

/**
 * The documents `bases` (their own sentence and date lists ignored) with the lists of `lists`,
 * each made when first read. Throws when the counts do not fit, and with `check` when a span
 * does not fit its document's text (data read from a file; a full copy is the thread's own).
 */
export function lazyDocuments(
  bases: readonly Omit<DocumentData, 'sentences' | 'dates'>[],
  lists: PackedDocumentLists<ArrayLike<number>>,
  { check = false } = {},
): DocumentData[] {
  const { sentenceCounts, sentences, dateCounts, dates } = lists;
  const sentenceAt = offsets(sentenceCounts);
  const dateAt = offsets(dateCounts);
  if (
    sentenceCounts.length !== bases.length ||
    dateCounts.length !== bases.length ||
    3 * sentenceAt[bases.length]! !== sentences.length ||
    DATE_FIELDS * dateAt[bases.length]! !== dates.length
  ) {
    throw new Error(
      `packed lists do not fit: ${sentenceCounts.length} sentence counts and ${dateCounts.length} date counts for ${bases.length} documents, ${sentences.length} and ${dates.length} numbers`,
    );
  }
  if (check)
    bases.forEach((d, i) => {
      const length = d.text.length;
      for (let k = 3 * sentenceAt[i]!; k < 3 * sentenceAt[i + 1]!; k += 3) {
        if (!(sentences[k]! >= 0 && sentences[k]! <= sentences[k + 1]! && sentences[k + 1]! <= length))
          throw new Error(`packed sentence ${k / 3} does not fit document ${i} (${d.id})`);
      }
      for (let k = DATE_FIELDS * dateAt[i]!; k < DATE_FIELDS * dateAt[i + 1]!; k += DATE_FIELDS) {
        if (!(dates[k]! >= 0 && dates[k]! <= dates[k + 1]! && dates[k + 1]! <= length))
          throw new Error(`packed date ${k / DATE_FIELDS} does not fit document ${i} (${d.id})`);
      }
    });
  const datesOf = unpackDates(bases, lists, dateAt);
  const sentencesOf = (i: number): Sentence[] => {
    const list = new Array<Sentence>(sentenceCounts[i]!);
    for (let k = 0, s = 3 * sentenceAt[i]!; k < list.length; k++, s += 3)
      list[k] = { start: sentences[s]!, end: sentences[s + 1]!, index: sentences[s + 2]! };
    return list;
  };
  const source: ListSource = { lists, sentencesOf, datesOf };
  return bases.map((d, i): DocumentData => {
    const base = {
      id: d.id,
      text: d.text,
      title: d.title,
      published: d.published,
      outlet: d.outlet,
      author: d.author,
      url: d.url,
    };
    return lazyLists.add(base, { source, at: i }) as DocumentData;
  });
}

/** A document's sentences; those of a document `lazyDocuments` made are read without being kept. */
function sentencesKept(d: DocumentData): readonly Sentence[] {
  const s = lazyLists.stateOf(d);
  return s ? (s.sentences ?? s.source.sentencesOf(s.at)) : d.sentences;
}

/** A document's dates, as `sentencesKept`. */
function datesKept(d: DocumentData): readonly DateExpression[] {
  const s = lazyLists.stateOf(d);
  return s ? (s.dates ?? s.source.datesOf(s.at)) : d.dates;
}

/** Where each run starts, given the runs' lengths. */
function offsets(counts: ArrayLike<number>): Int32Array {
  const at = new Int32Array(counts.length + 1);
  for (let i = 0; i < counts.length; i++) at[i + 1] = at[i]! + counts[i]!;
  return at;
}

type PackedDates<N extends ArrayLike<number> = Int32Array> = Pick<
  PackedDocumentLists<N>,
  'dateCounts' | 'dates' | 'dateStrings' | 'dateTexts'
>;

function packDates(documents: readonly Pick<DocumentData, 'text' | 'dates'>[]): PackedDates {
  const dateCounts = new Int32Array(documents.length);
  const dates = new Int32Array(DATE_FIELDS * documents.reduce((n, d) => n + d.dates.length, 0));
  const dateStrings: string[] = [];
  const numbers = new Map<string, number>();
  const number = (value: string | null | undefined): number => {
    if (value === null || value === undefined) return -1;
    let n = numbers.get(value);
    if (n === undefined) {
      n = dateStrings.push(value) - 1;
      numbers.set(value, n);
    }
    return n;
  };
  const dateTexts: [number, string][] = [];
  let at = 0;
  documents.forEach((d, i) => {
    dateCounts[i] = d.dates.length;
    for (const x of d.dates) {
      if (d.text.slice(x.start, x.end) !== x.text) dateTexts.push([at / DATE_FIELDS, x.text]);
      dates[at] = x.start;
      dates[at + 1] = x.end;
      dates[at + 2] = x.sentence;
      dates[at + 3] = (x.forward ? 1 : 0) | (x.recurring ? 2 : 0);
      dates[at + 4] = number(x.kind);
      dates[at + 5] = number(x.from);
      dates[at + 6] = number(x.to);
      dates[at + 7] = number(x.granularity);
      dates[at + 8] = number(x.reference);
      dates[at + 9] = x.anchor === null ? -1 : x.anchor === 'published' ? -2 : x.anchor.start;
      at += DATE_FIELDS;
    }
  });
  return { dateCounts, dates, dateStrings, dateTexts };
}

/** A document's date expressions by its number (`first`: where each document's run starts), made in the order of the fields `findDates` makes them in. */
function unpackDates(
  documents: readonly Pick<DocumentData, 'text'>[],
  { dateCounts, dates, dateStrings, dateTexts }: PackedDates<ArrayLike<number>>,
  first: Int32Array,
): (i: number) => DateExpression[] {
  const odd = new Map(dateTexts);
  const string = (n: number): string | null => (n < 0 ? null : dateStrings[n]!);
  return (i) => {
    const d = documents[i]!;
    const list: DateExpression[] = new Array(dateCounts[i]!);
    for (let k = 0, at = DATE_FIELDS * first[i]!; k < list.length; k++, at += DATE_FIELDS) {
      const start = dates[at]!;
      const end = dates[at + 1]!;
      const flags = dates[at + 3]!;
      const reference = dates[at + 8]!;
      const anchor = dates[at + 9]!;
      const date: { -readonly [K in keyof DateExpression]: DateExpression[K] } = {
        start,
        end,
        text:
          odd.size > 0 && odd.has(at / DATE_FIELDS) ? odd.get(at / DATE_FIELDS)! : d.text.slice(start, end),
        kind: string(dates[at + 4]!) as DateExpression['kind'],
        from: string(dates[at + 5]!),
        to: string(dates[at + 6]!),
        granularity: string(dates[at + 7]!) as DateExpression['granularity'],
        anchor: anchor === -1 ? null : anchor === -2 ? 'published' : { start: anchor },
        sentence: dates[at + 2]!,
        forward: (flags & 1) !== 0,
      };
      if (reference >= 0) date.reference = string(reference) as DateExpression['reference'];
      if (flags & 2) date.recurring = true;
      list[k] = date;
    }
    return list;
  };
}

/**
 * Entities as a snapshot keeps them packed, with the texts they were packed against. A warm start
 * hands them on so that the first copy to the editor need not walk every mention again.
 */
export interface PackedEntities {
  readonly entities: readonly Entity[];
  readonly spans: PackedMentions<ArrayLike<number>>;
  readonly documents: Texts;
}

/** The entities with empty mention lists and their mentions packed, against the texts of `documents`. */
export function packEntities(
  entities: readonly Entity[],
  documents: Texts,
  known?: PackedEntities,
): { entities: Entity[]; spans: PackedMentions } {
  if (known && known.entities.length === entities.length && sameTexts(known.documents, documents)) {
    const { spans } = known;
    return {
      entities: [...known.entities],
      spans: { ...spans, mentionCounts: int32(spans.mentionCounts), mentions: int32(spans.mentions) },
    };
  }
  const documentIds = documents.map((d) => d.id);
  const numbers = new Map(documentIds.map((id, i) => [id, i]));
  const texts = new Map(documents.map((d) => [d.id, d.text]));
  const mentionCounts = new Int32Array(entities.length);
  const mentions = new Int32Array(3 * entities.reduce((n, e) => n + e.mentions.length, 0));
  const mentionTexts: [number, string][] = [];
  let m = 0;
  entities.forEach((e, i) => {
    mentionCounts[i] = e.mentions.length;
    for (const x of e.mentions) {
      let n = numbers.get(x.document);
      if (n === undefined) {
        n = documentIds.push(x.document) - 1;
        numbers.set(x.document, n);
      }
      if (texts.get(x.document)?.slice(x.start, x.end) !== x.text) mentionTexts.push([m / 3, x.text]);
      mentions[m++] = n;
      mentions[m++] = x.start;
      mentions[m++] = x.end;
    }
  });
  return {
    entities: entities.map((e) => ({ ...e, mentions: [] })),
    spans: { mentionCounts, mentions, documentIds, mentionTexts },
  };
}

/** The mentions of the entities `unpackEntities` makes, made when first read. */
const lazyMentions = new LazyFields<{
  readonly store: MentionStore;
  readonly at: number;
  list?: EntityMention[];
}>({
  mentions: (s) => (s.list ??= s.store.mentionsOf(s.at)),
});

/**
 * `entities` (with empty mention lists) with their mentions unpacked against the texts of
 * `documents`: an entity's list is made when first read, each mention once (its mention table
 * shares them). Throws at once when the numbers do not fit.
 */
export function unpackEntities(
  entities: readonly Entity[],
  spans: PackedMentions<ArrayLike<number>>,
  documents: Texts,
): Entity[] {
  return unpackEntitiesWithTable(entities, spans, documents).entities;
}

/** `unpackEntities`, with the table its mentions are made from. */
function unpackEntitiesWithTable(
  entities: readonly Entity[],
  spans: PackedMentions<ArrayLike<number>>,
  documents: Texts,
): { entities: Entity[]; mentionTable: MentionStore } {
  const store = new MentionStore(entities.length, spans, documents);
  const out = entities.map((e, i): Entity => {
    const base = {
      id: e.id,
      type: e.type,
      name: e.name,
      aliases: e.aliases,
      description: e.description,
      descriptionSource: e.descriptionSource,
    };
    return lazyMentions.add(base, { store, at: i }) as Entity;
  });
  return { entities: out, mentionTable: store };
}

/** The mentions of an entity list `unpackEntities` made, numbered and made one by one. */
class MentionStore implements MentionTable {
  readonly #spans: PackedMentions<ArrayLike<number>>;
  readonly #textOf: readonly string[];
  readonly #odd: ReadonlyMap<number, string>;
  /** Each entity's first mention number (and the total at the end). */
  readonly #first: Int32Array;
  readonly #made: (EntityMention | undefined)[];
  #entityOf: Int32Array | undefined;

  constructor(entityCount: number, spans: PackedMentions<ArrayLike<number>>, documents: Texts) {
    const { mentionCounts, mentions, documentIds } = spans;
    this.#first = offsets(mentionCounts);
    const total = this.#first[mentionCounts.length]!;
    if (mentionCounts.length !== entityCount || 3 * total !== mentions.length) {
      throw new Error(
        `packed mentions do not fit: ${mentionCounts.length} counts for ${entityCount} entities, ${mentions.length} numbers for ${total} mentions`,
      );
    }
    for (let m = 0; m < mentions.length; m += 3) {
      const n = mentions[m]!;
      if (!(n >= 0 && n < documentIds.length))
        throw new Error(`packed mention ${m / 3} is in document ${n} of ${documentIds.length}`);
    }
    const texts = new Map(documents.map((d) => [d.id, d.text]));
    this.#spans = spans;
    this.#textOf = documentIds.map((id) => texts.get(id) ?? '');
    this.#odd = new Map(spans.mentionTexts);
    this.#made = new Array<EntityMention | undefined>(total);
  }

  /** How many mentions there are. */
  get size(): number {
    return this.#made.length;
  }

  /** The documents, by number. */
  get documentIds(): readonly string[] {
    return this.#spans.documentIds;
  }

  /** The document number of mention `m`. */
  documentOf(m: number): number {
    return this.#spans.mentions[3 * m]!;
  }

  /** The number of the entity mention `m` is of. */
  entityOf(m: number): number {
    if (!this.#entityOf) {
      const { mentionCounts } = this.#spans;
      this.#entityOf = new Int32Array(this.size);
      for (let i = 0; i < mentionCounts.length; i++)
        this.#entityOf.fill(i, this.#first[i]!, this.#first[i + 1]!);
    }
    return this.#entityOf[m]!;
  }

  /** Mention `m` (the same object each time). */
  mention(m: number): EntityMention {
    let made = this.#made[m];
    if (!made) {
      const { mentions, documentIds } = this.#spans;
      const n = mentions[3 * m]!;
      const start = mentions[3 * m + 1]!;
      const end = mentions[3 * m + 2]!;
      made = this.#made[m] = {
        document: documentIds[n]!,
        start,
        end,
        text: this.#odd.size > 0 && this.#odd.has(m) ? this.#odd.get(m)! : this.#textOf[n]!.slice(start, end),
      };
    }
    return made;
  }

  /** Entity `i`'s mentions. */
  mentionsOf(i: number): EntityMention[] {
    const list = new Array<EntityMention>(this.#first[i + 1]! - this.#first[i]!);
    for (let k = 0, m = this.#first[i]!; k < list.length; k++, m++) list[k] = this.mention(m);
    return list;
  }
}

/** The same ids with the same texts, in the same order. */
function sameTexts(a: Texts, b: Texts): boolean {
  return a === b || (a.length === b.length && a.every((d, i) => d.id === b[i]!.id && d.text === b[i]!.text));
}
