/**
 * Date expressions in an article: found by rules with exact spans (no leading "on"/"in"), then
 * resolved to an interval anchored on the publication date. News speaks mostly of the recent
 * past, so a bare "September 11" is the last one before publication unless the sentence looks
 * forward; "four weeks later" hangs on the previous date in the text. compromise-dates adds what
 * the rules miss, with its forward bias corrected.
 */
import type { CorpusDocument, Span } from '../text/document';
import type { Sentence } from '../text/sentences';
import { nlpDates } from '../text/nlp';
import { addDays, addMonths, daysBetween, daysInMonth, iso, parsePartialDate, type Granularity, type Interval } from './partial-date';

/** A date expression and what it resolves to. */
export interface DateExpression extends Span {
  readonly text: string;
  /** A point (or span) in time, or a length of time ("for a week"). */
  readonly kind: 'point' | 'duration';
  readonly from: string | null;
  readonly to: string | null;
  readonly granularity: Granularity | null;
  /** What a relative expression was resolved from: the publication date or an earlier expression's offset. */
  readonly anchor: 'published' | { readonly start: number } | null;
  readonly sentence: number;
  /** The sentence looks forward ("will be deployed in December"). */
  readonly forward: boolean;
  /** "now", "recently", "in the future": the time referred to, without a date. */
  readonly reference?: 'present' | 'past' | 'future';
}

const MONTHS: Record<string, number> = {
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};
const WEEKDAYS: Record<string, number> = { sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6 };
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  several: 3, few: 3, couple: 2,
};
const SEASONS: Record<string, [number, number]> = { spring: [3, 5], summer: [6, 8], autumn: [9, 11], fall: [9, 11], winter: [12, 2] };

const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[89]\\d\\d|20\\d\\d)';
const NUM = '(?:\\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|(?:twenty|thirty|forty|fifty|sixty)(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?|several|a few|a couple of|a number of|many|some)';
// "almost two years ago", "more than a week": TimeML keeps the hedge in the expression
const HEDGE = '(?:(?:almost|nearly|about|around|roughly|some|more than|less than|over|under|at least|at most|up to|just|only)\\s+)?';
const UNIT = '(?:day|week|month|year|decade)s?';
const DASH = '\\s*(?:-|\u2013|\u2014|to|through|until)\\s*';
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';

/** What the sentence says about time: it looks forward, it tells of the past, or it does not say. */
type Tense = 'future' | 'past' | 'unknown';
type Context = { readonly published: Interval | undefined; readonly future: boolean; readonly tense: Tense; readonly previous: DateExpression | undefined };
type Resolver = (m: RegExpExecArray, ctx: Context) => { from: string; to: string; granularity: Granularity; anchor?: DateExpression['anchor'] } | null;

interface Rule {
  readonly re: RegExp;
  readonly kind: 'point' | 'duration';
  readonly resolve: Resolver;
  /** For expressions that speak of the present, past or future without a date. */
  readonly reference?: (m: RegExpExecArray) => 'present' | 'past' | 'future';
  /** Rejects a match that is not a date at all (resolve's null means a date we cannot place). */
  readonly accept?: (m: RegExpExecArray) => boolean;
}

const monthOf = (s: string): number => MONTHS[s.toLowerCase().replace(/\.$/, '')]!;
const dayOf = (s: string): number => parseInt(s, 10);
const countOf = (s: string): number => NUMBER_WORDS[s.toLowerCase().replace(/^a (few|couple of)$/, '$1').replace(/ of$/, '')] ?? parseInt(s, 10);
const dayInterval = (y: number, m: number, d: number): { from: string; to: string; granularity: Granularity } | null =>
  d >= 1 && d <= daysInMonth(y, m) ? { from: iso(y, m, d), to: iso(y, m, d), granularity: 'day' } : null;
const monthInterval = (y: number, m: number): { from: string; to: string; granularity: Granularity } => ({ from: iso(y, m, 1), to: iso(y, m, daysInMonth(y, m)), granularity: 'month' });
const yearInterval = (y: number): { from: string; to: string; granularity: Granularity } => ({ from: iso(y, 1, 1), to: iso(y, 12, 31), granularity: 'year' });
const twoDigitYear = (s: string): number => (s.length === 2 ? 2000 + Number(s) : Number(s));

/**
 * The year of a month/day written without one. A sentence about the past takes the latest such
 * day up to a week after publication (datelines lag); one looking forward the earliest from a
 * week before; otherwise the one nearest the publication date ("Nov. 20" in an article of
 * Nov. 2 is coming; "September 11" in one of October has passed).
 */
function yearFor(month: number, day: number, ctx: Context): number | null {
  if (!ctx.published) return null;
  const { from, to } = ctx.published;
  const y = Number(to.slice(0, 4));
  // gap to the publication interval: 0 inside it (an article dated only "2025" places "late January" in 2025)
  const candidates = [y - 1, y, y + 1].map((year) => {
    const date = iso(year, month, Math.min(day, daysInMonth(year, month)));
    return { year, gap: date < from ? daysBetween(from, date) : date > to ? daysBetween(to, date) : 0 };
  });
  // a week of slack around an exact publication day (datelines lag the events they report)
  const slack = ctx.published.granularity === 'day' ? 7 : 0;
  if (ctx.tense === 'past') return candidates.filter((c) => c.gap <= slack).at(-1)!.year;
  if (ctx.tense === 'future') return candidates.find((c) => c.gap >= -slack)!.year;
  return candidates.reduce((best, c) => (Math.abs(c.gap) < Math.abs(best.gap) ? c : best)).year;
}

/** Part of a month: early = 1–10, mid = 11–20, late = 21–end. */
function partOfMonth(part: string, y: number, m: number): { from: string; to: string; granularity: Granularity } {
  const p = part.toLowerCase();
  const last = daysInMonth(y, m);
  if (p.startsWith('early') || p.startsWith('beginning')) return { from: iso(y, m, 1), to: iso(y, m, 10), granularity: 'month' };
  if (p.startsWith('mid') || p.startsWith('middle')) return { from: iso(y, m, 11), to: iso(y, m, 20), granularity: 'month' };
  return { from: iso(y, m, 21), to: iso(y, m, last), granularity: 'month' };
}

function shiftFrom(base: DateExpression, n: number, unit: string, sign: 1 | -1): { from: string; to: string; granularity: Granularity; anchor: DateExpression['anchor'] } | null {
  if (!base.from || !base.to) return null;
  const u = unit.toLowerCase().replace(/s$/, '');
  const anchor = { start: base.start };
  if (u === 'day') {
    const d = addDays(sign > 0 ? base.to : base.from, sign * n);
    return { from: d, to: d, granularity: 'day', anchor };
  }
  if (u === 'week') {
    const d = addDays(sign > 0 ? base.from : base.from, sign * 7 * n);
    return { from: addDays(d, -3), to: addDays(d, 3), granularity: 'week', anchor };
  }
  if (u === 'month') {
    const d = addMonths(base.from, sign * n);
    return base.granularity === 'day' ? { from: addDays(d, -7), to: addDays(d, 7), granularity: 'month', anchor } : { ...monthInterval(Number(d.slice(0, 4)), Number(d.slice(5, 7))), anchor };
  }
  if (u === 'year') {
    // "a year earlier" than a day or a quarter is that day or quarter a year before; "five years ago" is a year
    if (n === 1 && base.granularity !== null && ['day', 'month', 'quarter'].includes(base.granularity)) {
      return { from: addMonths(base.from, sign * 12), to: addMonths(base.to, sign * 12), granularity: base.granularity, anchor };
    }
    const y = Number(base.from.slice(0, 4)) + sign * n;
    return { ...yearInterval(y), anchor };
  }
  return null;
}

function publishedAsExpression(ctx: Context): DateExpression | undefined {
  if (!ctx.published) return undefined;
  return { start: -1, end: -1, text: '', kind: 'point', from: ctx.published.from, to: ctx.published.to, granularity: ctx.published.granularity, anchor: null, sentence: -1, forward: false };
}

const publishedDay = (ctx: Context): string | null => (ctx.published?.granularity === 'day' ? ctx.published.from : null);

const QUARTERS: Record<string, number> = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4 };

const RULES: Rule[] = [
  // Saturday, April 25 (the weekday only confirms the date)
  { re: new RegExp(`${B}(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\\s+(${MONTH})\\s+(${DAY})${E}(?!,?\\s+\\d)`, 'gu'), kind: 'point', resolve: (m, ctx) => {
    const mo = monthOf(m[1]!); const d = dayOf(m[2]!); const y = yearFor(mo, d, ctx);
    const a = y === null ? null : dayInterval(y, mo, d);
    return a ? { ...a, anchor: 'published' } : null;
  } },
  // the third quarter / third-quarter / the 1988 third quarter / Q3 2025
  { re: new RegExp(`${B}(?:(?:the|this|last|next)\\s+)?(?:(${YEAR})['\u2019]?s?\\s+)?(?:fiscal\\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[\\s-]+quarter(?:\\s+of\\s+(${YEAR}))?${E}|${B}Q([1-4])\\s+(${YEAR})${E}`, 'giu'), kind: 'point', resolve: (m, ctx) => {
    const q = m[4] ? Number(m[4]) : QUARTERS[m[2]!.toLowerCase()]!;
    const explicit = m[1] ?? m[3] ?? m[5];
    // a quarter still running or to come counts from its last day; one reported on from its first
    const y = explicit ? Number(explicit) : ctx.tense === 'future' ? yearFor(q * 3, daysInMonth(2001, q * 3), ctx) : yearFor(q * 3 - 2, 1, { ...ctx, tense: 'past' });
    if (y === null) return null;
    return { from: iso(y, q * 3 - 2, 1), to: iso(y, q * 3, daysInMonth(y, q * 3)), granularity: 'quarter', ...(explicit ? {} : { anchor: 'published' as const }) };
  } },
  // June last year / March next year
  { re: new RegExp(`${B}(${MONTH})\\s+(last|this|next)\\s+year${E}`, 'gu'), kind: 'point', resolve: (m, ctx) => {
    if (!ctx.published) return null;
    const w = m[2]!.toLowerCase();
    const y = Number(ctx.published.to.slice(0, 4)) + (w === 'last' ? -1 : w === 'next' ? 1 : 0);
    return { ...monthInterval(y, monthOf(m[1]!)), anchor: 'published' };
  } },
  // 23 September 2025 / 23–25 September 2025
  { re: new RegExp(`${B}(${DAY})(?:${DASH}(${DAY}))?\\s+(${MONTH}),?\\s+(${YEAR})${E}`, 'gu'), kind: 'point', resolve: (m) => {
    const y = Number(m[4]); const mo = monthOf(m[3]!);
    const a = dayInterval(y, mo, dayOf(m[1]!)); const b = m[2] ? dayInterval(y, mo, dayOf(m[2])) : a;
    return a && b ? { from: a.from, to: b.to, granularity: 'day' } : null;
  } },
  // September 11, 2025 / September 25–29, 2025
  { re: new RegExp(`${B}(${MONTH})\\s+(${DAY})(?:${DASH}(${DAY}))?,?\\s+(${YEAR})${E}`, 'gu'), kind: 'point', resolve: (m) => {
    const y = Number(m[4]); const mo = monthOf(m[1]!);
    const a = dayInterval(y, mo, dayOf(m[2]!)); const b = m[3] ? dayInterval(y, mo, dayOf(m[3])) : a;
    return a && b ? { from: a.from, to: b.to, granularity: 'day' } : null;
  } },
  // 2025-10-04
  { re: new RegExp(`${B}(${YEAR})-(\\d\\d)-(\\d\\d)${E}`, 'gu'), kind: 'point', resolve: (m) => dayInterval(Number(m[1]), Number(m[2]), Number(m[3])) },
  // 10/4/25, US order (month first) unless the first number cannot be a month
  { re: new RegExp(`${B}(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})${E}`, 'gu'), kind: 'point', resolve: (m) => {
    const a = Number(m[1]); const b = Number(m[2]); const y = twoDigitYear(m[3]!);
    if (a >= 1 && a <= 12) return dayInterval(y, a, b);
    return b >= 1 && b <= 12 ? dayInterval(y, b, a) : null;
  } },
  // from September 25 to 29 / September 25–29 / September 11th
  { re: new RegExp(`${B}(?:[Ff]rom\\s+)?(${MONTH})\\s+(${DAY})(?:${DASH}(${DAY}))?${E}(?!,?\\s+\\d)`, 'gu'), kind: 'point', resolve: (m, ctx) => {
    const mo = monthOf(m[1]!); const d = dayOf(m[2]!); const y = yearFor(mo, d, ctx);
    if (y === null) return null;
    const a = dayInterval(y, mo, d); const b = m[3] ? dayInterval(y, mo, dayOf(m[3])) : a;
    return a && b && a.from <= b.to ? { from: a.from, to: b.to, granularity: 'day', anchor: 'published' } : null;
  } },
  // 11 September / 11th of September
  { re: new RegExp(`${B}(${DAY})(?:\\s+of)?\\s+(${MONTH})${E}(?!,?\\s+\\d)`, 'gu'), kind: 'point', resolve: (m, ctx) => {
    const mo = monthOf(m[2]!); const d = dayOf(m[1]!); const y = yearFor(mo, d, ctx);
    if (y === null) return null;
    const a = dayInterval(y, mo, d);
    return a ? { ...a, anchor: 'published' } : null;
  } },
  // early March 2025 / mid-August / late January / the end of June
  { re: new RegExp(`${B}(early|mid|late|the beginning of|the middle of|the end of)[\\s-]+(${MONTH})(?:,?\\s+(${YEAR}))?${E}`, 'giu'), kind: 'point', resolve: (m, ctx) => {
    const mo = monthOf(m[2]!); const y = m[3] ? Number(m[3]) : yearFor(mo, 1, ctx);
    return y === null ? null : { ...partOfMonth(m[1]!, y, mo), ...(m[3] ? {} : { anchor: 'published' as const }) };
  } },
  // September 2025 / March–April 2025
  { re: new RegExp(`${B}(${MONTH})(?:${DASH}(${MONTH}))?,?\\s+(${YEAR})${E}`, 'gu'), kind: 'point', resolve: (m) => {
    const y = Number(m[3]); const a = monthInterval(y, monthOf(m[1]!)); const b = m[2] ? monthInterval(y, monthOf(m[2])) : a;
    return a.from <= b.to ? { from: a.from, to: b.to, granularity: 'month' } : null;
  } },
  // in June / this July / last December / by June (not the modal "may")
  { re: new RegExp(`(?:${B}([Tt]his|[Ll]ast|[Nn]ext)\\s+|(?<=(?:\\b(?:[Ii]n|[Bb]y|[Ss]ince|[Uu]ntil|[Dd]uring|[Ff]rom|[Oo]f|[Ee]arly|[Ll]ate)\\s+)))(${MONTH})${E}`, 'gu'), kind: 'point', resolve: (m, ctx) => {
    if (/^may$/i.test(m[2]!) && m[2] !== 'May') return null;
    const which = (m[1] ?? '').toLowerCase();
    const mo = monthOf(m[2]!);
    let y = yearFor(mo, 1, ctx);
    if (y === null || !ctx.published) return null;
    const pubMonth = Number(ctx.published.to.slice(5, 7));
    if (which === 'this') y = Number(ctx.published.to.slice(0, 4));
    else if (which === 'last') y = Number(ctx.published.to.slice(0, 4)) - (mo >= pubMonth ? 1 : 0);
    else if (which === 'next') y = Number(ctx.published.to.slice(0, 4)) + (mo <= pubMonth ? 1 : 0);
    return { ...monthInterval(y, mo), anchor: 'published' };
  } },
  // seasons: summer 2024 / this autumn / last winter
  { re: new RegExp(`${B}(?:(this|last|next|the)\\s+)?(spring|summer|autumn|fall|winter)(?:\\s+(?:of\\s+)?(${YEAR}))?${E}`, 'giu'), kind: 'point', resolve: (m, ctx) => {
    const [a, b] = SEASONS[m[2]!.toLowerCase()]!;
    let y: number;
    if (m[3]) y = Number(m[3]);
    else if (!m[1] || m[1].toLowerCase() === 'the' || !ctx.published) return null;
    else {
      const py = Number(ctx.published.to.slice(0, 4));
      y = m[1].toLowerCase() === 'last' ? py - 1 : m[1].toLowerCase() === 'next' ? py + 1 : py;
    }
    const endYear = b < a ? y + 1 : y;
    return { from: iso(y, a, 1), to: iso(endYear, b, daysInMonth(endYear, b)), granularity: 'season', ...(m[3] ? {} : { anchor: 'published' as const }) };
  },
  // "prices fall", "the fall of the regime": fall is a season only with this/last/next or a year
  accept: (m) => m[2]!.toLowerCase() !== 'fall' || m[3] !== undefined || (m[1] !== undefined && m[1].toLowerCase() !== 'the') },
  // 2014–2015 / from 2020 to 2022 / between 2020 and 2022
  { re: new RegExp(`${B}(?:[Bb]etween\\s+(${YEAR})\\s+and\\s+|(?:[Ff]rom\\s+)?(${YEAR})${DASH})(${YEAR}|\\d\\d)${E}`, 'gu'), kind: 'point', resolve: (m) => {
    const a = Number(m[1] ?? m[2]); const b = m[3]!.length === 2 ? Math.floor(a / 100) * 100 + Number(m[3]) : Number(m[3]);
    return b > a ? { from: iso(a, 1, 1), to: iso(b, 12, 31), granularity: 'year' } : null;
  } },
  // the 1990s
  { re: new RegExp(`${B}(?:the\\s+)?(1[89]\\d0|20\\d0)['\u2019]?s${E}`, 'gu'), kind: 'point', resolve: (m) => {
    const y = Number(m[1]); return { from: iso(y, 1, 1), to: iso(y + 9, 12, 31), granularity: 'decade' };
  } },
  // 2020 (not "about 2000 people")
  { re: new RegExp(`(?<!(?:about|some|over|nearly|almost|than|around|approximately|up to|[$\u20ac\u00a3#])\\s*)${B}(${YEAR})${E}(?![.,]\\d)(?!\\s*(?:%|percent|per cent))`, 'giu'), kind: 'point', resolve: (m) => yearInterval(Number(m[1])) },
  // yesterday / today / tomorrow
  { re: new RegExp(`${B}(yesterday|today|tomorrow)${E}`, 'giu'), kind: 'point', resolve: (m, ctx) => {
    const d = publishedDay(ctx); if (!d) return null;
    const w = m[1]!.toLowerCase(); const day = addDays(d, w === 'yesterday' ? -1 : w === 'tomorrow' ? 1 : 0);
    return { from: day, to: day, granularity: 'day', anchor: 'published' };
  } },
  // last Tuesday / on Monday / said Friday
  { re: new RegExp(`${B}(?:(last|this|next|on)\\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\\s+(?:morning|afternoon|evening|night))?${E}`, 'gu'), kind: 'point', resolve: (m, ctx) => {
    const d = publishedDay(ctx); if (!d) return null;
    const target = WEEKDAYS[m[2]!.toLowerCase()]!;
    const [y, mo, da] = d.split('-').map(Number) as [number, number, number];
    const dow = new Date(Date.UTC(y, mo - 1, da)).getUTCDay();
    const w = (m[1] ?? '').toLowerCase();
    let delta: number;
    if (w === 'next') delta = ((target - dow + 7) % 7) || 7;
    else if (w !== 'last' && w !== '' && ctx.future) delta = (target - dow + 7) % 7;
    // news "said Friday" on a Friday means that day; "last Friday" the one before
    else delta = -(w === 'last' ? ((dow - target + 7) % 7) || 7 : (dow - target + 7) % 7);
    const day = addDays(d, delta);
    return { from: day, to: day, granularity: 'day', anchor: 'published' };
  } },
  // this month / last year / next week
  { re: new RegExp(`${B}(?:(?:early|late|mid|earlier|later)[\\s-]+)?(this|last|next|past)\\s+(week|month|year)${E}`, 'giu'), kind: 'point', resolve: (m, ctx) => {
    if (!ctx.published) return null;
    const w = m[1]!.toLowerCase(); const u = m[2]!.toLowerCase(); const ref = ctx.published.to;
    const sign = w === 'last' || w === 'past' ? -1 : w === 'next' ? 1 : 0;
    if (u === 'year') return { ...yearInterval(Number(ref.slice(0, 4)) + sign), anchor: 'published' };
    if (ctx.published.granularity === 'year') return null; // "this month" of an article dated only by its year
    if (u === 'month') { const d = addMonths(ref, sign); return { ...monthInterval(Number(d.slice(0, 4)), Number(d.slice(5, 7))), anchor: 'published' }; }
    const d = publishedDay(ctx); if (!d) return null;
    const c = addDays(d, 7 * sign);
    return { from: addDays(c, -3), to: addDays(c, 3), granularity: 'week', anchor: 'published' };
  } },
  // five years ago
  { re: new RegExp(`${B}${HEDGE}(${NUM})\\s+(${UNIT})\\s+ago${E}`, 'giu'), kind: 'point', resolve: (m, ctx) => {
    const base = publishedAsExpression(ctx);
    if (!base) return null;
    const r = shiftFrom(base, countOf(m[1]!), m[2]!, -1);
    return r ? { ...r, anchor: 'published' } : null;
  } },
  // four weeks later / a month earlier / the following day / later that day
  { re: new RegExp(`${B}(?:(?:the\\s+)?(${NUM})\\s+(${UNIT})\\s+(later|earlier|after|before)|(?:[Tt]he\\s+)?(?:very\\s+)?(next|following|previous)\\s+(day|week|month|year)|(later|earlier)\\s+that\\s+(day|week|month|year))${E}`, 'giu'), kind: 'point', resolve: (m, ctx) => {
    // with no date before it in the article, "a year earlier" counts from publication
    const prev = ctx.previous ?? publishedAsExpression(ctx);
    if (!prev) return null;
    if (m[1]) return shiftFrom(prev, countOf(m[1]), m[2]!, /later|after/i.test(m[3]!) ? 1 : -1);
    if (m[4]) return shiftFrom(prev, 1, m[5]!, /previous/i.test(m[4]) ? -1 : 1);
    if (!prev.from || !prev.to) return null;
    return { from: prev.from, to: prev.to, granularity: prev.granularity ?? 'day', anchor: { start: prev.start } };
  } },
  // now / recently / in the future: about the present, past or future, with no date to give
  { re: new RegExp(`${B}(now|currently|at present|nowadays|these days|recently|lately|more recently|in recent (?:years|months|weeks)|in the past|formerly|previously|in the future|soon)${E}`, 'giu'), kind: 'point', resolve: () => null,
    reference: (m) => (/^(?:now|currently|at present|nowadays|these days)$/i.test(m[1]!) ? 'present' : /future|soon/i.test(m[1]!) ? 'future' : 'past') },
  // durations: (for) a week / (in) 26 years / (over) the past two decades / a 30-year bond
  { re: new RegExp(`${B}(?:(?:for|in|over|during|within)\\s+)?(?:the\\s+)?(?:(?:past|last|next|first|coming|previous)\\s+)?${HEDGE}(${NUM}|\\d+)(?:\\s+(?:to|or)\\s+${NUM})?\\s+(?:more\\s+)?(${UNIT}|hours?|minutes?)(?:\\s+or\\s+so)?${E}(?!\\s+(?:ago|later|earlier|before|after))`, 'giu'), kind: 'duration', resolve: () => null },
  { re: new RegExp(`${B}(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|fifty|hundred)-(?:day|week|month|year|hour|minute|decade)${E}`, 'giu'), kind: 'duration', resolve: () => null },
];

const FUTURE = /\b(?:will|shall|going to|plans? to|scheduled|expected to|intends? to|is to|are to|would be held|upcoming)\b/i;
// past tense, not a participle after "is"/"will be" ("is priced Nov. 20" looks ahead)
const PAST = /\b(?:was|were|had|did|said|told|met|went|came|took|made|gave|held|began|won|lost|rose|fell|ago)\b|(?<!\b(?:is|are|be|been|being|to|will)\s+)\b[a-z]{3,}ed\b/i;
const TRIGGER = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|weekend|month|year|ago|Christmas|Easter|quarter|century|decade|tonight|morning|evening|\d)/i;

/** Finds and resolves the date expressions of one document. */
export function findDates(doc: CorpusDocument, sentences: readonly Sentence[], published: Interval | undefined): DateExpression[] {
  const out: DateExpression[] = [];
  let previous: DateExpression | undefined;
  for (const s of sentences) {
    const text = doc.text.slice(s.start, s.end);
    const future = FUTURE.test(text);
    const ctx0 = { published, future, tense: (future ? 'future' : PAST.test(text) ? 'past' : 'unknown') as Tense };
    const found: { start: number; end: number; rule: Rule; m: RegExpExecArray }[] = [];
    for (const rule of RULES) {
      rule.re.lastIndex = 0;
      for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
        const start = m.index; const end = start + m[0].length;
        if (found.some((f) => start < f.end && f.start < end) || (rule.accept && !rule.accept(m))) continue;
        found.push({ start, end, rule, m });
      }
    }
    found.sort((a, b) => a.start - b.start);
    const local: DateExpression[] = [];
    for (const f of found) {
      const r = f.rule.resolve(f.m, { ...ctx0, previous });
      const span = f.rule.kind === 'duration' ? trimDuration(text, f.start, f.end) : trimDate(text, f.start, f.end);
      const e: DateExpression = {
        start: s.start + span.start, end: s.start + span.end, text: text.slice(span.start, span.end), kind: f.rule.kind,
        from: r?.from ?? null, to: r?.to ?? null, granularity: r?.granularity ?? null, anchor: r?.anchor ?? null, sentence: s.index, forward: ctx0.future,
        ...(f.rule.reference ? { reference: f.rule.reference(f.m) } : {}),
      };
      local.push(e);
      if (canAnchor(e)) previous = e;
    }
    if (published && TRIGGER.test(text)) local.push(...fallback(text, s, local, published, ctx0.future));
    local.sort((a, b) => a.start - b.start);
    // the next sentence's "a month later" hangs on the last placeable date of this one
    previous = local.filter(canAnchor).at(-1) ?? previous;
    out.push(...local);
  }
  return out;
}

function canAnchor(e: DateExpression): boolean {
  return e.kind === 'point' && e.from !== null && (e.granularity === 'day' || e.granularity === 'month' || e.granularity === 'week');
}

// A fallback match must carry a real date word: "Morning" in "South China Morning Post" does not.
const STRONG = /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|ago|week|weekend|month|year|quarter|Christmas|Easter)\b|\d/i;

/** compromise-dates on what the rules left, with its forward bias undone. */
function fallback(text: string, s: Sentence, taken: readonly DateExpression[], published: Interval, future: boolean): DateExpression[] {
  const out: DateExpression[] = [];
  for (const d of nlpDates(text, published.to)) {
    const span = trimDate(text, d.start, d.end);
    if (span.end - span.start < 3) continue;
    const start = s.start + span.start; const end = s.start + span.end;
    if (taken.some((t) => start < t.end && t.start < end)) continue;
    if (!d.from || !d.to || !/[\p{L}]/u.test(text.slice(span.start, span.end)) || !STRONG.test(text.slice(span.start, span.end))) continue;
    let from = d.from; let to = d.to;
    if (!future && from > published.to) {
      const back = (x: string): string => addMonths(x, -12);
      from = back(from); to = back(to);
      if (from > published.to) continue;
    }
    const granularity = unitToGranularity(d.unit, from, to);
    out.push({ start, end, text: text.slice(span.start, span.end), kind: 'point', from, to, granularity, anchor: 'published', sentence: s.index, forward: future });
  }
  return out;
}

function unitToGranularity(unit: string | null, from: string, to: string): Granularity {
  if (unit === 'day' || from === to) return 'day';
  if (unit === 'week') return 'week';
  if (unit === 'month') return 'month';
  if (unit === 'quarter') return 'quarter';
  if (unit === 'season') return 'season';
  if (unit === 'decade') return 'decade';
  return parsePartialDate(from.slice(0, 7)) && from.slice(0, 7) === to.slice(0, 7) ? 'month' : 'year';
}

const LEADING = /^(?:on|in|at|by|since|from|until|till|during|of|the|this|last|next|early|late|mid)\s+/i;

/** Drops prepositions and punctuation at the edges; keeps "this", "last", "next" when they carry meaning. */
function trimDate(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  for (;;) {
    const rest = text.slice(s, end);
    const m = /^(?:on|in|at|by|since|until|till|during|of)\s+/i.exec(rest);
    if (!m || !LEADING.test(rest)) break;
    s += m[0].length;
  }
  return trimPunctuation(text, s, end);
}

/** "for a week" is the duration "a week" (as TimeML marks it). */
function trimDuration(text: string, start: number, end: number): { start: number; end: number } {
  const m = /^(?:for|in|over|during|within)\s+/i.exec(text.slice(start, end));
  return trimPunctuation(text, start + (m ? m[0].length : 0), end);
}

function trimPunctuation(text: string, start: number, end: number): { start: number; end: number } {
  let s = start; let e = end;
  while (e > s && /[\s,.;:!?)\]"\u201d\u2019]/.test(text[e - 1]!)) e--;
  while (s < e && /[\s("\u201c\u2018[]/.test(text[s]!)) s++;
  return { start: s, end: e };
}
