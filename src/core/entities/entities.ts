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

/** The article's own evidence first; the rest of the corpus breaks ties and outvotes a lone guess. */
function combineVotes(local: Votes | undefined, corpus: Votes | undefined): Votes | undefined {
  if (!local || !corpus) return local ?? corpus;
  const out = { ...local };
  for (const t of TYPE_ORDER) out[t] += 0.5 * (corpus[t] - local[t]);
  return out;
}

/** Adds `sign` × `votes` to `table`, noting the keys whose votes changed. */
function addVotes(table: Map<string, Votes>, votes: ReadonlyMap<string, Votes>, sign: 1 | -1, changed: Set<string>): void {
  for (const [key, v] of votes) {
    const t = table.get(key) ?? { person: 0, place: 0, organization: 0, other: 0 };
    for (const type of TYPE_ORDER) t[type] += sign * v[type];
    if (TYPE_ORDER.every((type) => t[type] === 0)) table.delete(key);
    else table.set(key, t);
    changed.add(key);
  }
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
  /** Cluster key of each typed mention. */
  clusterKeys: readonly string[];
}

/** A cluster key's mentions in one article. */
interface KeyPart {
  /** Type and offset of the first of them. */
  readonly type: EntityType;
  readonly start: number;
  readonly forms: Map<string, number>;
  readonly mentions: EntityMention[];
}

/** Everything the corpus holds under one cluster key. */
interface KeyAgg {
  readonly key: string;
  readonly parts: Map<string, KeyPart>;
  readonly forms: Map<string, number>;
  /** The article of its first mention in corpus order; worked out again when a part changes. */
  first: string | undefined;
}

interface Cluster {
  readonly type: EntityType;
  readonly keys: Set<string>;
  /** Shared with the key's aggregate until a merge adds to it. */
  forms: Map<string, number>;
  ownForms: boolean;
  readonly aggs: KeyAgg[];
  manifest?: ManifestEntity;
  readonly never: Set<string>;
}

/** A document's mention with the entity it belongs to. */
export interface ResolvedMention extends Span {
  readonly entity: Entity;
}

/**
 * Resolves the entities of a corpus again and again as its articles change, redoing only what a
 * change reaches: the changed articles; articles holding a corpus name that appeared or went away;
 * articles whose names' corpus-wide votes moved; and the entities whose mentions changed. The
 * result is always what `resolveEntities` gives on the same input (a property test holds it to that).
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
  /** Last resolution's entities by their cluster keys, for reuse. */
  #previous = new Map<string, Entity>();
  #entityOfKey = new Map<string, Entity>();
  #touched: Set<string> | undefined;

  /** Entities of `inputs` (in corpus order). Unchanged entities are the same objects as last time. */
  resolve(inputs: readonly EntityInput[], manifestEntities: readonly ManifestEntity[]): Entity[] {
    const manifest = JSON.stringify(manifestEntities);
    if (manifest !== this.#manifest) this.#reset(manifest, manifestEntities);
    const everything = this.#docs.size === 0;
    const rank = new Map(inputs.map((x, i) => [x.doc.id, i]));
    const dirty = new Set<string>();
    const voteKeys = new Set<string>();
    const formsTouched = new Set<string>();
    const changed = new Set<DocState>();
    const touched = new Set<string>();
    for (const [id, old] of this.#docs) {
      if (!rank.has(id)) {
        this.#remove(old, voteKeys, formsTouched, dirty);
        touched.add(id);
      }
    }
    for (const input of inputs) {
      const old = this.#docs.get(input.doc.id);
      if (old && old.mentions === input.mentions && old.doc.text === input.doc.text) continue;
      if (old) this.#remove(old, voteKeys, formsTouched, dirty);
      changed.add(this.#add(input, voteKeys, formsTouched));
    }

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
    if (added.length > 0 || gone.length > 0 || !this.#table) this.#table = new NameTable(this.#corpusForms);
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
    for (const key of voteKeys) for (const id of this.#keyDocs.get(key) ?? []) retype.add(this.#docs.get(id)!);
    for (const d of retype) {
      const typed = this.#type(d);
      if (sameMentions(typed, d.typed)) continue;
      this.#removeParts(d, dirty);
      d.typed = typed;
      d.clusterKeys = typed.map((m) => this.#keyOf(m));
      this.#addParts(d, dirty);
      touched.add(d.doc.id);
    }

    const entities = this.#entities(manifestEntities, rank, dirty, touched);
    this.#touched = everything ? undefined : touched;
    return entities;
  }

  /** The mentions of a document with their entities, in order (after `resolve`). */
  mentionsOf(id: string): ResolvedMention[] {
    const d = this.#docs.get(id);
    if (!d) return [];
    return d.typed.map((m, i) => ({ start: m.start, end: m.end, entity: this.#entityOfKey.get(d.clusterKeys[i]!)! }));
  }

  /**
   * Documents whose `mentionsOf` may differ from the resolution before the last one (their
   * mentions, or an entity of theirs, changed; or they went away); undefined when all may.
   */
  get touched(): ReadonlySet<string> | undefined {
    return this.#touched;
  }

  #reset(manifest: string, manifestEntities: readonly ManifestEntity[]): void {
    this.#manifest = manifest;
    this.#manifestType = new Map();
    for (const m of manifestEntities) if (m.type) for (const form of [m.name, ...m.aliases]) this.#manifestType.set(nameKey(form), m.type);
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
    this.#previous = new Map();
    this.#entityOfKey = new Map();
  }

  #add({ doc, mentions }: EntityInput, voteKeys: Set<string>, formsTouched: Set<string>): DocState {
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
    const d: DocState = { doc, mentions, votes, forms, surnames, found: new Set(), reread: [], rereadKeys: [], glosses: [], typed: [], clusterKeys: [] };
    this.#docs.set(doc.id, d);
    addVotes(this.#votes, votes, 1, voteKeys);
    for (const [form, n] of forms) {
      count(this.#formCounts, form, n);
      formsTouched.add(form);
    }
    return d;
  }

  #remove(d: DocState, voteKeys: Set<string>, formsTouched: Set<string>, dirty: Set<string>): void {
    this.#docs.delete(d.doc.id);
    addVotes(this.#votes, d.votes, -1, voteKeys);
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
    for (const m of d.mentions) if (m.type === 'person' && /\s/.test(m.text)) local.add(m.text.split(/\s+/).pop()!);
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
    for (const key of before) if (key !== null) this.#keyDocs.get(key)?.delete(id);
    for (const key of after) {
      if (key === null) continue;
      const docs = this.#keyDocs.get(key);
      if (docs) docs.add(id);
      else this.#keyDocs.set(key, new Set([id]));
    }
  }

  /** An article's mentions typed: corpus.yaml, a surname here, else this article's votes and then the corpus's. */
  #type(d: DocState): Mention[] {
    const typed = d.reread.map((m, i): Mention => {
      const key = d.rereadKeys[i];
      if (key === null || key === undefined) return { ...m, via: 'script' };
      const type = this.#manifestType.get(key) ?? (d.surnames.has(key) ? 'person' : undefined) ?? winner(combineVotes(d.votes.get(key), this.#votes.get(key))) ?? m.type;
      return type === m.type ? m : { ...m, type };
    });
    return d.glosses.length === 0 ? typed : [...typed, ...d.glosses].sort((a, b) => a.start - b.start);
  }

  #keyOf(m: Mention): string {
    const key = nameKey(m.text);
    if (this.#neverNames.has(key)) return `${m.type}:exact:${key}`;
    return m.via === 'script' ? `script:${personKey(transliterate(m.text))}` : clusterKey(m.type, m.text);
  }

  #addParts(d: DocState, dirty: Set<string>): void {
    const id = d.doc.id;
    d.typed.forEach((m, i) => {
      const key = d.clusterKeys[i]!;
      let agg = this.#aggs.get(key);
      if (!agg) {
        agg = { key, parts: new Map(), forms: new Map(), first: undefined };
        this.#aggs.set(key, agg);
      }
      let part = agg.parts.get(id);
      if (!part) {
        part = { type: m.type, start: m.start, forms: new Map(), mentions: [] };
        agg.parts.set(id, part);
      }
      count(part.forms, m.text, 1);
      count(agg.forms, m.text, 1);
      part.mentions.push({ document: id, start: m.start, end: m.end, text: m.text });
      agg.first = undefined;
      dirty.add(key);
    });
  }

  #removeParts(d: DocState, dirty: Set<string>): void {
    const id = d.doc.id;
    for (const key of new Set(d.clusterKeys)) {
      const agg = this.#aggs.get(key)!;
      const part = agg.parts.get(id)!;
      agg.parts.delete(id);
      for (const [form, n] of part.forms) count(agg.forms, form, -n);
      if (agg.parts.size === 0) this.#aggs.delete(key);
      agg.first = undefined;
      dirty.add(key);
    }
  }

  /** Clusters by typed key, merged into one per referent; then the entities, reusing unchanged ones. */
  #entities(manifestEntities: readonly ManifestEntity[], rank: ReadonlyMap<string, number>, dirty: ReadonlySet<string>, touched: Set<string>): Entity[] {
    // keys in order of their first mention in the corpus (the order the clusters are considered in)
    const firstOf = (agg: KeyAgg): string => {
      if (agg.first === undefined) {
        let best: string | undefined;
        for (const id of agg.parts.keys()) if (best === undefined || rank.get(id)! < rank.get(best)!) best = id;
        agg.first = best!;
      }
      return agg.first;
    };
    const order = [...this.#aggs.values()];
    const at = new Map(order.map((agg) => [agg, rank.get(firstOf(agg))!]));
    order.sort((a, b) => at.get(a)! - at.get(b)! || a.parts.get(a.first!)!.start - b.parts.get(b.first!)!.start);

    const clusters = new Map<string, Cluster>();
    for (const agg of order) clusters.set(agg.key, { type: agg.parts.get(agg.first!)!.type, keys: new Set([agg.key]), forms: agg.forms, ownForms: false, aggs: [agg], never: new Set() });
    const clusterOf = (key: string, type: EntityType): Cluster => {
      let c = clusters.get(key);
      if (!c) {
        c = { type, keys: new Set([key]), forms: new Map(), ownForms: true, aggs: [], never: new Set() };
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
    const blocked = (a: Cluster, b: Cluster): boolean =>
      (b.never.size > 0 && [...a.forms.keys()].some((f) => b.never.has(nameKey(f)))) || (a.never.size > 0 && [...b.forms.keys()].some((f) => a.never.has(nameKey(f))));
    const merge = (a: Cluster, b: Cluster): Cluster => {
      if (a === b || blocked(a, b)) return a;
      for (const k of b.keys) {
        a.keys.add(k);
        clusters.set(k, a);
      }
      const forms = own(a);
      for (const [f, n] of b.forms) forms.set(f, (forms.get(f) ?? 0) + n);
      a.aggs.push(...b.aggs);
      for (const n of b.never) a.never.add(n);
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
      for (const n of m.never) c.never.add(nameKey(n));
      for (const alias of m.aliases) c = merge(c, clusterOf(clusterKey(type, alias), type));
    }

    // a one-word person name joins the one full name it can belong to (surname or given name)
    const fullByPart = new Map<string, Cluster[]>();
    for (const c of new Set(clusters.values())) {
      if (c.type !== 'person') continue;
      for (const form of c.forms.keys()) {
        const parts = form.split(/\s+/);
        if (parts.length < 2 || hasCyrillic(form)) continue; // glosses join their Latin name below
        for (const part of [personKey(parts[parts.length - 1]!), `given:${personKey(parts[0]!).replace(/\/[fm]$/, '')}`]) {
          const list = fullByPart.get(part) ?? [];
          if (!list.includes(c)) list.push(c);
          fullByPart.set(part, list);
        }
      }
    }
    const current = (c: Cluster): Cluster => clusters.get([...c.keys][0]!)!;
    for (const c of new Set(clusters.values())) {
      if (c.type !== 'person' || c.manifest || [...c.forms.keys()].some((f) => /\s/.test(f))) continue;
      const word = [...c.forms.keys()][0]!;
      const surnameOf = [...new Set((fullByPart.get(personKey(word)) ?? []).map(current))];
      const givenOf = [...new Set((fullByPart.get(`given:${personKey(word).replace(/\/[fm]$/, '')}`) ?? []).map(current))];
      const candidates = surnameOf.length > 0 ? surnameOf : givenOf;
      const docs = c.aggs.flatMap((agg) => [...agg.parts.keys()]);
      const local = candidates.filter((f) => docs.some((d) => inDoc(f, d)));
      const pick = local.length === 1 ? local[0] : local.length === 0 && candidates.length === 1 ? candidates[0] : undefined;
      if (pick) merge(pick, c);
    }

    // a Cyrillic spelling joins the Latin name it transliterates (of any type)
    for (const c of new Set(clusters.values())) {
      const key = [...c.keys].find((k) => k.startsWith('script:'));
      if (!key || c.keys.size > 1) continue;
      const latin = clusters.get(`person:${key.slice('script:'.length)}`);
      if (latin) merge(latin, c);
    }

    // entities, in order of first mention (then corpus.yaml's unmentioned ones), reusing unchanged ones
    const listed = new Set<Cluster>();
    for (const agg of order) listed.add(clusters.get(agg.key)!);
    for (const c of new Set(clusters.values())) if (c.manifest) listed.add(c);
    const usedIds = new Set<string>();
    const previous = this.#previous;
    this.#previous = new Map();
    this.#entityOfKey = new Map();
    const out: Entity[] = [];
    for (const c of listed) {
      const name = c.manifest?.name ?? canonicalName(c.forms);
      let id = slug(name);
      for (let n = 2; usedIds.has(id); n++) id = `${slug(name)}-${n}`;
      usedIds.add(id);
      const type = c.keys.size === 1 && [...c.keys][0]!.startsWith('script:') ? 'other' : c.type;
      const signature = [...c.keys].sort().join('\u0000');
      const before = previous.get(signature);
      let entity: Entity;
      if (before && before.id === id && before.name === name && before.type === type && ![...c.keys].some((k) => dirty.has(k))) {
        entity = before;
      } else {
        const mentions = this.#mentions(c, rank);
        const aliases = [...new Set([...(c.manifest?.aliases ?? []), ...c.forms.keys()])].filter((a) => a !== name).sort();
        const described = c.type === 'person' || c.type === 'organization';
        const found = c.manifest?.description ? { text: c.manifest.description, source: 'corpus.yaml' } : described ? findDescription(mentions, (doc) => this.#docs.get(doc)!.doc.text) : undefined;
        entity = { id, type, name, aliases, description: found?.text ?? null, descriptionSource: found?.source ?? null, mentions };
        for (const m of mentions) touched.add(m.document);
        if (before) for (const m of before.mentions) touched.add(m.document);
      }
      this.#previous.set(signature, entity);
      for (const k of c.keys) this.#entityOfKey.set(k, entity);
      out.push(entity);
    }
    return out.sort((a, b) => b.mentions.length - a.mentions.length || collator.compare(a.name, b.name));
  }

  /** A cluster's mentions: documents in corpus order, each document's in text order. */
  #mentions(c: Cluster, rank: ReadonlyMap<string, number>): EntityMention[] {
    const parts: { at: number; part: KeyPart }[] = [];
    for (const agg of c.aggs) for (const [id, part] of agg.parts) parts.push({ at: rank.get(id)!, part });
    parts.sort((a, b) => a.at - b.at || a.part.start - b.part.start);
    const out: EntityMention[] = [];
    for (let i = 0; i < parts.length; ) {
      let j = i + 1;
      while (j < parts.length && parts[j]!.at === parts[i]!.at) j++;
      if (j === i + 1) out.push(...parts[i]!.part.mentions);
      else out.push(...parts.slice(i, j).flatMap((p) => p.part.mentions).sort((a, b) => a.start - b.start));
      i = j;
    }
    return out;
  }
}

function sameMentions(a: readonly Mention[], b: readonly Mention[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.start !== y.start || x.end !== y.end || x.type !== y.type || x.via !== y.via || x.text !== y.text) return false;
  }
  return true;
}

/** The entities of a corpus, resolved from scratch (see `EntityResolver` for repeated resolution). */
export function resolveEntities(inputs: readonly EntityInput[], manifestEntities: readonly ManifestEntity[]): Entity[] {
  return new EntityResolver().resolve(inputs, manifestEntities);
}

/** Adds the occurrences of known names (`found`, longest first) where nothing else was found. */
function addKnownNames(mentions: readonly Mention[], found: readonly (Span & { readonly text: string })[]): Mention[] {
  if (found.length === 0) return [...mentions];
  const types = new Map(mentions.map((m) => [nameKey(m.text), m.type]));
  const extra = found.map((f): Mention => ({ start: f.start, end: f.end, text: f.text, type: types.get(nameKey(f.text)) ?? 'other', via: 'known-name' }));
  return resolveOverlaps([...mentions, ...extra]);
}

/** Capitalised Cyrillic words (one to three), e.g. a gloss "(Владимир Блинов)". */
function cyrillicMentions(doc: CorpusDocument, taken: readonly Mention[]): Mention[] {
  const out: Mention[] = [];
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
  pool.sort((a, b) => b.words - a.words || b.count - a.count || a.form.localeCompare(b.form));
  return pool[0]!.form;
}

/** An apposition after a mention: "Keith Kellogg, Trump's special envoy for Ukraine, ...". */
const ROLE_WORDS = new Set(['secretary', 'president', 'minister', 'envoy', 'leader', 'spokesman', 'spokeswoman', 'spokesperson', 'director', 'ambassador', 'representative', 'consultant', 'analyst', 'editor', 'correspondent', 'commander', 'chairman', 'chairwoman', 'adviser', 'advisor', 'founder', 'official', 'diplomat', 'governor', 'mayor', 'chancellor', 'general', 'negotiator', 'researcher', 'professor', 'economist', 'lawyer', 'journalist', 'activist', 'candidate']);

/** The word just before trailing whitespace ('' when there is no whitespace at the end). */
function lastWord(text: string): string {
  const trimmed = text.trimEnd();
  if (trimmed.length === text.length) return '';
  let i = trimmed.length;
  while (i > 0 && /\p{L}/u.test(trimmed[i - 1]!)) i--;
  return trimmed.slice(i);
}

// up to three lower-case words and a role word, just before the name: "presidential press secretary"
const ROLE_BEFORE_NAME = new RegExp(`((?:[\\p{Ll}][\\p{Ll}-]+\\s+){0,3}(?:${[...ROLE_WORDS].join('|')}))\\s+$`, 'u');

function findDescription(mentions: readonly EntityMention[], textOf: (document: string) => string): { text: string; source: string } | undefined {
  for (const m of mentions) {
    const after = textOf(m.document).slice(m.end, m.end + 160);
    const a = /^,\s+((?:a|an|the|\p{Lu}[\p{L}.]*['\u2019]s)\s[^,;.()\n\u201c\u201d"\u2013\u2014]{3,120}?)(?=[;.)]|\s*[\u2013\u2014]|,(?!\s+and\b)|\s+(?:said|says|stated|told|has|had|was|is)\b)/u.exec(after);
    if (a) return { text: a[1]!.trim(), source: m.document };
  }
  // a role before the name: "presidential press secretary Natalia Esmont"
  for (const m of mentions) {
    const before = textOf(m.document).slice(Math.max(0, m.start - 80), m.start);
    // the full pattern only where the word before the name is a role (it is slow to try everywhere)
    if (!ROLE_WORDS.has(lastWord(before))) continue;
    const r = ROLE_BEFORE_NAME.exec(before);
    if (r) return { text: r[1]!.trim(), source: m.document };
  }
  return undefined;
}
