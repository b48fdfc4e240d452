/**
 * Conflicts: two sources that report one event with dates that cannot both be true, or with
 * different counts of the same thing. A wrong warning costs more trust than a missed one, so a
 * warning needs all of:
 *   - the two reports clearly tell of one happening: grouped into one event, from two sources,
 *     one predicate or a WordNet synonym, two names in common (people, organisations, the place;
 *     a surname alone stands for the full name ending in it) or one in two articles that tell one
 *     story, and no one on each side that the other lacks; sentences worded alike instead of the
 *     names give at most `info`, and never for counts;
 *   - for dates: at day or month precision, neither a limit ("by June"), a plan nor a repeat
 *     ("met again"), with no overlap even after a part of a month ("early March") is read
 *     loosely, and no more than two weeks apart (further apart, two occurrences are likelier than
 *     a mistake);
 *   - for numbers: the same counted noun on the same day (undated: of one predicate, in articles
 *     a few days apart), neither a total ("in all", "both", "so far"), a running count ("rose
 *     to") nor an estimate ("about 300").
 * A difference of precision never conflicts ("in June" holds "June 21"). Where only the
 * certainty is missing (two days side by side, a weekday read from the publication date against
 * a written date) the conflict is `info`; two relative dates never conflict, nor a weekday that
 * falls on the written date's day of the week, nor one read from a publication date that was
 * only guessed.
 */
import {
  gapDays,
  reportMatches,
  type CorpusEvent,
  type EventReport,
  type Quantity,
  type ReportKey,
} from '../events/events';
import { articleProfiles, contentWords, cosine } from '../events/coreference';
import { list } from '../events/summaries';
import { nounLemma, nounOfVerb, relatedness } from '../words/lexicon';
import { daysBetween, looseInterval, overlaps } from '../dates/partial-date';
import { weekdayIn } from '../dates/date-rules';
import type { Finding } from '../findings';
import type { Published } from '../dates/published';
import type { ManifestDecision } from '../manifest/manifest';
import { MANIFEST_FILE } from '../text/article-files';
import { conflictMessage, type Conflict, type ConflictReport } from './wording';

// Dates further apart than this are likelier two occurrences than one misdated.
const MAX_CONFLICT_GAP_DAYS = 14;

/** A conflict as one event's reports give it, before it is checked against corpus.yaml and worded. */
export interface FoundConflict extends Omit<Conflict, 'message' | 'shared' | 'event'> {
  /** The entities both reports name. */
  readonly names: readonly string[];
  /** Of a much-reported event: the sources of each report's kind (see `kindsOfReport`). */
  readonly sources?: readonly [ReadonlySet<string>, ReadonlySet<string>];
}

/** What the conflicts of one event depend on beyond its reports. */
export interface ConflictInputs {
  /** When an article was published, if known. */
  readonly publishedOf: (document: string) => Published | null;
  /** How alike two articles are (the cosine of their profiles, see `articleProfiles`). */
  readonly likeness: (a: string, b: string) => number;
  /** The reports of a predicate in the corpus that may show a source giving two dates (see `attesting`). */
  readonly sameAction: (action: string) => readonly EventReport[];
  /** The one entity `a` and `b` may both stand for: the same id, or a surname and a full name ending in it. */
  readonly sameEntity: (a: string, b: string) => boolean;
  /** How alike two reports' sentences are (the cosine of their weighted content words). */
  readonly wording: (a: EventReport, b: EventReport) => number;
}

/**
 * `sameEntity` of `ConflictInputs` by the entities' names: an article that names a person only
 * by the surname ("Obama") may be resolved apart from the full name elsewhere ("Barack Obama").
 */
export function sameEntityOf(nameOf: (entity: string) => string): (a: string, b: string) => boolean {
  const split = new Map<string, string[]>();
  const words = (id: string): string[] =>
    split.get(id) ?? split.set(id, nameOf(id).toLowerCase().split(/\s+/)).get(id)!;
  return (a, b) => {
    if (a === b) return true;
    const x = words(a);
    const y = words(b);
    if (x.length === y.length || (x.length > 1 && y.length > 1)) return false;
    const [one, full] = x.length === 1 ? [x[0]!, y] : [y[0]!, x];
    return full[full.length - 1] === one;
  };
}

/** `wording` of `ConflictInputs` over the articles' texts, each report's words found once. */
export function wordingOf(textOf: (document: string) => string): (a: EventReport, b: EventReport) => number {
  const words = new WeakMap<EventReport, ReadonlyMap<string, number>>();
  const of = (r: EventReport): ReadonlyMap<string, number> =>
    words.get(r) ?? words.set(r, contentWords(textOf(r.document), r.start, r.end)).get(r)!;
  return (a, b) => cosine(of(a), of(b));
}

/**
 * The conflicts between the reports of each event. `sourceOf` names an article for messages
 * (its outlet or title); `dismissed` holds the conflicts a person set aside in corpus.yaml;
 * `profiles`, each article's profile (by default made of the events' reports).
 */
export function findConflicts(
  events: readonly CorpusEvent[],
  sourceOf: (document: string) => string,
  dismissed: readonly ManifestDecision[] = [],
  publishedOf: (document: string) => Published | null = () => null,
  nameOf: (entity: string) => string = (id) => id,
  profiles: ReadonlyMap<string, ReadonlyMap<string, number>> = articleProfiles(
    events.flatMap((e) => e.reports),
  ),
  textOf: (document: string) => string = () => '',
): Conflict[] {
  const byAction = new Map<string, EventReport[]>();
  for (const r of events.flatMap((e) => e.reports)) {
    const list = byAction.get(r.action);
    if (list) list.push(r);
    else byAction.set(r.action, [r]);
  }
  const inputs: ConflictInputs = {
    publishedOf,
    likeness: (a, b) => cosine(profiles.get(a)!, profiles.get(b)!),
    sameAction: attestingLookup(byAction),
    wording: wordingOf(textOf),
    sameEntity: sameEntityOf(nameOf),
  };
  return wordConflicts(
    events.map((ev) => conflictsOfEvent(ev, inputs)),
    events,
    sourceOf,
    dismissed,
    nameOf,
  );
}

/** The conflicts of one event's reports. */
export function conflictsOfEvent(ev: CorpusEvent, inputs: ConflictInputs): FoundConflict[] {
  const out: FoundConflict[] = [];
  // statements are repeated freely, and a plan may move: neither is a report of what happened
  const all = ev.reports.filter((r) => !r.statement && !r.plan && !r.date?.forward);
  if (all.length < 2) return out;
  const kinds = all.length > MANY_REPORTS ? kindsOfReport(all, inputs) : undefined;
  const rs = kinds ? [...kinds.keys()] : all;
  const sourcesOf = (a: EventReport, b: EventReport): Pick<FoundConflict, 'sources'> =>
    kinds ? { sources: [kinds.get(a)!, kinds.get(b)!] } : {};
  let noun: string | undefined;
  for (let i = 0; i < rs.length; i++) {
    for (let j = i + 1; j < rs.length; j++) {
      const a = rs[i]!;
      const b = rs[j]!;
      // most pairs give neither two dates to compare nor two counts: those are passed over first
      const mayDisagree =
        (a.date !== null && b.date !== null) || (a.quantities.length > 0 && b.quantities.length > 0);
      if (!mayDisagree || a.document === b.document) continue;
      const names = sharedNames(a, b, inputs.sameEntity);
      const evidence = sameHappening(a, b, names.length, inputs);
      if (!evidence) continue;
      const date = a.date && b.date ? dateConflict(a, b, inputs) : undefined;
      if (date) {
        out.push({
          kind: 'date',
          what: (noun ??= happeningNoun(ev)),
          // sentences worded alike are weaker evidence than names: a warning needs the names
          severity: evidence === 'names' ? date.severity : 'info',
          note: evidence === 'names' ? date.note : (date.note ?? 'taken for one happening by its wording'),
          names,
          reports: [dateReport(a), dateReport(b)],
          ...sourcesOf(a, b),
        });
      }
      // counts of sport and trade are alike in wording from game to game: they need the names
      const counts = evidence === 'names' ? quantityConflicts(a, b, inputs) : [];
      for (const [qa, qb, severity] of counts) {
        out.push({
          kind: 'quantity',
          what: (noun ??= happeningNoun(ev)),
          severity,
          note: severity === 'info' ? 'one date is read from another date' : null,
          names,
          reports: [quantityReport(a, qa), quantityReport(b, qb)],
          ...sourcesOf(a, b),
        });
      }
    }
  }
  return inCamps(out);
}

/**
 * An event with more reports than this is compared through one report of each kind: 1,600
 * sources of one meeting made 1.3 million pairs (30 s).
 */
const MANY_REPORTS = 64;

/** Of a much-reported event, at most this many kinds of report are compared, the most reported first. */
const MAX_KINDS = 256;

/**
 * The reports of an event grouped by all that a comparison reads of one report but its wording
 * and its article's likeness to the other's: the first report of each kind, with the sources of
 * its kind. Reports of one kind give the same date and counts, so they never disagree.
 */
function kindsOfReport(
  reports: readonly EventReport[],
  inputs: ConflictInputs,
): Map<EventReport, ReadonlySet<string>> {
  const byKey = new Map<string, { first: EventReport; sources: Set<string> }>();
  for (const r of reports) {
    const published = inputs.publishedOf(r.document);
    const key = JSON.stringify([
      r.action,
      r.word,
      r.dateForm,
      r.date && [r.date.text, r.date.from, r.date.to, r.date.granularity],
      r.quantities.map((q) => [q.value, q.noun, q.total, q.approximate]),
      r.entities,
      r.agents,
      r.objects,
      r.venue,
      r.repeat,
      r.ordinal,
      r.passive,
      published && [published.interval.from, published.interval.to, published.from],
    ]);
    const kind = byKey.get(key);
    if (kind) kind.sources.add(r.document);
    else byKey.set(key, { first: r, sources: new Set([r.document]) });
  }
  // the most reported kinds first; of equal ones, the first met
  const kinds = [...byKey.values()].sort((a, b) => b.sources.size - a.sources.size).slice(0, MAX_KINDS);
  return new Map(kinds.map((k) => [k.first, k.sources]));
}

// More pairs than this giving the same two values: one conflict between the two camps.
const CAMP_PAIRS = 4;

/**
 * Conflicts of one event that give the same two values, when there are more than CAMP_PAIRS of
 * them, as one conflict between the first report of each side with the number of sources on
 * each: 800 sources of one meeting give "412 say May 3, 388 say May 4", not 160,000 warnings.
 */
function inCamps(found: FoundConflict[]): FoundConflict[] {
  const byValues = new Map<string, FoundConflict[]>();
  const keyOf = (c: FoundConflict): string => {
    const [x, y] = [c.reports[0]!.value, c.reports[1]!.value].sort();
    return `${c.kind}\u0000${c.severity}\u0000${x}\u0000${y}`;
  };
  const keys = found.map(keyOf);
  found.forEach((c, i) => {
    const list = byValues.get(keys[i]!);
    if (list) list.push(c);
    else byValues.set(keys[i]!, [c]);
  });
  // a conflict between kinds of report stands for every source of both kinds
  const camped = (list: readonly FoundConflict[]): boolean =>
    list.length > CAMP_PAIRS || list.some((x) => x.sources && x.sources[0].size + x.sources[1].size > 2);
  if (![...byValues.values()].some(camped)) return found.map(withoutSources);
  const out: FoundConflict[] = [];
  for (const [i, c] of found.entries()) {
    const list = byValues.get(keys[i]!)!;
    if (!camped(list)) {
      out.push(withoutSources(c));
      continue;
    }
    if (list[0] !== c) continue;
    // the sources on each side, the side of the first conflict's first report first
    const first = c.reports[0]!.value;
    const sides: [Set<string>, Set<string>] = [new Set(), new Set()];
    for (const x of list)
      x.reports.forEach((r, k) => {
        for (const source of x.sources?.[k] ?? [r.document]) sides[r.value === first ? 0 : 1].add(source);
      });
    out.push({ ...withoutSources(c), camps: [sides[0].size, sides[1].size] });
  }
  return out;
}

function withoutSources({ sources: _, ...c }: FoundConflict): FoundConflict {
  return c;
}

/** The conflicts found in each event (`found[i]` of `events[i]`), less those dismissed, worded. */
export function wordConflicts(
  found: readonly (readonly FoundConflict[])[],
  events: readonly CorpusEvent[],
  sourceOf: (document: string) => string,
  dismissed: readonly ManifestDecision[],
  nameOf: (entity: string) => string,
): Conflict[] {
  const isDismissed = (c: readonly ConflictReport[]): boolean =>
    dismissed.some(
      (d) =>
        c.every((r) => d.reports.some((k) => k.file === r.document && k.text === r.text)) &&
        d.reports.every((k) => c.some((r) => k.file === r.document && k.text === r.text)),
    );
  const out: Conflict[] = [];
  found.forEach((ofEvent, i) => {
    for (const c of ofEvent) {
      if (isDismissed(c.reports)) continue;
      out.push({
        kind: c.kind,
        event: events[i]!.id,
        what: c.what,
        severity: c.severity,
        note: c.note,
        shared: list(c.names.map(nameOf)),
        reports: c.reports,
        message: '',
        ...(c.camps ? { camps: c.camps } : {}),
      });
    }
  });
  return out.map((c) => ({
    ...c,
    message: conflictMessage(c, sourceOf),
  }));
}

/** The happening in a word for messages: the noun its reports use ("fire"), or the noun of its verb ("meeting", "death"), else "event". */
function happeningNoun(ev: CorpusEvent): string {
  const noun = ev.reports.find((r) => r.action === ev.action && r.predicate.noun && !/\s/.test(r.word));
  if (noun) return nounLemma(noun.word) ?? noun.word;
  return nounOfVerb(ev.action) ?? 'event';
}

/**
 * Two reports of one event (grouped by coreference) that surely tell of one happening: two
 * sources, one predicate or its synonym, two names in common, and no one named on either side
 * the other lacks while it names someone else ("Holm met Marsh" and "Holm met Magnusson" are two meetings).
 */
function sameHappening(
  a: EventReport,
  b: EventReport,
  shared: number,
  inputs: ConflictInputs,
): 'names' | 'wording' | null {
  if (a.document === b.document) return null;
  if (a.action !== b.action && relatedness(a.action, b.action) < SYNONYMS) return null;
  const onlyA = a.actors.filter((id) => !among(id, b.actors, inputs.sameEntity));
  const onlyB = b.actors.filter((id) => !among(id, a.actors, inputs.sameEntity));
  if (onlyA.length > 0 && onlyB.length > 0) return null;
  // and evidence: two names in common (people, organisations, the place), or one in two articles
  // that tell one story (their participants and predicates alike)
  if (shared >= 2) return 'names';
  const stories = inputs.likeness(a.document, b.document) >= LIKE_STORIES;
  if (shared === 1 && stories) return 'names';
  // or, weaker, in two sentences worded alike
  if (shared === 1) return inputs.wording(a, b) >= LIKE_SENTENCES ? 'wording' : null;
  return stories && inputs.wording(a, b) >= LIKE_SENTENCES_ALONE ? 'wording' : null;
}

/** The entities two reports both name (taking part, in the clause, or as the place). */
function sharedNames(a: EventReport, b: EventReport, sameEntity: ConflictInputs['sameEntity']): string[] {
  const named = (r: EventReport): string[] => [
    ...new Set([...r.actors, ...r.entities, ...(r.venue ? [r.venue] : [])]),
  ];
  const other = named(b);
  return named(a).filter((id) => among(id, other, sameEntity));
}

/** `id` is one of `ids`, or stands for the same entity as one of them. */
function among(id: string, ids: readonly string[], sameEntity: ConflictInputs['sameEntity']): boolean {
  return ids.some((x) => sameEntity(id, x));
}

// Articles this alike tell one story (cosine of their profiles; tuned on the odd ECB+ topics).
const LIKE_STORIES = 0.5;
// Sentences this alike (cosine of their weighted words) tell of one happening with one name in
// common, or with none in two articles of one story (tuned on the odd ECB+ topics).
const LIKE_SENTENCES = 0.3;
const LIKE_SENTENCES_ALONE = 0.6;

// Predicates this related (synonyms, or a noun and its verb) name one kind of happening.
const SYNONYMS = 0.8;

const PRECISE = new Set(['day', 'month']);
// Undated counts are compared in articles at most this many days apart.
const UNDATED_COUNT_DAYS = 3;
const dayOf = (d: string | null): string | null => (d && d.length === 10 ? d : null);
// A day named from the publication date.
const DAY_WORD = /\b(?:yesterday|today|tonight|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b/i;

/** `text` names a weekday, and `day` (ISO) falls on it. */
function sameWeekday(text: string, day: string | null): boolean {
  const named = weekdayIn(text);
  return named !== undefined && day?.length === 10 && named === new Date(`${day}T00:00:00Z`).getUTCDay();
}

function dateConflict(
  a: EventReport,
  b: EventReport,
  inputs: ConflictInputs,
): { severity: Conflict['severity']; note: string | null } | undefined {
  if (a.repeat || b.repeat) return undefined;
  if (a.dateForm === 'bound' || b.dateForm === 'bound') return undefined;
  if (!PRECISE.has(a.date!.granularity ?? '') || !PRECISE.has(b.date!.granularity ?? '')) return undefined;
  const wa = widened(a);
  const wb = widened(b);
  if (!wa || !wb || overlaps(wa, wb)) return undefined;
  if (gapDays(a.date, b.date) > MAX_CONFLICT_GAP_DAYS) return undefined;
  // A source that reports the happening on both dates shows there were two occurrences.
  if (bothAttested(a, b, inputs.sameAction(a.action))) return undefined;
  if (a.dateForm === 'relative' || b.dateForm === 'relative') {
    // A relative date is only as good as the date it is read from. Two relative dates, a time of
    // day ("this morning", "about 8.40am") or an offset ("18 hours earlier") never conflict; a day
    // named from the publication date ("yesterday", "on Thursday") may, against a written date two
    // days away or more.
    if (a.dateForm === 'relative' && b.dateForm === 'relative') return undefined;
    const [relative, of, written] = a.dateForm === 'relative' ? [a.date!, a, b.date!] : [b.date!, b, a.date!];
    if (relative.anchor !== 'published' || !DAY_WORD.test(relative.text)) return undefined;
    // a publication date guessed from the latest date the article mentions is only a lower bound
    if (inputs.publishedOf(of.document)?.from === 'inferred') return undefined;
    // a weekday names only the day of the week: on the written date's weekday it fits another week
    if (sameWeekday(relative.text, written.from)) return undefined;
    if (a.date!.granularity !== 'day' || b.date!.granularity !== 'day' || gapDays(a.date, b.date) < 2)
      return undefined;
    return { severity: 'info', note: 'one date is read from the publication date' };
  }
  if (a.date!.granularity === 'day' && b.date!.granularity === 'day' && gapDays(a.date, b.date) <= 1) {
    return { severity: 'info', note: 'a day apart: time zones or an overnight event may explain it' };
  }
  return { severity: 'warning', note: null };
}

/** The report's interval, a part of a month read loosely ("early March" as far as March 13). */
function widened(r: EventReport): { from: string; to: string } | undefined {
  const { from, to, granularity } = r.date!;
  return from && to ? looseInterval({ from, to, granularity }) : undefined;
}

/**
 * The reports of one predicate that can show a source reporting a happening on two dates that do
 * not overlap: those of a source with two dated reports, and any dated over more than a day (one
 * report of one day cannot fall on both). The rest cannot change `bothAttested`'s answer.
 */
export function attesting(reports: readonly EventReport[]): EventReport[] {
  const dated = new Map<string, number>();
  for (const r of reports) if (r.date?.from) dated.set(r.document, (dated.get(r.document) ?? 0) + 1);
  return reports.filter(
    (r) => r.date?.from && ((dated.get(r.document) ?? 0) > 1 || r.date.from !== r.date.to),
  );
}

/** `sameAction` of `ConflictInputs` over the reports of each predicate: each list made `attesting` when first asked for. */
export function attestingLookup(
  byAction: ReadonlyMap<string, readonly EventReport[]>,
): (action: string) => readonly EventReport[] {
  const made = new Map<string, readonly EventReport[]>();
  return (action) => made.get(action) ?? made.set(action, attesting(byAction.get(action) ?? [])).get(action)!;
}

function bothAttested(a: EventReport, b: EventReport, sameAction: readonly EventReport[]): boolean {
  // reports that may tell of a's or b's happening: an actor shared, nobody on both sides the other lacks
  const related = (r: EventReport, x: EventReport): boolean =>
    r === x ||
    (r.actors.some((id) => x.actors.includes(id)) &&
      !(r.actors.some((id) => !x.actors.includes(id)) && x.actors.some((id) => !r.actors.includes(id))));
  const hits = (r: EventReport, x: EventReport): boolean =>
    r.date!.from !== null &&
    x.date!.from !== null &&
    overlaps(r.date! as { from: string; to: string }, x.date! as { from: string; to: string });
  const byDoc = new Map<string, { a: boolean; b: boolean }>();
  for (const r of sameAction) {
    if (r.date === null) continue;
    if (!related(r, a) && !related(r, b)) continue;
    const seen = byDoc.get(r.document) ?? { a: false, b: false };
    seen.a ||= hits(r, a);
    seen.b ||= hits(r, b);
    if (seen.a && seen.b) return true;
    byDoc.set(r.document, seen);
  }
  return false;
}

function quantityConflicts(
  a: EventReport,
  b: EventReport,
  inputs: ConflictInputs,
): [Quantity, Quantity, Conflict['severity']][] {
  // The same day, and the sources agree on it: otherwise two counts may be two happenings. An
  // undated count is of its article's days: of one predicate, in articles (or a dated report)
  // at most a few days apart (an ECB+ topic holds another year's happening of the same kind).
  if (a.date && b.date) {
    if (a.date.granularity !== 'day' || b.date.granularity !== 'day' || gapDays(a.date, b.date) !== 0)
      return [];
  } else {
    if (a.action !== b.action) return [];
    const when = (r: EventReport): string | null =>
      r.date?.granularity === 'day' ? r.date.from : dayOf(inputs.publishedOf(r.document)?.date ?? null);
    const x = when(a);
    const y = when(b);
    // with an article's day unknown nothing tells two happenings apart
    if (x === null || y === null || Math.abs(daysBetween(x, y)) > UNDATED_COUNT_DAYS) return [];
  }
  if (a.dateForm === 'bound' || b.dateForm === 'bound') return [];
  const severity = a.dateForm === 'relative' || b.dateForm === 'relative' ? 'info' : 'warning';
  const out: [Quantity, Quantity, Conflict['severity']][] = [];
  const head = (q: Quantity): string => q.noun.replace(/s$/, '');
  for (const qa of a.quantities) {
    // a noun counted twice in one report is ambiguous: which count belongs to the happening?
    if (qa.total || qa.approximate || a.quantities.filter((q) => head(q) === head(qa)).length > 1) continue;
    const matches = b.quantities.filter((q) => head(q) === head(qa));
    if (matches.length !== 1) continue;
    const qb = matches[0]!;
    if (qb.total || qb.approximate || qb.value === qa.value) continue;
    out.push([qa, qb, severity]);
  }
  return out;
}

function dateReport(r: EventReport): ConflictReport {
  const value = r.date!.from === r.date!.to ? r.date!.from! : `${r.date!.from}/${r.date!.to}`;
  return { document: r.document, start: r.date!.start, end: r.date!.end, text: r.date!.text, value };
}

function quantityReport(r: EventReport, q: Quantity): ConflictReport {
  return { document: r.document, start: q.start, end: q.end, text: q.text, value: String(q.value) };
}

/**
 * Decisions in corpus.yaml that no longer name a report (the article changed, or the file is
 * gone): reported as information at the entry, so the file can be tidied.
 */
export function staleDecisions(
  sections: {
    readonly distinct: readonly ManifestDecision[];
    readonly dismissed: readonly ManifestDecision[];
  },
  reports: readonly EventReport[],
): Finding[] {
  const out: Finding[] = [];
  for (const [section, decisions] of [
    ['distinct', sections.distinct],
    ['dismissed', sections.dismissed],
  ] as const) {
    for (const d of decisions) {
      const missing = d.reports.filter((k: ReportKey) => !reports.some((r) => reportMatches(r, k)));
      if (missing.length === 0) continue;
      out.push({
        code: 'stale-decision',
        severity: 'info',
        file: MANIFEST_FILE,
        span: d.span,
        message: `this \`${section}\` entry no longer matches: ${missing.map((k) => `no report in \`${k.file}\` says “${k.text}”`).join('; ')}`,
      });
    }
  }
  return out;
}
