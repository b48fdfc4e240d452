/**
 * An article's analysis as the cache on disk keeps it. Its sentences and name mentions, most of
 * its bulk, are runs of numbers (a mention's text is the article's text from its start to its
 * end, but for exceptions): JSON of numbers is read several times faster than JSON of objects,
 * and at 11,125 articles reading the cache's objects was the largest part of a warm start.
 */
import type { ArticleAnalysis } from '../pipeline/article';
import type { Mention } from '../pipeline/entities/mentions';
import type { EntityType } from '../pipeline/manifest/manifest';
import type { Sentence } from '../pipeline/text/sentences';
import type { DateExpression } from '../pipeline/dates/date-expressions';
import type { Predicate } from '../pipeline/events/predicates';

export interface StoredAnalysis {
  /** start, end, index of each sentence. */
  readonly sentences: readonly number[];
  /** start, end, type, via of each mention; type and via as their place in `TYPES` and `VIAS`. */
  readonly mentions: readonly number[];
  /** Mentions whose text is not the article's text from start to end, by mention number. */
  readonly mentionTexts: readonly (readonly [number, string])[];
  readonly published: ArticleAnalysis['published'];
  readonly dates: ArticleAnalysis['dates'];
  /** start, end, sentence, clause start, clause end and flags (noun, reporting, plan, passive) of each predicate. */
  readonly predicates: readonly number[];
  /** Each predicate's lemma. */
  readonly lemmas: readonly string[];
  readonly failure?: string;
}

const PREDICATE_FIELDS = 6;
const FLAGS = ['noun', 'reporting', 'plan', 'passive'] as const;

const TYPES: readonly EntityType[] = ['person', 'place', 'organization', 'other'];
const VIAS: readonly Mention['via'][] = ['tagger', 'known-name', 'script'];

export function packAnalysis(analysis: ArticleAnalysis, text: string): StoredAnalysis {
  const { sentences, mentions, published, dates, predicates, failure } = analysis;
  const p: number[] = new Array(PREDICATE_FIELDS * predicates.length);
  predicates.forEach((x, i) => {
    const at = PREDICATE_FIELDS * i;
    p[at] = x.start;
    p[at + 1] = x.end;
    p[at + 2] = x.sentence;
    p[at + 3] = x.clause.start;
    p[at + 4] = x.clause.end;
    p[at + 5] = FLAGS.reduce((bits, flag, k) => bits | (x[flag] ? 1 << k : 0), 0);
  });
  // plain loops into arrays of their final length: a save packs every article of the corpus
  const s: number[] = new Array(3 * sentences.length);
  sentences.forEach((x, i) => {
    s[3 * i] = x.start;
    s[3 * i + 1] = x.end;
    s[3 * i + 2] = x.index;
  });
  const m: number[] = new Array(4 * mentions.length);
  const mentionTexts: [number, string][] = [];
  mentions.forEach((x, i) => {
    m[4 * i] = x.start;
    m[4 * i + 1] = x.end;
    m[4 * i + 2] = code(TYPES, x.type);
    m[4 * i + 3] = code(VIAS, x.via);
    if (text.slice(x.start, x.end) !== x.text) mentionTexts.push([i, x.text]);
  });
  return {
    sentences: s,
    mentions: m,
    mentionTexts,
    published,
    dates,
    predicates: p,
    lemmas: predicates.map((x) => x.lemma),
    ...(failure === undefined ? {} : { failure }),
  };
}

/**
 * The analysis kept as `stored` for `text`. Throws when it is not one, or does not fit the text
 * (a damaged or foreign entry): spans must lie in the text, and every field have its kind.
 */
export function unpackAnalysis(stored: StoredAnalysis, text: string): ArticleAnalysis {
  const {
    sentences: s,
    mentions: m,
    mentionTexts,
    published,
    dates,
    predicates: p,
    lemmas,
    failure,
  } = stored;
  if (
    !Array.isArray(s) ||
    s.length % 3 !== 0 ||
    !Array.isArray(m) ||
    m.length % 4 !== 0 ||
    !Array.isArray(mentionTexts) ||
    !Array.isArray(dates) ||
    !Array.isArray(p) ||
    !Array.isArray(lemmas) ||
    p.length !== PREDICATE_FIELDS * lemmas.length ||
    !p.every(Number.isInteger) ||
    !lemmas.every((l) => typeof l === 'string')
  ) {
    throw new Error('not a stored analysis');
  }
  if (!s.every(Number.isInteger) || !m.every(Number.isInteger)) throw new Error('not a stored analysis');
  const n = text.length;
  const fits = (start: number, end: number): boolean => start >= 0 && start <= end && end <= n;
  const sentences: Sentence[] = new Array(s.length / 3);
  for (let i = 0; i < sentences.length; i++) {
    const start = s[3 * i]!;
    const end = s[3 * i + 1]!;
    if (!fits(start, end))
      throw new Error(`sentence ${i} (${start}-${end}) is not in the text of ${n} characters`);
    sentences[i] = { start, end, index: s[3 * i + 2]! };
  }
  const mentionCount = m.length / 4;
  if (
    !mentionTexts.every(
      (x) =>
        Array.isArray(x) &&
        Number.isInteger(x[0]) &&
        x[0] >= 0 &&
        x[0] < mentionCount &&
        typeof x[1] === 'string',
    )
  )
    throw new Error('not a stored analysis');
  const odd = new Map<number, string>(mentionTexts);
  const mentions: Mention[] = new Array(mentionCount);
  for (let i = 0; i < mentions.length; i++) {
    const start = m[4 * i]!;
    const end = m[4 * i + 1]!;
    if (!fits(start, end))
      throw new Error(`mention ${i} (${start}-${end}) is not in the text of ${n} characters`);
    mentions[i] = {
      start,
      end,
      text: odd.get(i) ?? text.slice(start, end),
      type: named(TYPES, m[4 * i + 2]!),
      via: named(VIAS, m[4 * i + 3]!),
    };
  }
  dates.forEach((d, i) => {
    if (!isDate(d) || !fits(d.start, d.end))
      throw new Error(`date ${i} is not a date expression in the text`);
  });
  if (
    published !== null &&
    !(
      typeof published === 'object' &&
      typeof published.date === 'string' &&
      typeof published.interval === 'object' &&
      published.interval !== null
    )
  )
    throw new Error('not a publication date');
  if (failure !== undefined && typeof failure !== 'string') throw new Error('not a stored analysis');
  const predicates: Predicate[] = lemmas.map((lemma, i) => {
    const at = PREDICATE_FIELDS * i;
    const [start, end, sentence, clauseStart, clauseEnd, flags] = p.slice(at, at + PREDICATE_FIELDS) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (!fits(start, end) || !fits(clauseStart, clauseEnd))
      throw new Error(`predicate ${i} (${start}-${end}) is not in the text of ${n} characters`);
    const flag = (name: (typeof FLAGS)[number]): boolean => (flags & (1 << FLAGS.indexOf(name))) !== 0;
    return {
      start,
      end,
      sentence,
      lemma,
      clause: { start: clauseStart, end: clauseEnd },
      noun: flag('noun'),
      reporting: flag('reporting'),
      plan: flag('plan'),
      passive: flag('passive'),
    };
  });
  return { sentences, mentions, published, dates, predicates, ...(failure === undefined ? {} : { failure }) };
}

/** A date expression as `findDates` makes it (the kinds of its fields). */
function isDate(d: unknown): d is DateExpression {
  if (typeof d !== 'object' || d === null) return false;
  const x = d as Record<string, unknown>;
  const stringOrNull = (v: unknown): boolean => v === null || typeof v === 'string';
  const anchor = x.anchor;
  return (
    Number.isInteger(x.start) &&
    Number.isInteger(x.end) &&
    Number.isInteger(x.sentence) &&
    typeof x.text === 'string' &&
    typeof x.kind === 'string' &&
    stringOrNull(x.from) &&
    stringOrNull(x.to) &&
    stringOrNull(x.granularity) &&
    typeof x.forward === 'boolean' &&
    (anchor === null ||
      anchor === 'published' ||
      (typeof anchor === 'object' && Number.isInteger((anchor as { start?: unknown }).start)))
  );
}

function code<T>(names: readonly T[], name: T): number {
  const i = names.indexOf(name);
  if (i < 0) throw new Error(`no code for ${String(name)}`);
  return i;
}

function named<T>(names: readonly T[], i: number): T {
  const name = names[i];
  if (name === undefined) throw new Error(`no name for code ${i}`);
  return name;
}
