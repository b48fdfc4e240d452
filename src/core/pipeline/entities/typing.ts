/**
 * Typing: each article's names read again for names the corpus knows, then typed by corpus.yaml,
 * a surname named in full in the article, or the tagger's votes (the article's first, then the
 * corpus's), and given the cluster key under which names are grouped.
 */
import type { CorpusDocument, Span } from '../text/document';
import type { EntityType, ManifestEntity } from '../manifest/manifest';
import { resolveOverlaps, type Mention } from './mentions';
import { findKnownNames, NameTable } from './known-names';
import { hasCyrillic, nameKey, personKey, transliterate } from './names';

/** The tagger's votes for each type of a name. */
export type Votes = Record<EntityType, number>;

/** Of several types with the same votes, the first of these wins. */
export const TYPE_ORDER: readonly EntityType[] = ['person', 'organization', 'place', 'other'];

/** No votes yet. */
export function noVotes(): Votes {
  return { person: 0, place: 0, organization: 0, other: 0 };
}

/** The type with the most votes (undefined: no votes). */
export function winner(v: Votes | undefined): EntityType | undefined {
  return v ? TYPE_ORDER.reduce((best, t) => (v[t] > v[best] ? t : best), TYPE_ORDER[0]!) : undefined;
}

/**
 * The type the votes give a name in an article: the article's own evidence first; the rest of
 * the corpus breaks ties and outvotes a lone guess (local + half of the rest). The first type of
 * TYPE_ORDER among the best wins.
 */
export function typeByVotes(local: Votes | undefined, corpus: Votes | undefined): EntityType | undefined {
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

/** What an article's tagged mentions tell about its names. */
export interface ArticleNames {
  /** The tagger's votes per name key. */
  readonly votes: Map<string, Votes>;
  /** Multi-word names, with counts. */
  readonly forms: Map<string, number>;
  /** Surnames of people named in full: such a surname alone is that person's in this article. */
  readonly surnames: Set<string>;
}

/** The votes, multi-word names and surnames of an article's tagged mentions. */
export function readNames(mentions: readonly Mention[]): ArticleNames {
  const votes = new Map<string, Votes>();
  const forms = new Map<string, number>();
  const surnames = new Set<string>();
  for (const m of mentions) {
    const key = nameKey(m.text);
    const v = votes.get(key) ?? noVotes();
    v[m.type]++;
    votes.set(key, v);
    if (!/\s/.test(m.text)) continue;
    forms.set(m.text, (forms.get(m.text) ?? 0) + 1);
    if (m.type === 'person') surnames.add(nameKey(m.text.split(/\s+/).pop()!));
  }
  return { votes, forms, surnames };
}

/** What corpus.yaml's entities say about names. */
export interface ManifestNames {
  /** The declared type of each declared name's key. */
  readonly typeOf: ReadonlyMap<string, EntityType>;
  /** Every declared name and alias. */
  readonly forms: ReadonlySet<string>;
  /** Name keys kept apart from an entity: each gets a cluster of its own, even when spelling keys meet. */
  readonly never: ReadonlySet<string>;
}

export function readManifestNames(manifestEntities: readonly ManifestEntity[]): ManifestNames {
  const typeOf = new Map<string, EntityType>();
  for (const m of manifestEntities)
    if (m.type) for (const form of [m.name, ...m.aliases]) typeOf.set(nameKey(form), m.type);
  return {
    typeOf,
    forms: new Set(manifestEntities.flatMap((m) => [m.name, ...m.aliases])),
    never: keptApart(manifestEntities),
  };
}

/**
 * Name keys that are grouped by their exact spelling: names kept apart by `never:`, and the
 * names of two corpus.yaml entries whose spelling keys meet ("George H. W. Bush" and "George W.
 * Bush"; "Zorak1 Mbeki1" and "Zorak2 Mbeki2"), for two entries are two entities, always.
 */
export function keptApart(manifestEntities: readonly ManifestEntity[]): Set<string> {
  const kept = new Set(manifestEntities.flatMap((m) => m.never.map(nameKey)));
  const owner = new Map<string, number>();
  const meeting = new Set<string>();
  manifestEntities.forEach((m, i) => {
    for (const form of [m.name, ...m.aliases]) {
      const key = clusterKey(m.type ?? 'person', form);
      const first = owner.get(key);
      if (first === undefined) owner.set(key, i);
      else if (first !== i) meeting.add(key);
    }
  });
  for (const m of manifestEntities)
    for (const form of [m.name, ...m.aliases])
      if (meeting.has(clusterKey(m.type ?? 'person', form))) kept.add(nameKey(form));
  return kept;
}

/** The cluster key of a declared name: its exact spelling's when it is kept apart (see `keptApart`). */
export function declaredKey(type: EntityType, name: string, kept: ReadonlySet<string>): string {
  const key = nameKey(name);
  return kept.has(key) ? `${type}:exact:${key}` : clusterKey(type, name);
}

/** An article's mentions with the known names found where the tagger found nothing. */
export interface RereadArticle {
  /** The known names found (a corpus name going away matters only where it was found). */
  readonly found: Set<string>;
  readonly mentions: readonly Mention[];
  /** Name key of each mention; null for a name in another script. */
  readonly keys: readonly (string | null)[];
  /** Names in another script ("(Владимир Блинов)") where nothing else was found. */
  readonly glosses: readonly Mention[];
}

/** Reads an article again for known names: its own, and those of `corpusNames` (multi-word names from anywhere, corpus.yaml's). */
export function rereadArticle(
  doc: CorpusDocument,
  mentions: readonly Mention[],
  corpusNames: NameTable,
): RereadArticle {
  const local = new Set(mentions.map((m) => m.text));
  for (const m of mentions)
    if (m.type === 'person' && /\s/.test(m.text)) local.add(m.text.split(/\s+/).pop()!);
  const found = findKnownNames(doc.text, [new NameTable(local), corpusNames]);
  const reread = addKnownNames(mentions, found);
  return {
    found: new Set(found.map((f) => f.text)),
    mentions: reread,
    keys: reread.map((m) => (hasCyrillic(m.text) ? null : nameKey(m.text))),
    glosses: cyrillicMentions(doc, reread),
  };
}

/** The type of a name in an article, unless nothing decides it (then each mention keeps its own). */
export function typeOfName(
  key: string,
  names: ArticleNames,
  corpusVotes: ReadonlyMap<string, Votes>,
  manifest: ManifestNames,
): EntityType | undefined {
  return (
    manifest.typeOf.get(key) ??
    (names.surnames.has(key) ? 'person' : undefined) ??
    typeByVotes(names.votes.get(key), corpusVotes.get(key))
  );
}

/** An article's mentions typed, and the type each name key got (undefined: none decided). */
export function typeMentions(
  reread: RereadArticle,
  typeOfKey: (key: string) => EntityType | undefined,
): { readonly typed: Mention[]; readonly typeOf: Map<string, EntityType | undefined> } {
  const decided = new Map<string, EntityType | undefined>();
  const typed = reread.mentions.map((m, i): Mention => {
    const key = reread.keys[i];
    if (key === null || key === undefined) return { ...m, via: 'script' };
    let type = decided.get(key);
    if (type === undefined && !decided.has(key)) {
      type = typeOfKey(key);
      decided.set(key, type);
    }
    type ??= m.type;
    return type === m.type ? m : { ...m, type };
  });
  return {
    typed:
      reread.glosses.length === 0 ? typed : [...typed, ...reread.glosses].sort((a, b) => a.start - b.start),
    typeOf: decided,
  };
}

/** The key under which a name of a given type is grouped. */
export function clusterKey(type: EntityType, name: string): string {
  if (type === 'person') return `person:${personKey(name)}`;
  return `${type}:${nameKey(hasCyrillic(name) ? transliterate(name) : name)}`;
}

/** A typed mention's cluster key: a name corpus.yaml keeps apart is grouped by its exact key, another script's by its transliteration. */
export function clusterKeyOf(m: Mention, never: ReadonlySet<string>): string {
  const key = nameKey(m.text);
  if (never.has(key)) return `${m.type}:exact:${key}`;
  return m.via === 'script' ? `script:${personKey(transliterate(m.text))}` : clusterKey(m.type, m.text);
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
