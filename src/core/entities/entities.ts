/**
 * Entities: mentions grouped into one entity per real-world referent across the corpus.
 * First version: exact name keys, surnames and first names joining an unambiguous full name,
 * corpus-wide re-reading of known names, and corpus.yaml entries overriding what was found.
 */
import type { CorpusDocument, Span } from '../text/document';
import type { EntityType, ManifestEntity } from '../manifest/manifest';
import { resolveOverlaps, type Mention } from './mentions';
import { escapeRegExp, givenNameSkeleton, nameKey, slug, tokens } from './names';
import { PLACE_ACRONYMS } from './mentions';

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

interface Cluster {
  keys: Set<string>;
  forms: Map<string, number>;
  votes: Record<EntityType, number>;
  manifest?: ManifestEntity;
  never: Set<string>;
}

const TYPE_ORDER: EntityType[] = ['person', 'organization', 'place', 'other'];

export function resolveEntities(inputs: readonly EntityInput[], manifestEntities: readonly ManifestEntity[]): Entity[] {
  // 1. Names known anywhere (found by NER or declared) are re-read in every document.
  const known = new Map<string, { form: string; type: EntityType }>();
  for (const m of manifestEntities) {
    for (const form of [m.name, ...m.aliases]) known.set(nameKey(form), { form, type: m.type ?? 'other' });
  }
  for (const { mentions } of inputs) {
    for (const m of mentions) {
      if (m.via === 'acronym') continue;
      const k = nameKey(m.text);
      if (!known.has(k)) known.set(k, { form: m.text, type: m.type });
      const t = tokens(m.text);
      if (m.type === 'person' && t.length >= 2) {
        const surname = m.text.split(/\s+/).pop()!;
        const sk = nameKey(surname);
        if (sk.length > 2 && !known.has(sk)) known.set(sk, { form: surname, type: 'person' });
      }
    }
  }
  const all = inputs.map(({ doc, mentions }) => ({ doc, mentions: addKnownNames(doc, mentions, known) }));

  // 2. Surface forms grouped by key, with type votes.
  const clusters = new Map<string, Cluster>();
  const clusterOf = (key: string): Cluster => {
    let c = clusters.get(key);
    if (!c) {
      c = { keys: new Set([key]), forms: new Map(), votes: { person: 0, place: 0, organization: 0, other: 0 }, never: new Set() };
      clusters.set(key, c);
    }
    return c;
  };
  for (const { mentions } of all) {
    for (const m of mentions) {
      const c = clusterOf(nameKey(m.text));
      c.forms.set(m.text, (c.forms.get(m.text) ?? 0) + 1);
      c.votes[m.type] += m.via === 'known-name' ? 0.25 : m.via === 'acronym' && PLACE_ACRONYMS.has(m.text) ? 3 : 1;
    }
  }
  const merge = (a: Cluster, b: Cluster): Cluster => {
    if (a === b) return a;
    for (const k of b.keys) {
      a.keys.add(k);
      clusters.set(k, a);
    }
    for (const [f, n] of b.forms) a.forms.set(f, (a.forms.get(f) ?? 0) + n);
    for (const t of TYPE_ORDER) a.votes[t] += b.votes[t];
    for (const n of b.never) a.never.add(n);
    a.manifest ??= b.manifest;
    return a;
  };
  const blocked = (a: Cluster, b: Cluster): boolean => [...a.keys].some((k) => b.never.has(k)) || [...b.keys].some((k) => a.never.has(k));

  // 3. corpus.yaml entries hold their names and aliases together.
  for (const m of manifestEntities) {
    let c = clusterOf(nameKey(m.name));
    c.manifest = m;
    for (const n of m.never) c.never.add(nameKey(n));
    for (const alias of m.aliases) c = merge(c, clusterOf(nameKey(alias)));
    if (m.type) c.votes[m.type] += 1000;
  }

  // 4. Two-word person names with one surname and transliterations of one given name are one person.
  const typeOfEarly = (c: Cluster): EntityType => TYPE_ORDER.reduce((best, t) => (c.votes[t] > c.votes[best] ? t : best), TYPE_ORDER[0]!);
  const bySurname = new Map<string, Cluster[]>();
  for (const c of new Set(clusters.values())) {
    if (typeOfEarly(c) !== 'person') continue;
    for (const k of c.keys) {
      const parts = k.split(' ');
      if (parts.length !== 2) continue;
      const key = `${givenNameSkeleton(parts[0]!)} ${parts[1]}`;
      const list = bySurname.get(key) ?? [];
      list.push(c);
      bySurname.set(key, list);
    }
  }
  for (const list of bySurname.values()) {
    let into = clusters.get([...list[0]!.keys][0]!)!;
    for (const c of list.slice(1)) {
      const other = clusters.get([...c.keys][0]!)!;
      if (!blocked(into, other)) into = merge(into, other);
    }
  }

  // 5. A one-word person name joins the one full name it can belong to: in the same document if possible.
  const typeOf = (c: Cluster): EntityType => TYPE_ORDER.reduce((best, t) => (c.votes[t] > c.votes[best] ? t : best), TYPE_ORDER[0]!);
  const fullNames = [...new Set(clusters.values())].filter((c) => typeOf(c) === 'person' && [...c.keys].some((k) => k.split(' ').length >= 2));
  const byPart = new Map<string, Cluster[]>();
  for (const c of fullNames) {
    for (const k of c.keys) {
      const parts = k.split(' ');
      if (parts.length < 2) continue;
      for (const part of new Set([parts[0]!, parts[parts.length - 1]!])) {
        const list = byPart.get(part) ?? [];
        if (!list.includes(c)) list.push(c);
        byPart.set(part, list);
      }
    }
  }
  const docsOf = new Map<Cluster, Set<string>>();
  for (const { doc, mentions } of all) {
    for (const m of mentions) {
      const c = clusters.get(nameKey(m.text))!;
      const s = docsOf.get(c) ?? new Set();
      s.add(doc.id);
      docsOf.set(c, s);
    }
  }
  for (const { doc, mentions } of all) {
    for (const m of mentions) {
      const key = nameKey(m.text);
      if (key.includes(' ')) continue;
      const single = clusters.get(key)!;
      if (single.keys.size > 1 || single.manifest) continue;
      if (single.votes.person === 0) continue;
      const candidates = (byPart.get(key) ?? []).map((c) => clusters.get([...c.keys][0]!)!).filter((c, i, a) => a.indexOf(c) === i && !blocked(c, single));
      const local = candidates.filter((c) => docsOf.get(c)?.has(doc.id));
      const pick = local.length === 1 ? local[0] : local.length === 0 && candidates.length === 1 ? candidates[0] : undefined;
      if (pick) merge(pick, single);
    }
  }

  // 6. Entities with their mentions, canonical names and descriptions.
  const entities = new Map<Cluster, { mentions: EntityMention[] }>();
  for (const { doc, mentions } of all) {
    for (const m of mentions) {
      const c = clusters.get(nameKey(m.text))!;
      const e = entities.get(c) ?? { mentions: [] };
      e.mentions.push({ document: doc.id, start: m.start, end: m.end, text: m.text });
      entities.set(c, e);
    }
  }
  for (const m of manifestEntities) {
    const c = clusters.get(nameKey(m.name))!;
    if (!entities.has(c)) entities.set(c, { mentions: [] });
  }
  const texts = new Map(inputs.map(({ doc }) => [doc.id, doc.text]));
  const usedIds = new Set<string>();
  const out: Entity[] = [];
  for (const [c, { mentions }] of entities) {
    const name = c.manifest?.name ?? canonicalName(c.forms);
    const aliases = [...new Set([...(c.manifest?.aliases ?? []), ...c.forms.keys()])].filter((a) => a !== name).sort();
    let id = slug(name);
    for (let n = 2; usedIds.has(id); n++) id = `${slug(name)}-${n}`;
    usedIds.add(id);
    const found = c.manifest?.description ? { text: c.manifest.description, source: 'corpus.yaml' } : findDescription(mentions, texts);
    out.push({ id, type: c.manifest?.type ?? typeOf(c), name, aliases, description: found?.text ?? null, descriptionSource: found?.source ?? null, mentions });
  }
  return out.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
}

/** Finds further occurrences of names known from elsewhere in the corpus. */
function addKnownNames(doc: CorpusDocument, mentions: readonly Mention[], known: Map<string, { form: string; type: EntityType }>): Mention[] {
  if (known.size === 0) return [...mentions];
  const forms = [...new Set([...known.values()].map((v) => v.form))].sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${forms.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const extra: Mention[] = [];
  for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
    const text = m[0];
    if (!/^\p{Lu}/u.test(text)) continue; // "bush" is not Bush
    const k = known.get(nameKey(text));
    if (k) extra.push({ start: m.index, end: m.index + text.length, text, type: k.type, via: 'known-name' });
  }
  return resolveOverlaps([...mentions, ...extra]);
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
function findDescription(mentions: readonly EntityMention[], texts: Map<string, string>): { text: string; source: string } | undefined {
  for (const m of mentions) {
    const after = texts.get(m.document)!.slice(m.end, m.end + 160);
    const a = /^,\s+((?:a|an|the|\p{Lu}[\p{L}.]*['\u2019]s)\s[^,;.()\n\u201c\u201d"]{3,120}?)(?=[,;.)]|\s+(?:said|says|stated|told|has|had|was|is)\b)/u.exec(after);
    if (a) return { text: a[1]!.trim(), source: m.document };
  }
  return undefined;
}
