/**
 * Events from reports: every article's reports (reports.ts), grouped across sources by event
 * coreference (coreference.ts), each group an event with a summary and the span of its dates.
 */
import type { CorpusDocument } from '../text/document';
import type { Sentence } from '../text/sentences';
import type { DateExpression } from '../dates/date-expressions';
import type { Entity } from '../entities/entities';
import type { PlacedMention } from './roles';
import type { Predicate } from './predicates';
import { reportsOf, type EventReport } from './reports';
import { groupReports, GROUPING, type GroupingParams } from './coreference';
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

/** One article as event finding reads it. */
export interface EventArticle {
  readonly doc: CorpusDocument;
  readonly sentences: readonly Sentence[];
  readonly dates: readonly DateExpression[];
  readonly predicates: readonly Predicate[];
  /** The publication day (ISO), if known. */
  readonly published: string | null;
}

export interface EventOptions {
  /** Whether a person declared two reports different events (corpus.yaml `distinct:`). */
  readonly apart?: (a: EventReport, b: EventReport) => boolean;
  readonly params?: GroupingParams;
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
  articles: readonly EventArticle[],
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
  articles: readonly EventArticle[],
  entities: readonly Entity[],
  options: EventOptions = {},
): CorpusEvent[] {
  const byDoc = new Map(articles.map((a) => [a.doc.id, a]));
  const byId = new Map(entities.map((e) => [e.id, e]));
  const textOf = (id: string): string => byDoc.get(id)?.doc.text ?? '';
  const groups = groupReports(
    reports,
    { text: textOf, published: (id) => byDoc.get(id)?.published ?? null, apart: options.apart },
    options.params ?? GROUPING,
  );
  const made = groups.map((g) => {
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
  });
  const first = (e: (typeof made)[number]): EventReport => e.reports[0]!;
  made.sort(
    (x, y) =>
      compare(x.from ?? '\uffff', y.from ?? '\uffff') ||
      compare(first(x).document, first(y).document) ||
      first(x).start - first(y).start,
  );
  return made.map((e, i) => ({ id: `e${i + 1}`, ...e }));
}

/** Code-point order: the same on every machine, whatever its locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
