/**
 * The entity resolver: the entities of a corpus again and again as its articles change, the same
 * as `resolveEntities` (pipeline/entities/entities.ts) gives from scratch. It keeps each article's
 * reading and typing, each cluster key's mentions and the last clusters, and redoes only what a
 * change reaches; where it must cluster every name again it calls the pipeline's `clusterNames`.
 */
import { changedPositions } from './lists';
import type { CorpusDocument } from '../pipeline/text/document';
import type { EntityType, ManifestEntity } from '../pipeline/manifest/manifest';
import type { Mention } from '../pipeline/entities/mentions';
import { NameTable } from '../pipeline/entities/known-names';
import { nameKey, personKey, slug } from '../pipeline/entities/names';
import {
  clusterNames,
  givenKey,
  hasFullForm,
  nameParts,
  someKey,
  ungendered,
  type Cluster,
  type NameParts,
} from '../pipeline/entities/cluster';
import type { DescriptionLook } from '../pipeline/entities/descriptions';
import {
  canonicalName,
  clusterForms,
  entityOrder,
  firstMentionOrder,
  freeId,
  makeEntity,
  type Entity,
  type EntityInput,
  type EntityMention,
  type KeyPart as PartOfKey,
  type MentionGroup,
  type ResolvedMention,
} from '../pipeline/entities/entities';
import {
  clusterKeyOf,
  noVotes,
  readManifestNames,
  readNames,
  rereadArticle,
  typeMentions,
  typeOfName,
  TYPE_ORDER,
  type ArticleNames,
  type ManifestNames,
  type RereadArticle,
  type Votes,
} from '../pipeline/entities/typing';

/** Adding a corpus name makes every article holding its text be read again; past this many at once, all are. */
const MAX_ADDED_FORMS = 100;

/** Adds (or takes away) an article's votes; `before` gets each key's corpus votes as they were before the first change to them. */
function addVotes(
  table: Map<string, Votes>,
  votes: ReadonlyMap<string, Votes>,
  sign: 1 | -1,
  before: Map<string, string>,
): void {
  for (const [key, v] of votes) {
    if (!before.has(key)) before.set(key, voteSignature(table.get(key)));
    const t = table.get(key) ?? noVotes();
    for (const type of TYPE_ORDER) t[type] += sign * v[type];
    if (TYPE_ORDER.every((type) => t[type] === 0)) table.delete(key);
    else table.set(key, t);
  }
}

const voteSignature = (v: Votes | undefined): string => (v ? TYPE_ORDER.map((t) => v[t]).join(',') : '');

function count<K>(table: Map<K, number>, key: K, by: number): void {
  const n = (table.get(key) ?? 0) + by;
  if (n === 0) table.delete(key);
  else table.set(key, n);
}

const NOT_READ: RereadArticle = { found: new Set(), mentions: [], keys: [], glosses: [] };

/** One article's part in the resolution, kept while its mentions and the corpus's names allow. */
interface DocState extends ArticleNames {
  readonly doc: CorpusDocument;
  readonly mentions: readonly Mention[];
  /** The article read again for known names. */
  reread: RereadArticle;
  typed: readonly Mention[];
  /** The type each name key got in the last typing from corpus.yaml, a surname or votes (undefined: none decided). */
  typeOf: Map<string, EntityType | undefined>;
  /** Cluster key of each typed mention. */
  clusterKeys: readonly string[];
}

/** A cluster key's mentions in one article; `adopt` swaps them for equal ones in place. */
interface KeyPart extends PartOfKey {
  readonly mentions: EntityMention[];
}

/** Everything the corpus holds under one cluster key, kept up as articles change. */
interface KeyGroup extends MentionGroup {
  readonly parts: Map<string, KeyPart>;
  readonly forms: Map<string, number>;
  /** The article of its first mention in corpus order; worked out again when a part changes. */
  first: string | undefined;
  /** Its place in the resolver's order of first mentions (undefined: not in it). */
  at: number | undefined;
}

/** What a key was before a resolution changed it. */
interface KeySnapshot {
  readonly docs: ReadonlySet<string>;
  readonly forms: string;
  readonly type: EntityType;
}

/** A cluster with the entity made of it. */
interface ClusterInfo extends Cluster<KeyGroup> {
  /** The entity made of it last time (or, after a new clustering, of the same keys). */
  entity: Entity | undefined;
}

/** Clusters of their own (a single key that joins no other) that came or went without a new clustering. */
interface SingleChanges {
  readonly added: readonly ClusterInfo[];
  readonly removed: readonly ClusterInfo[];
}

/** The article of a key's first mention in corpus order (worked out again when a part changed). */
function firstOf(group: KeyGroup, rank: ReadonlyMap<string, number>): string {
  if (group.first === undefined) {
    let best: string | undefined;
    for (const id of group.parts.keys()) if (best === undefined || rank.get(id)! < rank.get(best)!) best = id;
    group.first = best!;
  }
  return group.first;
}

/** Keys in order of first mention: by article, then by offset. */
function firstOrder(a: KeyGroup, b: KeyGroup, rank: ReadonlyMap<string, number>): number {
  firstOf(a, rank);
  firstOf(b, rank);
  return firstMentionOrder(a, b, rank);
}

function formSet(forms: ReadonlyMap<string, number>): string {
  return [...forms.keys()].sort().join('\u0000');
}

/**
 * Resolves the entities of a corpus again and again as its articles change, redoing only what a
 * change reaches: the changed articles; articles holding a corpus name that appeared or went away;
 * articles whose names' corpus-wide votes moved; and the entities whose mentions changed. The
 * result is always what `resolveEntities` gives on the same input (test/unit/entity-resolver.test.ts
 * holds it to that on chosen cases and on seeded random sequences of edits).
 */
export class EntityResolver {
  /** corpus.yaml's entities as JSON: when they change, everything is resolved again. */
  #manifest: string | undefined;
  /** What corpus.yaml's entities say about names. */
  #manifestNames: ManifestNames = readManifestNames([]);
  readonly #docs = new Map<string, DocState>();
  /** The tagger's votes per name key over the corpus. */
  readonly #votes = new Map<string, Votes>();
  /** Multi-word names over the corpus, with counts. */
  readonly #formCounts = new Map<string, number>();
  /** The names re-read everywhere: multi-word names from anywhere and corpus.yaml's. */
  readonly #corpusForms = new Set<string>();
  #table: NameTable | undefined;
  /** The articles whose re-read mentions have a name key. */
  readonly #keyDocs = new Map<string, Set<string>>();
  readonly #groups = new Map<string, KeyGroup>();
  /** The clusters of the last resolution, in order of first mention, with their entities. */
  #listed: ClusterInfo[] = [];
  /** How many resolutions clustered every name anew (`clusterings`). */
  #clusterings = 0;
  /** The keys in order of first mention, as the last clustering saw them (each knows its place: `KeyGroup.at`). */
  #order: KeyGroup[] = [];
  /** Each key's cluster (after the last clustering), and through it the entity the key's mentions belong to. */
  #clusterOfKey = new Map<string, ClusterInfo>();
  /** Each entity's place in the order of first mention (ties in the sort go by it; a cluster that came alone takes a place between its neighbours'). */
  #position = new Map<Entity, number>();
  /** How many clusters' names make each slug (an entity's id is its slug, numbered when several clusters share it). */
  #slugCounts = new Map<string, number>();
  /** Clusters of their own that came or went in the last `#structural` that kept the clusters. */
  #singleChanges: SingleChanges | undefined;
  #rankIds: string[] = [];
  /** Full names' parts, remembered (every clustering looks at every form). */
  readonly #namePartsOf = new Map<string, NameParts | null>();
  /** What descriptions were found at mentions, kept while the mention objects live (an entity made again looks only at new mentions). */
  readonly #descriptionLooks = new WeakMap<EntityMention, DescriptionLook>();
  /**
   * The person clusters with a full name of each surname key, and of each given-name key (as
   * `given:<key>`): the one-word names' candidates (as the last clustering saw them, kept up as
   * names of their own come and go).
   */
  #fullByPart = new Map<string, ClusterInfo[]>();
  /** The inputs of the last call that completed. */
  #lastInputs: readonly EntityInput[] | undefined;
  #rank: ReadonlyMap<string, number> = new Map();
  /** Last resolution's entities in their order. */
  #sorted: readonly Entity[] = [];
  /** The entities by id, made when first asked for after a change. */
  #byId: Map<string, Entity> | undefined;
  #touched: Set<string> | undefined;

  /**
   * Entities of `inputs` (in corpus order). Unchanged entities are the same objects as last time.
   * A change of corpus.yaml's entities or of the order of the articles starts afresh, and so does
   * the call after one that threw. Inputs are taken as immutable: an input object passed before is
   * not looked into again (a changed article comes as a new input object).
   */
  resolve(inputs: readonly EntityInput[], manifestEntities: readonly ManifestEntity[]): Entity[] {
    try {
      return this.#resolve(inputs, manifestEntities);
    } catch (error) {
      this.#manifest = undefined;
      throw error;
    }
  }

  #resolve(inputs: readonly EntityInput[], manifestEntities: readonly ManifestEntity[]): Entity[] {
    // offsets of names in corpus.yaml play no part
    const manifest = JSON.stringify(manifestEntities, (key, value: unknown) =>
      key === 'span' ? undefined : value,
    );
    // where the inputs are not the very objects of the last call (undefined: no last call to go by);
    // the rest need no look (comparing the two lists is quick, looking into 10,000 articles is not)
    const last = this.#lastInputs;
    this.#lastInputs = undefined; // until this call completes
    const moved = last && last.length === inputs.length ? changedPositions(last, inputs) : undefined;
    const sameIds = moved
      ? moved.every((i) => inputs[i]!.doc.id === last![i]!.doc.id)
      : this.#sameIds(inputs);
    const reordered = !sameIds && this.#reorders(inputs);
    if (manifest !== this.#manifest || reordered) this.#reset(manifest, manifestEntities);
    const everything = this.#docs.size === 0;
    const rank = this.#rankOf(inputs, sameIds);
    const dirty = new Map<string, KeySnapshot | null>();
    const votesBefore = new Map<string, string>();
    const formsTouched = new Set<string>();
    const changed = new Set<DocState>();
    const touched = new Set<string>();
    // articles gone (none when the same articles come, as they do for an edit)
    if (this.#docs.size !== inputs.length || !sameIds) {
      for (const [id, old] of this.#docs) {
        if (!rank.has(id)) {
          this.#remove(old, votesBefore, formsTouched, dirty);
          touched.add(id);
        }
      }
    }
    for (const input of moved && !everything ? moved.map((i) => inputs[i]!) : inputs) {
      const old = this.#docs.get(input.doc.id);
      if (old && old.mentions === input.mentions && old.doc.text === input.doc.text) continue;
      if (old) this.#remove(old, votesBefore, formsTouched, dirty);
      changed.add(this.#add(input, votesBefore, formsTouched));
      touched.add(input.doc.id);
    }
    // the names whose corpus-wide votes moved (an article analysed again mostly votes as before; the first time, every article is typed anyway)
    const voteKeys = new Set<string>();
    if (!everything)
      for (const [key, was] of votesBefore)
        if (voteSignature(this.#votes.get(key)) !== was) voteKeys.add(key);

    // the corpus's names: which came, which went
    const added: string[] = [];
    const gone: string[] = [];
    for (const form of formsTouched) {
      const now = (this.#formCounts.get(form) ?? 0) > 0 || this.#manifestNames.forms.has(form);
      if (now === this.#corpusForms.has(form)) continue;
      (now ? added : gone).push(form);
      if (now) this.#corpusForms.add(form);
      else this.#corpusForms.delete(form);
    }
    if (!this.#table) this.#table = new NameTable(this.#corpusForms);
    else {
      // a few names come and go at an edit: the table is changed, not made again from every name
      for (const form of added) this.#table.add(form);
      for (const form of gone) this.#table.delete(form);
    }
    const reread = new Set(changed);
    if (everything || added.length > MAX_ADDED_FORMS) {
      for (const d of this.#docs.values()) reread.add(d);
    } else if (added.length > 0 || gone.length > 0) {
      for (const d of this.#docs.values()) {
        if (added.some((f) => d.doc.text.includes(f)) || gone.some((f) => d.reread.found.has(f)))
          reread.add(d);
      }
    }
    for (const d of reread) this.#reread(d);

    // types: where an article was re-read or the corpus's votes on one of its names moved
    const retype = new Set(reread);
    for (const key of voteKeys) {
      for (const id of this.#keyDocs.get(key) ?? []) {
        const d = this.#docs.get(id)!;
        if (retype.has(d)) continue;
        const type = this.#typeOfKey(d, key);
        if (type === undefined || type !== d.typeOf.get(key)) retype.add(d);
      }
    }
    for (const d of retype) {
      const typed = this.#type(d);
      if (sameMentions(typed, d.typed)) continue;
      this.#removeParts(d, dirty);
      d.typed = typed;
      d.clusterKeys = typed.map((m) => clusterKeyOf(m, this.#manifestNames.never));
      this.#addParts(d, dirty);
      touched.add(d.doc.id);
    }

    for (const key of dirty.keys()) if (this.#groups.get(key)!.parts.size === 0) this.#groups.delete(key);
    const structural = everything || this.#structural(dirty, voteKeys, rank, manifestEntities);
    const entities = this.#entities(manifestEntities, rank, dirty, touched, structural);
    this.#touched = everything ? undefined : touched;
    this.#lastInputs = inputs.slice();
    return entities;
  }

  /**
   * Takes `previous` entities (of an earlier resolution of the same corpus, e.g. kept on disk) in
   * place of equal ones just made, so that unchanged entities stay the same objects, and their
   * mentions too (an entity made again later shares its unchanged mentions with them). Returns
   * the entities in order.
   */
  adopt(previous: readonly Entity[]): Entity[] {
    const byId = new Map(previous.map((e) => [e.id, e]));
    const swap = new Map<Entity, Entity>();
    for (const c of this.#listed) {
      const e = c.entity!;
      const p = byId.get(e.id);
      if (p && p !== e && sameEntity(p, e)) {
        swap.set(e, p);
        c.entity = p;
        // its mentions too (equal, in the same order), so the next entity made of these parts shares them with `p`
        const theirs = new Map(e.mentions.map((m, i) => [m, p.mentions[i]!]));
        for (const group of c.groups)
          for (const part of group.parts.values())
            part.mentions.forEach((m, i, list) => (list[i] = theirs.get(m) ?? m));
      }
    }
    for (const [e, p] of swap) {
      this.#position.set(p, this.#position.get(e)!);
      this.#position.delete(e);
    }
    this.#sorted = this.#sorted.map((e) => swap.get(e) ?? e);
    this.#byId = undefined;
    return [...this.#sorted];
  }

  /** Whether the articles are those of last time, in the same order. */
  #sameIds(inputs: readonly EntityInput[]): boolean {
    const ids = this.#rankIds;
    return ids.length === inputs.length && inputs.every((x, i) => x.doc.id === ids[i]);
  }

  /** Whether articles seen last time come in another order now (then what was kept of the order is wrong). */
  #reorders(inputs: readonly EntityInput[]): boolean {
    let last = -1;
    for (const { doc } of inputs) {
      const at = this.#rank.get(doc.id);
      if (at === undefined) continue;
      if (at < last) return true;
      last = at;
    }
    return false;
  }

  /** Each document's place in corpus order (the same table as last time while the documents are). */
  #rankOf(inputs: readonly EntityInput[], sameIds: boolean): ReadonlyMap<string, number> {
    if (!sameIds) {
      this.#rankIds = inputs.map((x) => x.doc.id);
      this.#rank = new Map(this.#rankIds.map((id, i) => [id, i]));
    }
    return this.#rank;
  }

  /** The entity of an id (after `resolve`). */
  entity(id: string): Entity | undefined {
    this.#byId ??= new Map(this.#sorted.map((e) => [e.id, e]));
    return this.#byId.get(id);
  }

  /** The mentions of a document with their entities, in order (after `resolve`). */
  mentionsOf(id: string): ResolvedMention[] {
    const d = this.#docs.get(id);
    if (!d) return [];
    return d.typed.map((m, i) => ({
      start: m.start,
      end: m.end,
      entity: this.#clusterOfKey.get(d.clusterKeys[i]!)!.entity!,
    }));
  }

  /**
   * Documents whose `mentionsOf` may differ from the resolution before the last one (their
   * mentions, or an entity of theirs, changed; or they went away); undefined when all may.
   */
  get touched(): ReadonlySet<string> | undefined {
    return this.#touched;
  }

  /** How many resolutions clustered every name anew (the others kept the clusters and changed only what a change reached). */
  get clusterings(): number {
    return this.#clusterings;
  }

  #reset(manifest: string, manifestEntities: readonly ManifestEntity[]): void {
    this.#manifest = manifest;
    this.#manifestNames = readManifestNames(manifestEntities);
    this.#docs.clear();
    this.#votes.clear();
    this.#formCounts.clear();
    this.#corpusForms.clear();
    for (const form of this.#manifestNames.forms) this.#corpusForms.add(form);
    this.#table = undefined;
    this.#keyDocs.clear();
    this.#groups.clear();
    this.#listed = [];
    this.#order = [];
    this.#clusterOfKey = new Map();
    this.#position = new Map();
    this.#sorted = [];
    this.#byId = undefined;
  }

  #add(
    { doc, mentions }: EntityInput,
    votesBefore: Map<string, string>,
    formsTouched: Set<string>,
  ): DocState {
    const { votes, forms, surnames } = readNames(mentions);
    const d: DocState = {
      doc,
      mentions,
      votes,
      forms,
      surnames,
      reread: NOT_READ,
      typed: [],
      typeOf: new Map(),
      clusterKeys: [],
    };
    this.#docs.set(doc.id, d);
    addVotes(this.#votes, votes, 1, votesBefore);
    for (const [form, n] of forms) {
      count(this.#formCounts, form, n);
      formsTouched.add(form);
    }
    return d;
  }

  #remove(
    d: DocState,
    votesBefore: Map<string, string>,
    formsTouched: Set<string>,
    dirty: Map<string, KeySnapshot | null>,
  ): void {
    this.#docs.delete(d.doc.id);
    addVotes(this.#votes, d.votes, -1, votesBefore);
    for (const [form, n] of d.forms) {
      count(this.#formCounts, form, -n);
      formsTouched.add(form);
    }
    this.#index(d, d.reread.keys, []);
    this.#removeParts(d, dirty);
  }

  /** Re-reads an article for known names: its own, multi-word names from anywhere, corpus.yaml's. */
  #reread(d: DocState): void {
    const reread = rereadArticle(d.doc, d.mentions, this.#table!);
    this.#index(d, d.reread.keys, reread.keys);
    d.reread = reread;
  }

  /** Keeps `#keyDocs` current when an article's name keys change. */
  #index(d: DocState, before: readonly (string | null)[], after: readonly (string | null)[]): void {
    const id = d.doc.id;
    for (const key of before) {
      const docs = key === null ? undefined : this.#keyDocs.get(key);
      if (docs?.delete(id) && docs.size === 0) this.#keyDocs.delete(key!);
    }
    for (const key of after) {
      if (key === null) continue;
      const docs = this.#keyDocs.get(key);
      if (docs) docs.add(id);
      else this.#keyDocs.set(key, new Set([id]));
    }
  }

  /** An article's mentions typed: corpus.yaml, a surname here, else this article's votes and then the corpus's. */
  #type(d: DocState): readonly Mention[] {
    const { typed, typeOf } = typeMentions(d.reread, (key) => this.#typeOfKey(d, key));
    d.typeOf = typeOf;
    return typed;
  }

  #typeOfKey(d: DocState, key: string): EntityType | undefined {
    return typeOfName(key, d, this.#votes, this.#manifestNames);
  }

  /** Notes what a key was before this resolution first changes it (null: it did not exist, or its first article is not known). */
  #touchKey(key: string, dirty: Map<string, KeySnapshot | null>): KeyGroup {
    let group = this.#groups.get(key);
    if (!dirty.has(key)) {
      const first = group?.first !== undefined ? group.parts.get(group.first) : undefined;
      dirty.set(
        key,
        group && first
          ? { docs: new Set(group.parts.keys()), forms: formSet(group.forms), type: first.type }
          : null,
      );
    }
    if (!group) {
      group = { key, parts: new Map(), forms: new Map(), first: undefined, at: undefined };
      this.#groups.set(key, group);
    }
    group.first = undefined;
    return group;
  }

  #addParts(d: DocState, dirty: Map<string, KeySnapshot | null>): void {
    const id = d.doc.id;
    d.typed.forEach((m, i) => {
      const group = this.#touchKey(d.clusterKeys[i]!, dirty);
      let part = group.parts.get(id);
      if (!part) {
        part = { type: m.type, start: m.start, mentions: [] };
        group.parts.set(id, part);
      }
      count(group.forms, m.text, 1);
      part.mentions.push({ document: id, start: m.start, end: m.end, text: m.text });
    });
  }

  #removeParts(d: DocState, dirty: Map<string, KeySnapshot | null>): void {
    const id = d.doc.id;
    for (const key of new Set(d.clusterKeys)) {
      const group = this.#touchKey(key, dirty);
      const part = group.parts.get(id)!;
      group.parts.delete(id);
      for (const m of part.mentions) count(group.forms, m.text, -1);
    }
  }

  /**
   * Whether the changes can move a key into another cluster: a key added or removed, or one changed
   * the type of its first mention or its place in the order of first mentions, or one whose
   * articles and forms take part in clustering changed them; a vote moved on an untyped
   * corpus.yaml entity. Otherwise the clusters stay as they were and only the entities of
   * changed keys are made again.
   */
  #structural(
    dirty: ReadonlyMap<string, KeySnapshot | null>,
    voteKeys: ReadonlySet<string>,
    rank: ReadonlyMap<string, number>,
    manifestEntities: readonly ManifestEntity[],
  ): boolean {
    this.#singleChanges = undefined;
    const added: KeyGroup[] = [];
    const removed = new Map<ClusterInfo, readonly string[]>();
    /** Whether a person's articles changed in a way a new clustering may look at (then the one-word names' choices are checked). */
    let choices = false;
    for (const [key, before] of dirty) {
      const group = this.#groups.get(key);
      const had = this.#clusterOfKey.get(key);
      const forms = before?.forms.split('\u0000');
      if (
        !group &&
        forms &&
        had &&
        had.keys.length === 1 &&
        !had.manifest &&
        this.#standsAlone(key, forms, false)
      ) {
        removed.set(had, forms); // a name of its own gone
        continue;
      }
      if (group && !before && !had && this.#standsAlone(key, group.forms.keys(), true)) {
        firstOf(group, rank);
        added.push(group); // a name of its own came
        continue;
      }
      if (!group || !before) return true;
      const changed =
        before.docs.size !== group.parts.size ||
        [...group.parts.keys()].some((id) => !before.docs.has(id)) ||
        before.forms !== formSet(group.forms);
      if (changed && this.#clustersBy(key)) {
        if (!this.#choiceCounts(key, group, before, manifestEntities)) return true;
        choices = true;
      }
      if (group.parts.get(firstOf(group, rank))!.type !== before.type) return true;
    }
    if (manifestEntities.some((m) => !m.type && voteKeys.has(nameKey(m.name)))) return true;
    if (added.length > 0 || removed.size > 0) this.#reorder(added, [...removed.keys()], rank);
    // a name whose first mention moved in the order is a new clustering, unless nothing can join
    // it (a place's or an organisation's: see #movable); such a name goes and comes back at its new place
    const outOfOrder = this.#outOfOrder(dirty.keys(), rank);
    if (outOfOrder === undefined) return true;
    if (outOfOrder.length > 0) {
      const moved = outOfOrder.map((group) => this.#clusterOfKey.get(group.key)!);
      for (const c of moved) removed.set(c, [...c.groups[0]!.forms.keys()]);
      added.push(...outOfOrder);
      this.#reorder(outOfOrder, moved, rank);
      if (this.#outOfOrder(dirty.keys(), rank)?.length !== 0) return true;
    }
    if (choices && !this.#choicesHold(dirty.keys())) return true;
    if (added.length > 0 || removed.size > 0)
      this.#singleChanges = { added: this.#listSingles(added, removed), removed: [...removed.keys()] };
    return false;
  }

  /**
   * The keys among `keys` that are out of the order of first mentions, which was sorted before
   * they changed (so only pairs next to one of them can be out of order); undefined when one of them
   * cannot be moved alone (see #movable).
   */
  #outOfOrder(keys: Iterable<string>, rank: ReadonlyMap<string, number>): KeyGroup[] | undefined {
    const order = this.#order;
    const out: KeyGroup[] = [];
    for (const key of keys) {
      const group = this.#groups.get(key);
      if (!group) continue; // gone: its neighbours are next to each other now, and were in order
      const i = group.at;
      if (i === undefined) return undefined;
      if (
        (i > 0 && firstOrder(order[i - 1]!, order[i]!, rank) > 0) ||
        (i + 1 < order.length && firstOrder(order[i]!, order[i + 1]!, rank) > 0)
      ) {
        if (!this.#movable(group)) return undefined;
        out.push(group);
      }
    }
    return out;
  }

  /**
   * Whether a key's place in the order of first mentions decides nothing but where its entity is
   * listed: a key that is a cluster of its own and whose articles and forms take no part in
   * clustering (see #clustersBy: a place's, an organisation's), with an entity made of it.
   */
  #movable(group: KeyGroup): boolean {
    const c = this.#clusterOfKey.get(group.key);
    return (
      c !== undefined &&
      c.entity !== undefined &&
      c.groups.length === 1 &&
      c.groups[0] === group &&
      !c.manifest &&
      !this.#clustersBy(group.key)
    );
  }

  /**
   * Whether a key makes a cluster of its own that joins no other and takes none in, so it can
   * come or go without a new clustering (`coming`: it is coming, else going): not another script's (it joins
   * its Latin twin), no Latin twin of one, no names corpus.yaml keeps apart; a one-word person
   * name only when no full name has it as surname or given name (it would join the one it can
   * belong to; one that stood alone takes no one in, so it may always go); a full name only when
   * no one-word name in the corpus has its surname or given name (one more candidate can make
   * that one-word name's choice ambiguous).
   */
  #standsAlone(key: string, forms: Iterable<string>, coming: boolean): boolean {
    if (key.startsWith('script:') || this.#manifestNames.never.size > 0) return false;
    if (!key.startsWith('person:')) return true;
    const word = key.slice('person:'.length);
    if (this.#groups.has(`script:${word}`)) return false;
    const list = [...forms];
    // one word by its forms, as the clustering tells one-word names (a key of one word may have
    // forms of several: the number in "Smith 3" is no part of its key)
    if (!list.some((f) => /\s/.test(f)))
      return !coming || !(this.#fullCount(word) > 0 || this.#fullCount(`given:${ungendered(word)}`) > 0);
    // one-word names are person keys, or script keys when written in another script (a gloss
    // "(Лукашенко)"): both join by the same person key
    const oneWord = (k: string): boolean =>
      this.#groups.has(`person:${k}`) || this.#groups.has(`script:${k}`);
    for (const form of list) {
      if (!/\s/.test(form)) return false;
      const parts = this.#nameParts(form);
      if (!parts) continue; // another script
      if (oneWord(parts.surname)) return false;
      // a one-word name that could be the given name looks there only when no full name has it as surname
      const { given } = parts;
      if ([given, `${given}/f`, `${given}/m`].some((k) => oneWord(k) && !(this.#fullCount(k) > 0)))
        return false;
    }
    return true;
  }

  /**
   * Whether a person's name whose articles (or spellings) changed can be left in its cluster if
   * the one-word names' choices hold (`#choicesHold`): with no corpus.yaml entities, a one-word
   * name (all its forms one word, before and after), or a full name (all its forms several words)
   * whose spellings are the same (its surnames and given names, which make the choices, stay).
   */
  #choiceCounts(
    key: string,
    group: KeyGroup,
    before: KeySnapshot,
    manifestEntities: readonly ManifestEntity[],
  ): boolean {
    if (!key.startsWith('person:') || manifestEntities.length > 0 || this.#manifestNames.never.size > 0)
      return false;
    const c = this.#clusterOfKey.get(key);
    if (!c || c.manifest || c.clusterType !== 'person') return false;
    // a name that is or was a full name (in any of its forms) is one of the choices: its spellings must stay, all of several words
    const full = hasFullForm(group.forms) || before.forms.split('\u0000').some((f) => /\s/.test(f));
    return !full || (before.forms === formSet(group.forms) && !someKey(group.forms, (f) => !/\s/.test(f)));
  }

  /**
   * Whether each one-word person name among `keys` (every name of the changed articles) makes
   * the choice the clustering made: it joins the one full name it can belong to (by surname, else
   * by given name) or, of several, the one named in its articles, where "named" counts the full
   * name and the one-word names that joined it before this one (in order of first mention, as the
   * clustering takes them). A name of an unchanged article chooses as before: its candidates, its
   * articles and what is named in them are the same. A Cyrillic gloss of one word chooses too, and
   * counts as named where it joined by its choice: where one takes part (changed, or in a
   * candidate) the clusters are worked out again.
   */
  #choicesHold(keys: Iterable<string>): boolean {
    const glossed = (f: ClusterInfo): boolean => f.groups.some((a) => a.key.startsWith('script:'));
    for (const key of keys) {
      if (key.startsWith('script:')) return false;
      const group = this.#groups.get(key);
      if (
        !group ||
        !key.startsWith('person:') ||
        hasFullForm(group.forms) ||
        group.parts.get(group.first!)!.type !== 'person'
      )
        continue;
      const at = group.at;
      if (at === undefined) return false;
      const word = [...group.forms.keys()].sort()[0]!;
      const surnameOf = this.#fullByPart.get(personKey(word)) ?? [];
      const candidates =
        surnameOf.length > 0 ? surnameOf : (this.#fullByPart.get(`given:${givenKey(word)}`) ?? []);
      let pick = candidates.length === 1 ? candidates[0] : undefined;
      if (candidates.length > 1) {
        if (candidates.some(glossed)) return false;
        const named = (f: ClusterInfo, doc: string): boolean =>
          f.groups.some(
            (a) => a.parts.has(doc) && a.key.startsWith('person:') && (hasFullForm(a.forms) || a.at! < at),
          );
        const local = candidates.filter((f) => someKey(group.parts, (doc) => named(f, doc)));
        if (local.length === 1) pick = local[0];
      }
      const now = this.#clusterOfKey.get(key);
      if (!now || (pick ? now !== pick : now.groups.some((a) => a !== group && !a.key.startsWith('script:'))))
        return false;
    }
    return true;
  }

  /** How many person clusters have a full name with this surname key (or given-name key, as `given:<key>`). */
  #fullCount(part: string): number {
    return this.#fullByPart.get(part)?.length ?? 0;
  }

  /** A full name's parts (see `nameParts`), remembered. */
  #nameParts(form: string): NameParts | null {
    let parts = this.#namePartsOf.get(form);
    if (parts === undefined) {
      parts = nameParts(form);
      if (this.#namePartsOf.size >= 200_000) this.#namePartsOf.clear();
      this.#namePartsOf.set(form, parts);
    }
    return parts;
  }

  /** Takes `order` as the order of first mentions, each key told its place. */
  #setOrder(order: KeyGroup[]): void {
    this.#order = order;
    for (let i = 0; i < order.length; i++) order[i]!.at = i;
  }

  /** Keys added put into the order of first mentions (by binary search), those removed taken out. */
  #reorder(
    added: readonly KeyGroup[],
    removed: readonly ClusterInfo[],
    rank: ReadonlyMap<string, number>,
  ): void {
    const gone = new Set(removed.flatMap((c) => c.groups));
    const kept = gone.size > 0 ? this.#order.filter((group) => !gone.has(group)) : this.#order;
    const byFirst = (a: KeyGroup, b: KeyGroup): number => firstOrder(a, b, rank);
    for (const group of gone) group.at = undefined;
    this.#setOrder(insertSorted(kept, [...added].sort(byFirst), byFirst));
  }

  /** The listed clusters with a cluster of its own for each key added and without those removed, in the order a new clustering lists them; returns the new clusters. */
  #listSingles(
    added: readonly KeyGroup[],
    removed: ReadonlyMap<ClusterInfo, readonly string[]>,
  ): ClusterInfo[] {
    // a cluster with full names is a candidate under each surname and given name they have
    const candidate = (c: ClusterInfo, forms: Iterable<string>, listed: boolean): void => {
      if (c.clusterType !== 'person') return;
      const parts = [...forms].flatMap((f) => this.#nameParts(f) ?? []);
      for (const part of new Set(parts.flatMap((p) => [p.surname, `given:${p.given}`]))) {
        const list = (this.#fullByPart.get(part) ?? []).filter((x) => x !== c);
        if (listed) list.push(c);
        if (list.length > 0) this.#fullByPart.set(part, list);
        else this.#fullByPart.delete(part);
      }
    };
    for (const [c, forms] of removed) {
      this.#clusterOfKey.delete(c.keys[0]!);
      candidate(c, forms, false);
    }
    const made: ClusterInfo[] = [];
    for (const group of added) {
      const type = group.parts.get(group.first!)!.type;
      const c: ClusterInfo = {
        keys: [group.key],
        clusterType: type,
        type,
        groups: [group],
        manifest: undefined,
        zeroForms: [],
        entity: undefined,
      };
      this.#clusterOfKey.set(group.key, c);
      made.push(c);
      candidate(c, group.forms.keys(), true);
    }
    // clusters in order of their first key's first mention, then corpus.yaml's that no article
    // names (as before): those gone taken out, each new one put in by binary search
    const listed = removed.size > 0 ? this.#listed.filter((c) => !removed.has(c)) : [...this.#listed];
    const first = (c: ClusterInfo): number => {
      let at = Infinity;
      for (const group of c.groups) at = Math.min(at, group.at ?? Infinity);
      return at;
    };
    for (const c of made) {
      const at = first(c);
      let lo = 0;
      let hi = listed.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (first(listed[mid]!) < at) lo = mid + 1;
        else hi = mid;
      }
      listed.splice(lo, 0, c);
    }
    this.#listed = listed;
    return made;
  }

  /**
   * Whether a key's articles and forms play a part in clustering: a person's (a one-word name
   * joins the full name named in the same articles), another script's (it joins the name it
   * transliterates), one in a corpus.yaml entity's cluster (its forms decide which declared names
   * are unmentioned), or any when corpus.yaml keeps names apart (forms are checked against them).
   * A place's or an organisation's new article or spelling changes its entity only.
   */
  #clustersBy(key: string): boolean {
    return (
      key.startsWith('person:') ||
      key.startsWith('script:') ||
      this.#manifestNames.never.size > 0 ||
      this.#clusterOfKey.get(key)?.manifest !== undefined
    );
  }

  /** Every key clustered anew (by the pipeline's `clusterNames`), each cluster with the entity last made of the same keys. */
  #cluster(manifestEntities: readonly ManifestEntity[], rank: ReadonlyMap<string, number>): ClusterInfo[] {
    const order = [...this.#groups.values()];
    for (const group of order) firstOf(group, rank);
    order.sort((a, b) => firstMentionOrder(a, b, rank));
    this.#setOrder(order);
    const { clusters, fullByPart } = clusterNames(order, manifestEntities, this.#votes, (form) =>
      this.#nameParts(form),
    );
    // the entity last made of the same keys is the one to reuse if nothing changed
    const previous = new Map(this.#listed.map((c) => [c.keys.join('\u0000'), c.entity]));
    const info = new Map(
      clusters.map((c): [Cluster<KeyGroup>, ClusterInfo] => [
        c,
        { ...c, entity: previous.get(c.keys.join('\u0000')) },
      ]),
    );
    this.#fullByPart = new Map([...fullByPart].map(([part, list]) => [part, list.map((c) => info.get(c)!)]));
    return [...info.values()];
  }

  /** The entities of the clusters, reusing those whose keys did not change. */
  #entities(
    manifestEntities: readonly ManifestEntity[],
    rank: ReadonlyMap<string, number>,
    dirty: ReadonlyMap<string, KeySnapshot | null>,
    touched: Set<string>,
    structural: boolean,
  ): Entity[] {
    if (structural) {
      this.#clusterings++;
      this.#listed = this.#cluster(manifestEntities, rank);
      this.#clusterOfKey = new Map();
      for (const c of this.#listed) for (const k of c.keys) this.#clusterOfKey.set(k, c);
      return this.#makeAll(rank, dirty, touched);
    }
    // the clusters are as they were (but for clusters of their own added or removed): only those
    // with a changed key are made again, and while their names stay, so do all ids (a name
    // decides its id and the ids after it)
    const singles = this.#singleChanges ?? { added: [], removed: [] };
    this.#singleChanges = undefined;
    const addedSingles = new Set(singles.added);
    const removedKeys = new Set(singles.removed.map((c) => c.keys[0]!));
    const changed = new Set<ClusterInfo>();
    for (const key of dirty.keys()) {
      const c = this.#clusterOfKey.get(key);
      if (c && addedSingles.has(c)) continue;
      if (!c && removedKeys.has(key)) continue;
      if (!c || !c.entity) return this.#makeAll(rank, dirty, touched);
      changed.add(c);
    }
    const names = new Map<ClusterInfo, [string, Map<string, number>]>();
    for (const c of changed) {
      const forms = clusterForms(c);
      const name = c.manifest?.name ?? canonicalName(forms);
      if (name !== c.entity!.name) return this.#makeAll(rank, dirty, touched);
      names.set(c, [name, forms]);
    }
    const madeSingles = this.#singleEntities(singles, rank);
    if (!madeSingles) return this.#makeAll(rank, dirty, touched);
    const replaced = new Set<Entity>(singles.removed.map((c) => c.entity!));
    for (const gone of replaced) {
      this.#position.delete(gone);
      this.#byId?.delete(gone.id);
    }
    const fresh: Entity[] = [...madeSingles];
    for (const e of madeSingles) {
      this.#byId?.set(e.id, e);
      for (const m of e.mentions) touched.add(m.document);
    }
    for (const [c, [name, forms]] of names) {
      const before = c.entity!;
      const entity = this.#make(c, before.id, name, forms, rank);
      this.#position.set(entity, this.#position.get(before)!);
      this.#position.delete(before);
      replaced.add(before);
      this.#byId?.set(entity.id, entity);
      c.entity = entity;
      fresh.push(entity);
    }
    return this.#sort(
      this.#sorted.filter((e) => !replaced.has(e)),
      fresh,
    );
  }

  /**
   * The entities of clusters of their own added, made without a new listing of every cluster's
   * id, and those removed let go; undefined (nothing changed) when the ids of other clusters
   * could move. They cannot when each added has a slug no cluster has (its id is that slug) and
   * each removed had a slug no other cluster has; a slug ending in a number (the way a
   * shared one is numbered) is left to a new listing. A new entity's place in the order of first
   * mention lies between its listed neighbours'.
   */
  #singleEntities(singles: SingleChanges, rank: ReadonlyMap<string, number>): Entity[] | undefined {
    if (singles.added.length === 0 && singles.removed.length === 0) return [];
    const numbered = (id: string): boolean => /-\d+$/.test(id);
    for (const c of singles.removed) {
      const id = c.entity?.id;
      if (!id || numbered(id) || this.#slugCounts.get(id) !== 1) return undefined;
    }
    const made: [ClusterInfo, string, string, Map<string, number>][] = [];
    // the ids of those removed are free (a name that moved comes back with its own)
    const ids = new Set<string>();
    const freed = new Set(singles.removed.map((c) => c.entity!.id));
    for (const c of singles.added) {
      const forms = clusterForms(c);
      const name = canonicalName(forms);
      const id = slug(name);
      // an id not numbered is taken only by the cluster whose slug it is (those removed included)
      if (numbered(id) || ids.has(id) || (this.#slugCounts.has(id) && !freed.has(id))) return undefined;
      ids.add(id);
      made.push([c, id, name, forms]);
    }
    // places: between the listed neighbours' (the listing keeps the order of first mention)
    const at = new Map(this.#listed.map((c, i) => [c, i]));
    const places: number[] = [];
    for (const [c] of made) {
      const i = at.get(c)!;
      let before: number | undefined;
      let after: number | undefined;
      for (let j = i - 1; j >= 0 && before === undefined; j--) {
        const e = this.#listed[j]!.entity;
        if (e) before = this.#position.get(e);
      }
      for (let j = i + 1; j < this.#listed.length && after === undefined; j++) {
        const e = this.#listed[j]!.entity;
        if (e) after = this.#position.get(e);
      }
      const place =
        before === undefined ? (after ?? 0) - 1 : after === undefined ? before + 1 : (before + after) / 2;
      if ((before !== undefined && !(place > before)) || (after !== undefined && !(place < after)))
        return undefined;
      places.push(place);
    }
    for (const c of singles.removed) this.#slugCounts.delete(c.entity!.id);
    return made.map(([c, id, name, forms], k) => {
      const entity = this.#make(c, id, name, forms, rank);
      c.entity = entity;
      this.#position.set(entity, places[k]!);
      this.#slugCounts.set(id, 1);
      return entity;
    });
  }

  /** Every cluster's entity, reusing last time's where its keys, id, name and type are the same. */
  #makeAll(
    rank: ReadonlyMap<string, number>,
    dirty: ReadonlyMap<string, KeySnapshot | null>,
    touched: Set<string>,
  ): Entity[] {
    const usedIds = new Set<string>();
    const slugCounts = new Map<string, number>();
    const out: Entity[] = [];
    const fresh = new Set<Entity>();
    for (const c of this.#listed) {
      const before = c.entity;
      let changed = false;
      for (const k of c.keys) if (dirty.has(k)) changed = true;
      // (plain code: this runs for every cluster)
      let forms: Map<string, number> | undefined;
      let name: string;
      if (before && !changed) name = before.name;
      else if (c.manifest) name = c.manifest.name;
      else name = canonicalName((forms = clusterForms(c)));
      const ownSlug = slug(name);
      slugCounts.set(ownSlug, (slugCounts.get(ownSlug) ?? 0) + 1);
      const id = freeId(name, usedIds);
      usedIds.add(id);
      if (before && !changed && before.id === id && before.type === c.type) {
        out.push(before);
        continue;
      }
      const entity = this.#make(c, id, name, forms ?? clusterForms(c), rank);
      // the documents whose mentions now point at another id, type or name
      if (!before || before.id !== id || before.type !== c.type || before.name !== name) {
        for (const m of entity.mentions) touched.add(m.document);
        if (before) for (const m of before.mentions) touched.add(m.document);
      }
      c.entity = entity;
      fresh.add(entity);
      out.push(entity);
    }
    this.#position = new Map(out.map((e, i) => [e, i]));
    this.#slugCounts = slugCounts;
    this.#byId = undefined;
    // reused entities keep their order from last time (their counts and names are unchanged)
    return this.#sort(
      this.#sorted.filter((e) => this.#position.has(e) && !fresh.has(e)),
      [...fresh],
    );
  }

  #make(
    c: ClusterInfo,
    id: string,
    name: string,
    forms: ReadonlyMap<string, number>,
    rank: ReadonlyMap<string, number>,
  ): Entity {
    return makeEntity(
      c,
      id,
      name,
      forms,
      rank,
      (doc) => this.#docs.get(doc)!.doc.text,
      (m, text) => {
        let look = this.#descriptionLooks.get(m);
        if (look?.text !== text) {
          look = { text };
          this.#descriptionLooks.set(m, look);
        }
        return look;
      },
    );
  }

  /** Most mentioned first, then by name, then in order of first mention: `fresh` sorted into `kept` (already in that order). */
  #sort(kept: readonly Entity[], fresh: Entity[]): Entity[] {
    const order = entityOrder((e) => this.#position.get(e)!);
    fresh.sort(order);
    // a few new ones go in by binary search (names are compared about log n times each, not n)
    this.#sorted =
      fresh.length * 16 < kept.length ? insertSorted(kept, fresh, order) : mergeSorted(kept, fresh, order);
    return [...this.#sorted];
  }
}

/** `b` (sorted, short) put into `a` (sorted) at their places. */
function insertSorted<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number): T[] {
  const out = [...a];
  let from = 0;
  for (const x of b) {
    let lo = from;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order(out[mid]!, x) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, x);
    from = lo + 1;
  }
  return out;
}

/** Two lists sorted by `order`, merged. */
function mergeSorted<T>(a: readonly T[], b: readonly T[], order: (x: T, y: T) => number): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(order(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

function sameEntity(a: Entity, b: Entity): boolean {
  if (
    a.id !== b.id ||
    a.type !== b.type ||
    a.name !== b.name ||
    a.description !== b.description ||
    a.descriptionSource !== b.descriptionSource
  )
    return false;
  if (a.aliases.length !== b.aliases.length || a.aliases.some((x, i) => x !== b.aliases[i])) return false;
  if (a.mentions.length !== b.mentions.length) return false;
  return a.mentions.every((m, i) => {
    const n = b.mentions[i]!;
    return m.document === n.document && m.start === n.start && m.end === n.end && m.text === n.text;
  });
}

function sameMentions(a: readonly Mention[], b: readonly Mention[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.start !== y.start || x.end !== y.end || x.type !== y.type || x.via !== y.via || x.text !== y.text)
      return false;
  }
  return true;
}
