/**
 * Events from reports: every article's reports (reports.ts), grouped across sources by event
 * coreference (coreference.ts), each group an event with a summary and the span of its dates.
 */
import type { CorpusDocument } from '../text/document';
import type { Sentence } from '../text/sentences';
import type { DateExpression } from '../dates/date-expressions';
import type { Entity } from '../entities/entities';
import { daysBetween } from '../dates/partial-date';
import type { PlacedMention } from './roles';
import type { Predicate } from './predicates';
import { reportsOf, type EventReport } from './reports';

export type { EventReport, Quantity } from './reports';
import {
  groupReports,
  GROUPING,
  type GroupingContext,
  type GroupingParams,
  type ReportGroup,
} from './coreference';
import { summarize } from './summaries';

/** A happening as the corpus tells it: one report per source clause that tells of it. */
export interface CorpusEvent {
  readonly id: string;
  readonly summary: string;
  /** The predicate most of its reports share ("die", "meet"). */
  readonly action: string;
  /** The earliest and latest day its dated reports give; null when no report dates it. */
  readonly from: string | null;
  readonly to: string | null;
  /** Every dated report is a plan ("will be sentenced November 8"). */
  readonly plan: boolean;
  readonly entities: readonly string[];
  readonly reports: readonly EventReport[];
}

/** A report named the way a person's decision in corpus.yaml names it: the article and a date or number as written there. */
export interface ReportKey {
  readonly file: string;
  readonly text: string;
}

/** Whether a report is the one a decision names: same article, and its date or one of its numbers reads `text`. */
export function reportMatches(r: EventReport, key: ReportKey): boolean {
  return (
    r.document === key.file && (r.date?.text === key.text || r.quantities.some((q) => q.text === key.text))
  );
}

/** Days between two intervals; 0 when they overlap, Infinity when one is unknown. */
export function gapDays(
  a: { from: string | null; to: string | null } | null,
  b: { from: string | null; to: string | null } | null,
): number {
  if (!a?.from || !a.to || !b?.from || !b.to) return Infinity;
  if (a.to < b.from) return daysBetween(a.to, b.from);
  if (b.to < a.from) return daysBetween(b.to, a.from);
  return 0;
}

/** One article as event finding reads it. */
export interface EventInput {
  readonly doc: CorpusDocument;
  readonly sentences: readonly Sentence[];
  readonly dates: readonly DateExpression[];
  readonly predicates: readonly Predicate[];
  /** The publication day (ISO), if known. */
  readonly published: string | null;
}

export interface EventOptions {
  /** Pairs of reports a person declared different events (corpus.yaml `distinct:`); they never share an event. */
  readonly distinct?: readonly (readonly ReportKey[])[];
  readonly params?: GroupingParams;
}

function apartOf(
  distinct: readonly (readonly ReportKey[])[],
): ((a: EventReport, b: EventReport) => boolean) | undefined {
  if (distinct.length === 0) return undefined;
  return (a, b) =>
    distinct.some((keys) =>
      keys.some((k, i) => reportMatches(a, k) && keys.some((l, j) => j !== i && reportMatches(b, l))),
    );
}

/** The mentions of each article, in order, with their entities. */
export function placedMentions(entities: readonly Entity[]): Map<string, PlacedMention[]> {
  const byDoc = new Map<string, PlacedMention[]>();
  for (const e of entities) {
    for (const m of e.mentions) {
      const list = byDoc.get(m.document);
      const placed = { start: m.start, end: m.end, entity: e };
      if (list) list.push(placed);
      else byDoc.set(m.document, [placed]);
    }
  }
  for (const list of byDoc.values()) list.sort((a, b) => a.start - b.start || a.end - b.end);
  return byDoc;
}

/** Finds every article's reports and groups them into events. */
export function findEvents(
  articles: readonly EventInput[],
  entities: readonly Entity[],
  options: EventOptions = {},
): CorpusEvent[] {
  const mentions = placedMentions(entities);
  const reports = articles.flatMap((a) => reportsOf(a, mentions.get(a.doc.id) ?? []));
  return eventsOf(reports, articles, entities, options);
}

/** Groups reports into events, numbered in order of their first day (undated events last). */
export function eventsOf(
  reports: readonly EventReport[],
  articles: readonly EventInput[],
  entities: readonly Entity[] | ((id: string) => Entity | undefined),
  options: EventOptions = {},
): CorpusEvent[] {
  const groups = groupReports(
    reports,
    groupingContext(articles, options.distinct ?? []),
    options.params ?? GROUPING,
  );
  return eventsFromGroups(groups, articles, entities);
}

/** What grouping reads of the articles, and the pairs a person declared distinct. */
export function groupingContext(
  articles: readonly EventInput[],
  distinct: readonly (readonly ReportKey[])[],
): GroupingContext {
  const byDoc = new Map(articles.map((a) => [a.doc.id, a]));
  return {
    text: (id) => byDoc.get(id)?.doc.text ?? '',
    published: (id) => byDoc.get(id)?.published ?? null,
    apart: apartOf(distinct),
  };
}

/** Events made of groups of reports: summaries, dates, participants, numbered in time order. */
export function eventsFromGroups(
  groups: readonly ReportGroup[],
  articles: readonly EventInput[],
  entities: readonly Entity[] | ((id: string) => Entity | undefined),
): CorpusEvent[] {
  const byDoc = new Map(articles.map((a) => [a.doc.id, a]));
  const byId: { get(id: string): Entity | undefined } =
    typeof entities === 'function' ? { get: entities } : new Map(entities.map((e) => [e.id, e]));
  const textOf = (id: string): string => byDoc.get(id)?.doc.text ?? '';
  return numberEvents(groups.map((g) => eventOfGroup(g, byId, textOf)));
}

/** An event without its number. */
export type UnnumberedEvent = Omit<CorpusEvent, 'id'>;

/** One group's event: its summary, the span of its dates, its commonest predicate, its participants. */
export function eventOfGroup(
  g: ReportGroup,
  byId: { get(id: string): Entity | undefined },
  textOf: (document: string) => string,
): UnnumberedEvent {
  const dated = g.filter((r) => r.date !== null);
  const from = dated.map((r) => r.date!.from!).sort()[0] ?? null;
  const to =
    dated
      .map((r) => r.date!.to!)
      .sort()
      .at(-1) ?? null;
  const counts = new Map<string, number>();
  for (const r of g) counts.set(r.action, (counts.get(r.action) ?? 0) + 1);
  const action = [...counts].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]![0];
  return {
    summary: summarize(g, byId, textOf),
    action,
    from,
    to,
    plan: dated.length > 0 && dated.every((r) => r.plan),
    entities: [...new Set(g.flatMap((r) => r.entities))],
    reports: g,
  };
}

/**
 * Events in order of their first day (undated last), then of their first report, numbered
 * e1, e2, …. `numbered` may give the object for an event and its id (one kept from before).
 */
export function numberEvents(
  events: UnnumberedEvent[],
  numbered: (event: UnnumberedEvent, id: string) => CorpusEvent = (e, id) => ({ id, ...e }),
): CorpusEvent[] {
  const first = (e: UnnumberedEvent): EventReport => e.reports[0]!;
  events.sort(
    (x, y) =>
      compare(x.from ?? '\uffff', y.from ?? '\uffff') ||
      compare(first(x).document, first(y).document) ||
      first(x).start - first(y).start,
  );
  return events.map((e, i) => numbered(e, `e${i + 1}`));
}

/** Code-point order: the same on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
