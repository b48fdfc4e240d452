/**
 * Dates as people write them, at their own precision: "21 June 2025", "June 2025",
 * "mid-August 2025", "2020–2022", "summer 2024", never an interval's first day. Month and day
 * names follow the locale (Intl); the words around them (early, mid-, summer, week of) are English.
 */
import { daysInMonth, type Granularity } from '../pipeline/dates/partial-date';

/** An interval to show: ISO days, and the precision the text gave (null: work it out from the days). */
export interface DateToFormat {
  readonly from: string | null;
  readonly to: string | null;
  readonly granularity?: Granularity | null;
}

interface Day {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const SEASONS: Record<number, string> = { 3: 'spring', 6: 'summer', 9: 'autumn', 12: 'winter' };

/** The interval in words for `locale` (a BCP 47 tag such as `vscode.env.language`); '' when it has no date. */
export function formatDate(date: DateToFormat, locale = 'en'): string {
  if (date.from === null) return '';
  const a = parseDay(date.from);
  const b = parseDay(date.to ?? date.from);
  // years before 1 or after 9999 are left as written: Intl's calendar there is not the text's
  if (!a || !b) return isoRange(date);
  const fmt = formatter(locale);
  const wholeMonths = a.d === 1 && b.d === daysInMonth(b.y, b.m);
  const wholeYears = wholeMonths && a.m === 1 && b.m === 12;
  const g = date.granularity ?? null;
  if (same(a, b)) return fmt.day(a);
  if (g === 'century' && wholeYears && b.y - a.y === 99)
    return `the ${ordinal(Math.floor(a.y / 100) + 1)} century`;
  if (g === 'decade' && wholeYears && b.y - a.y === 9 && a.y % 10 === 0) return `the ${a.y}s`;
  if (wholeYears) return a.y === b.y ? String(a.y) : `${a.y}–${b.y}`;
  if (g === 'season' && wholeMonths && SEASONS[a.m] && monthsBetween(a, b) === 2) {
    const season = SEASONS[a.m]!;
    return a.y === b.y ? `${season} ${a.y}` : `${season} ${a.y}–${String(b.y).slice(-2)}`;
  }
  if (wholeMonths && (a.m - 1) % 3 === 0 && monthsBetween(a, b) === 2 && g !== 'month')
    return `Q${(a.m + 2) / 3} ${a.y}`;
  if (wholeMonths) return a.y === b.y && a.m === b.m ? fmt.month(a) : fmt.monthRange(a, b);
  if (a.y === b.y && a.m === b.m) {
    const last = daysInMonth(a.y, a.m);
    const part =
      a.d === 1 && b.d === 10
        ? 'early'
        : a.d === 11 && b.d === 20
          ? 'mid-'
          : a.d === 21 && b.d === last
            ? 'late'
            : undefined;
    if (part) return part === 'mid-' ? `mid-${fmt.month(a)}` : `${part} ${fmt.month(a)}`;
  }
  if (g === 'week' && monthsBetween(a, b) <= 1 && dayNumber(b) - dayNumber(a) === 6)
    return `the week of ${fmt.day(a)}`;
  return fmt.dayRange(a, b);
}

/** The interval as ISO days, for tooltips: "2025-06-21", "2025-06-01 … 2025-06-30". */
export function isoRange(date: DateToFormat): string {
  if (date.from === null) return '';
  return date.to === null || date.to === date.from ? date.from : `${date.from} … ${date.to}`;
}

/** The formatted date followed by the ISO interval in brackets when they differ: "June 2025 (2025-06-01 … 2025-06-30)". */
export function formatDateWithIso(date: DateToFormat, locale = 'en'): string {
  const words = formatDate(date, locale);
  const iso = isoRange(date);
  return words === iso ? words : `${words} (${iso})`;
}

interface Formatter {
  day(d: Day): string;
  month(d: Day): string;
  dayRange(a: Day, b: Day): string;
  monthRange(a: Day, b: Day): string;
}

const formatters = new Map<string, Formatter>();

function formatter(locale: string): Formatter {
  let f = formatters.get(locale);
  if (f) return f;
  const tag = supported(locale);
  const day = new Intl.DateTimeFormat(tag, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const month = new Intl.DateTimeFormat(tag, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const utc = (x: Day): Date => {
    const t = new Date(Date.UTC(x.y, x.m - 1, x.d));
    t.setUTCFullYear(x.y); // Date.UTC reads 0–99 as 1900–1999
    return t;
  };
  f = {
    day: (x) => day.format(utc(x)),
    month: (x) => month.format(utc(x)),
    dayRange: (a, b) => day.formatRange(utc(a), utc(b)),
    monthRange: (a, b) => month.formatRange(utc(a), utc(b)),
  };
  formatters.set(locale, f);
  return f;
}

/** The locale itself when Intl knows it, else English (an unknown or malformed tag never throws). */
function supported(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : 'en';
  } catch {
    return 'en';
  }
}

function parseDay(s: string): Day | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m || m[1] === '0000') return undefined;
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

function same(a: Day, b: Day): boolean {
  return a.y === b.y && a.m === b.m && a.d === b.d;
}

function monthsBetween(a: Day, b: Day): number {
  return (b.y - a.y) * 12 + (b.m - a.m);
}

function dayNumber(x: Day): number {
  return Date.UTC(x.y, x.m - 1, x.d) / 86_400_000;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}
