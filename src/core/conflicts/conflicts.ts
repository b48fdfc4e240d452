/**
 * Conflicts: two sources that report one event with dates that cannot both be true, or with
 * different counts of the same thing. Precision first: a difference of precision is not a
 * conflict, and a total over several happenings does not conflict with one of its parts.
 */
import type { CorpusEvent, EventReport, Quantity } from '../events/events';
import { overlaps } from '../dates/partial-date';

export interface ConflictReport {
  readonly document: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly value: string;
}

export interface Conflict {
  readonly kind: 'date' | 'quantity';
  readonly event: string;
  readonly message: string;
  readonly reports: readonly ConflictReport[];
}

export function findConflicts(events: readonly CorpusEvent[], titleOf: (document: string) => string): Conflict[] {
  const out: Conflict[] = [];
  for (const ev of events) {
    const rs = ev.reports;
    for (let i = 0; i < rs.length; i++) {
      for (let j = i + 1; j < rs.length; j++) {
        const a = rs[i]!;
        const b = rs[j]!;
        if (a.document === b.document) continue;
        if (a.date.from && b.date.from && !overlaps(a.date as { from: string; to: string }, b.date as { from: string; to: string })) {
          out.push({
            kind: 'date',
            event: ev.id,
            message: `${titleOf(a.document)} dates this ${ev.action} ${a.date.text}; ${titleOf(b.document)} says ${b.date.text}`,
            reports: [dateReport(a), dateReport(b)],
          });
        }
        for (const qa of a.quantities) {
          const qb = b.quantities.find((q) => q.noun === qa.noun);
          if (!qb || qb.value === qa.value || qa.total || qb.total) continue;
          out.push({
            kind: 'quantity',
            event: ev.id,
            message: `${titleOf(a.document)} says ${qa.text}; ${titleOf(b.document)} says ${qb.text}`,
            reports: [quantityReport(a, qa), quantityReport(b, qb)],
          });
        }
      }
    }
  }
  return out;
}

function dateReport(r: EventReport): ConflictReport {
  const value = r.date.from === r.date.to ? r.date.from! : `${r.date.from}/${r.date.to}`;
  return { document: r.document, start: r.date.start, end: r.date.end, text: r.date.text, value };
}

function quantityReport(r: EventReport, q: Quantity): ConflictReport {
  return { document: r.document, start: q.start, end: q.end, text: q.text, value: String(q.value) };
}
