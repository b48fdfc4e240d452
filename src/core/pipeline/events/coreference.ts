/**
 * Cross-source grouping as event coreference. Each pair of reports that share a blocking key
 * (predicate and participant, predicate and week, predicate and a rare word of the clause) is
 * scored on its predicates, participants, place, time and clause words; pairs above a threshold
 * join, best first, unless the merged event would hold dates too far apart, two different
 * occurrences ("a second strike") or reports a person declared distinct. Candidate pairs grow
 * about linearly with the reports: a large block pairs each report with its neighbours in time only.
 */
import { daysBetween, looseInterval } from '../dates/partial-date';
import { tokenize } from '../entities/tagger/tokenize';
import { nounLemma, relatedness, synsetKeys, verbLemma } from '../words/lexicon';
import { wordWeight } from '../words/word-weights';
import type { EventReport } from './reports';

/** What grouping needs beyond the reports. */
export interface GroupingContext {
  /** An article's text (for the words of a clause). */
  text(document: string): string;
  /** An article's publication day (ISO), if known. */
  published(document: string): string | null;
  /** Whether a person declared the two reports different events (corpus.yaml `distinct:`). */
  apart?(a: EventReport, b: EventReport): boolean;
}

/** The weights and thresholds of the pair score, tuned on half of the ECB+ topics. */
export interface GroupingParams {
  readonly predicate: number;
  readonly participants: number;
  readonly words: number;
  /** Added when both dates overlap, taken when they are apart. */
  readonly time: number;
  readonly venue: number;
  /** Times how alike the two articles are (their participants and predicates): stories about one happening share them. */
  readonly context: number;
  /** Reports of two articles less alike than this never join (0 lets any pair join). */
  readonly minContext: number;
  /** Taken when both name who acted, or who was acted on, and nobody in common: another occurrence. */
  readonly roles: number;
  /** A pair joins at this score or above. */
  readonly threshold: number;
  /** Two reports of one article join only at this score or above. */
  readonly sameArticleThreshold: number;
  /**
   * Two groups join only when this share of their pairs of reports scored above the threshold:
   * 0 joins on one good pair (single link), higher values keep chains of look-alikes apart.
   */
  readonly cohesion: number;
  /** No event holds two dates further apart than this (days between the intervals). */
  readonly maxGapDays: number;
  /** Undated reports of articles published further apart than this are not compared on time. */
  readonly publishedGapDays: number;
}

export const GROUPING: GroupingParams = {
  predicate: 1.5,
  participants: 0,
  words: 1,
  time: 0,
  venue: 0.3,
  roles: 1,
  context: 1,
  minContext: 0,
  cohesion: 0,
  threshold: 1.2,
  sameArticleThreshold: 1.6,
  maxGapDays: 7,
  publishedGapDays: 45,
};

/** A group of reports of one happening, before it gets an id and a summary. */
export type ReportGroup = readonly EventReport[];

/** Reports with more of a blocking key than this are paired only with their neighbours in time. */
export const BLOCK_FULL = 48;
export const NEIGHBOURS = 24;

const STOP = new Set(
  (
    'the a an and or but of to in on at by for with from as is was were be been are has have had ' +
    'that this these those it its he she they his her their them who which what when where will would said says say ' +
    'after before over into about than also more most not no he him we our you your i me my mr mrs ms'
  ).split(' '),
);

/** What the pair score reads of a report, worked out once. */
export interface ReportFeatures {
  readonly report: EventReport;
  /** The predicate and its first-sense synsets, whose reports are compared. */
  readonly predicates: readonly string[];
  /** The week of a day-dated report (day number / 7). */
  readonly week: number | null;
  /** The two rarest words of the clause besides the predicate. */
  readonly rare: readonly string[];
  readonly participants: ReadonlyMap<string, number>;
  readonly words: ReadonlyMap<string, number>;
  readonly from: number | null;
  readonly to: number | null;
  readonly published: number | null;
  /** The article's profile: the participants and predicates of all its reports. */
  readonly article: ReadonlyMap<string, number>;
}

const EPOCH = '1970-01-01';
const dayNumber = (iso: string): number => daysBetween(EPOCH, iso);

/** Groups reports of the same happening; each group lists its reports in their input order. */
export function groupReports(
  reports: readonly EventReport[],
  context: GroupingContext,
  params: GroupingParams = GROUPING,
): ReportGroup[] {
  const features = featuresOf(reports, context);
  const scored: ScoredPair[] = [];
  for (const [a, b] of candidatePairs(features)) {
    const score = linkScore(features[a]!, features[b]!, params);
    if (score !== null) scored.push({ a, b, score });
  }
  scored.sort(byScore);
  return mergeBestFirst(features, scored, context, params);
}

/** A candidate pair (positions in the report list, a < b) that scored high enough to link. */
export interface ScoredPair {
  readonly a: number;
  readonly b: number;
  readonly score: number;
}

/** Best first; ties in report order, so the result never depends on the order pairs were found in. */
export function byScore(x: ScoredPair, y: ScoredPair): number {
  return y.score - x.score || x.a - y.a || x.b - y.b;
}

/** The pair's score when it reaches the threshold for its kind of pair (one article or two), else null. */
export function linkScore(a: ReportFeatures, b: ReportFeatures, params: GroupingParams): number | null {
  const score = pairScore(a, b, params);
  const limit = a.report.document === b.report.document ? params.sameArticleThreshold : params.threshold;
  return score >= limit ? score : null;
}

/** The features of each report, read with its article's profile. */
export function featuresOf(reports: readonly EventReport[], context: GroupingContext): ReportFeatures[] {
  const profiles = articleProfiles(reports);
  return reports.map((r) => reportFeatures(r, context, profiles.get(r.document)!));
}

/** One report's features; `profile` is its article's (see `articleProfiles`). */
export function reportFeatures(
  r: EventReport,
  context: GroupingContext,
  profile: ReadonlyMap<string, number>,
): ReportFeatures {
  const words = clauseWords(context.text(r.document), r);
  const participants = new Map(
    [...new Set([...r.actors, ...r.entities, ...(r.venue ? [r.venue] : [])])].map((e) => [e, 1] as const),
  );
  const rare = [...words]
    .filter(([w]) => w !== r.action)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, 2)
    .map(([w]) => w);
  const predicates = predicateClasses(r.action);
  // "early March" compared loosely, as conflicts read it: its 10th and the 13th are not two happenings
  const loose =
    r.date?.from && r.date.to
      ? looseInterval({ from: r.date.from, to: r.date.to, granularity: r.date.granularity })
      : null;
  const from = loose ? dayNumber(loose.from) : null;
  const to = loose ? dayNumber(loose.to) : null;
  const week = from !== null && r.date!.granularity === 'day' ? Math.floor(from / 7) : null;
  const published = context.published(r.document);
  return {
    report: r,
    predicates,
    week,
    rare,
    participants,
    words,
    from,
    to,
    published: published ? dayNumber(published) : null,
    article: profile,
  };
}

/**
 * A report's blocking keys, each as a class and a value: a predicate class with a participant
 * (`e`), a week or the next (`w`), or a rare word (`t`). Two reports are compared when they share one.
 */
export function blockKeys(f: ReportFeatures): BlockKey[] {
  const out: BlockKey[] = [];
  const seen = new Set<string>();
  const add = (kind: string, value: string | number): void => {
    for (const k of f.predicates) {
      const key = `${k}\u0000${kind}${value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ key, of: `${k}\u0000${kind}`, value });
    }
  };
  for (const e of f.participants.keys()) add('e', e);
  if (f.week !== null) {
    add('w', f.week);
    add('w', f.week + 1);
  }
  for (const w of f.rare) add('t', w);
  return out;
}

/** A blocking key whole (`key`), and as its class and value (which hold no new string). */
export interface BlockKey {
  readonly key: string;
  readonly of: string;
  readonly value: string | number;
}

const classes = new Map<string, readonly string[]>();

/** A predicate and its first-sense synsets (remembered: a few thousand predicates recur). */
function predicateClasses(action: string): readonly string[] {
  let list = classes.get(action);
  if (!list) {
    list = [...new Set([action, ...synsetKeys(action).map(String)])];
    if (classes.size >= 50_000) classes.clear();
    classes.set(action, list);
  }
  return list;
}

/**
 * Each article's profile: how often its reports name each participant, and its predicates by
 * weight. Two stories about one happening share them; weights come from a fixed sample of news,
 * not this corpus, so a pair's likeness depends on its two articles alone.
 */
export function articleProfiles(reports: readonly EventReport[]): Map<string, Map<string, number>> {
  const profiles = new Map<string, Map<string, number>>();
  for (const r of reports) {
    const profile = profiles.get(r.document) ?? profiles.set(r.document, new Map()).get(r.document)!;
    for (const e of new Set([...r.actors, ...r.entities])) profile.set(e, (profile.get(e) ?? 0) + 1);
    profile.set(`=${r.action}`, (profile.get(`=${r.action}`) ?? 0) + wordWeight(r.action));
  }
  return profiles;
}

/** The content words of a report's clause in base form, each with its weight. */
function clauseWords(text: string, r: EventReport): Map<string, number> {
  return contentWords(text, r.clause.start, r.clause.end);
}

/** The content words of `text` from `start` to `end` in base form, each with its weight. */
export function contentWords(text: string, start: number, end: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of tokenize(text, start, end)) {
    const w = t.text.toLowerCase();
    if (w.length < 3 || STOP.has(w) || !/^\p{L}/u.test(w)) continue;
    out.set(verbLemma(w) ?? nounLemma(w) ?? w, wordWeight(w));
  }
  return out;
}

/**
 * The pairs that share a blocking key: every pair of a block, or in a block of more than
 * BLOCK_FULL, each report with its NEIGHBOURS next ones in time (`blockOrder`).
 */
function candidatePairs(features: readonly ReportFeatures[]): [number, number][] {
  const blocks = new Map<string, number[]>();
  features.forEach((f, i) => {
    for (const { key: k } of blockKeys(f)) {
      const b = blocks.get(k);
      if (b) b.push(i);
      else blocks.set(k, [i]);
    }
  });
  const seen = new Set<string>();
  const out: [number, number][] = [];
  const add = (x: number, y: number): void => {
    const a = Math.min(x, y);
    const b = Math.max(x, y);
    const key = `${a},${b}`;
    if (a === b || seen.has(key)) return;
    seen.add(key);
    out.push([a, b]);
  };
  for (const block of blocks.values()) {
    if (block.length <= BLOCK_FULL) {
      for (let p = 0; p < block.length; p++)
        for (let q = p + 1; q < block.length; q++) add(block[p]!, block[q]!);
      continue;
    }
    const ordered = [...block].sort((x, y) => blockOrder(features[x]!, x, features[y]!, y));
    for (let p = 0; p < ordered.length; p++)
      for (let q = p + 1; q < ordered.length && q <= p + NEIGHBOURS; q++) add(ordered[p]!, ordered[q]!);
  }
  return out;
}

/** The order of a large block: by when the happening was (or its article appeared), then by position. */
export function blockOrder(a: ReportFeatures, at: number, b: ReportFeatures, bt: number): number {
  return whenOf(a) - whenOf(b) || at - bt;
}

function whenOf(f: ReportFeatures): number {
  return f.from ?? f.published ?? Number.MAX_SAFE_INTEGER;
}

/** The cosine of two sparse vectors. */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [k, v] of a) {
    na += v * v;
    const w = b.get(k);
    if (w !== undefined) dot += v * w;
  }
  for (const v of b.values()) nb += v * v;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Days between two intervals of day numbers; 0 when they overlap. */
function gap(a: ReportFeatures, b: ReportFeatures): number | null {
  if (a.from === null || a.to === null || b.from === null || b.to === null) return null;
  return a.to < b.from ? b.from - a.to : b.to < a.from ? a.from - b.to : 0;
}

function pairScore(a: ReportFeatures, b: ReportFeatures, params: GroupingParams): number {
  const ra = a.report;
  const rb = b.report;
  if (ra.statement !== rb.statement) return -Infinity;
  if (ra.ordinal !== null && rb.ordinal !== null && ra.ordinal !== rb.ordinal) return -Infinity;
  // "met again" on a date says an earlier occurrence exists: a report of another date is that one
  if (ra.repeat !== rb.repeat && (gap(a, b) ?? 0) > 0) return -Infinity;
  const predicate = ra.action === rb.action ? 1 : relatedness(ra.action, rb.action);
  let score =
    params.predicate * predicate +
    params.participants * cosine(a.participants, b.participants) +
    params.words * cosine(a.words, b.words);
  const context = ra.document === rb.document ? 1 : cosine(a.article, b.article);
  if (context < params.minContext) return -Infinity;
  score += params.context * context;
  const days = gap(a, b);
  if (days !== null) {
    if (days > params.maxGapDays) return -Infinity;
    score += days === 0 ? params.time : -params.time * (days / params.maxGapDays);
  } else if (Math.abs(published(a, b) ?? 0) > params.publishedGapDays) {
    score -= params.time;
  }
  // both name who acted, or who was acted on, and neither's is among the other's: two occurrences
  if (apart(ra.agents, rb) && apart(rb.agents, ra)) return -Infinity;
  if (apart(ra.objects, rb) && apart(rb.objects, ra)) return -Infinity;
  // who acted, or was acted on, on one side takes no part on the other: likely another occurrence
  // (compared with all the other's participants, as "A met B" and "B met A" tell of one meeting)
  if (apart(ra.agents, rb) || apart(rb.agents, ra)) score -= params.roles;
  if (apart(ra.objects, rb) || apart(rb.objects, ra)) score -= params.roles;
  if (ra.venue !== null && rb.venue !== null) score += ra.venue === rb.venue ? params.venue : -params.venue;
  return score;
}

/** `ids` names someone, the other report names participants, and none of `ids` is among them. */
function apart(ids: readonly string[], other: EventReport): boolean {
  return ids.length > 0 && other.actors.length > 0 && !ids.some((x) => other.actors.includes(x));
}

/**
 * Days between when two reports' happenings can have been, when one of them is undated: an
 * undated report tells of something shortly before its article appeared. Null when unknown.
 */
function published(a: ReportFeatures, b: ReportFeatures): number | null {
  const at = (f: ReportFeatures): number | null => f.from ?? f.published;
  const x = at(a);
  const y = at(b);
  return x === null || y === null ? null : x - y;
}

interface Cluster {
  members: number[];
  maxFrom: number | null;
  minTo: number | null;
  ordinal: number | null;
}

/**
 * Joins linked reports into groups, best pair first, unless the joined group would break a
 * limit (dates too far apart, two ordinals, reports a person declared distinct). A pair joins
 * only reports of its connected part of the linked pairs, so each part can be merged on its own.
 */
export function mergeBestFirst(
  features: readonly ReportFeatures[],
  pairs: readonly { a: number; b: number }[],
  context: GroupingContext,
  params: GroupingParams,
): ReportGroup[] {
  const clusterOf: Cluster[] = features.map((f, i) => ({
    members: [i],
    maxFrom: f.from,
    minTo: f.to,
    ordinal: f.report.ordinal,
  }));
  const linked: number[][] = features.map(() => []);
  for (const { a, b } of pairs) {
    linked[a]!.push(b);
    linked[b]!.push(a);
  }
  for (const { a, b } of pairs) {
    const x = clusterOf[a]!;
    const y = clusterOf[b]!;
    if (x === y) continue;
    if (params.cohesion > 0 && x.members.length * y.members.length > 1) {
      const [small, other] = x.members.length <= y.members.length ? [x, y] : [y, x];
      let links = 0;
      for (const i of small.members) for (const j of linked[i]!) if (clusterOf[j] === other) links++;
      if (links < params.cohesion * x.members.length * y.members.length) continue;
    }
    const maxFrom =
      x.maxFrom === null ? y.maxFrom : y.maxFrom === null ? x.maxFrom : Math.max(x.maxFrom, y.maxFrom);
    const minTo = x.minTo === null ? y.minTo : y.minTo === null ? x.minTo : Math.min(x.minTo, y.minTo);
    // every two dates of an event lie within the allowed gap
    if (maxFrom !== null && minTo !== null && maxFrom - minTo > params.maxGapDays) continue;
    if (x.ordinal !== null && y.ordinal !== null && x.ordinal !== y.ordinal) continue;
    if (
      context.apart &&
      x.members.some((i) => y.members.some((j) => context.apart!(features[i]!.report, features[j]!.report)))
    )
      continue;
    const [big, small] = x.members.length >= y.members.length ? [x, y] : [y, x];
    for (const i of small.members) {
      big.members.push(i);
      clusterOf[i] = big;
    }
    big.maxFrom = maxFrom;
    big.minTo = minTo;
    big.ordinal = big.ordinal ?? small.ordinal;
  }
  const groups = [...new Set(clusterOf)].map((c) =>
    c.members.sort((p, q) => p - q).map((i) => features[i]!.report),
  );
  return groups;
}
