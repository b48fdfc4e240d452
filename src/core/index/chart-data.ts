/**
 * The timeline chart's data: a corpus's dated events and their reports, as compact plain data the
 * editor posts to the chart's webview. Sentences are not included (the chart asks for one when a
 * report is hovered), so the payload stays small on large corpora.
 */
import type { CorpusIndex } from './corpus-index';
import { buildTimeline } from './timeline';
import { compareText } from '../pipeline/text/compare';

/** Everything the chart draws, for one corpus. Indexes into `documents`, `sources` and `entities` keep it small. */
export interface ChartData {
  readonly documents: readonly ChartDocument[];
  /** Outlets, and articles without an outlet: the lanes of the "by source" layout. */
  readonly sources: readonly string[];
  /** The entities taking part in a dated event, most events first. */
  readonly entities: readonly ChartEntity[];
  /** The kinds of action, most events first. */
  readonly actions: readonly string[];
  /** Dated events, earliest first. */
  readonly events: readonly ChartEvent[];
}

export interface ChartDocument {
  readonly id: string;
  readonly title: string;
  /** Index into `sources`. */
  readonly source: number;
}

export interface ChartEntity {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  /** How many dated events it takes part in. */
  readonly events: number;
}

export interface ChartEvent {
  readonly id: string;
  /** Stable across re-analysis: the Timeline view's key of the same event. */
  readonly key: string;
  readonly summary: string;
  /** Index into `actions`. */
  readonly action: number;
  readonly from: string;
  readonly to: string;
  /** Indexes into `entities`. */
  readonly entities: readonly number[];
  /** The strongest conflict between its reports, if any. */
  readonly conflict: 'warning' | 'info' | null;
  readonly reports: readonly ChartReport[];
}

/** One source's report: `from`/`to` null when this source does not date the event. */
export interface ChartReport {
  /** Index into `documents`. */
  readonly document: number;
  /** The sentence's span. */
  readonly start: number;
  readonly end: number;
  readonly from: string | null;
  readonly to: string | null;
  /** `day` draws a point; anything coarser (month, season, year) a bar of its extent. */
  readonly granularity: string | null;
  /** The date as written, empty when undated. */
  readonly dateText: string;
  readonly plan: boolean;
  /** This report takes part in a conflict. */
  readonly conflict: 'warning' | 'info' | null;
}

/** Builds the chart's data from an index. */
export function buildChartData(index: CorpusIndex): ChartData {
  const timeline = buildTimeline(index.events, index.conflicts);
  const entries = [...timeline.years.flatMap((y) => y.months.flatMap((m) => m.entries)), ...timeline.undated];
  const sources: string[] = [];
  const sourceAt = new Map<string, number>();
  const docAt = new Map<string, number>();
  const documents = index.documents.map((d, i): ChartDocument => {
    docAt.set(d.id, i);
    // an article without an outlet is a source of its own; two such articles with one title stay apart
    const name = d.outlet ?? `${d.title || d.id}\u0000${d.id}`;
    let source = sourceAt.get(name);
    if (source === undefined) {
      source = sources.push(d.outlet ?? (d.title || d.id)) - 1;
      sourceAt.set(name, source);
    }
    return { id: d.id, title: d.title || d.id, source };
  });
  const entityCount = new Map<string, number>();
  const actionCount = new Map<string, number>();
  for (const { event } of entries) {
    actionCount.set(event.action, (actionCount.get(event.action) ?? 0) + 1);
    for (const id of new Set(event.entities)) entityCount.set(id, (entityCount.get(id) ?? 0) + 1);
  }
  const entities = [...entityCount]
    .flatMap(([id, events]) => {
      const e = index.entity(id);
      return e ? [{ id, name: e.name, type: e.type, events }] : [];
    })
    .sort((a, b) => b.events - a.events || compareText(a.name, b.name));
  const entityAt = new Map(entities.map((e, i) => [e.id, i]));
  const actions = [...actionCount].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([a]) => a);
  const actionAt = new Map(actions.map((a, i) => [a, i]));
  const events = entries.flatMap(({ key, event, conflicts }): ChartEvent[] => {
    if (event.from === null) return [];
    const strongest = (cs: readonly { severity: 'warning' | 'info' }[]): 'warning' | 'info' | null =>
      cs.some((c) => c.severity === 'warning') ? 'warning' : cs.length > 0 ? 'info' : null;
    return [
      {
        id: event.id,
        key,
        summary: event.summary,
        action: actionAt.get(event.action)!,
        from: event.from,
        to: event.to ?? event.from,
        entities: [...new Set(event.entities)].flatMap((id) => entityAt.get(id) ?? []),
        conflict: strongest(conflicts),
        reports: event.reports.flatMap((r): ChartReport[] => {
          const document = docAt.get(r.document);
          if (document === undefined) return [];
          const mine = conflicts.filter((c) =>
            c.reports.some((x) => x.document === r.document && x.start < r.end && r.start < x.end),
          );
          return [
            {
              document,
              start: r.start,
              end: r.end,
              from: r.date?.from ?? null,
              to: r.date?.to ?? r.date?.from ?? null,
              granularity: r.date?.granularity ?? null,
              dateText: r.date?.text ?? '',
              plan: r.plan,
              conflict: strongest(mine),
            },
          ];
        }),
      },
    ];
  });
  return { documents, sources, entities, actions, events };
}

/** The sentence of a report as the chart's hover shows it: spaces collapsed, at most `max` characters. */
export function reportSentence(
  index: CorpusIndex,
  document: string,
  start: number,
  end: number,
  max = 600,
): string {
  const text = (index.document(document)?.text.slice(start, end) ?? '').replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
