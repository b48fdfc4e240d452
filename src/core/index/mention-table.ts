/** The interface through which the index reads mentions that came numbered instead of as objects. */
import type { EntityMention } from '../pipeline/entities/entities';

/**
 * The mentions of an entity list, numbered entity by entity (a full copy from another thread has
 * them so), from which the index builds its per-document tables without walking every entity.
 */
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
