/** Grouping events again as a corpus changes, and keeping unchanged events the same objects. */
import {
  eventOfGroup,
  groupingContext,
  numberEvents,
  type UnnumberedEvent,
  type CorpusEvent,
  type EventInput,
  type EventReport,
  type ReportKey,
} from '../pipeline/events/events';
import type { Entity } from '../pipeline/entities/entities';
import { GROUPING, type ReportGroup } from '../pipeline/events/coreference';
import { ReportGrouper } from './report-grouper';
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
    if (p === e) return p;
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
 * `eventsOf` that follows a changing corpus: the grouping is updated where reports changed
 * (`ReportGrouper`); a group's event is made again only when the group, or the name of someone
 * it names, changed; an event keeps its object while its number stays too.
 */
export class EventGrouper {
  readonly #grouper = new ReportGrouper(GROUPING);
  #distinct: string | undefined;
  /** Each group's event, with its number. */
  #events = new Map<ReportGroup, { readonly made: UnnumberedEvent; numbered?: CorpusEvent }>();
  #entities = new Map<string, Entity>();

  group(
    reports: readonly EventReport[],
    articles: readonly EventInput[],
    entities: readonly Entity[],
    distinct: readonly (readonly ReportKey[])[],
  ): CorpusEvent[] {
    const key = JSON.stringify(distinct);
    if (key !== this.#distinct) this.#grouper.reset();
    this.#distinct = key;
    const groups = this.#grouper.group(reports, groupingContext(articles, distinct));
    // the entities that are not the objects they were: a summary naming one is made again
    const byId = new Map(entities.map((e) => [e.id, e]));
    const renamed = new Set<string>();
    for (const [id, e] of byId) if (this.#entities.get(id) !== e) renamed.add(id);
    for (const id of this.#entities.keys()) if (!byId.has(id)) renamed.add(id);
    this.#entities = byId;
    const texts = new Map(articles.map((a) => [a.doc.id, a.doc.text]));
    const textOf = (id: string): string => texts.get(id) ?? '';
    const kept = this.#events;
    const next = new Map<ReportGroup, { readonly made: UnnumberedEvent; numbered?: CorpusEvent }>();
    const groupOf = new Map<UnnumberedEvent, ReportGroup>();
    const made = groups.map((g) => {
      const hit = kept.get(g);
      const slot =
        hit && !(renamed.size > 0 && names(g, renamed)) ? hit : { made: eventOfGroup(g, byId, textOf) };
      next.set(g, slot);
      groupOf.set(slot.made, g);
      return slot.made;
    });
    this.#events = next;
    return numberEvents(made, (e, id) => {
      const slot = next.get(groupOf.get(e)!)!;
      if (slot.numbered?.id !== id) slot.numbered = { id, ...e };
      return slot.numbered;
    });
  }
}

/** Whether a group's reports name any of `ids`. */
function names(group: ReportGroup, ids: ReadonlySet<string>): boolean {
  return group.some(
    (r) =>
      r.actors.some((id) => ids.has(id)) ||
      r.entities.some((id) => ids.has(id)) ||
      (r.venue !== null && ids.has(r.venue)),
  );
}
