/**
 * The hand-over of analysed data from the indexing thread to the editor, in proportion to what
 * changed. The thread numbers each IndexData it sends (a revision) and sends only the documents
 * and entities that are not the very objects it sent before; the editor, which holds a copy of
 * that earlier revision, puts the next one together. Identity is only a shortcut: an object that
 * is not the same is sent whole, equal or not, so any data arrives intact.
 */
import type { DocumentData, IndexData } from './corpus-index';
import type { Entity } from './entities/entities';

/** Analysed data with the number its sender gave it. */
export interface IndexRevision {
  readonly revision: number;
  readonly data: IndexData;
}

/** A stretch of the base revision's documents or entities, in its order: `[start, count]`. */
export type BaseRange = readonly [start: number, count: number];

/** One revision of `IndexData` as the difference from an earlier one (structured-clone safe). */
export interface IndexDelta extends Omit<IndexData, 'documents' | 'entities'> {
  /** The revision this delta completes; null for a full copy, which needs none. */
  readonly base: number | null;
  readonly revision: number;
  /**
   * Every document in order: a document that is not one of the base's objects whole, the others
   * as stretches of the base's (an edit to one article: the stretch before it, the article, the
   * stretch after it).
   */
  readonly documents: readonly (DocumentData | BaseRange)[];
  /** Every entity in order, the same way. */
  readonly entities: readonly (Entity | BaseRange)[];
}

/** The delta completes another revision than the one held (or does not fit it): a full copy is needed. */
export class IndexDeltaMismatch extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexDeltaMismatch';
  }
}

/** What `next` adds to `previous` (everything when there is no previous). */
export function diffIndexData(previous: IndexRevision | undefined, next: IndexRevision): IndexDelta {
  const { documents, entities, ...rest } = next.data;
  if (!previous) return { ...rest, base: null, revision: next.revision, documents, entities };
  return {
    ...rest,
    base: previous.revision,
    revision: next.revision,
    documents: encode(previous.data.documents, documents),
    entities: encode(previous.data.entities, entities),
  };
}

/** The revision a delta describes, with the objects of `previous` where it refers to them. Throws `IndexDeltaMismatch` when `previous` is not its base. */
export function applyIndexDelta(previous: IndexRevision | undefined, delta: IndexDelta): IndexRevision {
  const { base, revision, documents, entities, ...rest } = delta;
  if (base !== null && previous?.revision !== base) {
    throw new IndexDeltaMismatch(`the update completes revision ${base}, but revision ${previous?.revision ?? 'none'} is held`);
  }
  const held = base === null ? undefined : previous?.data;
  return {
    revision,
    data: { ...rest, documents: decode(held?.documents ?? [], documents, 'documents'), entities: decode(held?.entities ?? [], entities, 'entities') },
  };
}

/**
 * `after` as stretches of `before` and new objects. An object counts as the base's only when it
 * is the very same object (not an equal one). Where the next object lies in `before` is guessed
 * from the last one (after it, or one further when an object was replaced or removed); only
 * objects elsewhere are looked up, in a table made the first time one is needed.
 */
function encode<T extends object>(before: readonly T[], after: readonly T[]): (T | BaseRange)[] {
  const out: (T | BaseRange)[] = [];
  let where: Map<T, number> | undefined;
  let run: [number, number] | undefined;
  let guess = 0;
  for (const t of after) {
    const p = before[guess] === t ? guess : before[guess + 1] === t ? guess + 1 : (where ??= new Map(before.map((b, i) => [b, i]))).get(t);
    if (p === undefined) {
      out.push(t);
      run = undefined;
      continue;
    }
    if (run && run[0] + run[1] === p) run[1]++;
    else out.push((run = [p, 1]));
    guess = p + 1;
  }
  return out;
}

function decode<T extends object>(before: readonly T[], items: readonly (T | BaseRange)[], what: string): T[] {
  const out: T[] = [];
  for (const item of items) {
    if (!isRange(item)) {
      out.push(item);
      continue;
    }
    const [start, count] = item;
    if (!(start >= 0 && count >= 0 && start + count <= before.length)) {
      throw new IndexDeltaMismatch(`the update refers to ${what} ${start} to ${start + count - 1} of the held revision, which has ${before.length}`);
    }
    for (let i = start; i < start + count; i++) out.push(before[i]!);
  }
  return out;
}

function isRange(item: object): item is BaseRange {
  return Array.isArray(item);
}
