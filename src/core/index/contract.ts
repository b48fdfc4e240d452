/** The JSON contract of `corpus-nav index --json`, version 1 (documented in the README). Stable: fields may be added, never changed. */
import type { CorpusIndex } from './corpus-index';

export interface IndexJsonV1 {
  version: 1;
  documents: {
    id: string;
    title: string;
    published: string | null;
    publishedFrom: 'manifest' | 'text' | 'inferred' | null;
    outlet: string | null;
    author: string | null;
    url: string | null;
  }[];
  entities: {
    id: string;
    type: string;
    name: string;
    aliases: string[];
    description: string | null;
    mentions: { document: string; start: number; end: number; text: string }[];
  }[];
  dates: {
    document: string;
    start: number;
    end: number;
    text: string;
    from: string | null;
    to: string | null;
    granularity: string | null;
    kind: 'point' | 'duration';
    reference: 'present' | 'past' | 'future' | null;
  }[];
  events: {
    id: string;
    summary: string;
    /** The predicate most of its reports share, in base form ("die", "fire"). */
    action: string;
    from: string | null;
    to: string | null;
    entities: string[];
    reports: {
      document: string;
      start: number;
      end: number;
      /** The date as written; empty when this source does not date the event (`undated`). */
      dateText: string;
      from: string | null;
      to: string | null;
      /** The word(s) naming the happening. */
      predicate: { start: number; end: number; text: string };
      undated?: true;
      /** Planned or expected, not (yet) happened. */
      plan?: true;
      /** Only a verb of saying: someone spoke. */
      statement?: true;
    }[];
  }[];
  conflicts: {
    kind: 'date' | 'quantity';
    event: string;
    message: string;
    severity: 'warning' | 'info';
    reports: { document: string; start: number; end: number; text: string; value: string }[];
  }[];
  findings: { file: string; line: number; column: number; severity: string; code: string; message: string }[];
}

export function toJsonV1(index: CorpusIndex): IndexJsonV1 {
  return {
    version: 1,
    documents: index.documents.map((d) => ({
      id: d.id,
      title: d.title,
      published: d.published?.date ?? null,
      publishedFrom: d.published?.from ?? null,
      outlet: d.outlet,
      author: d.author,
      url: d.url,
    })),
    entities: index.entities.map((e) => ({
      id: e.id,
      type: e.type,
      name: e.name,
      aliases: [...e.aliases],
      description: e.description,
      mentions: e.mentions.map((m) => ({ document: m.document, start: m.start, end: m.end, text: m.text })),
    })),
    dates: index.documents.flatMap((d) =>
      d.dates.map((x) => ({
        document: d.id,
        start: x.start,
        end: x.end,
        text: x.text,
        from: x.from,
        to: x.to,
        granularity: x.granularity,
        kind: x.kind,
        reference: x.reference ?? null,
      })),
    ),
    events: index.events.map((e) => ({
      id: e.id,
      summary: e.summary,
      action: e.action,
      from: e.from,
      to: e.to,
      entities: [...e.entities],
      reports: e.reports.map((r) => ({
        document: r.document,
        start: r.start,
        end: r.end,
        dateText: r.date?.text ?? '',
        from: r.date?.from ?? null,
        to: r.date?.to ?? null,
        predicate: { start: r.predicate.start, end: r.predicate.end, text: r.predicate.text },
        ...(r.date === null ? { undated: true as const } : {}),
        ...(r.plan ? { plan: true as const } : {}),
        ...(r.statement ? { statement: true as const } : {}),
      })),
    })),
    conflicts: index.conflicts.map((c) => ({
      kind: c.kind,
      event: c.event,
      message: c.message,
      severity: c.severity,
      reports: c.reports.map((r) => ({ ...r })),
    })),
    findings: index.findings.map((f) => {
      const p = index.positionAt(f.file, f.span.start);
      return {
        file: f.file,
        line: p.line + 1,
        column: p.character + 1,
        severity: f.severity,
        code: f.code,
        message: f.message,
      };
    }),
  };
}
