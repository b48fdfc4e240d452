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
import { contentKey } from '../text/content-key';
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

interface Cluster {
  readonly type: EntityType;
  readonly keys: Set<string>;
  readonly forms: Map<string, number>;
  readonly docs: Set<string>;
  manifest?: ManifestEntity;
  readonly never: Set<string>;
}

const rereadMemo = new WeakMap<readonly Mention[], { readonly forms: string; readonly text: string; readonly reread: Mention[] }>();

const TYPE_ORDER: EntityType[] = ['person', 'organization', 'place', 'other'];

/** The key under which a name of a given type is grouped. */
function clusterKey(type: EntityType, name: string): string {
  if (type === 'person') return `person:${personKey(name)}`;
  return `${type}:${nameKey(hasCyrillic(name) ? transliterate(name) : name)}`;
}

export function resolveEntities(inputs: readonly EntityInput[], manifestEntities: readonly ManifestEntity[]): Entity[] {
  // 1. Which types each name has: per document (tagger votes) and corpus-wide.
  const manifestType = new Map<string, EntityType>();
  for (const m of manifestEntities) if (m.type) for (const form of [m.name, ...m.aliases]) manifestType.set(nameKey(form), m.type);
  const corpusVotes = new Map<string, Record<EntityType, number>>();
  const vote = (table: Map<string, Record<EntityType, number>>, key: string, type: EntityType): void => {
    const v = table.get(key) ?? { person: 0, place: 0, organization: 0, other: 0 };
    v[type]++;
    table.set(key, v);
  };
  const winner = (v: Record<EntityType, number> | undefined): EntityType | undefined =>
    v ? TYPE_ORDER.reduce((best, t) => (v[t] > v[best] ? t : best), TYPE_ORDER[0]!) : undefined;
  for (const { mentions } of inputs) for (const m of mentions) vote(corpusVotes, nameKey(m.text), m.type);
  // the article's own evidence first; the rest of the corpus breaks ties and outvotes a lone guess
  const combine = (local: Record<EntityType, number> | undefined, corpus: Record<EntityType, number> | undefined): Record<EntityType, number> | undefined => {
    if (!local || !corpus) return local ?? corpus;
    const out = { ...local };
    for (const t of TYPE_ORDER) out[t] += 0.5 * (corpus[t] - local[t]);
    return out;
  };

  // 2. Re-read known names: this article's own, multi-word names from anywhere, corpus.yaml's.
  const corpusForms = new Set<string>();
  for (const { mentions } of inputs) for (const m of mentions) if (/\s/.test(m.text)) corpusForms.add(m.text);
  for (const m of manifestEntities) for (const form of [m.name, ...m.aliases]) corpusForms.add(form);
  // An article's re-reading depends on its own mentions and the corpus's names only: after an
  // edit that adds or removes no multi-word name, every other article's is remembered.
  const formsKey = contentKey([...corpusForms].sort().join('\n'));
  let corpusTable: NameTable | undefined;
  const all = inputs.map(({ doc, mentions }) => {
    const remembered = rereadMemo.get(mentions);
    let reread: Mention[];
    if (remembered?.forms === formsKey && remembered.text === doc.text) {
      reread = remembered.reread;
    } else {
      const local = new Set(mentions.map((m) => m.text));
      for (const m of mentions) if (m.type === 'person' && /\s/.test(m.text)) local.add(m.text.split(/\s+/).pop()!);
      corpusTable ??= new NameTable(corpusForms);
      reread = addKnownNames(doc, mentions, [new NameTable(local), corpusTable]);
      rereadMemo.set(mentions, { forms: formsKey, text: doc.text, reread });
    }
    const docVotes = new Map<string, Record<EntityType, number>>();
    for (const m of mentions) vote(docVotes, nameKey(m.text), m.type);
    // the surname of a person named in full in this article is that person's here
    const surnames = new Set(mentions.filter((m) => m.type === 'person' && /\s/.test(m.text)).map((m) => nameKey(m.text.split(/\s+/).pop()!)));
    const typed = reread.map((m): Mention => {
      if (hasCyrillic(m.text)) return { ...m, via: 'script' };
      const key = nameKey(m.text);
      const type = manifestType.get(key) ?? (surnames.has(key) ? 'person' : undefined) ?? winner(combine(docVotes.get(key), corpusVotes.get(key))) ?? m.type;
      return { ...m, type };
    });
    return { doc, mentions: [...typed, ...cyrillicMentions(doc, typed)].sort((a, b) => a.start - b.start) };
  });

  // 3. Clusters by typed key; merging keeps one cluster per referent.
  const clusters = new Map<string, Cluster>();
  const clusterOf = (key: string, type: EntityType): Cluster => {
    let c = clusters.get(key);
    if (!c) {
      c = { type, keys: new Set([key]), forms: new Map(), docs: new Set(), never: new Set() };
      clusters.set(key, c);
    }
    return c;
  };
  const blocked = (a: Cluster, b: Cluster): boolean =>
    [...a.forms.keys()].some((f) => b.never.has(nameKey(f))) || [...b.forms.keys()].some((f) => a.never.has(nameKey(f)));
  const merge = (a: Cluster, b: Cluster): Cluster => {
    if (a === b || blocked(a, b)) return a;
    for (const k of b.keys) {
      a.keys.add(k);
      clusters.set(k, a);
    }
    for (const [f, n] of b.forms) a.forms.set(f, (a.forms.get(f) ?? 0) + n);
    for (const d of b.docs) a.docs.add(d);
    for (const n of b.never) a.never.add(n);
    a.manifest ??= b.manifest;
    return a;
  };
  // a name that corpus.yaml keeps apart from an entity gets a cluster of its own, even when spelling keys meet
  const neverNames = new Set(manifestEntities.flatMap((m) => m.never.map(nameKey)));
  const keyOf = (m: Mention): string =>
    neverNames.has(nameKey(m.text)) ? `${m.type}:exact:${nameKey(m.text)}`
    : m.via === 'script' ? `script:${personKey(transliterate(m.text))}` : clusterKey(m.type, m.text);
  for (const { doc, mentions } of all) {
    for (const m of mentions) {
      const c = clusterOf(keyOf(m), m.type);
      c.forms.set(m.text, (c.forms.get(m.text) ?? 0) + 1);
      c.docs.add(doc.id);
    }
  }
  for (const m of manifestEntities) {
    const type = m.type ?? winner(corpusVotes.get(nameKey(m.name))) ?? 'other';
    let c = clusterOf(clusterKey(type, m.name), type);
    c.manifest = m;
    c.forms.set(m.name, c.forms.get(m.name) ?? 0);
    for (const n of m.never) c.never.add(nameKey(n));
    for (const alias of m.aliases) c = merge(c, clusterOf(clusterKey(type, alias), type));
  }

  // 4. A one-word person name joins the one full name it can belong to (surname or given name).
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
    const local = candidates.filter((f) => [...c.docs].some((d) => f.docs.has(d)));
    const pick = local.length === 1 ? local[0] : local.length === 0 && candidates.length === 1 ? candidates[0] : undefined;
    if (pick) merge(pick, c);
  }

  // 5. A Cyrillic spelling joins the Latin name it transliterates (of any type).
  for (const c of new Set(clusters.values())) {
    const key = [...c.keys].find((k) => k.startsWith('script:'));
    if (!key || c.keys.size > 1) continue;
    const latin = clusters.get(`person:${key.slice('script:'.length)}`);
    if (latin) merge(latin, c);
  }

  // 6. Entities with their mentions, canonical names and descriptions.
  const members = new Map<Cluster, EntityMention[]>();
  for (const { doc, mentions } of all) {
    for (const m of mentions) {
      const c = clusters.get(keyOf(m))!;
      const list = members.get(c) ?? [];
      list.push({ document: doc.id, start: m.start, end: m.end, text: m.text });
      members.set(c, list);
    }
  }
  for (const c of new Set(clusters.values())) if (c.manifest && !members.has(c)) members.set(c, []);
  const texts = new Map(inputs.map(({ doc }) => [doc.id, doc.text]));
  const usedIds = new Set<string>();
  const out: Entity[] = [];
  for (const [c, mentions] of members) {
    const name = c.manifest?.name ?? canonicalName(c.forms);
    const aliases = [...new Set([...(c.manifest?.aliases ?? []), ...c.forms.keys()])].filter((a) => a !== name).sort();
    let id = slug(name);
    for (let n = 2; usedIds.has(id); n++) id = `${slug(name)}-${n}`;
    usedIds.add(id);
    const described = c.type === 'person' || c.type === 'organization';
    const found = c.manifest?.description ? { text: c.manifest.description, source: 'corpus.yaml' } : described ? findDescription(mentions, texts) : undefined;
    const type = c.keys.size === 1 && [...c.keys][0]!.startsWith('script:') ? 'other' : c.type;
    out.push({ id, type, name, aliases, description: found?.text ?? null, descriptionSource: found?.source ?? null, mentions });
  }
  return out.sort((a, b) => b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
}

/** Finds further occurrences of known names (longest first), where nothing else was found. */
function addKnownNames(doc: CorpusDocument, mentions: readonly Mention[], tables: readonly NameTable[]): Mention[] {
  const found = findKnownNames(doc.text, tables);
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

function findDescription(mentions: readonly EntityMention[], texts: Map<string, string>): { text: string; source: string } | undefined {
  for (const m of mentions) {
    const after = texts.get(m.document)!.slice(m.end, m.end + 160);
    const a = /^,\s+((?:a|an|the|\p{Lu}[\p{L}.]*['\u2019]s)\s[^,;.()\n\u201c\u201d"\u2013\u2014]{3,120}?)(?=[;.)]|\s*[\u2013\u2014]|,(?!\s+and\b)|\s+(?:said|says|stated|told|has|had|was|is)\b)/u.exec(after);
    if (a) return { text: a[1]!.trim(), source: m.document };
  }
  // a role before the name: "presidential press secretary Natalia Esmont"
  for (const m of mentions) {
    const before = texts.get(m.document)!.slice(Math.max(0, m.start - 80), m.start);
    // the full pattern only where the word before the name is a role (it is slow to try everywhere)
    if (!ROLE_WORDS.has(lastWord(before))) continue;
    const r = ROLE_BEFORE_NAME.exec(before);
    if (r) return { text: r[1]!.trim(), source: m.document };
  }
  return undefined;
}
