/** Grouping events again as a corpus changes, and keeping unchanged events the same objects. */
import {
  eventsOf,
  type CorpusEvent,
  type EventInput,
  type EventReport,
  type ReportKey,
} from '../pipeline/events/events';
import type { Entity } from '../pipeline/entities/entities';
import { summarize } from '../pipeline/events/summaries';
import { sameItems } from './lists';

/**
 * `next` with each event that equals one of `previous` (same id, summary, dates and participants,
 * and the very same report objects) replaced by that one: unchanged events stay the same objects
 * from one analysis to the next, so the editor is sent only the others.
 */
export function keepUnchangedEvents(
  previous: readonly CorpusEvent[],
  next: readonly CorpusEvent[],
): CorpusEvent[] {
  return keepEvents(previous, next, (a, b) => a === b);
}

/**
 * As `keepUnchangedEvents`, for `previous` events of another analysis (an earlier session's
 * snapshot): reports are compared by value. `swap` gets each report of `next` kept this way with
 * the report of `previous` that takes its place.
 */
export function adoptEvents(
  previous: readonly CorpusEvent[],
  next: readonly CorpusEvent[],
  swap: Map<EventReport, EventReport>,
): CorpusEvent[] {
  const kept = keepEvents(previous, next, (a, b) => a === b || JSON.stringify(a) === JSON.stringify(b));
  kept.forEach((e, i) => {
    if (e !== next[i]) next[i]!.reports.forEach((r, j) => swap.set(r, e.reports[j]!));
  });
  return kept;
}

function keepEvents(
  previous: readonly CorpusEvent[],
  next: readonly CorpusEvent[],
  sameReport: (a: EventReport, b: EventReport) => boolean,
): CorpusEvent[] {
  const byId = new Map(previous.map((e) => [e.id, e]));
  return next.map((e) => {
    const p = byId.get(e.id);
    const same =
      p !== undefined &&
      p.summary === e.summary &&
      p.action === e.action &&
      p.from === e.from &&
      p.to === e.to &&
      sameItems(p.entities, e.entities) &&
      p.reports.length === e.reports.length &&
      p.reports.every((r, i) => sameReport(r, e.reports[i]!));
    return same ? p : e;
  });
}

/**
 * `eventsOf` that keeps its last grouping: given the very same reports (the same objects, in
 * order) and the same `distinct`, the events are as before but for their summaries, which name
 * the participants and are made again.
 */
export class EventGrouper {
  #last:
    | {
        readonly reports: readonly EventReport[];
        readonly distinct: string;
        readonly events: readonly CorpusEvent[];
      }
    | undefined;

  group(
    reports: readonly EventReport[],
    articles: readonly EventInput[],
    entity: (id: string) => Entity | undefined,
    distinct: readonly (readonly ReportKey[])[],
  ): CorpusEvent[] {
    const key = JSON.stringify(distinct);
    const last = this.#last;
    if (last && last.distinct === key && sameItems(last.reports, reports)) {
      const texts = new Map(articles.map((a) => [a.doc.id, a.doc.text]));
      const events = last.events.map((e) => {
        const summary = summarize(e.reports, { get: entity }, (id) => texts.get(id) ?? '');
        return summary === e.summary ? e : { ...e, summary };
      });
      this.#last = { ...last, events };
      return events;
    }
    const events = eventsOf(reports, articles, entity, { distinct });
    this.#last = { reports: reports.slice(), distinct: key, events };
    return events;
  }
}
