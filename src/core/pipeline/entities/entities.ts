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
 *
 * The steps, from scratch: read each article's names (typing.ts), type them, cluster the keys
 * (cluster.ts), make an entity of each cluster and describe it (descriptions.ts).
 * incremental/entity-resolver.ts gives the same result again and again as articles change.
 */
import type { CorpusDocument, Span } from '../text/document';
import type { EntityType, ManifestEntity } from '../manifest/manifest';
import type { Mention } from './mentions';
import { NameTable } from './known-names';
import { slug } from './names';
import { clusterNames, type Cluster, type NameGroup } from './cluster';
import { findDescription, type DescriptionLook } from './descriptions';
import {
  clusterKeyOf,
  readManifestNames,
  readNames,
  rereadArticle,
  typeMentions,
  typeOfName,
  TYPE_ORDER,
  type Votes,
} from './typing';
import { compareText } from '../text/compare';

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

/** An article as entity resolution reads it. */
export interface EntityInput {
  readonly doc: CorpusDocument;
  readonly mentions: readonly Mention[];
}

/** A document's mention with the entity it belongs to. */
export interface ResolvedMention extends Span {
  readonly entity: Entity;
}

/** A cluster key's mentions in one article. */
export interface KeyPart {
  /** Type and offset of the first of them. */
  readonly type: EntityType;
  readonly start: number;
  /** In text order (their texts are the forms the part adds to its key's). */
  readonly mentions: readonly EntityMention[];
}

/** Everything the corpus holds under one cluster key, with the mentions. */
export interface MentionGroup extends NameGroup {
  readonly parts: ReadonlyMap<string, KeyPart>;
}

/** A group while the articles are read, in corpus order (so its first part is its first article's). */
interface GroupBeingRead extends MentionGroup {
  readonly parts: Map<string, KeyPart & { readonly mentions: EntityMention[] }>;
  readonly forms: Map<string, number>;
  readonly first: string;
}

/** The entities of a corpus (`inputs` in corpus order), resolved from scratch. */
export function resolveEntities(
  inputs: readonly EntityInput[],
  manifestEntities: readonly ManifestEntity[],
): Entity[] {
  const manifest = readManifestNames(manifestEntities);
  const names = inputs.map((x) => readNames(x.mentions));
  const votes = new Map<string, Votes>();
  for (const article of names)
    for (const [key, v] of article.votes) {
      const sum = votes.get(key);
      if (sum) for (const type of TYPE_ORDER) sum[type] += v[type];
      else votes.set(key, { ...v });
    }
  // the names read again everywhere: corpus.yaml's and multi-word names from anywhere
  const corpusNames = new NameTable([...manifest.forms, ...names.flatMap((n) => [...n.forms.keys()])]);

  const groups = new Map<string, GroupBeingRead>();
  inputs.forEach(({ doc, mentions }, i) => {
    const article = names[i]!;
    const reread = rereadArticle(doc, mentions, corpusNames);
    const { typed } = typeMentions(reread, (key) => typeOfName(key, article, votes, manifest));
    for (const m of typed) {
      const key = clusterKeyOf(m, manifest.never);
      let group = groups.get(key);
      if (!group) {
        group = { key, parts: new Map(), forms: new Map(), first: doc.id };
        groups.set(key, group);
      }
      let part = group.parts.get(doc.id);
      if (!part) {
        part = { type: m.type, start: m.start, mentions: [] };
        group.parts.set(doc.id, part);
      }
      group.forms.set(m.text, (group.forms.get(m.text) ?? 0) + 1);
      part.mentions.push({ document: doc.id, start: m.start, end: m.end, text: m.text });
    }
  });

  const rank = new Map(inputs.map((x, i) => [x.doc.id, i]));
  const order = [...groups.values()].sort((a, b) => firstMentionOrder(a, b, rank));
  const { clusters } = clusterNames(order, manifestEntities, votes);
  const texts = new Map(inputs.map((x) => [x.doc.id, x.doc.text]));
  const used = new Set<string>();
  const entities = clusters.map((c) => {
    const forms = clusterForms(c);
    const name = c.manifest?.name ?? canonicalName(forms);
    const id = freeId(name, used);
    used.add(id);
    return makeEntity(c, id, name, forms, rank, (doc) => texts.get(doc)!);
  });
  const position = new Map(entities.map((e, i) => [e, i]));
  return entities.sort(entityOrder((e) => position.get(e)!));
}

/** Groups in order of first mention: by article, then by offset. */
export function firstMentionOrder(
  a: MentionGroup,
  b: MentionGroup,
  rank: ReadonlyMap<string, number>,
): number {
  return (
    rank.get(a.first!)! - rank.get(b.first!)! || a.parts.get(a.first!)!.start - b.parts.get(b.first!)!.start
  );
}

/** A name's slug, numbered when an earlier cluster's name took it. */
export function freeId(name: string, used: ReadonlySet<string>): string {
  let id = slug(name);
  for (let n = 2; used.has(id); n++) id = `${slug(name)}-${n}`;
  return id;
}

/** A cluster's forms with their counts. */
export function clusterForms(c: Cluster<MentionGroup>): Map<string, number> {
  const forms = new Map<string, number>();
  for (const group of c.groups) for (const [f, n] of group.forms) forms.set(f, (forms.get(f) ?? 0) + n);
  for (const f of c.zeroForms) if (!forms.has(f)) forms.set(f, 0);
  return forms;
}

/** The fullest form seen at least twice, else the fullest form; ties go to the most frequent. */
export function canonicalName(forms: ReadonlyMap<string, number>): string {
  const list = [...forms].map(([form, count]) => ({ form, count, words: form.split(/\s+/).length }));
  const attested = list.filter((f) => f.count >= 2);
  const pool = attested.length > 0 ? attested : list;
  // never the order forms were met
  pool.sort((a, b) => b.words - a.words || b.count - a.count || compareText(a.form, b.form));
  return pool[0]!.form;
}

/**
 * The entity of a cluster. `lookAt` gives the description look at a mention (see
 * `findDescription`); a resolver that makes entities again keeps them for mentions it keeps.
 */
export function makeEntity(
  c: Cluster<MentionGroup>,
  id: string,
  name: string,
  forms: ReadonlyMap<string, number>,
  rank: ReadonlyMap<string, number>,
  textOf: (document: string) => string,
  lookAt?: (mention: EntityMention, text: string) => DescriptionLook,
): Entity {
  const mentions = entityMentions(c.groups, rank);
  const aliases = [...new Set([...(c.manifest?.aliases ?? []), ...forms.keys()])]
    .filter((a) => a !== name)
    .sort();
  const described = c.clusterType === 'person' || c.clusterType === 'organization';
  const found = c.manifest?.description
    ? { text: c.manifest.description, source: 'corpus.yaml' }
    : described
      ? findDescription(mentions, textOf, lookAt)
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

/** A cluster's mentions: documents in corpus order, each document's in text order. */
function entityMentions(groups: readonly MentionGroup[], rank: ReadonlyMap<string, number>): EntityMention[] {
  const parts: { at: number; part: KeyPart }[] = [];
  for (const group of groups) for (const [id, part] of group.parts) parts.push({ at: rank.get(id)!, part });
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

/** The order of entities: most mentioned first, then by name, then by `position` (their clusters' order of first mention). */
export function entityOrder(position: (e: Entity) => number): (a: Entity, b: Entity) => number {
  return (a, b) =>
    b.mentions.length - a.mentions.length || compareText(a.name, b.name) || position(a) - position(b);
}
