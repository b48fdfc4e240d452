/**
 * The rules that find date expressions in a sentence and resolve them. Each rule is a regular
 * expression and a resolver; the spans follow TimeML's TIMEX3 extents: the whole temporal noun
 * phrase with its determiner and modifiers ("the past year", "the latest quarter", "early
 * Tuesday", "about two years ago"), without a governing preposition ("in", "on", "for").
 * Durations are kept apart from points; recurring times ("each year", "weekly") and references
 * without a date ("now", "recent") are found but not placed.
 */
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  iso,
  type Granularity,
  type Interval,
} from './partial-date';

/** What a resolved expression says: an interval, its precision and what it was counted from. */
export interface Resolved {
  readonly from: string;
  readonly to: string;
  readonly granularity: Granularity;
  readonly anchor?: 'published' | { readonly start: number };
}

/** An expression found earlier in the text that later ones may hang on. */
export interface Anchor {
  readonly start: number;
  readonly from: string;
  readonly to: string;
  readonly granularity: Granularity;
}

/** A quarter of a year ("the third quarter"), the reporting period financial news keeps returning to. */
export interface Quarter {
  readonly year: number;
  readonly q: number;
}

/** What the sentence says about time around an expression. */
export type Tense = 'future' | 'past' | 'unknown';

/** What a resolver knows beyond its match. */
export interface Context {
  readonly published: Interval | undefined;
  readonly tense: Tense;
  /** The last placeable expression before this one ("four weeks later" counts from it). */
  readonly previous: Anchor | undefined;
  /** The quarter the article last spoke of ("a year earlier" in an earnings report is that quarter a year before). */
  readonly quarter: Quarter | undefined;
}

/** A rule: where it matches, what kind of expression it finds and how to place it. */
export interface Rule {
  /** Kinds of word (CUE bits, any of them) the sentence must hold before the rule's expression runs on it. */
  readonly cue: number;
  readonly re: RegExp;
  /** The resolver reads the tense around the match. */
  readonly usesTense?: true;
  readonly kind: 'point' | 'duration';
  readonly resolve?: (m: RegExpExecArray, ctx: Context) => Resolved | null;
  /** Expressions that speak of the present, past or future without a date. */
  readonly reference?: (m: RegExpExecArray) => 'present' | 'past' | 'future';
  /** A recurring time ("each year", "every Monday"): found, never placed. */
  readonly recurring?: true;
  /**
   * Rejects a match that is not a date at all; `before` is the text just before the match in its
   * sentence (its last hundred characters or so), `after` the rest of the sentence.
   */
  readonly accept?: (m: RegExpExecArray, before: string, after: string) => boolean;
  /** Counted from the publication date or an earlier expression, so never an anchor itself ("a year earlier"). */
  readonly unanchoring?: true;
  /** Keeps its leading "the"/"a" even where the expression modifies a noun ("the 1988 period"). */
  readonly keepsDeterminer?: true;
}

// ─── words ──────────────────────────────────────────────────────────────────────────────

/** A lower-case word list that also accepts a capital first letter (sentence starts). */
function capitalisable(words: string): string {
  return `(?:${words
    .split('|')
    .map((w) => (/^[a-z]/.test(w) ? `[${w[0]!.toUpperCase()}${w[0]}]${w.slice(1)}` : w))
    .join('|')})`;
}

// "the end of …" phrases that name the last days of a period.
const PERIOD_ENDS = [
  "year-end|year end|year's end",
  'the end of the year|the end of this year|the end of next year|the end of last year',
  'the end of the month|the end of this month|the end of next month|the end of last month',
  'the end of the week|the end of this week|the end of last week|the end of next week',
  'the end of the decade|the end of the quarter',
].join('|');

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const WEEKDAYS: Record<string, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};
const SMALL: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  several: 3,
  few: 3,
  couple: 2,
  many: 3,
  some: 3,
};
const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};
const SEASONS: Record<string, [number, number]> = {
  spring: [3, 5],
  summer: [6, 8],
  autumn: [9, 11],
  fall: [9, 11],
  winter: [12, 2],
};

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const UNITS_W = 'one|two|three|four|five|six|seven|eight|nine';
const TEENS_W = 'ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen';
const TENS_W = 'twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety';
const ORD_W =
  'first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth';
// "March eighth", "the twenty-first" (never "the second quarter": that is no day)
const DAY = `(?:(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|(?:twenty-|thirty-)?(?:${ORD_W})(?![\\s-]+(?:quarter|half)))`;
const YEAR = '(?:1[89]\\d\\d|20\\d\\d)';
// "nineteen ninety-six", "two thousand and one" (broadcast transcripts spell years out)
const SPELLED_YEAR = `(?:${capitalisable('nineteen|eighteen|twenty')}\\s+(?:${TEENS_W}|(?:${TENS_W})(?:[\\s-](?:${UNITS_W}))?|hundred)|${capitalisable('two')} thousand(?:\\s+(?:and\\s+)?(?:${TEENS_W}|(?:${TENS_W})(?:[\\s-](?:${UNITS_W}))?|${UNITS_W}))?)`;
const ANY_YEAR = `(?:${YEAR}|${SPELLED_YEAR})`;
const NUMBER_W = `(?:(?:${TENS_W})(?:[\\s-](?:${UNITS_W}))?|${TEENS_W}|${UNITS_W}|hundred|a hundred|one hundred|(?:two|three|four|five) hundred|a thousand|two thousand)`;
const NUM = `(?:\\d+(?:[.,]\\d+)?(?:\\s+\\d/\\d)?|${capitalisable(NUMBER_W.slice(3, -1))}|${capitalisable('an?|several|a few|a couple of|a couple|a number of|many|some|few')})`;
// "almost two years ago", "more than a week", "no more than sixty days": TimeML keeps the hedge
const HEDGE = `(?:${capitalisable('almost|nearly|about|around|roughly|approximately|some|more than|less than|fewer than|no more than|no less than|over|under|at least|at most|up to|well over|a little over|a little more than|the better part of')}\\s+)?`;
const UNIT =
  '(?:seconds?|minutes?|hours?|days?|weeks?|weekends?|months?|quarters?|years?|decades?|century|centuries)';
const TIME_OF_DAY = '(?:morning|afternoon|evening|night)';
const DASH = '\\s*(?:-|\u2013|\u2014|to|through|until)\\s*';
const WORD_END = '(?![\\p{L}\\p{N}])';

// ─── values ─────────────────────────────────────────────────────────────────────────────

const monthOf = (s: string): number => MONTHS[s.toLowerCase().replace(/\.$/, '')]!;
const weekdayOf = (s: string): number => WEEKDAYS[s.toLowerCase()]!;
const WEEKDAY_IN = new RegExp(`\\b${WEEKDAY}\\b`, 'i');

/** The day of the week (0 for Sunday) that `text` names, if it names one. */
export function weekdayIn(text: string): number | undefined {
  const m = WEEKDAY_IN.exec(text);
  return m ? weekdayOf(m[0]) : undefined;
}

function dayOf(s: string): number {
  const w = s.toLowerCase();
  if (/^\d/.test(w)) return parseInt(w, 10);
  const [tens, unit] = w.includes('-') ? w.split('-') : ['', w];
  return (tens === 'twenty' ? 20 : tens === 'thirty' ? 30 : 0) + (ORDINALS[unit!] ?? 0);
}

/** A count written in digits or words ("26", "two", "twenty-five", "a few", "2 1/2"). */
export function countOf(s: string): number {
  const w = s
    .toLowerCase()
    .replace(/^(?:a|one) (hundred|thousand)$/, '$1')
    .replace(/ of$/, '');
  if (/^\d/.test(w)) {
    const [whole, frac] = w.split(/\s+/);
    const n = parseFloat(whole!.replace(/,/g, ''));
    return frac ? n + Number(frac[0]) / Number(frac[2]) : n;
  }
  if (w === 'thousand') return 1000;
  if (w === 'hundred') return 100;
  const hundreds = /^(\w+) hundred$/.exec(w);
  if (hundreds) return (SMALL[hundreds[1]!] ?? 1) * 100;
  if (w === 'two thousand') return 2000;
  const words = w.replace(/^a (few|couple|number)$/, '$1').split(/[\s-]+/);
  return words.reduce((n, x) => n + (SMALL[x] ?? 0), 0) || 3;
}

/** A spelled-out year ("nineteen ninety-six" is 1996, "two thousand and one" 2001). */
function spelledYear(s: string): number | null {
  const w = s.toLowerCase().replace(/\s+and\s+/, ' ');
  if (/^\d{4}$/.test(w)) return Number(w);
  const t = /^two thousand(?:\s+(.+))?$/.exec(w);
  if (t) return 2000 + (t[1] ? countOf(t[1]) : 0);
  const m = /^(nineteen|eighteen|twenty)\s+(.+)$/.exec(w);
  if (!m) return null;
  const century = SMALL[m[1]!]! * 100;
  return m[2] === 'hundred' ? century : century + countOf(m[2]!);
}

const dayInterval = (y: number, m: number, d: number): Resolved | null =>
  m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)
    ? { from: iso(y, m, d), to: iso(y, m, d), granularity: 'day' }
    : null;
const monthInterval = (y: number, m: number): Resolved => ({
  from: iso(y, m, 1),
  to: iso(y, m, daysInMonth(y, m)),
  granularity: 'month',
});
const yearInterval = (y: number): Resolved => ({
  from: iso(y, 1, 1),
  to: iso(y, 12, 31),
  granularity: 'year',
});
const quarterInterval = (y: number, q: number): Resolved => ({
  from: iso(y, q * 3 - 2, 1),
  to: iso(y, q * 3, daysInMonth(y, q * 3)),
  granularity: 'quarter',
});
const twoDigitYear = (s: string): number =>
  s.length === 2 ? (Number(s) < 50 ? 2000 : 1900) + Number(s) : Number(s);
const published = (r: Resolved | null): Resolved | null =>
  r ? { ...r, anchor: r.anchor ?? 'published' } : null;

const yearOfPub = (ctx: Context): number | null =>
  ctx.published ? Number(ctx.published.to.slice(0, 4)) : null;
const monthOfPub = (ctx: Context): number | null =>
  ctx.published && ctx.published.granularity !== 'year' ? Number(ctx.published.to.slice(5, 7)) : null;
const dayOfPub = (ctx: Context): string | null =>
  ctx.published?.granularity === 'day' ? ctx.published.from : null;

/** The Monday–Sunday week holding a day. */
function weekOf(day: string): Resolved {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const dow = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return { from: addDays(day, -dow), to: addDays(day, 6 - dow), granularity: 'week' };
}

/** The quarter holding a day. */
const quarterOf = (day: string): Quarter => ({
  year: Number(day.slice(0, 4)),
  q: Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1,
});

/** The quarter an article about results last completed: the one before its publication quarter. */
function reportedQuarter(ctx: Context): Quarter | null {
  if (ctx.quarter) return ctx.quarter;
  if (!ctx.published || ctx.published.granularity === 'year') return null;
  const { year, q } = quarterOf(ctx.published.to);
  return q === 1 ? { year: year - 1, q: 4 } : { year, q: q - 1 };
}

/**
 * The year of a month/day written without one: the one nearest publication, where the words
 * around it weigh in: after a past-tense verb a later day counts four times its distance (a
 * week of slack: datelines lag), after a future marker an earlier one does ("extended to Nov. 20"
 * in an article of Nov. 2 is still this Nov. 20; "In January, it brought in" of October is past).
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
  const slack = ctx.published.granularity === 'day' ? 7 : 0;
  // the tense weighs without deciding: a day on the other side of publication counts four times its distance
  const cost = (g: number): number =>
    ctx.tense === 'past' && g > slack ? 4 * g : ctx.tense === 'future' && g < -slack ? -4 * g : Math.abs(g);
  return candidates.reduce((best, c) => (cost(c.gap) < cost(best.gap) ? c : best)).year;
}

/** Part of a month: early = 1–10, mid = 11–20, late = 21–end; TimeML keeps the month as the value. */
function partOfMonth(part: string | undefined, y: number, m: number): Resolved {
  const p = (part ?? '').toLowerCase();
  const last = daysInMonth(y, m);
  if (/^(?:early|the beginning|the start)/.test(p))
    return { from: iso(y, m, 1), to: iso(y, m, 10), granularity: 'month' };
  if (/^(?:mid|the middle)/.test(p)) return { from: iso(y, m, 11), to: iso(y, m, 20), granularity: 'month' };
  if (/^(?:late|the end)/.test(p)) return { from: iso(y, m, 21), to: iso(y, m, last), granularity: 'month' };
  return monthInterval(y, m);
}

/** "four weeks later" than an earlier expression, or than publication. */
function shiftFrom(base: Anchor, n: number, unit: string, sign: 1 | -1): Resolved | null {
  const u = unit.toLowerCase().replace(/s$/, '').replace(/ie$/, 'y');
  const anchor = base.start < 0 ? ('published' as const) : { start: base.start };
  if (u === 'day' || u === 'hour' || u === 'minute') {
    const d = u === 'day' ? addDays(sign > 0 ? base.to : base.from, sign * Math.round(n)) : base.from;
    return { from: d, to: d, granularity: 'day', anchor };
  }
  if (u === 'week' || u === 'weekend') {
    const d = addDays(base.from, sign * 7 * Math.round(n));
    return base.granularity === 'day'
      ? { from: addDays(d, -3), to: addDays(d, 3), granularity: 'week', anchor }
      : { ...weekOf(d), anchor };
  }
  if (u === 'month') {
    const d = addMonths(base.from, sign * Math.round(n));
    return base.granularity === 'day' && base.start >= 0
      ? { from: addDays(d, -7), to: addDays(d, 7), granularity: 'month', anchor }
      : { ...monthInterval(Number(d.slice(0, 4)), Number(d.slice(5, 7))), anchor };
  }
  if (u === 'quarter') {
    const d = addMonths(base.from, sign * 3 * Math.round(n));
    const q = quarterOf(d);
    return { ...quarterInterval(q.year, q.q), anchor };
  }
  if (u === 'year' || u === 'decade' || u === 'century') {
    const years = Math.round(n) * (u === 'decade' ? 10 : u === 'century' ? 100 : 1);
    // "a year earlier" than a day or a quarter is that day or quarter a year before; "five years ago" is a year
    if (years === 1 && base.start >= 0 && ['day', 'month', 'quarter', 'season'].includes(base.granularity)) {
      return {
        from: addMonths(base.from, sign * 12),
        to: addMonths(base.to, sign * 12),
        granularity: base.granularity,
        anchor,
      };
    }
    return { ...yearInterval(Number(base.from.slice(0, 4)) + sign * years), anchor };
  }
  return null;
}

function publishedAnchor(ctx: Context): Anchor | undefined {
  if (!ctx.published) return undefined;
  return {
    start: -1,
    from: ctx.published.from,
    to: ctx.published.to,
    granularity: ctx.published.granularity,
  };
}

/** The weekday nearest publication in the direction the sentence looks. */
function weekday(name: string, which: string, ctx: Context): Resolved | null {
  const d = dayOfPub(ctx);
  if (!d) return null;
  const target = weekdayOf(name);
  const [y, mo, da] = d.split('-').map(Number) as [number, number, number];
  const dow = new Date(Date.UTC(y, mo - 1, da)).getUTCDay();
  const w = which.toLowerCase().replace(/\s+/g, ' ');
  const back = (dow - target + 7) % 7;
  const ahead = (target - dow + 7) % 7;
  let delta: number;
  if (w === 'next' || w === 'this coming' || w === 'coming') delta = ahead || 7;
  else if (w === 'last' || w === 'this past' || w === 'past' || w === 'the previous') delta = -(back || 7);
  else if (ctx.tense === 'future') delta = ahead;
  // news "said Friday" on a Friday means that day
  else delta = -back;
  const day = addDays(d, delta);
  return { from: day, to: day, granularity: 'day', anchor: 'published' };
}

/** "yesterday", "today", "tomorrow", "tonight" from publication. */
function relativeDay(word: string, ctx: Context): Resolved | null {
  const d = dayOfPub(ctx);
  if (!d) return null;
  const w = word.toLowerCase();
  const day = addDays(d, w === 'yesterday' || w === 'last' ? -1 : w === 'tomorrow' ? 1 : 0);
  return { from: day, to: day, granularity: 'day', anchor: 'published' };
}

/** "this year", "last month", "the past week", "next quarter" counted from publication. */
function unitFromPublished(which: string, unit: string, ctx: Context): Resolved | null {
  if (!ctx.published) return null;
  const w = which.toLowerCase();
  const u = unit.toLowerCase();
  const sign = /^(?:last|past|previous|prior)$/.test(w) ? -1 : /^(?:next|coming)$/.test(w) ? 1 : 0;
  const y = yearOfPub(ctx)!;
  if (u === 'year' || u === 'fiscal year') return published(yearInterval(y + sign));
  if (u === 'decade') {
    const d = Math.floor(y / 10) * 10 + 10 * sign;
    return published({ from: iso(d, 1, 1), to: iso(d + 9, 12, 31), granularity: 'decade' });
  }
  if (u === 'century') {
    const c = Math.floor(y / 100) * 100 + 100 * sign;
    return published({ from: iso(c, 1, 1), to: iso(c + 99, 12, 31), granularity: 'century' });
  }
  if (ctx.published.granularity === 'year') return null; // "this month" of an article dated only by its year
  if (u === 'month') {
    const d = addMonths(ctx.published.to, sign);
    return published(monthInterval(Number(d.slice(0, 4)), Number(d.slice(5, 7))));
  }
  if (u === 'quarter') {
    const q = quarterOf(addMonths(ctx.published.to, 3 * sign));
    return published(quarterInterval(q.year, q.q));
  }
  const d = dayOfPub(ctx);
  if (!d) return null;
  return published(weekOf(addDays(d, 7 * sign)));
}

/** The year a season of the text falls in. */
function seasonYear(which: string, season: string, ctx: Context): number | null {
  const y = yearOfPub(ctx);
  const m = monthOfPub(ctx);
  if (y === null) return null;
  const w = which.toLowerCase();
  const [first] = SEASONS[season.toLowerCase()]!;
  if (w === 'last') return y - 1;
  if (w === 'next') return y + 1;
  if (w === 'this past') return m !== null && first > m ? y - 1 : y;
  if (w === 'this coming') return m !== null && first < m ? y + 1 : y;
  if (w === 'this' || m === null) return y;
  // "the summer", "early summer": the nearest one in the direction the sentence looks
  if (ctx.tense === 'past') return first > m ? y - 1 : y;
  if (ctx.tense === 'future') return first + 2 < m ? y + 1 : y;
  return y;
}

function seasonInterval(y: number, season: string): Resolved {
  const [a, b] = SEASONS[season.toLowerCase()]!;
  const endYear = b < a ? y + 1 : y;
  return { from: iso(y, a, 1), to: iso(endYear, b, daysInMonth(endYear, b)), granularity: 'season' };
}

/** The year of a quarter named without one: this year's if it has begun, else last year's unless the sentence looks forward. */
function quarterYear(q: number, ctx: Context): number | null {
  if (!ctx.published) return null;
  const now = quarterOf(ctx.published.to);
  if (ctx.published.granularity === 'year') return now.year;
  if (q <= now.q) return now.year;
  return ctx.tense === 'future' ? now.year : now.year - 1;
}

const QUARTER_WORDS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  final: 4,
  last: 4,
};

// ─── cues ───────────────────────────────────────────────────────────────────────────────

/** Kinds of word a rule needs; one scan of the sentence finds which it holds. */
export const CUE = {
  MONTH: 1,
  WEEKDAY: 2,
  DIGIT: 4,
  UNIT: 8,
  SEASON: 16,
  DAYPART: 32,
  RELDAY: 64,
  REF: 128,
  RELATIVE: 256,
  SET: 512,
  SPELLED: 1024,
  END: 2048,
} as const;
const CUE_WORDS: readonly [number, string][] = [
  [CUE.MONTH, '\\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)'],
  [CUE.WEEKDAY, '(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day'],
  [CUE.DIGIT, '\\d'],
  [CUE.RELDAY, '[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight'],
  [
    CUE.SET,
    '[Ee]ach|[Ee]very|[Dd]aily|[Ww]eekly|[Mm]onthly|[Aa]nnually|[Yy]early|[Hh]ourly|[Nn]ightly|[Ss]emiannually|[Bb]iweekly',
  ],
  [
    CUE.UNIT,
    '[Ss]econd|[Mm]inute|[Hh]our|[Dd]ay|[Ww]eek|[Mm]onth|[Qq]uarter|[Yy]ear|[Dd]ecade|[Cc]entur|[Hh]al(?:f|ves)|[Pp]eriod|Q[1-4]',
  ],
  [CUE.SEASON, '[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter'],
  [CUE.DAYPART, '[Mm]orning|[Aa]fternoon|[Ee]vening|[Nn]ight|[Nn]oon|[Mm]id-?day|[Oo]vernight'],
  [
    CUE.RELATIVE,
    '[Ll]ater|[Ee]arlier|[Aa]fter|[Bb]efore|[Nn]ext|[Ff]ollowing|[Pp]revious|[Pp]receding|[Ss]ame|\\bago\\b',
  ],
  [
    CUE.REF,
    '[Nn]ow|[Cc]urrent|[Rr]ecent|[Ll]ately|[Ss]oon|[Pp]ast|[Ff]uture|[Tt]erm\\b|[Mm]oment|[Cc]oming|[Pp]rior|[Oo]nce',
  ],
  [CUE.SPELLED, '[Nn]ineteen|[Ee]ighteen|[Tt]wenty|[Tt]wo thousand|ties\\b'],
  [CUE.END, '\\b[Ee]nd\\b'],
];
const CUES = new RegExp(CUE_WORDS.map(([, w]) => `(${w})`).join('|'), 'g');
const ALL_CUES = CUE_WORDS.reduce((n, [bit]) => n | bit, 0);

/** The kinds of date word a sentence holds (C bits). */
export function cuesOf(text: string): number {
  let mask = 0;
  CUES.lastIndex = 0;
  for (let m = CUES.exec(text); m && mask !== ALL_CUES; m = CUES.exec(text)) {
    for (let i = 1; i <= CUE_WORDS.length; i++) {
      if (m[i] !== undefined) {
        mask |= CUE_WORDS[i - 1]![0];
        break;
      }
    }
  }
  return mask;
}

// ─── the rules ──────────────────────────────────────────────────────────────────────────

const THE = capitalisable('the');
const PART = `${capitalisable('early|mid|late|the beginning of|the middle of|the end of|the start of|the first half of|the second half of|the last half of')}`;
const WEEKDAY_MOD = capitalisable(
  'last|this|next|this coming|this past|coming|past|the previous|the following|early|late|earlier|later|on',
);
const NOT_NUMBER_AFTER = '(?!,?\\s*\\d)';

export const RULES: readonly Rule[] = [
  // Saturday, April 25 / this coming Sunday, March eighth / Monday, Sept. 11, 2001
  {
    cue: CUE.WEEKDAY,
    usesTense: true,
    re: new RegExp(
      `\\b(?:(${WEEKDAY_MOD})\\s+)?${WEEKDAY},?\\s+(${MONTH})\\s+(${DAY})(?:,?\\s+(${YEAR}))?${WORD_END}${NOT_NUMBER_AFTER}`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => {
      const mo = monthOf(m[2]!);
      const d = dayOf(m[3]!);
      const y = m[4] ? Number(m[4]) : yearFor(mo, d, ctx);
      return y === null ? null : m[4] ? dayInterval(y, mo, d) : published(dayInterval(y, mo, d));
    },
  },
  // 23 September 2025 / 23–25 September 2025
  {
    cue: CUE.MONTH,
    re: new RegExp(
      `\\b(${DAY})(?:${DASH}(${DAY}))?\\s+(?:of\\s+)?(${MONTH}),?\\s+(${ANY_YEAR})${WORD_END}`,
      'gu',
    ),
    kind: 'point',
    resolve: (m) => {
      const y = spelledYear(m[4]!);
      const mo = monthOf(m[3]!);
      if (y === null) return null;
      const a = dayInterval(y, mo, dayOf(m[1]!));
      const b = m[2] ? dayInterval(y, mo, dayOf(m[2])) : a;
      return a && b && a.from <= b.to ? { from: a.from, to: b.to, granularity: 'day' } : null;
    },
  },
  // 10 Nov 11: day, month, two-digit year, as news wires write it; a year far from the article's is a number
  {
    cue: CUE.MONTH,
    re: new RegExp(`\\b(${DAY})\\s+(${MONTH})\\s+'?(\\d\\d)(?![\\p{L}\\p{N}]|[:.,]\\d)`, 'gu'),
    kind: 'point',
    resolve: (m, ctx) => {
      const yy = Number(m[3]);
      const y = yy <= 50 ? 2000 + yy : 1900 + yy;
      const around = ctx.published ? Number(ctx.published.from.slice(0, 4)) : null;
      if (around !== null && Math.abs(around - y) > 1) return null;
      return dayInterval(y, monthOf(m[2]!), dayOf(m[1]!));
    },
  },
  // September 11, 2025 / September 25–29, 2025 / March eighth nineteen ninety-eight
  {
    cue: CUE.MONTH,
    re: new RegExp(`\\b(${MONTH})\\s+(${DAY})(?:${DASH}(${DAY}))?,?\\s+(${ANY_YEAR})${WORD_END}`, 'gu'),
    kind: 'point',
    resolve: (m) => {
      const y = spelledYear(m[4]!);
      const mo = monthOf(m[1]!);
      if (y === null) return null;
      const a = dayInterval(y, mo, dayOf(m[2]!));
      const b = m[3] ? dayInterval(y, mo, dayOf(m[3])) : a;
      return a && b && a.from <= b.to ? { from: a.from, to: b.to, granularity: 'day' } : null;
    },
  },
  // 2025-10-04
  {
    cue: CUE.DIGIT,
    re: new RegExp(`\\b(${YEAR})-(\\d\\d)-(\\d\\d)${WORD_END}`, 'gu'),
    kind: 'point',
    resolve: (m) => dayInterval(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  // 10/4/25, US order (month first) unless the first number cannot be a month
  {
    cue: CUE.DIGIT,
    re: /\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?![\p{L}\p{N}/])/gu,
    kind: 'point',
    resolve: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      const y = twoDigitYear(m[3]!);
      return a >= 1 && a <= 12 ? dayInterval(y, a, b) : dayInterval(y, b, a);
    },
  },
  // from September 25 to 29 / September 25–29 / September 11th / March eighth
  {
    cue: CUE.MONTH,
    usesTense: true,
    re: new RegExp(
      `(?:\\b${capitalisable('from')}\\s+(?=${MONTH}\\s+${DAY}${DASH}\\d)|\\b${capitalisable('around|about|approximately|circa')}\\s+)?\\b(${MONTH})\\s+(${DAY})(?:${DASH}(${DAY}))?${WORD_END}${NOT_NUMBER_AFTER}`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => {
      const mo = monthOf(m[1]!);
      const d = dayOf(m[2]!);
      const y = yearFor(mo, d, ctx);
      if (y === null) return null;
      const a = dayInterval(y, mo, d);
      const b = m[3] ? dayInterval(y, mo, dayOf(m[3])) : a;
      return a && b && a.from <= b.to
        ? { from: a.from, to: b.to, granularity: 'day', anchor: 'published' }
        : null;
    },
  },
  // 11 September / 11th of September
  {
    cue: CUE.MONTH,
    usesTense: true,
    re: new RegExp(`\\b(${DAY})(?:\\s+of)?\\s+(${MONTH})${WORD_END}${NOT_NUMBER_AFTER}`, 'gu'),
    kind: 'point',
    resolve: (m, ctx) => {
      const mo = monthOf(m[2]!);
      const d = dayOf(m[1]!);
      const y = yearFor(mo, d, ctx);
      return y === null ? null : published(dayInterval(y, mo, d));
    },
    accept: (m) => /^\d/.test(m[1]!) || /\bof\b/.test(m[0]),
  },
  // early March 2025 / mid-August / late January / the end of June / September 2025 / March–April 2025 / January nineteen ninety-seven
  {
    cue: CUE.MONTH,
    usesTense: true,
    re: new RegExp(
      `(?:\\b(${PART})[\\s-]+)?\\b(${MONTH})(?:${DASH}(${MONTH}))?(?:,?\\s+(?:of\\s+)?(${ANY_YEAR}))?${WORD_END}${NOT_NUMBER_AFTER}`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => {
      const mo = monthOf(m[2]!);
      const explicit = m[4] ? spelledYear(m[4]) : null;
      const y = explicit ?? yearFor(mo, 15, ctx); // a month stands at its middle
      if (y === null) return null;
      const a = partOfMonth(m[1], y, mo);
      const r = m[3]
        ? { from: a.from, to: monthInterval(y, monthOf(m[3])).to, granularity: 'month' as const }
        : a;
      if (r.from > r.to) return null;
      return explicit === null ? published(r) : r;
    },
    accept: (m, before, after) => {
      if (m[1] || m[3] || m[4]) return true;
      // a bare month name: not the modal "May", not "March" the verb, not a name ("April Ryan")
      const name = m[2]!;
      const prev = /([\p{L}']+)\W*$/u.exec(before)?.[1]?.toLowerCase() ?? '';
      const governed =
        /^(?:in|by|since|until|till|through|during|from|of|for|before|after|early|late|mid|last|this|next|and|or|to|between|on|into)$/.test(
          prev,
        );
      if (name === 'May' || name === 'March') return governed || /^['\u2019]s\b/.test(after);
      return governed || !/^\s+\p{Lu}/u.test(after);
    },
  },
  // June last year / March next year / August this year
  {
    cue: CUE.MONTH,
    re: new RegExp(`\\b(${MONTH})\\s+(last|this|next)\\s+year${WORD_END}`, 'gu'),
    kind: 'point',
    resolve: (m, ctx) => {
      const y = yearOfPub(ctx);
      if (y === null) return null;
      const w = m[2]!;
      return published(monthInterval(y + (w === 'last' ? -1 : w === 'next' ? 1 : 0), monthOf(m[1]!)));
    },
  },
  // this July / last December / next March / this past April
  {
    cue: CUE.MONTH,
    re: new RegExp(
      `\\b(${capitalisable('this|last|next|this past|this coming')})\\s+(${MONTH})${WORD_END}${NOT_NUMBER_AFTER}`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => {
      const y0 = yearOfPub(ctx);
      const pm = monthOfPub(ctx);
      if (y0 === null) return null;
      const which = m[1]!.toLowerCase();
      const mo = monthOf(m[2]!);
      let y = y0;
      // "last February" said in March is a year before: the month just gone is "last month"
      if (which === 'last' && pm !== null) y = mo >= pm - 1 ? y0 - 1 : y0;
      else if (which === 'this past' && pm !== null) y = mo > pm ? y0 - 1 : y0;
      else if ((which === 'next' || which === 'this coming') && pm !== null) y = mo <= pm ? y0 + 1 : y0;
      return published(monthInterval(y, mo));
    },
  },
  // seasons: summer 2024 / this autumn / last winter / the early summer / the winter of nineteen ninety-four
  {
    cue: CUE.SEASON,
    usesTense: true,
    re: new RegExp(
      `\\b(?:(${capitalisable('this past|this coming|this|last|next|the|early|late|the early|the late|mid')})[\\s-]+)?(${capitalisable('spring|summer|autumn|fall|winter')})(?:,?\\s+(?:of\\s+)?(${ANY_YEAR}))?${WORD_END}`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => {
      const season = m[2]!.toLowerCase();
      const explicit = m[3] ? spelledYear(m[3]) : null;
      const which = (m[1] ?? '')
        .toLowerCase()
        .replace(/^the\s*/, '')
        .replace(/^(?:early|late|mid)$/, '');
      const y = explicit ?? seasonYear(which, season, ctx);
      return y === null
        ? null
        : explicit === null
          ? published(seasonInterval(y, season))
          : seasonInterval(y, season);
    },
    // "prices fall", "the fall of the regime": fall is a season only with a year or this/last/next; a bare season needs "the" or a year
    accept: (m, _before, after) => {
      const which = (m[1] ?? '').toLowerCase();
      if (m[2]!.toLowerCase() === 'fall')
        return m[3] !== undefined || /^(?:this|last|next|this past|this coming)$/.test(which);
      if (/^\s*of\s+(?!\d|nineteen|two thousand)/i.test(after)) return false; // "the spring of discontent"
      return true;
    },
  },
  // 2014–2015 / from 2020 to 2022 (TimeML marks "between 1985 and 1987" as two years)
  {
    cue: CUE.DIGIT,
    re: new RegExp(
      `\\b(?:${capitalisable('from')}\\s+)?(${YEAR})${DASH}(${YEAR}|\\d\\d)${WORD_END}(?!\\s*(?:%|percent))`,
      'gu',
    ),
    kind: 'point',
    resolve: (m) => {
      const a = Number(m[1]);
      const b = m[2]!.length === 2 ? Math.floor(a / 100) * 100 + Number(m[2]) : Number(m[2]);
      return b > a ? { from: iso(a, 1, 1), to: iso(b, 12, 31), granularity: 'year' } : null;
    },
  },
  // the 1990s / the late 1970s / the mid-'80s / the nineties
  {
    cue: CUE.DIGIT | CUE.SPELLED,
    re: new RegExp(
      `\\b(?:${THE}\\s+)?(?:(${capitalisable('early|mid|late')})[\\s-]+)?(?:(1[89]\\d0|20\\d0)['\u2019]?s|['\u2019](\\d0)s|(${capitalisable('twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties')}))${WORD_END}`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => {
      const words: Record<string, number> = {
        twenties: 20,
        thirties: 30,
        forties: 40,
        fifties: 50,
        sixties: 60,
        seventies: 70,
        eighties: 80,
        nineties: 90,
      };
      let y: number;
      if (m[2]) y = Number(m[2]);
      else {
        const tens = m[3] ? Number(m[3]) : words[m[4]!.toLowerCase()]!;
        const py = yearOfPub(ctx) ?? 1999;
        y = Math.floor(py / 100) * 100 + tens;
        if (y > py) y -= 100;
      }
      return { from: iso(y, 1, 1), to: iso(y + 9, 12, 31), granularity: 'decade' };
    },
    accept: (m, before) =>
      !m[4] ||
      /\bthe\s+(?:(?:early|mid|late)[\s-]+)?$/i.test(
        before + (m[0].match(/^the\s+(?:(?:early|mid|late)[\s-]+)?/i)?.[0] ?? ''),
      ) ||
      /^the\b/i.test(m[0]),
  },
  // the 20th century / the nineteenth century
  {
    cue: CUE.UNIT,
    re: new RegExp(
      `\\b(?:${THE}\\s+)?(?:(${capitalisable('early|mid|late')})[\\s-]+)?(\\d{1,2}(?:st|nd|rd|th)|(?:twenty-)?(?:${capitalisable(ORD_W)}))[\\s-]+century${WORD_END}`,
      'gu',
    ),
    kind: 'point',
    resolve: (m) => {
      const n = dayOf(m[2]!);
      if (n < 1 || n > 21) return null;
      const y = (n - 1) * 100;
      return { from: iso(Math.max(y, 1), 1, 1), to: iso(y + 99, 12, 31), granularity: 'century' };
    },
  },
  // mid-1996 / early 1990 / the end of 1990 / fiscal 1989 / the year two thousand / nineteen ninety-six
  {
    cue: CUE.DIGIT | CUE.SPELLED,
    re: new RegExp(
      `(?:\\b(${PART}|${capitalisable('fiscal|calendar|the year|the fiscal year|the calendar year|by the end of')})[\\s-]+)?(?:\\b(${YEAR})|(${SPELLED_YEAR}))(?:\\s+(?:or\\s+(?:later|earlier|before|after)|and\\s+(?:beyond|later|after)))?${WORD_END}(?![.,]\\d)(?!\\s*(?:%|percent|per cent|-to-|to \\d))`,
      'gu',
    ),
    kind: 'point',
    resolve: (m) => {
      const y = m[2] ? Number(m[2]) : spelledYear(m[3]!);
      return y === null ? null : yearInterval(y);
    },
    accept: (m, before, after) => {
      if (m[3])
        return (
          !!m[1] ||
          (!/\b(?:and|dollars?|people|percent|of)\b/i.test(after.slice(0, 12)) && !/\d\s*$/.test(before))
        );
      if (m[1]) return true;
      // "about 2000 people", "$2000", "No. 1990", "1990 Ford Drive", "(2000)" is fine
      if (
        /(?:about|some|over|nearly|almost|than|around|approximately|up to|[$\u20ac\u00a3#]|No\.)\s*$/i.test(
          before,
        )
      )
        return false;
      if (
        /^\s*(?:people|men|women|troops|soldiers|shares|miles|feet|meters|km|cars|units|workers|employees|jobs|tons)\b/i.test(
          after,
        )
      )
        return false;
      // "at 2010 GMT" is a time of day
      if (/^\s*(?:GMT|BST|UTC|CET|EST|EDT|hours|hrs|local time)\b/.test(after)) return false;
      if (/^[.,]\d/.test(after) || /\d[,.]$/.test(before)) return false;
      return true;
    },
  },
  // the first quarter / third-quarter / the 1988 third quarter / this year's third quarter / Q3 2025 / the first half of 1990
  {
    cue: CUE.UNIT,
    usesTense: true,
    re: new RegExp(
      `\\b(?:(?<det>${capitalisable('the|this|a|last|next')})\\s+)?` +
        `(?:(?<year>${YEAR})['\u2019]?s?\\s+|(?<rel>${capitalisable('this|last|next')})\\s+year['\u2019]s\\s+|` +
        `(?<mod>${capitalisable('year-ago|year-earlier|comparable|corresponding|same|fiscal|fiscal-year|latest|current')})[\\s-]+)*` +
        `(?<ordinal>${capitalisable('first|second|third|fourth|1st|2nd|3rd|4th|final|first two|last two|first three')})[\\s-]+` +
        `(?:fiscal[\\s-]+)?(?<unit>quarters?|half|halves)` +
        `(?:\\s+of\\s+(?:(?<ofYear>${YEAR})|(?<ofRel>${capitalisable('this|last|next')})\\s+year|(?:fiscal\\s+)?(?<fiscalYear>${YEAR})|the\\s+year))?${WORD_END}|` +
        `\\bQ(?<q>[1-4])\\s+(?<qYear>${YEAR})${WORD_END}`,
      'gu',
    ),
    kind: 'point',
    keepsDeterminer: true,
    resolve: (m, ctx) => {
      const g = m.groups!;
      const half = /hal/i.test(g.unit ?? '');
      const ordinal = (g.ordinal ?? '').toLowerCase();
      const q = g.q
        ? Number(g.q)
        : half
          ? /first/.test(ordinal)
            ? 1
            : 3
          : (QUARTER_WORDS[ordinal.split(/\s+/)[0]!] ?? 1);
      const explicit = g.year ?? g.ofYear ?? g.fiscalYear ?? g.qYear;
      const rel = (g.rel ?? g.ofRel ?? '').toLowerCase();
      const shiftedBack = /year-ago|year-earlier/i.test(g.mod ?? '') || /year-ago|year-earlier/i.test(m[0]);
      let y: number | null;
      if (explicit) y = Number(explicit);
      else if (rel) y = (yearOfPub(ctx) ?? 0) + (rel === 'last' ? -1 : rel === 'next' ? 1 : 0);
      else if (/^(?:last|next)$/i.test(g.det ?? '') && !half)
        return unitFromPublished(g.det!, 'quarter', ctx);
      else if (shiftedBack) {
        const r = reportedQuarter(ctx);
        y = r ? r.year - 1 : null;
      } else y = quarterYear(q, ctx);
      if (y === null || (!explicit && !ctx.published)) return null;
      const count = /two/.test(ordinal) ? 2 : /three/.test(ordinal) ? 3 : 1;
      const startQ = /^last/.test(ordinal) ? 5 - count : q;
      const r: Resolved = half
        ? {
            from: iso(y, q * 3 - 2, 1),
            to: iso(y, q * 3 + 3, daysInMonth(y, q * 3 + 3)),
            granularity: 'quarter',
          }
        : count > 1
          ? {
              from: iso(y, startQ * 3 - 2, 1),
              to: iso(y, (startQ + count - 1) * 3, daysInMonth(y, (startQ + count - 1) * 3)),
              granularity: 'quarter',
            }
          : quarterInterval(y, q);
      return explicit ? r : published(r);
    },
  },
  // the quarter / the latest quarter / the year-ago period / the 1988 period / the current fiscal year / the year / that quarter
  {
    cue: CUE.UNIT,
    re: new RegExp(
      `\\b(${capitalisable('the|this|that|its|their')})\\s+(?:(${YEAR})\\s+|(${capitalisable('latest|current|most recent|recent|year-ago|year-earlier|comparable|corresponding|same|previous|prior|past|full|fiscal|just-ended|just-completed|first|entire|whole')}` +
        `)[\\s-]+(?:(${capitalisable('year-ago|year-earlier|comparable|fiscal')})[\\s-]+)?)?(quarter|period|fiscal year|year|half|month|week|weekend|day|decade)(?!-)(?:\\s+(a year (?:ago|earlier)|last year|a year before))?${WORD_END}` +
        `(?!-)`,
      'gu',
    ),
    kind: 'point',
    keepsDeterminer: true,
    resolve: (m, ctx) => {
      const unit = m[5]!.toLowerCase();
      const mods = `${m[3] ?? ''} ${m[4] ?? ''} ${m[6] ?? ''}`.toLowerCase();
      const back = /year-ago|year-earlier|a year|last year/.test(mods);
      const explicitYear = m[2] ? Number(m[2]) : null;
      const det = m[1]!.toLowerCase();
      if (unit === 'quarter' || unit === 'period') {
        const ref =
          /current/.test(mods) && ctx.published && ctx.published.granularity !== 'year'
            ? quarterOf(ctx.published.to)
            : reportedQuarter(ctx);
        if (!ref) return explicitYear ? yearInterval(explicitYear) : null;
        const y = explicitYear ?? (back ? ref.year - 1 : ref.year);
        return published(quarterInterval(y, ref.q));
      }
      if (unit === 'half') return null;
      if (explicitYear) return yearInterval(explicitYear);
      if (/^(?:previous|prior|past)/.test(mods))
        return unitFromPublished('last', unit === 'fiscal year' ? 'year' : unit, ctx);
      if (unit === 'day') {
        // "later in the day": the day of the date before, or publication
        const a = ctx.previous ?? publishedAnchor(ctx);
        if (!a || a.granularity !== 'day') return null;
        return {
          from: a.from,
          to: a.to,
          granularity: 'day',
          anchor: a.start < 0 ? 'published' : { start: a.start },
        };
      }
      if (unit === 'weekend' || unit === 'week')
        return unitFromPublished(det === 'that' ? '' : 'this', 'week', ctx);
      if (det === 'that') {
        const a = ctx.previous;
        if (a && unit === 'year')
          return { ...yearInterval(Number(a.from.slice(0, 4))), anchor: { start: a.start } };
        return null;
      }
      const r = unitFromPublished('this', unit === 'fiscal year' ? 'year' : unit, ctx);
      return r && back && unit !== 'decade'
        ? { ...yearInterval(Number(r.from.slice(0, 4)) - 1), anchor: 'published' }
        : r;
    },
    accept: (m, _before, after) => {
      // "the day" and "the week" only as time ("the week's most active session", "for the day"), not "the day of the vote"
      const unit = m[5]!.toLowerCase();
      if (
        /^(?:day|month|week|decade)$/.test(unit) &&
        !m[2] &&
        !m[3] &&
        /^\s+(?:of|that|when|after|before|on|in|he|she|they|I|we)\b/.test(after)
      )
        return false;
      if (unit === 'period' && !m[2] && !m[3]) return false;
      return true;
    },
  },
  // year-ago / year-earlier as modifiers ("year-earlier profit")
  {
    cue: CUE.UNIT,
    re: new RegExp(`\\b(${capitalisable('year-ago|year-earlier|year-before')})${WORD_END}(?!-)`, 'gu'),
    kind: 'point',
    unanchoring: true,
    resolve: (_m, ctx) => {
      const r = ctx.quarter;
      if (r) return published(quarterInterval(r.year - 1, r.q));
      const y = yearOfPub(ctx);
      return y === null ? null : published(yearInterval(y - 1));
    },
  },
  // year-end / year end / the end of the year / the end of this month / the end of last week
  {
    cue: CUE.END,
    usesTense: true,
    re: new RegExp(
      `\\b(?:(${capitalisable('around|about|by')})\\s+(?=year))?(?:${capitalisable(PERIOD_ENDS)}` +
        `)${WORD_END}`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => {
      const t = m[0].toLowerCase();
      const y = yearOfPub(ctx);
      if (y === null) return null;
      if (/week|month|quarter|decade/.test(t)) {
        const unit = /week/.test(t)
          ? 'week'
          : /month/.test(t)
            ? 'month'
            : /quarter/.test(t)
              ? 'quarter'
              : 'decade';
        return unitFromPublished(/last/.test(t) ? 'last' : /next/.test(t) ? 'next' : 'this', unit, ctx);
      }
      // "since year-end" is the last one; otherwise this year's
      const shift = /next year/.test(t) ? 1 : /last year/.test(t) || ctx.tense === 'past' ? -1 : 0;
      return published(yearInterval(y + shift));
    },
  },
  // yesterday / today / tomorrow / tonight, with the part of the day ("late yesterday", "yesterday morning")
  {
    cue: CUE.RELDAY,
    re: new RegExp(
      `\\b(?:(${capitalisable('early|late|earlier|later|mid-?afternoon|mid-?morning|mid-?day|noon|midnight')})\\s+)?(${capitalisable('yesterday|today|tomorrow|tonight')})(?:\\s+(?:${TIME_OF_DAY}))?${WORD_END}(?!['\u2019]s\\s+(?!\\p{Lu}))`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => relativeDay(m[2]!.toLowerCase() === 'tonight' ? 'today' : m[2]!, ctx),
  },
  // this morning / last night / later this afternoon / the morning / mid afternoon / overnight
  {
    cue: CUE.DAYPART,
    re: new RegExp(
      `\\b(?:(${capitalisable('earlier|later|early|late')})\\s+)?(?:(${capitalisable('this|last|that|the')})\\s+)?(${capitalisable('morning|afternoon|evening|night|overnight')})|\\b(${capitalisable('mid')})[\\s-]?(${capitalisable('morning|afternoon|day')})${WORD_END}`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => {
      const which = (m[2] ?? '').toLowerCase();
      if (which === 'that')
        return ctx.previous?.granularity === 'day'
          ? {
              from: ctx.previous.from,
              to: ctx.previous.to,
              granularity: 'day',
              anchor: { start: ctx.previous.start },
            }
          : null;
      return relativeDay(which === 'last' && /night|evening/i.test(m[3]!) ? 'yesterday' : 'today', ctx);
    },
    accept: (m, before, after) => {
      if (m[4]) return true;
      if (/overnight/i.test(m[3]!)) return /^\s*(?:[,.;]|$)/.test(after);
      if (!m[2]) return false;
      if (m[2].toLowerCase() === 'the')
        return (
          /(?:in|during|on|by|until|through|since|overnight|late|early|that)\s+$/i.test(before) &&
          !/^\s+(?:of|after|before|when|that)\b/.test(after)
        );
      // "Morning Post", "the night of the attack"
      return !/^\s+(?:of|show|news|program|edition|shift|paper|papers)\b/i.test(after);
    },
  },
  // Tuesday night / last Friday / early Tuesday / the previous Friday / this coming Sunday / Mondays (recurring apart)
  {
    cue: CUE.WEEKDAY,
    usesTense: true,
    re: new RegExp(
      `\\b(?:(${WEEKDAY_MOD})\\s+)?(${WEEKDAY})(?:\\s+(${TIME_OF_DAY}))?${WORD_END}(?!['\u2019]s\\s+\\p{Lu})`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => {
      const mod = (m[1] ?? '').toLowerCase();
      if (/^(?:the previous|the following)$/.test(mod) && ctx.previous?.granularity === 'day') {
        const a = ctx.previous;
        const target = weekdayOf(m[2]!);
        const [y, mo, da] = a.from.split('-').map(Number) as [number, number, number];
        const dow = new Date(Date.UTC(y, mo - 1, da)).getUTCDay();
        const delta = mod === 'the previous' ? -((dow - target + 7) % 7 || 7) : (target - dow + 7) % 7 || 7;
        const d = addDays(a.from, delta);
        return { from: d, to: d, granularity: 'day', anchor: { start: a.start } };
      }
      return weekday(
        m[2]!,
        /^(?:on|early|late|earlier|later|the following)$/.test(mod)
          ? mod === 'the following'
            ? 'next'
            : ''
          : mod === 'the previous'
            ? 'last'
            : mod,
        ctx,
      );
    },
  },
  // 10 p.m. Wednesday / noon Thursday / around 7:15 p.m. / 5 p.m. EST, Nov. 6 / midnight
  {
    cue: CUE.DIGIT | CUE.DAYPART,
    usesTense: true,
    re: new RegExp(
      `\\b(?:(${capitalisable('around|about|approximately|shortly after|shortly before|just after|just before')}` +
        `)\\s+)?(?:(\\d{1,2})(?:[:.](\\d\\d))?\\s*(?:a\\.m\\.|p\\.m\\.|am\\b|pm\\b|AM\\b|PM\\b|o'clock)|${capitalisable('noon|midnight|midday')}` +
        `)(?:\\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|local time|ET|BST|CET))?(?:,?\\s+(?:(${WEEKDAY})|(${MONTH}` +
        `)\\s+(${DAY})|(${capitalisable('yesterday|today|tomorrow')})))?(?=\\W|$)`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => {
      if (m[4]) return weekday(m[4], '', ctx);
      if (m[5]) {
        const mo = monthOf(m[5]);
        const d = dayOf(m[6]!);
        const y = yearFor(mo, d, ctx);
        return y === null ? null : published(dayInterval(y, mo, d));
      }
      return relativeDay(m[7] ?? 'today', ctx);
    },
  },
  // this month / last year / next week / the past year / the coming weekend / early next year / later this month
  {
    cue: CUE.UNIT,
    re: new RegExp(
      `\\b(?:(${capitalisable('early|late|mid|earlier|later|sometime|the end of|the beginning of|the start of|the middle of')})[\\s-]+)?(?:${THE}\\s+)?(${capitalisable('this|last|next|past|coming|previous|current|this past|this coming')})\\s+(week|weekend|month|year|decade|century|quarter|fiscal year)(?:\\s+or\\s+so)?${WORD_END}(?!\\s+(?:or\\s+two|and a half))(?!-)`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => {
      const which = m[2]!.toLowerCase().replace('this past', 'last').replace('this coming', 'next');
      return unitFromPublished(which, m[3]!.replace('weekend', 'week'), ctx);
    },
    accept: (m, before) =>
      !(
        /^(?:the\s+)?(?:past|last|next|coming|previous)$/i.test(
          `${/\bthe\s+$/i.test(before) ? 'the ' : ''}${m[2]}`,
        ) && /\bthe\s+$/i.test(before)
      ),
  },
  // earlier in the year / later in the week
  {
    cue: CUE.UNIT,
    re: new RegExp(
      `\\b${capitalisable('earlier|later')}\\s+in\\s+the\\s+(week|month|year|day)${WORD_END}`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => {
      if (m[1] === 'day') {
        const a = ctx.previous ?? publishedAnchor(ctx);
        return a && a.granularity === 'day'
          ? {
              from: a.from,
              to: a.to,
              granularity: 'day',
              anchor: a.start < 0 ? 'published' : { start: a.start },
            }
          : null;
      }
      return unitFromPublished('this', m[1]!, ctx);
    },
  },
  // five years ago / a week or so ago / a year or two ago / several years ago
  {
    cue: CUE.UNIT,
    re: new RegExp(
      `\\b${HEDGE}(${NUM})(?:\\s+or\\s+(?:two|three|so))?\\s+(?:more\\s+)?(${UNIT})(?:\\s+or\\s+(?:two|so))?\\s+ago${WORD_END}`,
      'gu',
    ),
    kind: 'point',
    unanchoring: true,
    resolve: (m, ctx) => {
      const base = publishedAnchor(ctx);
      if (!base) return null;
      const n = countOf(m[1]!);
      const unit = m[2]!.toLowerCase();
      // "several years ago" is vaguer than any year
      if (/^(?:several|a few|few|many|some|a number of)$/i.test(m[1]!) && /year|decade|centur/.test(unit))
        return null;
      return shiftFrom(base, n, unit, -1);
    },
    accept: (m) => !/^(?:a|one)\s+year\s+ago$/i.test(m[0]),
  },
  // a year earlier / a year ago (in a report on a quarter, that quarter a year before)
  {
    cue: CUE.UNIT,
    re: new RegExp(
      `\\b(?:(${capitalisable('the quarter|the period|the year')})\\s+)?(${capitalisable('a|one')})\\s+year\\s+(${capitalisable('earlier|ago|before')})${WORD_END}`,
      'gu',
    ),
    kind: 'point',
    unanchoring: true,
    resolve: (m, ctx) => {
      if (ctx.quarter) return published(quarterInterval(ctx.quarter.year - 1, ctx.quarter.q));
      const prev = ctx.previous;
      if (/earlier|before/i.test(m[3]!) && prev && prev.granularity === 'day')
        return shiftFrom(prev, 1, 'year', -1);
      const y = yearOfPub(ctx);
      return y === null ? null : published(yearInterval(y - 1));
    },
    accept: (m, _before, after) => !/before$/i.test(m[3]!) || /^\s*(?:[,.;:]|$)/.test(after),
  },
  // four weeks later / a month earlier / the following day / the next day / later that day
  {
    cue: CUE.RELATIVE,
    re: new RegExp(
      `\\b(?:${HEDGE}(?:${THE}\\s+)?(${NUM})\\s+(${UNIT})\\s+(${capitalisable('later|earlier|after|before')})|(?:${THE}\\s+)?(?:${capitalisable('very')}\\s+)?(${capitalisable('next|following|previous|preceding|same')})\\s+(day|week|weekend|month|year|quarter)|(${capitalisable('later|earlier')})\\s+that\\s+(day|week|month|year|morning|afternoon|evening|night))${WORD_END}`,
      'gu',
    ),
    kind: 'point',
    resolve: (m, ctx) => {
      // with no date before it in the article, "a month earlier" counts from publication
      const prev = ctx.previous ?? publishedAnchor(ctx);
      if (!prev) return null;
      if (m[1]) return shiftFrom(prev, countOf(m[1]), m[2]!, /later|after/i.test(m[3]!) ? 1 : -1);
      if (m[4]) {
        const w = m[4].toLowerCase();
        if (w === 'same')
          return {
            from: prev.from,
            to: prev.to,
            granularity: prev.granularity,
            anchor: prev.start < 0 ? 'published' : { start: prev.start },
          };
        const unit = m[5]!.toLowerCase();
        const r = shiftFrom(prev, 1, unit, /previous|preceding/.test(w) ? -1 : 1);
        // "the following year" is a year, not that day a year on
        if (r && unit === 'year')
          return { ...yearInterval(Number(r.from.slice(0, 4))), ...(r.anchor ? { anchor: r.anchor } : {}) };
        if (r && unit === 'month' && prev.granularity !== 'month')
          return {
            ...monthInterval(Number(r.from.slice(0, 4)), Number(r.from.slice(5, 7))),
            ...(r.anchor ? { anchor: r.anchor } : {}),
          };
        return r;
      }
      return {
        from: prev.from,
        to: prev.to,
        granularity: prev.granularity,
        anchor: prev.start < 0 ? 'published' : { start: prev.start },
      };
    },
    // "a month after Qantas suspended flights": the length of time only (the duration rule takes it)
    accept: (m, _before, after) => !m[3] || /later|earlier/i.test(m[3]) || /^\s*(?:[,.;:)]|$)/.test(after),
  },
  // now / currently / recently / recent / current / the near future / soon (not "as soon as")
  {
    cue: CUE.REF | CUE.RELATIVE,
    re: new RegExp(
      `\\b(?:${capitalisable('right now|just now|now|currently|at present|nowadays|these days|recently|lately|more recently|until recently|then current|as soon as possible|soon|in the past|in the future|the near future|the distant future|the near term|the short term|the long term|once again')}` +
        `|(?:${THE}\\s+)?${capitalisable('past|last')}\\s+(?:few|several|couple of)\\s+(?:days|weeks|months|years|decades|quarters)|${capitalisable('recent|coming|future|past|previous|prior')}` +
        `\\s+(?:days|weeks|months|years|decades|quarters)(?:\\s+and\\s+(?:days|weeks|months|years))?|${capitalisable('the coming')}` +
        `\\s+(?:days|weeks|months|years)|${capitalisable('recent|current')})${WORD_END}`,
      'gu',
    ),
    kind: 'point',
    resolve: () => null,
    reference: (m) => {
      const t = m[0].toLowerCase();
      return /^(?:right now|just now|now|currently|at present|at the moment|nowadays|these days|current)$/.test(
        t,
      )
        ? 'present'
        : /future|soon|coming|term/.test(t)
          ? 'future'
          : 'past';
    },
    accept: (m, before, after) => {
      const t = m[0].toLowerCase();
      if (t === 'once again') return false;
      if (t === 'soon') return !/\bas\s+$/i.test(before) && !/^\s+(?:after|before|as)\b/i.test(after);
      if (t === 'now')
        return (
          (!/^\s+that\b/i.test(after) && !/\b(?:by|until|till|from|for|just)\s+$/i.test(before)) ||
          /\b(?:by|until|from)\s+$/i.test(before)
        );
      // adjectives name a time only before a noun: "the recent sale", "current market conditions"
      if (t === 'recent' || t === 'current' || t === 'then current')
        return (
          /^\s+\p{Ll}/u.test(after) &&
          !/^\s+(?:years|months|weeks|days|account|accounts|assets|liabilities|affairs|events|history|flows?|liabilit)\b/i.test(
            after,
          )
        );
      return true;
    },
  },
  // each year / every month / each Thursday / every other week / weekly / annually / Tuesday nights
  {
    cue: CUE.SET | CUE.WEEKDAY | CUE.REF,
    re: new RegExp(
      `\\b(?:(?:${capitalisable('each|every')})\\s+(?:(?:other|single|two|three|four|six)\\s+)?(?:${UNIT}` +
        `|${TIME_OF_DAY}|${WEEKDAY}|${MONTH}|spring|summer|autumn|fall|winter)|${capitalisable('each of the past|each of the last|each of the next')}` +
        `\\s+(?:${NUM})\\s+${UNIT}|${capitalisable('daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually')}` +
        `|${WEEKDAY}s(?:\\s+(?:${TIME_OF_DAY})s)?|${WEEKDAY}\\s+(?:${TIME_OF_DAY})s|${capitalisable('the past|the last')}` +
        `\\s+(?:${NUM})\\s+(?:springs|summers|autumns|winters))${WORD_END}`,
      'gu',
    ),
    kind: 'point',
    recurring: true,
    resolve: () => null,
    // "The Daily Telegraph", "a weekly magazine": names and kinds of publication, not times
    accept: (m, _before, after) =>
      !/^(?:weekly|monthly|daily|annually|yearly|nightly)$/i.test(m[0]) ||
      ((!/^\p{Lu}/u.test(m[0]) || !/^\s+\p{Lu}/u.test(after)) &&
        !/^\s+(?:newspaper|magazine|paper|publication|journal|news|show|programme|program|edition)\b/i.test(
          after,
        )),
  },
  // durations: (for) a week / (in) 26 years / (over) the past two decades / the next few days / 2 1/2 years / a minute and a half
  {
    cue: CUE.UNIT,
    re: new RegExp(
      `\\b(?:${capitalisable('the|a|an')}\\s+)?(?:(${capitalisable('past|last|next|first|coming|previous|latest|final|year-earlier|year-ago|following|remaining|initial|same|preceding|additional|further|entire|full')}` +
        `)\\s+)?${HEDGE}(${NUM})(?:\\s+or\\s+(?:${NUM}))?(?:\\s+(?:more|additional|full|straight|consecutive|trading|business|working|calendar))?\\s+(${UNIT}` +
        `)(?:\\s+and\\s+a\\s+half|\\s+or\\s+(?:so|more|two|longer))?${WORD_END}(?!\\s+(?:ago|later|earlier|old\\b))(?!-old)`,
      'gu',
    ),
    kind: 'duration',
    keepsDeterminer: true,
    // "$500 million a year", "four flights a week", "52 years old": a rate or an age, not a length of time
    accept: (m, before, after) => {
      // "last over a week" is no "last N"; "a second group", "a quarter of the market" are no lengths of time
      if (/^(?:past|last)$/i.test(m[1] ?? '') && !/^(?:the|a|an)\s/i.test(m[0])) return false;
      if (/^(?:a|an|one)$/i.test(m[2]!) && /^seconds?$/i.test(m[3]!)) return false;
      if (/^quarters?$/i.test(m[3]!) && /^\s+of\b/i.test(after)) return false;
      // a rate: "a" after an amount or a plural noun ("$500 million a year", "700 seats a week")
      if (
        /^(?:a|an)$/i.test(m[2]!) &&
        !m[1] &&
        m[0].toLowerCase().startsWith(`${m[2]!.toLowerCase()} `) &&
        /(?:\d|\b(?:million|billion|thousand|hundred|percent|times|twice)|[a-z]s)\s+$/i.test(before)
      )
        return false;
      if (/^(?:many|some|few)$/i.test(m[2]!) && !m[1] && !/\b(?:for|in|within|over|after)\s+$/i.test(before))
        return false;
      return !/^(?:a|an)\s+(?:a|an)\b/i.test(m[0]);
    },
  },
  // a 30-year bond / the two-week deadline / an 8-month-old truce / several-year tenure / one-year term
  {
    cue: CUE.UNIT,
    re: new RegExp(
      `\\b(\\d+(?:\\.\\d+)?|${capitalisable(`${UNITS_W}|${TEENS_W}|${TENS_W}|several|hundred|(?:${TENS_W})-(?:${UNITS_W})`)})[\\s-](?:day|week|month|year|hour|minute|decade|quarter|century)(?:-old|\\s+(?:period|term|span|stretch|history|tenure|run|career|stint))?${WORD_END}(?!-)`,
      'gu',
    ),
    kind: 'duration',
    accept: (m) =>
      /-/.test(m[0]) || /\s(?:period|term|span|stretch|history|tenure|run|career|stint)$/.test(m[0]),
  },
  // for years / within weeks / for centuries / months of talks / hours
  {
    cue: CUE.UNIT,
    re: new RegExp(
      `(?<=\\b(?:[Ff]or|[Ww]ithin|[Ii]n|[Oo]ver|[Aa]fter|[Ff]ollows|[Ff]ollowed|[Ff]ollowing|[Ll]asted|[Tt]ook)\\s+)(?:weeks|months|years|decades|centuries|days|hours|minutes)(?:\\s+or\\s+(?:weeks|months|years|decades|days))?${WORD_END}(?!\\s+(?:ago|later|earlier|old)\\b)`,
      'gu',
    ),
    kind: 'duration',
  },
];
