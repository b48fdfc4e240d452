/**
 * Mention tables for entity lists whose mentions came numbered (unpacked from a thread or disk
 * copy), so the index can build its per-document tables from the numbers instead of walking
 * every mention. A stop-gap hand-over by identity, to be replaced by an explicit argument.
 */
import type { Entity, EntityMention } from '../pipeline/entities/entities';

/** The mentions of an entity list, numbered. */
export interface MentionTable {
  /** How many mentions there are. */
  readonly size: number;
  /** The documents, by number. */
  readonly documentIds: readonly string[];
  /** The document number of mention `m`. */
  documentOf(m: number): number;
  /** The number of the entity mention `m` is of. */
  entityOf(m: number): number;
  /** Mention `m` (the same object each time). */
  mention(m: number): EntityMention;
}

const tables = new WeakMap<readonly Entity[], MentionTable>();

/** Notes that `table` numbers the mentions of `entities`. */
export function rememberMentionTable(entities: readonly Entity[], table: MentionTable): void {
  tables.set(entities, table);
}

/** The table noted for `entities`, if any. */
export function mentionTableOf(entities: readonly Entity[]): MentionTable | undefined {
  return tables.get(entities);
}
