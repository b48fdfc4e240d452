/** Calendar helpers on ISO day strings (YYYY-MM-DD) and partial dates (YYYY, YYYY-MM, YYYY-MM-DD). */

export type Granularity = 'day' | 'week' | 'month' | 'quarter' | 'season' | 'year' | 'decade' | 'century';

/** A closed interval of days, ISO strings, with the precision the text gave. */
export interface Interval {
  readonly from: string;
  readonly to: string;
  readonly granularity: Granularity;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function iso(year: number, month: number, day: number): string {
  const y = year < 0 ? '-' + String(-year).padStart(6, '0') : String(year).padStart(4, '0');
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking the calendar; undefined when impossible. */
export function parsePartialDate(value: string): Interval | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return undefined;
  const year = Number(m[1]);
  if (m[2] === undefined) return { from: iso(year, 1, 1), to: iso(year, 12, 31), granularity: 'year' };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  if (m[3] === undefined)
    return {
      from: iso(year, month, 1),
      to: iso(year, month, daysInMonth(year, month)),
      granularity: 'month',
    };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  const d = iso(year, month, day);
  return { from: d, to: d, granularity: 'day' };
}

/** Day arithmetic on ISO day strings. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Adds calendar months, clamping the day to the target month's length. */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return iso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Whole days from a to b. */
export function daysBetween(a: string, b: string): number {
  const pa = a.split('-').map(Number) as [number, number, number];
  const pb = b.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(pb[0], pb[1] - 1, pb[2]) - Date.UTC(pa[0], pa[1] - 1, pa[2])) / 86_400_000);
}

export function overlaps(a: Pick<Interval, 'from' | 'to'>, b: Pick<Interval, 'from' | 'to'>): boolean {
  return a.from <= b.to && b.from <= a.to;
}

/** The partial-date string (as in the JSON contract) that an interval stands for. */
export function toPartialDate(i: Interval): string {
  if (i.granularity === 'day') return i.from;
  if (i.granularity === 'month') return i.from.slice(0, 7);
  return i.from.slice(0, 4);
}

// A part of a month ("early March" = 1–10) has soft edges: a writer's "early" can reach the 13th.
const SOFT_EDGE_DAYS = 3;

/** A date's interval read loosely: a part of a month widened by a few days on each side, anything else as it is. */
export function looseInterval(d: {
  readonly from: string;
  readonly to: string;
  readonly granularity: string | null;
}): { from: string; to: string } {
  const { from, to } = d;
  const wholeMonth =
    from.endsWith('-01') && addDays(to, 1).endsWith('-01') && from.slice(0, 7) === to.slice(0, 7);
  if (d.granularity === 'month' && !wholeMonth)
    return { from: addDays(from, -SOFT_EDGE_DAYS), to: addDays(to, SOFT_EDGE_DAYS) };
  return { from, to };
}
