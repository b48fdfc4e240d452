/**
 * The timeline: a corpus's events in date order, grouped by year and month, optionally only those
 * an entity takes part in. A query over the index, free of the editor: the tree view draws it.
 */
import type { CorpusEvent } from '../pipeline/events/events';
import type { Conflict } from '../pipeline/conflicts/wording';
import { compareText } from '../pipeline/text/compare';

/** One event on the timeline, with its stable key and the conflicts between its reports. */
export interface TimelineEntry {
  /**
   * Stays the same when the corpus is re-analysed after an edit elsewhere (event ids are
   * renumbered): the kind of action and the summary, numbered when several events share them.
   */
  readonly key: string;
  readonly event: CorpusEvent;
  readonly conflicts: readonly Conflict[];
}

/** The events of one calendar month (grouped by the first day an event can mean). */
export interface TimelineMonth {
  /** `YYYY-MM`. */
  readonly key: string;
  /** 1–12. */
  readonly month: number;
  readonly entries: readonly TimelineEntry[];
}

export interface TimelineYear {
  /** `YYYY` (a signed six-digit year before year 0, as the dates are written). */
  readonly year: string;
  readonly months: readonly TimelineMonth[];
}

export interface Timeline {
  readonly years: readonly TimelineYear[];
  /** Events no date places; none today (a report needs a resolved date), kept for safety. */
  readonly undated: readonly TimelineEntry[];
  /** How many events the timeline shows. */
  readonly shown: number;
  /** How many events the corpus has, before any filter. */
  readonly total: number;
}

export interface TimelineOptions {
  /** Only the events this entity takes part in. */
  readonly entity?: string;
}

/** Builds the timeline of a corpus's events. */
export function buildTimeline(
  events: readonly CorpusEvent[],
  conflicts: readonly Conflict[],
  options: TimelineOptions = {},
): Timeline {
  const byEvent = new Map<string, Conflict[]>();
  for (const c of conflicts) byEvent.set(c.event, [...(byEvent.get(c.event) ?? []), c]);
  const keys = eventKeys(events);
  // the timeline holds dated events: an event no source dates is left to hovers and references
  const dated = events.filter((e) => e.from !== null);
  const entries = dated
    .filter((e) => options.entity === undefined || e.entities.includes(options.entity))
    .map((event): TimelineEntry => ({ key: keys.get(event)!, event, conflicts: byEvent.get(event.id) ?? [] }))
    .sort((a, b) => compareEvents(a.event, b.event));
  const years: { year: string; months: { key: string; month: number; entries: TimelineEntry[] }[] }[] = [];
  const undated: TimelineEntry[] = [];
  for (const entry of entries) {
    const m = entry.event.from === null ? null : /^(-?\d+)-(\d{2})/.exec(entry.event.from);
    if (!m) {
      undated.push(entry);
      continue;
    }
    const [, year, month] = m as unknown as [string, string, string];
    let y = years.at(-1);
    if (y?.year !== year) years.push((y = { year, months: [] }));
    let mo = y.months.at(-1);
    if (mo?.key !== `${year}-${month}`)
      y.months.push((mo = { key: `${year}-${month}`, month: Number(month), entries: [] }));
    mo.entries.push(entry);
  }
  return { years, undated, shown: entries.length, total: dated.length };
}

/** How many events each entity takes part in. */
export function eventCounts(events: readonly CorpusEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) for (const id of new Set(e.entities)) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** Earliest first; of two that start together the narrower; then by summary, so the order is total. */
function compareEvents(a: CorpusEvent, b: CorpusEvent): number {
  if (a.from === null || b.from === null)
    return a.from === b.from ? compareText(a.summary, b.summary) : a.from === null ? 1 : -1;
  return (
    compareIso(a.from, b.from) ||
    compareIso(a.to ?? a.from, b.to ?? b.from) ||
    compareText(a.summary, b.summary) ||
    a.id.localeCompare(b.id, 'en', { numeric: true })
  );
}

/** ISO days, including signed six-digit years before year 0. */
function compareIso(a: string, b: string): number {
  const split = (s: string): [number, string] => {
    const i = s.indexOf('-', 1);
    return [Number(s.slice(0, i)), s.slice(i)];
  };
  const [ya, ra] = split(a);
  const [yb, rb] = split(b);
  return ya - yb || (ra < rb ? -1 : ra > rb ? 1 : 0);
}

function eventKeys(events: readonly CorpusEvent[]): Map<CorpusEvent, string> {
  const seen = new Map<string, number>();
  const keys = new Map<CorpusEvent, string>();
  for (const event of [...events].sort(compareEvents)) {
    const base = `${event.action}:${event.summary}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    keys.set(event, n === 1 ? base : `${base}#${n}`);
  }
  return keys;
}
