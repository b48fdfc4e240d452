/**
 * Entities: mentions grouped into one entity per real-world referent across the corpus.
 * - A name's type in a document is the majority of the tagger's votes there (document-level
 *   consistency); the same name with different types in different articles (Jordan the country,
 *   Jordan the director) stays two entities.
 * - Person names meet across spellings: given name and surname compared by a transliteration
 *   skeleton (Aleksandr / Alexander / Alyaksandr; Cyrillic too), surname gender kept apart
 *   (Tsikhanouskaya is not Tsikhanouski).
 * - A surname or given name alone joins the one full name it can belong to: in the same article
 *   if possible, else in the whole corpus when that is unambiguous.
 * - Names known from the article, multi-word names known from anywhere in the corpus, and
 *   corpus.yaml names are re-read everywhere; corpus.yaml overrides types and holds aliases together;
 *   its `never` keeps names apart.
 */
import { changedPositions } from '../../lists';
import type { CorpusDocument, Span } from '../text/document';
import type { EntityType, ManifestEntity } from '../manifest/manifest';
import { resolveOverlaps, type Mention } from './mentions';
import { findKnownNames, NameTable } from './known-names';
import { hasCyrillic, nameKey, personKey, slug, transliterate } from './names';

/** A mention as part of an entity. */
export interface EntityMention extends Span {
  readonly document: string;
  readonly text: string;
}

/** One real-world referent and everywhere the corpus names it. */
export interface Entity {
  readonly id: string;
  readonly type: EntityType;
  /** The fullest well-attested form (or the corpus.yaml name). */
  readonly name: string;
  /** Every other form seen or declared. */
  readonly aliases: readonly string[];
  readonly description: string | null;
  /** Where the description comes from: a document id, or `corpus.yaml`. */
  readonly descriptionSource: string | null;
  /** In document order within each document; documents in corpus order. */
  readonly mentions: readonly EntityMention[];
}

export interface EntityInput {
  readonly doc: CorpusDocument;
  readonly mentions: readonly Mention[];
}

type Votes = Record<EntityType, number>;

const TYPE_ORDER: EntityType[] = ['person', 'organization', 'place', 'other'];

/** Adding a corpus name makes every article holding its text be read again; past this many at once, all are. */
const MAX_ADDED_FORMS = 100;

const collator = new Intl.Collator();

/** The key under which a name of a given type is grouped. */
function clusterKey(type: EntityType, name: string): string {
  if (type === 'person') return `person:${personKey(name)}`;
  return `${type}:${nameKey(hasCyrillic(name) ? transliterate(name) : name)}`;
}

function winner(v: Votes | undefined): EntityType | undefined {
  return v ? TYPE_ORDER.reduce((best, t) => (v[t] > v[best] ? t : best), TYPE_ORDER[0]!) : undefined;
}

/**
 * The type the votes give a name in an article: the article's own evidence first; the rest of
 * the corpus breaks ties and outvotes a lone guess (local + half of the rest). The first type of
 * TYPE_ORDER among the best wins.
 */
function typeByVotes(local: Votes | undefined, corpus: Votes | undefined): EntityType | undefined {
  if (!local || !corpus) return winner(local ?? corpus);
  let best: EntityType = TYPE_ORDER[0]!;
  let bestScore = -Infinity;
  for (const t of TYPE_ORDER) {
    const score = local[t] + 0.5 * (corpus[t] - local[t]);
    if (score > bestScore) {
      best = t;
      bestScore = score;
    }
  }
  return best;
}

/** Adds (or takes away) an article's votes; `before` gets each key's corpus votes as they were before the first change to them. */
function addVotes(
  table: Map<string, Votes>,
  votes: ReadonlyMap<string, Votes>,
  sign: 1 | -1,
  before: Map<string, string>,
): void {
  for (const [key, v] of votes) {
    if (!before.has(key)) before.set(key, voteSignature(table.get(key)));
    const t = table.get(key) ?? { person: 0, place: 0, organization: 0, other: 0 };
    for (const type of TYPE_ORDER) t[type] += sign * v[type];
    if (TYPE_ORDER.every((type) => t[type] === 0)) table.delete(key);
    else table.set(key, t);
  }
}

const voteSignature = (v: Votes | undefined): string => (v ? TYPE_ORDER.map((t) => v[t]).join(',') : '');

const NO_FORMS: readonly string[] = [];

/** A full name's keys by which a one-word name can join it. */
interface NameParts {
  readonly surname: string;
  readonly given: string;
}

/** The key a word has as a given name: its person key without the mark of gender. */
function givenKey(word: string): string {
  return ungendered(personKey(word));
}

/** A one-word person key without the mark of gender (the given-name key of a word with that key). */
function ungendered(key: string): string {
  return key.replace(/\/[fm]$/, '');
}

/** Whether a key of `map` passes `test` (without making a list of the keys). */
function someKey<K>(map: ReadonlyMap<K, unknown>, test: (key: K) => boolean): boolean {
  for (const k of map.keys()) if (test(k)) return true;
  return false;
}

/** Whether some form is of several words (a full name, as the clustering tells one-word names from full names). */
function hasFullForm(forms: ReadonlyMap<string, unknown>): boolean {
  return someKey(forms, (f) => /\s/.test(f));
}

function count<K>(table: Map<K, number>, key: K, by: number): void {
  const n = (table.get(key) ?? 0) + by;
  if (n === 0) table.delete(key);
  else table.set(key, n);
}

/** One article's part in the resolution, kept while its mentions and the corpus's names allow. */
interface DocState {
  readonly doc: CorpusDocument;
  readonly mentions: readonly Mention[];
  /** The tagger's votes per name key in this article. */
  readonly votes: Map<string, Votes>;
  /** Multi-word names the tagger found here, with counts. */
  readonly forms: Map<string, number>;
  /** Surnames of people named in full here: such a surname alone is that person's here. */
  readonly surnames: Set<string>;
  /** What re-reading found (a corpus name going away matters only where it was found). */
  found: Set<string>;
  reread: readonly Mention[];
  /** Name key of each re-read mention; null for a name in another script. */
  rereadKeys: readonly (string | null)[];
  /** Names in another script ("(Владимир Блинов)") where nothing else was found. */
  glosses: readonly Mention[];
  typed: readonly Mention[];
  /** The type each name key got in the last typing from corpus.yaml, a surname or votes (undefined: none decided). */
  typeOf: Map<string, EntityType | undefined>;
  /** Cluster key of each typed mention. */
  clusterKeys: readonly string[];
}

/** A cluster key's mentions in one article. */
interface KeyPart {
  /** Type and offset of the first of them. */
  readonly type: EntityType;
  readonly start: number;
  /** In text order (their texts are the forms the part adds to its key's). */
  readonly mentions: EntityMention[];
}

/** Everything the corpus holds under one cluster key. */
interface KeyAgg {
  readonly key: string;
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

/** A cluster as the entities are made from it. */
interface ClusterInfo {
  /** Its cluster keys, sorted. */
  readonly keys: readonly string[];
  /** The type the clustering gave it, and the entity's (a lone spelling in another script is 'other'). */
  readonly clusterType: EntityType;
  readonly type: EntityType;
  readonly aggs: readonly KeyAgg[];
  readonly manifest: ManifestEntity | undefined;
  /** Forms no mention has (corpus.yaml names), counted 0. */
  readonly zeroForms: readonly string[];
  /** The entity made of it last time (or, after a new clustering, of the same keys). */
  entity: Entity | undefined;
}

/** The article of a key's first mention in corpus order (worked out again when a part changed). */
function firstOf(agg: KeyAgg, rank: ReadonlyMap<string, number>): string {
  if (agg.first === undefined) {
    let best: string | undefined;
    for (const id of agg.parts.keys()) if (best === undefined || rank.get(id)! < rank.get(best)!) best = id;
    agg.first = best!;
  }
  return agg.first;
}

/** Keys in order of first mention: by article, then by offset. */
function firstOrder(a: KeyAgg, b: KeyAgg, rank: ReadonlyMap<string, number>): number {
  const fa = firstOf(a, rank);
  const fb = firstOf(b, rank);
  return rank.get(fa)! - rank.get(fb)! || a.parts.get(fa)!.start - b.parts.get(fb)!.start;
}

function formSet(forms: ReadonlyMap<string, number>): string {
  return [...forms.keys()].sort().join('\u0000');
}

/** A cluster's forms with their counts. */
function clusterForms(c: ClusterInfo): Map<string, number> {
  const forms = new Map<string, number>();
  for (const agg of c.aggs) for (const [f, n] of agg.forms) forms.set(f, (forms.get(f) ?? 0) + n);
  for (const f of c.zeroForms) if (!forms.has(f)) forms.set(f, 0);
  return forms;
}

interface Cluster {
  readonly type: EntityType;
  /** Its keys (each key is in one cluster only), the first the one it was made for. */
  readonly keys: string[];
  /** Shared with the key's aggregate until a merge adds to it. */
  forms: Map<string, number>;
  ownForms: boolean;
  readonly aggs: KeyAgg[];
  manifest?: ManifestEntity;
  /** Name keys corpus.yaml keeps out of it (made when the first comes: most clusters have none). */
  never?: Set<string>;
}

/** A document's mention with the entity it belongs to. */
export interface ResolvedMention extends Span {
  readonly entity: Entity;
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
  #manifestType = new Map<string, EntityType>();
  #manifestForms = new Set<string>();
  #neverNames = new Set<string>();
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
  readonly #aggs = new Map<string, KeyAgg>();
  /** The clusters of the last resolution, in order of first mention, with their entities. */
  #listed: ClusterInfo[] = [];
  /** How many resolutions clustered every name anew (`clusterings`). */
  #clusterings = 0;
  /** The keys in order of first mention, as the last clustering saw them (each knows its place: `KeyAgg.at`). */
  #order: KeyAgg[] = [];
  /** Each key's cluster (after the last clustering), and through it the entity the key's mentions belong to. */
  #clusterOfKey = new Map<string, ClusterInfo>();
  /** Each entity's place in the order of first mention (ties in the sort go by it; a cluster that came alone takes a place between its neighbours'). */
  #position = new Map<Entity, number>();
  /** How many clusters' names make each slug (an entity's id is its slug, numbered when several clusters share it). */
  #slugCounts = new Map<string, number>();
  /** Clusters of their own that came or went in the last `#structural` that kept the clusters. */
  #ownChanges: { readonly came: readonly ClusterInfo[]; readonly went: readonly ClusterInfo[] } | undefined;
  #rankIds: string[] = [];
  readonly #namePartsOf = new Map<string, NameParts | null>();
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
      const now = (this.#formCounts.get(form) ?? 0) > 0 || this.#manifestForms.has(form);
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
        if (added.some((f) => d.doc.text.includes(f)) || gone.some((f) => d.found.has(f))) reread.add(d);
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
      d.clusterKeys = typed.map((m) => this.#keyOf(m));
      this.#addParts(d, dirty);
      touched.add(d.doc.id);
    }

    for (const key of dirty.keys()) if (this.#aggs.get(key)!.parts.size === 0) this.#aggs.delete(key);
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
        for (const agg of c.aggs)
          for (const part of agg.parts.values())
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
    this.#manifestType = new Map();
    for (const m of manifestEntities)
      if (m.type) for (const form of [m.name, ...m.aliases]) this.#manifestType.set(nameKey(form), m.type);
    this.#manifestForms = new Set(manifestEntities.flatMap((m) => [m.name, ...m.aliases]));
    // a name that corpus.yaml keeps apart from an entity gets a cluster of its own, even when spelling keys meet
    this.#neverNames = new Set(manifestEntities.flatMap((m) => m.never.map(nameKey)));
    this.#docs.clear();
    this.#votes.clear();
    this.#formCounts.clear();
    this.#corpusForms.clear();
    for (const form of this.#manifestForms) this.#corpusForms.add(form);
    this.#table = undefined;
    this.#keyDocs.clear();
    this.#aggs.clear();
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
    const votes = new Map<string, Votes>();
    const forms = new Map<string, number>();
    const surnames = new Set<string>();
    for (const m of mentions) {
      const key = nameKey(m.text);
      const v = votes.get(key) ?? { person: 0, place: 0, organization: 0, other: 0 };
      v[m.type]++;
      votes.set(key, v);
      if (!/\s/.test(m.text)) continue;
      count(forms, m.text, 1);
      if (m.type === 'person') surnames.add(nameKey(m.text.split(/\s+/).pop()!));
    }
    const d: DocState = {
      doc,
      mentions,
      votes,
      forms,
      surnames,
      found: new Set(),
      reread: [],
      rereadKeys: [],
      glosses: [],
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
    this.#index(d, d.rereadKeys, []);
    this.#removeParts(d, dirty);
  }

  /** Re-reads an article for known names: its own, multi-word names from anywhere, corpus.yaml's. */
  #reread(d: DocState): void {
    const local = new Set(d.mentions.map((m) => m.text));
    for (const m of d.mentions)
      if (m.type === 'person' && /\s/.test(m.text)) local.add(m.text.split(/\s+/).pop()!);
    const found = findKnownNames(d.doc.text, [new NameTable(local), this.#table!]);
    d.found = new Set(found.map((f) => f.text));
    d.reread = addKnownNames(d.mentions, found);
    const keys = d.reread.map((m) => (hasCyrillic(m.text) ? null : nameKey(m.text)));
    this.#index(d, d.rereadKeys, keys);
    d.rereadKeys = keys;
    d.glosses = cyrillicMentions(d.doc, d.reread);
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
  #type(d: DocState): Mention[] {
    const decided = new Map<string, EntityType | undefined>();
    const typed = d.reread.map((m, i): Mention => {
      const key = d.rereadKeys[i];
      if (key === null || key === undefined) return { ...m, via: 'script' };
      let type = decided.get(key);
      if (type === undefined && !decided.has(key)) {
        type = this.#typeOfKey(d, key);
        decided.set(key, type);
      }
      type ??= m.type;
      return type === m.type ? m : { ...m, type };
    });
    d.typeOf = decided;
    return d.glosses.length === 0 ? typed : [...typed, ...d.glosses].sort((a, b) => a.start - b.start);
  }

  /** The type of a name in an article, unless nothing decides it (then each mention keeps its own). */
  #typeOfKey(d: DocState, key: string): EntityType | undefined {
    return (
      this.#manifestType.get(key) ??
      (d.surnames.has(key) ? 'person' : undefined) ??
      typeByVotes(d.votes.get(key), this.#votes.get(key))
    );
  }

  #keyOf(m: Mention): string {
    const key = nameKey(m.text);
    if (this.#neverNames.has(key)) return `${m.type}:exact:${key}`;
    return m.via === 'script' ? `script:${personKey(transliterate(m.text))}` : clusterKey(m.type, m.text);
  }

  /** Notes what a key was before this resolution first changes it (null: it did not exist, or its first article is not known). */
  #touchKey(key: string, dirty: Map<string, KeySnapshot | null>): KeyAgg {
    let agg = this.#aggs.get(key);
    if (!dirty.has(key)) {
      const first = agg?.first !== undefined ? agg.parts.get(agg.first) : undefined;
      dirty.set(
        key,
        agg && first
          ? { docs: new Set(agg.parts.keys()), forms: formSet(agg.forms), type: first.type }
          : null,
      );
    }
    if (!agg) {
      agg = { key, parts: new Map(), forms: new Map(), first: undefined, at: undefined };
      this.#aggs.set(key, agg);
    }
    agg.first = undefined;
    return agg;
  }

  #addParts(d: DocState, dirty: Map<string, KeySnapshot | null>): void {
    const id = d.doc.id;
    d.typed.forEach((m, i) => {
      const agg = this.#touchKey(d.clusterKeys[i]!, dirty);
      let part = agg.parts.get(id);
      if (!part) {
        part = { type: m.type, start: m.start, mentions: [] };
        agg.parts.set(id, part);
      }
      count(agg.forms, m.text, 1);
      part.mentions.push({ document: id, start: m.start, end: m.end, text: m.text });
    });
  }

  #removeParts(d: DocState, dirty: Map<string, KeySnapshot | null>): void {
    const id = d.doc.id;
    for (const key of new Set(d.clusterKeys)) {
      const agg = this.#touchKey(key, dirty);
      const part = agg.parts.get(id)!;
      agg.parts.delete(id);
      for (const m of part.mentions) count(agg.forms, m.text, -1);
    }
  }

  /**
   * Whether the changes can move a key into another cluster: a key came or went, or one changed
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
    this.#ownChanges = undefined;
    const came: KeyAgg[] = [];
    const went = new Map<ClusterInfo, readonly string[]>();
    /** Whether a person's articles changed in a way a new clustering may look at (then the one-word names' choices are checked). */
    let choices = false;
    for (const [key, before] of dirty) {
      const agg = this.#aggs.get(key);
      const had = this.#clusterOfKey.get(key);
      const forms = before?.forms.split('\u0000');
      if (!agg && forms && had && had.keys.length === 1 && !had.manifest && this.#alone(key, forms, false)) {
        went.set(had, forms); // a name of its own gone
        continue;
      }
      if (agg && !before && !had && this.#alone(key, agg.forms.keys(), true)) {
        firstOf(agg, rank);
        came.push(agg); // a name of its own came
        continue;
      }
      if (!agg || !before) return true;
      const changed =
        before.docs.size !== agg.parts.size ||
        [...agg.parts.keys()].some((id) => !before.docs.has(id)) ||
        before.forms !== formSet(agg.forms);
      if (changed && this.#clustersBy(key)) {
        if (!this.#choiceCounts(key, agg, before, manifestEntities)) return true;
        choices = true;
      }
      if (agg.parts.get(firstOf(agg, rank))!.type !== before.type) return true;
    }
    if (manifestEntities.some((m) => !m.type && voteKeys.has(nameKey(m.name)))) return true;
    if (came.length > 0 || went.size > 0) this.#reorder(came, [...went.keys()], rank);
    // a name whose first mention moved in the order is a new clustering, unless nothing can join
    // it (a place's or an organisation's: see #movable); such a name goes and comes back at its new place
    const turned = this.#turned(dirty.keys(), rank);
    if (turned === undefined) return true;
    if (turned.length > 0) {
      const moved = turned.map((agg) => this.#clusterOfKey.get(agg.key)!);
      for (const c of moved) went.set(c, [...c.aggs[0]!.forms.keys()]);
      came.push(...turned);
      this.#reorder(turned, moved, rank);
      if (this.#turned(dirty.keys(), rank)?.length !== 0) return true;
    }
    if (choices && !this.#choicesHold(dirty.keys())) return true;
    if (came.length > 0 || went.size > 0)
      this.#ownChanges = { came: this.#relist(came, went), went: [...went.keys()] };
    return false;
  }

  /**
   * The keys among `keys` that are out of the order of first mentions, which was sorted before
   * they changed (so only pairs next to one of them can have turned); undefined when one of them
   * cannot be moved alone (see #movable).
   */
  #turned(keys: Iterable<string>, rank: ReadonlyMap<string, number>): KeyAgg[] | undefined {
    const order = this.#order;
    const out: KeyAgg[] = [];
    for (const key of keys) {
      const agg = this.#aggs.get(key);
      if (!agg) continue; // gone: its neighbours are next to each other now, and were in order
      const i = agg.at;
      if (i === undefined) return undefined;
      if (
        (i > 0 && firstOrder(order[i - 1]!, order[i]!, rank) > 0) ||
        (i + 1 < order.length && firstOrder(order[i]!, order[i + 1]!, rank) > 0)
      ) {
        if (!this.#movable(agg)) return undefined;
        out.push(agg);
      }
    }
    return out;
  }

  /**
   * Whether a key's place in the order of first mentions decides nothing but where its entity is
   * listed: a key that is a cluster of its own and whose articles and forms take no part in
   * clustering (see #clustersBy: a place's, an organisation's), with an entity made of it.
   */
  #movable(agg: KeyAgg): boolean {
    const c = this.#clusterOfKey.get(agg.key);
    return (
      c !== undefined &&
      c.entity !== undefined &&
      c.aggs.length === 1 &&
      c.aggs[0] === agg &&
      !c.manifest &&
      !this.#clustersBy(agg.key)
    );
  }

  /**
   * Whether a key makes a cluster of its own that joins no other and takes none in, so it can
   * come or go without a new clustering (`came`: it is coming): not another script's (it joins
   * its Latin twin), no Latin twin of one, no names corpus.yaml keeps apart; a one-word person
   * name only when no full name has it as surname or given name (it would join the one it can
   * belong to; one that stood alone takes no one in, so it may always go); a full name only when
   * no one-word name in the corpus has its surname or given name (one more candidate can make
   * that one-word name's choice ambiguous).
   */
  #alone(key: string, forms: Iterable<string>, came: boolean): boolean {
    if (key.startsWith('script:') || this.#neverNames.size > 0) return false;
    if (!key.startsWith('person:')) return true;
    const word = key.slice('person:'.length);
    if (this.#aggs.has(`script:${word}`)) return false;
    const list = [...forms];
    // one word by its forms, as the clustering tells one-word names (a key of one word may have
    // forms of several: the number in "Smith 3" is no part of its key)
    if (!list.some((f) => /\s/.test(f)))
      return !came || !(this.#fullCount(word) > 0 || this.#fullCount(`given:${ungendered(word)}`) > 0);
    // one-word names are person keys, or script keys when written in another script (a gloss
    // "(Лукашенко)"): both join by the same person key
    const oneWord = (k: string): boolean => this.#aggs.has(`person:${k}`) || this.#aggs.has(`script:${k}`);
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
    agg: KeyAgg,
    before: KeySnapshot,
    manifestEntities: readonly ManifestEntity[],
  ): boolean {
    if (!key.startsWith('person:') || manifestEntities.length > 0 || this.#neverNames.size > 0) return false;
    const c = this.#clusterOfKey.get(key);
    if (!c || c.manifest || c.clusterType !== 'person') return false;
    // a name that is or was a full name (in any of its forms) is one of the choices: its spellings must stay, all of several words
    const full = hasFullForm(agg.forms) || before.forms.split('\u0000').some((f) => /\s/.test(f));
    return !full || (before.forms === formSet(agg.forms) && !someKey(agg.forms, (f) => !/\s/.test(f)));
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
    const glossed = (f: ClusterInfo): boolean => f.aggs.some((a) => a.key.startsWith('script:'));
    for (const key of keys) {
      if (key.startsWith('script:')) return false;
      const agg = this.#aggs.get(key);
      if (
        !agg ||
        !key.startsWith('person:') ||
        hasFullForm(agg.forms) ||
        agg.parts.get(agg.first!)!.type !== 'person'
      )
        continue;
      const at = agg.at;
      if (at === undefined) return false;
      const word = [...agg.forms.keys()].sort()[0]!;
      const surnameOf = this.#fullByPart.get(personKey(word)) ?? [];
      const candidates =
        surnameOf.length > 0 ? surnameOf : (this.#fullByPart.get(`given:${givenKey(word)}`) ?? []);
      let pick = candidates.length === 1 ? candidates[0] : undefined;
      if (candidates.length > 1) {
        if (candidates.some(glossed)) return false;
        const named = (f: ClusterInfo, doc: string): boolean =>
          f.aggs.some(
            (a) => a.parts.has(doc) && a.key.startsWith('person:') && (hasFullForm(a.forms) || a.at! < at),
          );
        const local = candidates.filter((f) => someKey(agg.parts, (doc) => named(f, doc)));
        if (local.length === 1) pick = local[0];
      }
      const now = this.#clusterOfKey.get(key);
      if (!now || (pick ? now !== pick : now.aggs.some((a) => a !== agg && !a.key.startsWith('script:'))))
        return false;
    }
    return true;
  }

  /** How many person clusters have a full name with this surname key (or given-name key, as `given:<key>`). */
  #fullCount(part: string): number {
    return this.#fullByPart.get(part)?.length ?? 0;
  }

  /** A full name's surname key and given-name key (null for one word, or another script: glosses join their Latin name apart); remembered. */
  #nameParts(form: string): NameParts | null {
    let parts = this.#namePartsOf.get(form);
    if (parts === undefined) {
      const words = form.split(/\s+/);
      parts =
        words.length < 2 || hasCyrillic(form)
          ? null
          : { surname: personKey(words[words.length - 1]!), given: givenKey(words[0]!) };
      if (this.#namePartsOf.size >= 200_000) this.#namePartsOf.clear();
      this.#namePartsOf.set(form, parts);
    }
    return parts;
  }

  /** Takes `order` as the order of first mentions, each key told its place. */
  #setOrder(order: KeyAgg[]): void {
    this.#order = order;
    for (let i = 0; i < order.length; i++) order[i]!.at = i;
  }

  /** Keys that came put into the order of first mentions (by binary search), those gone taken out. */
  #reorder(came: readonly KeyAgg[], went: readonly ClusterInfo[], rank: ReadonlyMap<string, number>): void {
    const gone = new Set(went.flatMap((c) => c.aggs));
    const kept = gone.size > 0 ? this.#order.filter((agg) => !gone.has(agg)) : this.#order;
    const byFirst = (a: KeyAgg, b: KeyAgg): number => firstOrder(a, b, rank);
    for (const agg of gone) agg.at = undefined;
    this.#setOrder(insertSorted(kept, [...came].sort(byFirst), byFirst));
  }

  /** The listed clusters with a cluster for each key that came and without those gone, in the order a new clustering lists them; returns the new clusters. */
  #relist(came: readonly KeyAgg[], went: ReadonlyMap<ClusterInfo, readonly string[]>): ClusterInfo[] {
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
    for (const [c, forms] of went) {
      this.#clusterOfKey.delete(c.keys[0]!);
      candidate(c, forms, false);
    }
    const made: ClusterInfo[] = [];
    for (const agg of came) {
      const type = agg.parts.get(agg.first!)!.type;
      const c: ClusterInfo = {
        keys: [agg.key],
        clusterType: type,
        type,
        aggs: [agg],
        manifest: undefined,
        zeroForms: NO_FORMS,
        entity: undefined,
      };
      this.#clusterOfKey.set(agg.key, c);
      made.push(c);
      candidate(c, agg.forms.keys(), true);
    }
    // clusters in order of their first key's first mention, then corpus.yaml's that no article
    // names (as before): those gone taken out, each new one put in by binary search
    const listed = went.size > 0 ? this.#listed.filter((c) => !went.has(c)) : [...this.#listed];
    const first = (c: ClusterInfo): number => {
      let at = Infinity;
      for (const agg of c.aggs) at = Math.min(at, agg.at ?? Infinity);
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
      this.#neverNames.size > 0 ||
      this.#clusterOfKey.get(key)?.manifest !== undefined
    );
  }

  /** Clusters by typed key, merged into one per referent, in order of first mention (then corpus.yaml's unmentioned ones). */
  #cluster(manifestEntities: readonly ManifestEntity[], rank: ReadonlyMap<string, number>): ClusterInfo[] {
    const order = [...this.#aggs.values()];
    for (const agg of order) firstOf(agg, rank);
    order.sort((a, b) => firstOrder(a, b, rank));
    this.#setOrder(order);

    const clusters = new Map<string, Cluster>();
    for (const agg of order)
      clusters.set(agg.key, {
        type: agg.parts.get(agg.first!)!.type,
        keys: [agg.key],
        forms: agg.forms,
        ownForms: false,
        aggs: [agg],
      });
    const clusterOf = (key: string, type: EntityType): Cluster => {
      let c = clusters.get(key);
      if (!c) {
        c = { type, keys: [key], forms: new Map(), ownForms: true, aggs: [] };
        clusters.set(key, c);
      }
      return c;
    };
    const own = (c: Cluster): Map<string, number> => {
      if (!c.ownForms) {
        c.forms = new Map(c.forms);
        c.ownForms = true;
      }
      return c.forms;
    };
    const keeps = (c: Cluster, forms: Map<string, number>): boolean =>
      c.never !== undefined && [...forms.keys()].some((f) => c.never!.has(nameKey(f)));
    const blocked = (a: Cluster, b: Cluster): boolean => keeps(b, a.forms) || keeps(a, b.forms);
    const merge = (a: Cluster, b: Cluster): Cluster => {
      if (a === b || blocked(a, b)) return a;
      for (const k of b.keys) {
        a.keys.push(k);
        clusters.set(k, a);
      }
      const forms = own(a);
      for (const [f, n] of b.forms) forms.set(f, (forms.get(f) ?? 0) + n);
      a.aggs.push(...b.aggs);
      if (b.never) for (const n of b.never) (a.never ??= new Set()).add(n);
      a.manifest ??= b.manifest;
      return a;
    };
    const inDoc = (c: Cluster, id: string): boolean => c.aggs.some((agg) => agg.parts.has(id));
    for (const m of manifestEntities) {
      const type = m.type ?? winner(this.#votes.get(nameKey(m.name))) ?? 'other';
      let c = clusterOf(clusterKey(type, m.name), type);
      c.manifest = m;
      const forms = own(c);
      forms.set(m.name, forms.get(m.name) ?? 0);
      for (const n of m.never) (c.never ??= new Set()).add(nameKey(n));
      for (const alias of m.aliases) c = merge(c, clusterOf(clusterKey(type, alias), type));
    }

    // a one-word person name joins the one full name it can belong to (surname or given name)
    const fullByPart = new Map<string, Cluster[]>();
    for (const c of new Set(clusters.values())) {
      if (c.type !== 'person') continue;
      for (const form of c.forms.keys()) {
        const parts = this.#nameParts(form);
        if (!parts) continue;
        for (const part of [parts.surname, `given:${parts.given}`]) {
          const list = fullByPart.get(part) ?? [];
          if (!list.includes(c)) list.push(c);
          fullByPart.set(part, list);
        }
      }
    }
    const current = (c: Cluster): Cluster => clusters.get(c.keys[0]!)!;
    for (const c of new Set(clusters.values())) {
      if (c.type !== 'person' || c.manifest || hasFullForm(c.forms)) continue;
      const word = [...c.forms.keys()].sort()[0]!; // all its forms share one person key
      const surnameOf = [...new Set((fullByPart.get(personKey(word)) ?? []).map(current))];
      const givenOf = [...new Set((fullByPart.get(`given:${givenKey(word)}`) ?? []).map(current))];
      const candidates = surnameOf.length > 0 ? surnameOf : givenOf;
      // one candidate is the pick (named here or not); of several, the one named in its articles
      // (the articles are listed only then: a one-word name is often in hundreds)
      if (candidates.length === 0) continue;
      let pick = candidates.length === 1 ? candidates[0] : undefined;
      if (!pick) {
        const docs = c.aggs.flatMap((agg) => [...agg.parts.keys()]);
        const local = candidates.filter((f) => docs.some((d) => inDoc(f, d)));
        if (local.length === 1) pick = local[0];
      }
      if (pick) merge(pick, c);
    }

    // a Cyrillic spelling joins the Latin name it transliterates (of any type)
    for (const c of new Set(clusters.values())) {
      const key = c.keys.find((k) => k.startsWith('script:'));
      if (!key || c.keys.length > 1) continue;
      const latin = clusters.get(`person:${key.slice('script:'.length)}`);
      if (latin) merge(latin, c);
    }

    const listed = new Set<Cluster>();
    for (const agg of order) listed.add(clusters.get(agg.key)!);
    for (const c of new Set(clusters.values())) if (c.manifest) listed.add(c);
    // the entity last made of the same keys is the one to reuse if nothing changed
    const previous = new Map(this.#listed.map((c) => [c.keys.join('\u0000'), c.entity]));
    const info = new Map<Cluster, ClusterInfo>();
    const out = [...listed].map((c): ClusterInfo => {
      const keys = c.keys.length === 1 ? c.keys : [...c.keys].sort();
      const made: ClusterInfo = {
        keys,
        clusterType: c.type,
        type: keys.length === 1 && keys[0]!.startsWith('script:') ? 'other' : c.type,
        aggs: c.aggs,
        manifest: c.manifest,
        // forms still shared with its one aggregate are all that aggregate's
        zeroForms: c.ownForms
          ? [...c.forms.keys()].filter((f) => !c.aggs.some((agg) => agg.forms.has(f)))
          : NO_FORMS,
        entity: previous.get(keys.join('\u0000')),
      };
      info.set(c, made);
      return made;
    });
    this.#fullByPart = new Map(
      [...fullByPart].map(([part, list]) => [
        part,
        [...new Set(list.flatMap((c) => info.get(current(c)) ?? []))],
      ]),
    );
    return out;
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
    // the clusters are as they were (but for names of their own that came or went): only those
    // with a changed key are made again, and while their names stay, so do all ids (a name
    // decides its id and the ids after it)
    const alone = this.#ownChanges ?? { came: [], went: [] };
    this.#ownChanges = undefined;
    const came = new Set(alone.came);
    const wentKeys = new Set(alone.went.map((c) => c.keys[0]!));
    const changed = new Set<ClusterInfo>();
    for (const key of dirty.keys()) {
      const c = this.#clusterOfKey.get(key);
      if (c && came.has(c)) continue;
      if (!c && wentKeys.has(key)) continue;
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
    const arrived = this.#arrivals(alone, rank);
    if (!arrived) return this.#makeAll(rank, dirty, touched);
    const replaced = new Set<Entity>(alone.went.map((c) => c.entity!));
    for (const gone of replaced) {
      this.#position.delete(gone);
      this.#byId?.delete(gone.id);
    }
    const fresh: Entity[] = [...arrived];
    for (const e of arrived) {
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
   * The entities of clusters of their own that came, made without a new listing of every
   * cluster's id, and those that went let go; undefined (nothing changed) when the ids of other
   * clusters could move. They cannot when each that came has a slug no cluster has (its id is that
   * slug) and each that went had a slug no other cluster has; a slug ending in a number (the way a
   * shared one is numbered) is left to a new listing. A new entity's place in the order of first
   * mention lies between its listed neighbours'.
   */
  #arrivals(
    alone: { readonly came: readonly ClusterInfo[]; readonly went: readonly ClusterInfo[] },
    rank: ReadonlyMap<string, number>,
  ): Entity[] | undefined {
    if (alone.came.length === 0 && alone.went.length === 0) return [];
    const numbered = (id: string): boolean => /-\d+$/.test(id);
    for (const c of alone.went) {
      const id = c.entity?.id;
      if (!id || numbered(id) || this.#slugCounts.get(id) !== 1) return undefined;
    }
    const made: [ClusterInfo, string, string, Map<string, number>][] = [];
    // the ids of those that went are free (a name that moved comes back with its own)
    const ids = new Set<string>();
    const freed = new Set(alone.went.map((c) => c.entity!.id));
    for (const c of alone.came) {
      const forms = clusterForms(c);
      const name = canonicalName(forms);
      const id = slug(name);
      // an id not numbered is taken only by the cluster whose slug it is (those that went included)
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
    for (const c of alone.went) this.#slugCounts.delete(c.entity!.id);
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
      let id = slug(name);
      slugCounts.set(id, (slugCounts.get(id) ?? 0) + 1);
      for (let n = 2; usedIds.has(id); n++) id = `${slug(name)}-${n}`;
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
    const mentions = this.#mentions(c.aggs, rank);
    const aliases = [...new Set([...(c.manifest?.aliases ?? []), ...forms.keys()])]
      .filter((a) => a !== name)
      .sort();
    const described = c.clusterType === 'person' || c.clusterType === 'organization';
    const found = c.manifest?.description
      ? { text: c.manifest.description, source: 'corpus.yaml' }
      : described
        ? findDescription(mentions, (doc) => this.#docs.get(doc)!.doc.text)
        : undefined;
    return {
      id,
      type: c.type,
      name,
      aliases,
      description: found?.text ?? null,
      descriptionSource: found?.source ?? null,
      mentions,
    };
  }

  /** Most mentioned first, then by name, then in order of first mention: `fresh` sorted into `kept` (already in that order). */
  #sort(kept: readonly Entity[], fresh: Entity[]): Entity[] {
    const order = (a: Entity, b: Entity): number =>
      b.mentions.length - a.mentions.length ||
      collator.compare(a.name, b.name) ||
      this.#position.get(a)! - this.#position.get(b)!;
    fresh.sort(order);
    // a few new ones go in by binary search (names are compared about log n times each, not n)
    this.#sorted =
      fresh.length * 16 < kept.length ? insertSorted(kept, fresh, order) : mergeSorted(kept, fresh, order);
    return [...this.#sorted];
  }

  /** A cluster's mentions: documents in corpus order, each document's in text order. */
  #mentions(aggs: readonly KeyAgg[], rank: ReadonlyMap<string, number>): EntityMention[] {
    const parts: { at: number; part: KeyPart }[] = [];
    for (const agg of aggs) for (const [id, part] of agg.parts) parts.push({ at: rank.get(id)!, part });
    parts.sort((a, b) => a.at - b.at || a.part.start - b.part.start);
    const out: EntityMention[] = [];
    for (let i = 0; i < parts.length;) {
      let j = i + 1;
      while (j < parts.length && parts[j]!.at === parts[i]!.at) j++;
      if (j === i + 1) out.push(...parts[i]!.part.mentions);
      else
        out.push(
          ...parts
            .slice(i, j)
            .flatMap((p) => p.part.mentions)
            .sort((a, b) => a.start - b.start),
        );
      i = j;
    }
    return out;
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

/** The entities of a corpus, resolved from scratch (see `EntityResolver` for repeated resolution). */
export function resolveEntities(
  inputs: readonly EntityInput[],
  manifestEntities: readonly ManifestEntity[],
): Entity[] {
  return new EntityResolver().resolve(inputs, manifestEntities);
}

/** Adds the occurrences of known names (`found`, longest first) where nothing else was found. */
function addKnownNames(
  mentions: readonly Mention[],
  found: readonly (Span & { readonly text: string })[],
): Mention[] {
  if (found.length === 0) return [...mentions];
  const types = new Map(mentions.map((m) => [nameKey(m.text), m.type]));
  const extra = found.map((f): Mention => ({
    start: f.start,
    end: f.end,
    text: f.text,
    type: types.get(nameKey(f.text)) ?? 'other',
    via: 'known-name',
  }));
  return resolveOverlaps([...mentions, ...extra]);
}

/** Capitalised Cyrillic words (one to three), e.g. a gloss "(Владимир Блинов)". */
function cyrillicMentions(doc: CorpusDocument, taken: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
  if (!hasCyrillic(doc.text)) return out;
  const re = /(?<![\p{L}\p{N}])\p{Lu}[\p{Ll}\p{M}]+(?:[ \u00a0-]\p{Lu}[\p{Ll}\p{M}]+){0,2}(?![\p{L}\p{N}])/gu;
  for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
    if (!hasCyrillic(m[0]) || /[A-Za-z]/.test(m[0])) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (taken.some((t) => start < t.end && t.start < end)) continue;
    out.push({ start, end, text: m[0], type: 'person', via: 'script' });
  }
  return out;
}

/** The fullest form seen at least twice, else the fullest form; ties go to the most frequent. */
function canonicalName(forms: Map<string, number>): string {
  const list = [...forms].map(([form, count]) => ({ form, count, words: form.split(/\s+/).length }));
  const attested = list.filter((f) => f.count >= 2);
  const pool = attested.length > 0 ? attested : list;
  // the last comparison settles what localeCompare calls equal (NFC and NFD spellings): never the order forms were met
  pool.sort(
    (a, b) =>
      b.words - a.words ||
      b.count - a.count ||
      a.form.localeCompare(b.form) ||
      (a.form < b.form ? -1 : a.form > b.form ? 1 : 0),
  );
  return pool[0]!.form;
}

/** An apposition after a mention: "Keith Kellogg, Trump's special envoy for Ukraine, ...". */
const ROLE_WORDS = new Set([
  'secretary',
  'president',
  'minister',
  'envoy',
  'leader',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'director',
  'ambassador',
  'representative',
  'consultant',
  'analyst',
  'editor',
  'correspondent',
  'commander',
  'chairman',
  'chairwoman',
  'adviser',
  'advisor',
  'founder',
  'official',
  'diplomat',
  'governor',
  'mayor',
  'chancellor',
  'general',
  'negotiator',
  'researcher',
  'professor',
  'economist',
  'lawyer',
  'journalist',
  'activist',
  'candidate',
]);

/** The letters before the white space that ends `text[from, end)` ('' when no white space ends it). */
function lastWord(text: string, from: number, end: number): string {
  let i = end;
  while (i > from && WHITE.test(text[i - 1]!)) i--;
  if (i === end) return '';
  const last = i;
  while (i > from && LETTER.test(text[i - 1]!)) i--;
  return text.slice(i, last);
}

const WHITE = /\s/;
const LETTER = /\p{L}/u;
const DESCRIPTION_AFTER =
  /^,\s+((?:a|an|the|\p{Lu}[\p{L}.]*['\u2019]s)\s[^,;.()\n\u201c\u201d"\u2013\u2014]{3,120}?)(?=[;.)]|\s*[\u2013\u2014]|,(?!\s+and\b)|\s+(?:said|says|stated|told|has|had|was|is)\b)/u;

// up to three lower-case words and a role word, just before the name: "presidential press secretary"
const ROLE_BEFORE_NAME = new RegExp(
  `((?:[\\p{Ll}][\\p{Ll}-]+\\s+){0,3}(?:${[...ROLE_WORDS].join('|')}))\\s+$`,
  'u',
);

function findDescription(
  mentions: readonly EntityMention[],
  textOf: (document: string) => string,
): { text: string; source: string } | undefined {
  for (const m of mentions) {
    const seen = describedAt(m, textOf(m.document));
    if (seen.after === undefined) {
      // only after a comma (most names have none after them: nothing is cut out to look)
      const a =
        seen.text.charCodeAt(m.end) === 44
          ? DESCRIPTION_AFTER.exec(seen.text.slice(m.end, m.end + 160))
          : null;
      seen.after = a ? a[1]!.trim() : null;
    }
    if (seen.after !== null) return { text: seen.after, source: m.document };
  }
  // a role before the name: "presidential press secretary Natalia Esmont"
  for (const m of mentions) {
    const seen = describedAt(m, textOf(m.document));
    if (seen.before === undefined) {
      const from = Math.max(0, m.start - 80);
      // the full pattern only where the word before the name is a role (it is slow to try everywhere)
      const r = ROLE_WORDS.has(lastWord(seen.text, from, m.start))
        ? ROLE_BEFORE_NAME.exec(seen.text.slice(from, m.start))
        : null;
      seen.before = r ? r[1]!.trim() : null;
    }
    if (seen.before !== null) return { text: seen.before, source: m.document };
  }
  return undefined;
}

/** What findDescription found at a mention in its text (undefined: not looked yet; null: nothing). */
interface Described {
  readonly text: string;
  after?: string | null;
  before?: string | null;
}
/** Kept while the mention object lives: an entity made again after an edit elsewhere looks again only at new mentions. */
const described = new WeakMap<EntityMention, Described>();

function describedAt(m: EntityMention, text: string): Described {
  let seen = described.get(m);
  if (seen?.text !== text) {
    seen = { text };
    described.set(m, seen);
  }
  return seen;
}
