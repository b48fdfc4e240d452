/**
 * The hand-over of analysed data from the indexing thread to the editor, in proportion to what
 * changed. The thread numbers each IndexData it sends (a revision) and sends only the documents,
 * entities and events that are not the very objects it sent before; the editor, which holds a copy of
 * that earlier revision, puts the next one together. Identity is only a shortcut: an object that
 * is not the same is sent whole, equal or not, so any data arrives intact.
 */
import type { DocumentData, IndexData } from '../index/corpus-index';
import type { MentionTable } from '../index/mention-table';
import type { Entity, EntityMention } from '../pipeline/entities/entities';
import type { CorpusEvent } from '../pipeline/events/events';
import {
  packIndexData,
  unpackIndex,
  type PackedEntities,
  type PackedFields,
  type PackedSpans,
} from './index-pack';

/** Analysed data with the number its sender gave it. */
export interface IndexRevision {
  readonly revision: number;
  readonly data: IndexData;
  /** The numbered mentions of `data.entities`, when they came whole and packed (for `createIndex`). */
  readonly mentionTable?: MentionTable;
}

/** A stretch of the base revision's documents or entities, in its order: `[start, count]`. */
export type BaseRange = readonly [start: number, count: number];

/**
 * An entity that is not the base's object but replaces the base's entity at `of` (same id): its
 * mentions as stretches of that entity's and new ones. An edit to one article makes a new object
 * of every entity named there, and a much-named entity has thousands of mentions elsewhere that
 * did not change.
 */
export interface EntityPatch {
  readonly of: number;
  readonly entity: Omit<Entity, 'mentions'> & { readonly mentions: readonly (EntityMention | BaseRange)[] };
}

/** One revision of `IndexData` as the difference from an earlier one (structured-clone safe). */
export interface IndexDelta extends Omit<IndexData, 'documents' | 'entities' | 'events'> {
  /** The revision this delta completes; null for a full copy, which needs none. */
  readonly base: number | null;
  readonly revision: number;
  /**
   * Every document in order: a document that is not one of the base's objects whole, the others
   * as stretches of the base's (an edit to one article: the stretch before it, the article, the
   * stretch after it).
   */
  readonly documents: readonly (DocumentData | BaseRange)[];
  /** Every entity in order, the same way; one that replaces a base entity with many mentions as a patch of it. */
  readonly entities: readonly (Entity | EntityPatch | BaseRange)[];
  /** Every event in order, the same way. */
  readonly events: readonly (CorpusEvent | BaseRange)[];
  /** Of a full copy (whose lists of documents and entities above are empty): their fields, a column each, and their sentences, dates and mentions, packed. */
  readonly fields?: PackedFields;
  readonly spans?: PackedSpans;
}

/** The delta completes another revision than the one held (or does not fit it): a full copy is needed. */
export class IndexDeltaMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexDeltaMismatch';
  }
}

/**
 * What `next` adds to `previous` (everything when there is no previous: a full copy, its sentences,
 * dates and mentions packed; `known` as for `packIndexData`).
 */
export function diffIndexData(
  previous: IndexRevision | undefined,
  next: IndexRevision,
  known?: PackedEntities,
): IndexDelta {
  if (!previous)
    return {
      ...packIndexData(next.data, known),
      documents: [],
      entities: [],
      base: null,
      revision: next.revision,
    };
  const { documents, entities, events, ...rest } = next.data;
  return {
    ...rest,
    base: previous.revision,
    revision: next.revision,
    documents: encode(previous.data.documents, documents),
    entities: encode(previous.data.entities, entities, patchEntity),
    events: encode(previous.data.events, events),
  };
}

/** The revision a delta describes, with the objects of `previous` where it refers to them. Throws `IndexDeltaMismatch` when `previous` is not its base. */
export function applyIndexDelta(previous: IndexRevision | undefined, delta: IndexDelta): IndexRevision {
  const { base, revision, documents, entities, events, fields, spans, ...rest } = delta;
  if (base !== null && previous?.revision !== base) {
    throw new IndexDeltaMismatch(
      `the update completes revision ${base}, but revision ${previous?.revision ?? 'none'} is held`,
    );
  }
  if (spans || fields) {
    if (!spans || !fields || documents.length > 0 || entities.length > 0)
      mismatch('a full copy comes as columns and packed spans, nothing else');
    const whole = <T extends object>(items: readonly (T | BaseRange | EntityPatch)[]): T[] =>
      items.map((x) =>
        isRange(x) || isPatch(x) ? mismatch('a full copy refers to the held revision') : (x as T),
      );
    return { revision, ...unpackIndex({ ...rest, events: whole(events), fields, spans }) };
  }
  const held = base === null ? undefined : previous?.data;
  return {
    revision,
    data: {
      ...rest,
      documents: decode(held?.documents ?? [], documents, 'documents'),
      entities: decode(held?.entities ?? [], entities, 'entities', applyPatch),
      events: decode(held?.events ?? [], events, 'events'),
    },
  };
}

/**
 * `after` as stretches of `before` and new objects. An object counts as the base's only when it
 * is the very same object (not an equal one). Where the next object lies in `before` is looked
 * for near the last one (objects move a little when some are added, removed or re-sorted);
 * one not found there is sent whole, which is always correct, and spares building a table of
 * every object for each new one.
 */
function encode<T extends object, P = never>(
  before: readonly T[],
  after: readonly T[],
  patch?: (before: readonly T[], t: T, at: number) => { at: number; patch: P } | undefined,
): (T | P | BaseRange)[] {
  const out: (T | P | BaseRange)[] = [];
  let run: [number, number] | undefined;
  let guess = 0;
  for (const t of after) {
    const p = near(before, t, guess);
    if (p === undefined) {
      const patched = patch?.(before, t, guess);
      out.push(patched ? patched.patch : t);
      if (patched) guess = patched.at + 1;
      run = undefined;
      continue;
    }
    if (run && run[0] + run[1] === p) run[1]++;
    else out.push((run = [p, 1]));
    guess = p + 1;
  }
  return out;
}

const NEAR = 32;
/** Fewer mentions than this are sent whole: a patch would not be smaller. */
const PATCH_FROM = 16;

/** Where `t` is in `list` within NEAR places of `at` (nearest first), if there. */
function near<T>(
  list: readonly T[],
  t: T,
  at: number,
  same: (a: T | undefined, b: T) => boolean = (a, b) => a === b,
): number | undefined {
  if (same(list[at], t)) return at;
  for (let d = 1; d <= NEAR; d++) {
    if (same(list[at + d], t)) return at + d;
    if (at - d >= 0 && same(list[at - d], t)) return at - d;
  }
  return undefined;
}

/** A new object of an entity the base has near `at` under the same id, as a patch of it (when it has many mentions). */
function patchEntity(
  before: readonly Entity[],
  entity: Entity,
  at: number,
): { at: number; patch: EntityPatch } | undefined {
  if (entity.mentions.length < PATCH_FROM) return undefined;
  const of = near(before, entity, at, (a, b) => a?.id === b.id);
  if (of === undefined) return undefined;
  const mentions = encode(before[of]!.mentions, entity.mentions);
  // none of the base's mentions kept (after corpus.yaml changed, say): whole is smaller
  return mentions.some(isRange) ? { at: of, patch: { of, entity: { ...entity, mentions } } } : undefined;
}

function applyPatch(before: readonly Entity[], { of, entity }: EntityPatch): Entity {
  const base = before[of];
  if (base?.id !== entity.id) {
    throw new IndexDeltaMismatch(
      `the update patches entity ${of} of the held revision as ${entity.id}, but it is ${base ? base.id : 'not there'}`,
    );
  }
  return { ...entity, mentions: decode(base.mentions, entity.mentions, `mentions of ${entity.id}`) };
}

function decode<T extends object, P extends object = never>(
  before: readonly T[],
  items: readonly (T | P | BaseRange)[],
  what: string,
  patched?: (before: readonly T[], patch: P) => T,
): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (!isRange(item)) {
      out.push(patched && isPatch(item) ? patched(before, item as P) : (item as T));
      continue;
    }
    const [start, count] = item;
    if (!(start >= 0 && count >= 0 && start + count <= before.length)) {
      throw new IndexDeltaMismatch(
        `the update refers to ${what} ${start} to ${start + count - 1} of the held revision, which has ${before.length}`,
      );
    }
    for (let i = start; i < start + count; i++) out.push(before[i]!);
  }
  return out;
}

function isRange(item: object): item is BaseRange {
  return Array.isArray(item);
}

function mismatch(message: string): never {
  throw new IndexDeltaMismatch(message);
}

/** A patch has `of` and `entity`; an entity has neither. */
function isPatch(item: object): boolean {
  return 'of' in item && 'entity' in item;
}
