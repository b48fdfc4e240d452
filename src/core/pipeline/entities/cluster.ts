/**
 * Clustering: the cluster keys of a corpus merged into one cluster per referent. corpus.yaml holds
 * a declared name and its aliases together and keeps its `never` names apart; a one-word person
 * name joins the one full name it can belong to; a Cyrillic spelling joins the Latin name it
 * transliterates.
 */
import type { EntityType, ManifestEntity } from '../manifest/manifest';
import { hasCyrillic, nameKey, personKey } from './names';
import { declaredKey, keptApart, winner, type Votes } from './typing';

/** Everything the corpus holds under one cluster key, as clustering looks at it. */
export interface NameGroup {
  readonly key: string;
  /** Each article's mentions under the key, by article id, with the type of the first. */
  readonly parts: ReadonlyMap<string, { readonly type: EntityType }>;
  /** Its forms (the mentions' texts) with their counts. */
  readonly forms: ReadonlyMap<string, number>;
  /** The article of its first mention in corpus order. */
  readonly first: string | undefined;
}

/** A cluster as entities are made from it. */
export interface Cluster<G extends NameGroup = NameGroup> {
  /** Its cluster keys, sorted. */
  readonly keys: readonly string[];
  /** The type the clustering gave it, and the entity's (a lone spelling in another script is 'other'). */
  readonly clusterType: EntityType;
  readonly type: EntityType;
  readonly groups: readonly G[];
  readonly manifest: ManifestEntity | undefined;
  /** Forms no mention has (corpus.yaml names), counted 0. */
  readonly zeroForms: readonly string[];
}

/** The clusters, and the full names one-word names can join. */
export interface Clustering<G extends NameGroup> {
  /** In order of their first key's first mention, then corpus.yaml's that no article names. */
  readonly clusters: Cluster<G>[];
  /**
   * The person clusters with a full name of each surname key, and of each given-name key (as
   * `given:<key>`): the one-word names' candidates.
   */
  readonly fullByPart: Map<string, Cluster<G>[]>;
}

/** A full name's keys by which a one-word name can join it. */
export interface NameParts {
  readonly surname: string;
  readonly given: string;
}

/** A full name's surname key and given-name key (null for one word, or another script: glosses join their Latin name apart). */
export function nameParts(form: string): NameParts | null {
  const words = form.split(/\s+/);
  return words.length < 2 || hasCyrillic(form)
    ? null
    : { surname: personKey(words[words.length - 1]!), given: givenKey(words[0]!) };
}

/** The key a word has as a given name: its person key without the mark of gender. */
export function givenKey(word: string): string {
  return ungendered(personKey(word));
}

/** A one-word person key without the mark of gender (the given-name key of a word with that key). */
export function ungendered(key: string): string {
  return key.replace(/\/[fm]$/, '');
}

/** Whether a key of `map` passes `test` (without making a list of the keys). */
export function someKey<K>(map: ReadonlyMap<K, unknown>, test: (key: K) => boolean): boolean {
  for (const k of map.keys()) if (test(k)) return true;
  return false;
}

/** Whether some form is of several words (a full name, as the clustering tells one-word names from full names). */
export function hasFullForm(forms: ReadonlyMap<string, unknown>): boolean {
  return someKey(forms, (f) => /\s/.test(f));
}

const NO_FORMS: readonly string[] = [];

/** A cluster while keys are merged into it. */
interface Merging<G extends NameGroup> {
  readonly type: EntityType;
  /** Its keys (each key is in one cluster only), the first the one it was made for. */
  readonly keys: string[];
  /** Its one group's forms until a merge adds to them (then `ownForms`). */
  forms: ReadonlyMap<string, number>;
  ownForms: Map<string, number> | undefined;
  readonly groups: G[];
  manifest?: ManifestEntity;
  /** Name keys corpus.yaml keeps out of it (made when the first comes: most clusters have none). */
  never?: Set<string>;
}

/**
 * The clusters of `order` (every group, in order of first mention) and of corpus.yaml's entities.
 * `parts` gives a full name's parts (a caller that clusters again and again may remember them).
 */
export function clusterNames<G extends NameGroup>(
  order: readonly G[],
  manifestEntities: readonly ManifestEntity[],
  votes: ReadonlyMap<string, Votes>,
  parts: (form: string) => NameParts | null = nameParts,
): Clustering<G> {
  const clusters = new Map<string, Merging<G>>();
  for (const group of order)
    clusters.set(group.key, {
      type: group.parts.get(group.first!)!.type,
      keys: [group.key],
      forms: group.forms,
      ownForms: undefined,
      groups: [group],
    });
  const clusterOf = (key: string, type: EntityType): Merging<G> => {
    let c = clusters.get(key);
    if (!c) {
      const forms = new Map<string, number>();
      c = { type, keys: [key], forms, ownForms: forms, groups: [] };
      clusters.set(key, c);
    }
    return c;
  };
  const own = (c: Merging<G>): Map<string, number> => {
    if (!c.ownForms) c.forms = c.ownForms = new Map(c.forms);
    return c.ownForms;
  };
  const keeps = (c: Merging<G>, forms: ReadonlyMap<string, number>): boolean =>
    c.never !== undefined && [...forms.keys()].some((f) => c.never!.has(nameKey(f)));
  const blocked = (a: Merging<G>, b: Merging<G>): boolean => keeps(b, a.forms) || keeps(a, b.forms);
  const merge = (a: Merging<G>, b: Merging<G>): Merging<G> => {
    if (a === b || blocked(a, b)) return a;
    for (const k of b.keys) {
      a.keys.push(k);
      clusters.set(k, a);
    }
    const forms = own(a);
    for (const [f, n] of b.forms) forms.set(f, (forms.get(f) ?? 0) + n);
    a.groups.push(...b.groups);
    if (b.never) for (const n of b.never) (a.never ??= new Set()).add(n);
    a.manifest ??= b.manifest;
    return a;
  };
  const inDoc = (c: Merging<G>, id: string): boolean => c.groups.some((group) => group.parts.has(id));
  const kept = keptApart(manifestEntities);
  for (const m of manifestEntities) {
    const type = m.type ?? winner(votes.get(nameKey(m.name))) ?? 'other';
    let c = clusterOf(declaredKey(type, m.name, kept), type);
    c.manifest = m;
    const forms = own(c);
    forms.set(m.name, forms.get(m.name) ?? 0);
    for (const n of m.never) (c.never ??= new Set()).add(nameKey(n));
    for (const alias of m.aliases) c = merge(c, clusterOf(declaredKey(type, alias, kept), type));
  }

  // a one-word person name joins the one full name it can belong to (surname or given name)
  const fullByPart = new Map<string, Merging<G>[]>();
  for (const c of new Set(clusters.values())) {
    if (c.type !== 'person') continue;
    for (const form of c.forms.keys()) {
      const p = parts(form);
      if (!p) continue;
      for (const part of [p.surname, `given:${p.given}`]) {
        const list = fullByPart.get(part) ?? [];
        if (!list.includes(c)) list.push(c);
        fullByPart.set(part, list);
      }
    }
  }
  const current = (c: Merging<G>): Merging<G> => clusters.get(c.keys[0]!)!;
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
      const docs = c.groups.flatMap((group) => [...group.parts.keys()]);
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

  const listed = new Set<Merging<G>>();
  for (const group of order) listed.add(clusters.get(group.key)!);
  for (const c of new Set(clusters.values())) if (c.manifest) listed.add(c);
  const made = new Map<Merging<G>, Cluster<G>>();
  for (const c of listed) {
    const keys = c.keys.length === 1 ? c.keys : [...c.keys].sort();
    made.set(c, {
      keys,
      clusterType: c.type,
      type: keys.length === 1 && keys[0]!.startsWith('script:') ? 'other' : c.type,
      groups: c.groups,
      manifest: c.manifest,
      // forms still shared with its one group are all that group's
      zeroForms: c.ownForms
        ? [...c.forms.keys()].filter((f) => !c.groups.some((group) => group.forms.has(f)))
        : NO_FORMS,
    });
  }
  return {
    clusters: [...made.values()],
    fullByPart: new Map(
      [...fullByPart].map(([part, list]) => [
        part,
        [...new Set(list.flatMap((c) => made.get(current(c)) ?? []))],
      ]),
    ),
  };
}
