/**
 * Conflict detection measured by planting conflicts into real news (ECB+, default
 * ../shared/data/ecbplus, one folder per topic with gold.json; see its README.md).
 *
 * Date plants. A gold cross-document chain with mentions in 2+ articles; in article A a mention
 * of it is linked to a time expression that names a day explicitly ("July 21", "21 July 2011",
 * "Feb. 1", "10 Nov 11", "11/28/05"; not "Thursday", "yesterday", not the article's dateline);
 * in another article B a mention of the same chain is linked to a time of the same day (gold
 * value, or the day its text names), so B supports A's date. A mention and a time are linked when
 * gold `times[].events` links them (other than BEFORE/AFTER) or when they share a line (unless
 * gold says BEFORE/AFTER). The plant moves A's date 3 days later in the same format (weekday,
 * month spelling, zero padding, ordinal suffix, year width, numeric order); an explicit date
 * that cannot be written so (a month without a day, an unknown numeric order) is a skipped
 * candidate. It is caught when `corpus-nav index --json` on the modified copy reports a `date`
 * conflict with one report overlapping the changed span in A and another in another article.
 *
 * Count plants. In A a number (digits, or a word "two".."ninety-nine") on the line of a mention
 * of a multi-article chain, not part of a time expression, a year, a date or a hyphenated token,
 * followed by a content word; another article B has a line with a mention of the same chain and
 * the same number followed by the same word ("killed 35 people" in both). The plant writes
 * n + max(2, round(0.3 n)) in the same form (digits, with thousands commas if A had them, or
 * words). Caught when a `quantity` conflict has a report overlapping the changed span.
 * A report the unaltered topic already had in a conflict (same place, same value) never counts.
 *
 * Each topic plants up to 3 candidates of each kind (spread over its list), one change per topic
 * copy, in rounds; copies go to a temporary folder removed at the end. Recall is given for the
 * tune half (odd topic numbers), the test half (even) and all; "caught" counts any severity,
 * "warning" only warnings. False alarms: every conflict on the unaltered topics (per 10 topics),
 * on all of bbc-news as one corpus (per 200 articles) and on the seeds (should be none).
 *
 *   node out/eval/conflicts.js [--dir <ecbplus>] [--bbc <folder>] [--limit <topics>] [--plan] [--json <out.json>]
 * --plan lists the candidates and plants and stops before running the CLI.
 */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { option, repoRoot, sample } from './script-args';
import type { IndexJsonV1 } from '../../src/core/index/contract';

// ── gold data ────────────────────────────────────────────────────────────────────────────────
interface GoldMention {
  readonly id: string;
  readonly document: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly line: number;
  readonly crossDocCluster: string | null;
}
interface GoldTime {
  readonly id: string;
  readonly document: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly line: number;
  readonly value?: string | null;
  readonly dct?: boolean | null;
  readonly tag: string;
  readonly events: readonly { event: string; relType?: string }[];
}
interface Gold {
  documents: { file: string; published: string | null }[];
  events: GoldMention[];
  times: GoldTime[];
}
interface Topic {
  readonly name: string;
  readonly number: number;
  readonly dir: string;
  readonly gold: Gold;
  readonly texts: Map<string, string>;
}

type Kind = 'date' | 'count';
/** One planned change: in `document`, replace [start, end) (of the original text) by `replacement`. */
interface Plant {
  readonly kind: Kind;
  readonly topic: string;
  readonly topicNumber: number;
  readonly document: string;
  readonly start: number;
  readonly end: number;
  readonly original: string;
  readonly replacement: string;
  /** The gold chain, and the article and text supporting the original. */
  readonly chain: string;
  readonly support: string;
  readonly supportText: string;
  result?: {
    caught: boolean;
    severity: 'warning' | 'info' | null;
    message: string | null;
    conflictsOfKind: number;
    /** For a miss: the reports at the changed span, their events, and whether the supporting article is in them. */
    why: string;
  };
}
interface Candidate {
  readonly plant?: Omit<Plant, 'result'>;
  readonly skipped?: string;
  readonly topicNumber: number;
  readonly document: string;
  readonly text: string;
}

const SHIFT_DAYS = 3;
const PER_TOPIC = 3;
const PARALLEL = 2;

// ── dates: reading and rewriting explicit days ───────────────────────────────────────────────
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTH_RE =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\b(\\.)?';
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY_RE =
  /\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sun|Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat)\b/i;
const MD_RE = new RegExp(
  `\\b${MONTH_RE}\\s+(\\d{1,2})(st|nd|rd|th)?\\b(?![:.]\\d)(?:(,?\\s*)(\\d{4})\\b)?`,
  'i',
);
const DM_RE = new RegExp(
  `\\b(\\d{1,2})(st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}(?:(,?\\s*)(\\d{4}|\\d{2})\\b(?![:.]\\d))?`,
  'i',
);
const AFTER_MONTH_RE = new RegExp(`\\b${MONTH_RE}\\s+$`, 'i');
const NUMERIC_RE = /\b(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})\b/;
const ISO_RE = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const MONTH_ONLY_RE = new RegExp(`\\b${MONTH_RE}`, 'i');

/** A day named in a text: where (offsets in the text), which day (year may be unknown), and how to write another day the same way. */
interface NamedDay {
  readonly start: number;
  readonly end: number;
  readonly year: number | null;
  readonly month: number;
  readonly day: number;
  readonly write: (y: number, m: number, d: number) => string;
}

const monthIndex = (name: string): number =>
  MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().replace(/\.$/, '').slice(0, 3)));
/** `word` written in the case style of `like` (UPPER, Capitalised or lower). */
function caseLike(like: string, word: string): string {
  if (like.length > 1 && like === like.toUpperCase()) return word.toUpperCase();
  if (like[0] === like[0]!.toUpperCase()) return word[0]!.toUpperCase() + word.slice(1).toLowerCase();
  return word.toLowerCase();
}
/** Month `m` (1-12) written like `like`: full or abbreviated (4-letter "Sept" kept), case kept. */
function monthLike(like: string, m: number): string {
  const full = MONTHS[m - 1]!;
  const isFull = MONTHS.includes(like.toLowerCase());
  if (isFull) return caseLike(like, full);
  const abbr = like.length === 4 && full === 'september' ? 'sept' : full.slice(0, 3);
  return caseLike(like, abbr);
}
const ordinal = (d: number): string =>
  d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th';
/** A day or month written with a leading zero when the original had one ("08"); numeric dates keep their width ("28/09" → "01/10"). */
const pad = (n: number, like: string, fixedWidth = false): string =>
  (like.startsWith('0') || (fixedWidth && like.length === 2)) && n < 10 ? `0${n}` : String(n);
const yearLike = (y: number, like: string): string =>
  like.length === 2 ? String(y % 100).padStart(2, '0') : String(y);
const fullYear = (y: string): number => (y.length === 2 ? 2000 + Number(y) : Number(y));

/** Reads the first explicit day in `text` given an optional gold value (to settle a numeric order). */
function namedDay(text: string, goldDay: string | null): NamedDay | { skipped: string } | undefined {
  const found: NamedDay[] = [];
  const md = MD_RE.exec(text);
  if (md) {
    const [all, mon, dot = '', dd, suffix = '', sep = '', yy] = md;
    const month = monthIndex(mon!) + 1,
      day = Number(dd);
    if (day >= 1 && day <= 31) {
      found.push({
        start: md.index,
        end: md.index + all.length,
        year: yy ? fullYear(yy) : null,
        month,
        day,
        write: (y, m, d) =>
          `${monthLike(mon!, m)}${dot}${all.slice(mon!.length + dot.length, all.indexOf(dd!, mon!.length))}${pad(d, dd!)}${suffix ? caseLike(suffix, ordinal(d)) : ''}${yy ? `${sep}${yearLike(y, yy)}` : ''}`,
      });
    }
  }
  const dm = DM_RE.exec(text);
  if (dm) {
    const [all, dd, suffix = '', mon, dot = '', sep = '', yy] = dm;
    const month = monthIndex(mon!) + 1,
      day = Number(dd);
    const between = all.slice(dd!.length + suffix.length, all.indexOf(mon!, dd!.length + suffix.length));
    if (day >= 1 && day <= 31) {
      found.push({
        start: dm.index,
        end: dm.index + all.length,
        year: yy ? fullYear(yy) : null,
        month,
        day,
        write: (y, m, d) =>
          `${pad(d, dd!)}${suffix ? caseLike(suffix, ordinal(d)) : ''}${between}${monthLike(mon!, m)}${dot}${yy ? `${sep}${yearLike(y, yy)}` : ''}`,
      });
    }
  }
  const iso = ISO_RE.exec(text);
  if (iso) {
    found.push({
      start: iso.index,
      end: iso.index + iso[0].length,
      year: Number(iso[1]),
      month: Number(iso[2]),
      day: Number(iso[3]),
      write: (y, m, d) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    });
  }
  const num = NUMERIC_RE.exec(text);
  if (num) {
    const [all, a, sep, b, yy] = num;
    const year = fullYear(yy!);
    const goldMD =
      goldDay && Number(goldDay.slice(0, 4)) % 100 === year % 100
        ? [Number(goldDay.slice(5, 7)), Number(goldDay.slice(8, 10))]
        : undefined;
    let dayFirst: boolean | undefined;
    if (goldMD && goldMD[0] === Number(b) && goldMD[1] === Number(a)) dayFirst = true;
    else if (goldMD && goldMD[0] === Number(a) && goldMD[1] === Number(b)) dayFirst = false;
    else if (Number(a) > 12 && Number(b) <= 12) dayFirst = true;
    else if (Number(b) > 12 && Number(a) <= 12) dayFirst = false;
    else if (a === b) dayFirst = false;
    if (dayFirst === undefined)
      return found.length > 0
        ? found.sort((x, y) => x.start - y.start)[0]
        : { skipped: 'numeric date, day/month order unknown' };
    const month = Number(dayFirst ? b : a),
      day = Number(dayFirst ? a : b);
    found.push({
      start: num.index,
      end: num.index + all.length,
      year,
      month,
      day,
      write: (y, m, d) =>
        (dayFirst
          ? `${pad(d, a!, true)}${sep}${pad(m, b!, true)}`
          : `${pad(m, a!, true)}${sep}${pad(d, b!, true)}`) + `${sep}${yearLike(y, yy!)}`,
    });
  }
  if (found.length > 0) return found.sort((x, y) => x.start - y.start)[0];
  if (MONTH_ONLY_RE.test(text)) return { skipped: 'a month without a day' };
  return undefined;
}

const isoDay = (y: number, m: number, d: number): string =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
function shifted(y: number, m: number, d: number, days: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}
const goldDayOf = (t: GoldTime): string | null =>
  t.value && /^\d{4}-\d{2}-\d{2}/.test(t.value) ? t.value.slice(0, 10) : null;

/**
 * The day a time names: gold value, or read from its text (year from the article's publication);
 * month-day ("--MM-DD") when no year is known; a month ("YYYY-MM") for a gold month value.
 */
function dayOfTime(t: GoldTime, published: string | null): string | null {
  const gold = goldDayOf(t);
  if (gold) return gold;
  if (t.value && /^\d{4}-\d{2}$/.test(t.value)) return t.value;
  const n = namedDay(t.text, null);
  if (!n || 'skipped' in n) return null;
  const year = n.year ?? (published ? Number(published.slice(0, 4)) : null);
  return year === null
    ? `--${String(n.month).padStart(2, '0')}-${String(n.day).padStart(2, '0')}`
    : isoDay(year, n.month, n.day);
}
/** Same day; a day without a year ("--MM-DD") matches on month and day. */
const sameDay = (a: string, b: string): boolean =>
  /^\d{4}-\d{2}$/.test(a) || /^\d{4}-\d{2}$/.test(b)
    ? a === b
    : a.startsWith('--') || b.startsWith('--')
      ? a.slice(-5) === b.slice(-5)
      : a === b;

// ── numbers ─────────────────────────────────────────────────────────────────────────────────
const UNITS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const WORD_NUMBER_RE = new RegExp(
  `(?<!-)\\b(?:(${TENS.slice(2).join('|')})(?:-(${UNITS.slice(1, 10).join('|')}))?|(${UNITS.slice(2).join('|')}))\\b(?!-)`,
  'gi',
);
const DIGIT_NUMBER_RE = /(?<![\w.,/:#-]|\d[.,])(\d{1,3}(?:,\d{3})+|\d+)(?![\w/:%-]|[.,]\d)/g;
// words after a number that make it something other than a count of things
const NOT_COUNTED = new Set(
  (
    'of the a an and or to in on at for with by from as is was are were be been has have had that which who whom this these those it its ' +
    "block magnum caliber calibre mm am pm a.m p.m gmt edt est bst utc percent per times time hours hour minutes minute seconds days day weeks week months month years year decades century o'clock " +
    'january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'
  ).split(' '),
);

function wordsOf(n: number): string | undefined {
  if (n < 20) return UNITS[n];
  if (n < 100) return TENS[Math.floor(n / 10)]! + (n % 10 ? `-${UNITS[n % 10]}` : '');
  return undefined;
}
interface NumberToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly value: number;
  readonly next: string;
  readonly words: boolean;
}
/** Counts on a line (offsets in the article): integers ≥ 2, not years, followed by a content word. */
function numbersIn(
  text: string,
  lineStart: number,
  lineEnd: number,
  times: readonly GoldTime[],
): NumberToken[] {
  const line = text.slice(lineStart, lineEnd);
  const out: NumberToken[] = [];
  const take = (index: number, raw: string, value: number, words: boolean): void => {
    const start = lineStart + index,
      end = start + raw.length;
    const next = /^\s+([A-Za-z][A-Za-z'.]*[A-Za-z]|[A-Za-z])/
      .exec(text.slice(end, lineEnd))?.[1]
      ?.toLowerCase();
    if (!next || NOT_COUNTED.has(next) || value < 2) return;
    if (!words && value >= 1900 && value <= 2100) return;
    if (times.some((t) => t.start < end && start < t.end)) return;
    if (!words && AFTER_MONTH_RE.test(text.slice(Math.max(lineStart, start - 12), start))) return; // a day of a date gold left unmarked
    out.push({ start, end, text: raw, value, next, words });
  };
  for (const m of line.matchAll(DIGIT_NUMBER_RE)) take(m.index, m[0], Number(m[0].replace(/,/g, '')), false);
  for (const m of line.matchAll(WORD_NUMBER_RE)) {
    const value = m[3]
      ? UNITS.indexOf(m[3].toLowerCase())
      : TENS.indexOf(m[1]!.toLowerCase()) * 10 + (m[2] ? UNITS.indexOf(m[2].toLowerCase()) : 0);
    take(m.index, m[0], value, true);
  }
  return out;
}
function writeNumberLike(tok: NumberToken, n: number): string {
  if (tok.words) {
    const w = wordsOf(n);
    return w === undefined ? String(n) : caseLike(tok.text, w);
  }
  return tok.text.includes(',') ? n.toLocaleString('en-US') : String(n);
}

// ── candidates ───────────────────────────────────────────────────────────────────────────────
function lineBounds(text: string, line: number): [number, number] {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return [text.length, text.length];
    start = nl + 1;
  }
  const nl = text.indexOf('\n', start);
  return [start, nl < 0 ? text.length : nl];
}
const lineAt = (text: string, offset: number): string =>
  text.slice(
    text.lastIndexOf('\n', offset - 1) + 1,
    text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset),
  );

/** Mentions of chains with mentions in 2+ articles, by chain. */
function multiArticleChains(gold: Gold): Map<string, GoldMention[]> {
  const by = new Map<string, GoldMention[]>();
  for (const m of gold.events)
    if (m.crossDocCluster)
      (by.get(m.crossDocCluster) ?? by.set(m.crossDocCluster, []).get(m.crossDocCluster)!).push(m);
  for (const [chain, ms] of by) if (new Set(ms.map((m) => m.document)).size < 2) by.delete(chain);
  return by;
}

/** The times of a mention's article linked to it: by gold (not BEFORE/AFTER) or on its line (unless gold says BEFORE/AFTER). Never the dateline. */
function linkedTimes(m: GoldMention, timesOf: Map<string, GoldTime[]>): GoldTime[] {
  return (timesOf.get(m.document) ?? []).filter((t) => {
    if (t.dct) return false;
    const link = t.events.find((e) => e.event === m.id);
    if (link) return link.relType !== 'BEFORE' && link.relType !== 'AFTER';
    return t.line === m.line;
  });
}

function dateCandidates(topic: Topic): Candidate[] {
  const { gold } = topic;
  const timesOf = new Map<string, GoldTime[]>();
  for (const t of gold.times)
    (timesOf.get(t.document) ?? timesOf.set(t.document, []).get(t.document)!).push(t);
  const published = new Map(gold.documents.map((d) => [d.file, d.published]));
  const out = new Map<string, Candidate>();
  for (const [chain, mentions] of multiArticleChains(gold)) {
    for (const a of mentions) {
      for (const t of linkedTimes(a, timesOf)) {
        const key = `${t.document}:${t.start}:${t.end}`;
        if (out.has(key) && out.get(key)!.plant) continue;
        const text = topic.texts.get(a.document)!;
        const named = namedDay(t.text, goldDayOf(t));
        if (!named) continue; // not explicit ("Thursday", "yesterday", "in 2007")
        const aDay = dayOfTime(t, published.get(a.document) ?? null);
        // B: another article's mention of the chain linked to a time of the same day
        const support = mentions
          .filter((b) => b.document !== a.document)
          .flatMap((b) => linkedTimes(b, timesOf).map((bt) => ({ b, bt })))
          .find(({ b, bt }) => {
            const bDay = dayOfTime(bt, published.get(b.document) ?? null);
            return aDay !== null && bDay !== null && sameDay(aDay, bDay);
          });
        if (!support) continue;
        if ('skipped' in named) {
          if (!out.has(key))
            out.set(key, {
              skipped: named.skipped,
              topicNumber: topic.number,
              document: a.document,
              text: t.text,
            });
          continue;
        }
        const year = named.year ?? (aDay && !aDay.startsWith('--') ? Number(aDay.slice(0, 4)) : 2001);
        const [y, mo, d] = shifted(year, named.month, named.day, SHIFT_DAYS);
        let replacement = named.write(y, mo, d);
        let start = t.start + named.start,
          end = t.start + named.end;
        // a weekday in the same time expression moves along
        const wd = WEEKDAY_RE.exec(t.text);
        if (wd) {
          const w = WEEKDAYS.findIndex((x) => x.startsWith(wd[1]!.toLowerCase().slice(0, 3)));
          const full = WEEKDAYS[(w + SHIFT_DAYS) % 7]!;
          const word = caseLike(wd[1]!, WEEKDAYS.includes(wd[1]!.toLowerCase()) ? full : full.slice(0, 3));
          const ws = t.start + wd.index,
            we = ws + wd[1]!.length;
          if (we <= start) {
            replacement = word + text.slice(we, start) + replacement;
            start = ws;
          } else if (ws >= end) {
            replacement = replacement + text.slice(end, ws) + word;
            end = we;
          }
        }
        const original = text.slice(start, end);
        if (original === replacement) {
          out.set(key, {
            skipped: 'could not be rewritten',
            topicNumber: topic.number,
            document: a.document,
            text: t.text,
          });
          continue;
        }
        out.set(key, {
          topicNumber: topic.number,
          document: a.document,
          text: t.text,
          plant: {
            kind: 'date',
            topic: topic.name,
            topicNumber: topic.number,
            document: a.document,
            start,
            end,
            original,
            replacement,
            chain,
            support: support.b.document,
            supportText: `${support.bt.text} (${support.b.text})`,
          },
        });
      }
    }
  }
  return [...out.values()];
}

function countCandidates(topic: Topic): Candidate[] {
  const { gold } = topic;
  const timesOf = new Map<string, GoldTime[]>();
  for (const t of gold.times)
    (timesOf.get(t.document) ?? timesOf.set(t.document, []).get(t.document)!).push(t);
  const numbersOfLine = new Map<string, NumberToken[]>();
  const numbers = (doc: string, line: number): NumberToken[] => {
    const key = `${doc}:${line}`;
    let list = numbersOfLine.get(key);
    if (!list) {
      const text = topic.texts.get(doc)!;
      const [s, e] = lineBounds(text, line);
      list = /^https?:\/\//.test(text.slice(s, e)) ? [] : numbersIn(text, s, e, timesOf.get(doc) ?? []);
      numbersOfLine.set(key, list);
    }
    return list;
  };
  const out = new Map<string, Candidate>();
  for (const [chain, mentions] of multiArticleChains(gold)) {
    for (const a of mentions) {
      for (const tok of numbers(a.document, a.line)) {
        const key = `${a.document}:${tok.start}`;
        if (out.has(key)) continue;
        const support = mentions
          .filter((b) => b.document !== a.document)
          .map((b) => ({
            b,
            t: numbers(b.document, b.line).find((x) => x.value === tok.value && x.next === tok.next),
          }))
          .find((s) => s.t);
        if (!support) continue;
        const replacement = writeNumberLike(tok, tok.value + Math.max(2, Math.round(tok.value * 0.3)));
        out.set(key, {
          topicNumber: topic.number,
          document: a.document,
          text: tok.text,
          plant: {
            kind: 'count',
            topic: topic.name,
            topicNumber: topic.number,
            document: a.document,
            start: tok.start,
            end: tok.end,
            original: tok.text,
            replacement,
            chain,
            support: support.b.document,
            supportText: `${support.t!.text} ${support.t!.next} (${support.b.text})`,
          },
        });
      }
    }
  }
  return [...out.values()];
}

// ── running the CLI ──────────────────────────────────────────────────────────────────────────
const cli = option('--cli') ?? join(repoRoot(), 'dist', 'cli.js');
function indexJson(folder: string): Promise<IndexJsonV1> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [cli, 'index', folder, '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [],
      err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code !== 0)
        return fail(
          new Error(
            `corpus-nav index ${folder} exited with ${code}: ${Buffer.concat(err).toString().slice(-2000)}`,
          ),
        );
      try {
        done(JSON.parse(Buffer.concat(out).toString('utf8')) as IndexJsonV1);
      } catch (e) {
        fail(e);
      }
    });
  });
}
async function pool<T, R>(items: readonly T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await run(items[i]!);
      }
    }),
  );
  return results;
}
/** A copy of the topic's articles and corpus.yaml with one plant applied; indexed, judged, removed. */
/** Where a plant was lost: no report at the span, a report alone in its event, or an event without the supporting article. */
function whyMissed(index: IndexJsonV1, plant: Plant, span: { start: number; end: number }): string {
  const at = index.events.flatMap((e) =>
    e.reports
      .filter((r) => r.document === plant.document && r.start <= span.start && span.end <= r.end)
      .map((r) => ({ e, r })),
  );
  if (at.length === 0) return 'no report in its sentence';
  return at
    .map(({ e, r }) => {
      const others = [...new Set(e.reports.map((x) => x.document))].filter((d) => d !== plant.document);
      const support = others.includes(plant.support)
        ? 'with the support'
        : `without the support (${others.length} other articles)`;
      return `${e.id} ${e.action} “${r.predicate.text}” dated “${r.dateText ?? '-'}”, ${support}`;
    })
    .join('; ');
}

async function tryPlant(
  plant: Plant,
  topic: Topic,
  unaltered: IndexJsonV1,
  tmp: string,
  n: number,
): Promise<void> {
  const copy = join(tmp, `${topic.name}-${plant.kind}-${n}`);
  mkdirSync(copy);
  for (const f of readdirSync(topic.dir))
    if (f.endsWith('.txt') || f === 'corpus.yaml') copyFileSync(join(topic.dir, f), join(copy, f));
  const text = topic.texts.get(plant.document)!;
  writeFileSync(
    join(copy, plant.document),
    text.slice(0, plant.start) + plant.replacement + text.slice(plant.end),
  );
  const index = await indexJson(copy);
  rmSync(copy, { recursive: true, force: true });
  const span = { start: plant.start, end: plant.start + plant.replacement.length };
  const kind = plant.kind === 'date' ? 'date' : 'quantity';
  const ofKind = index.conflicts.filter((c) => c.kind === kind);
  // a report the unaltered topic already had in a conflict (same place, same value) is not the plant's doing ("10 Nov 11" read as Nov 11 both times)
  const delta = plant.replacement.length - (plant.end - plant.start);
  const before = new Set(
    unaltered.conflicts
      .filter((c) => c.kind === kind)
      .flatMap((c) => c.reports)
      .map(
        (r) =>
          `${r.document}|${r.document === plant.document && r.start >= plant.end ? r.start + delta : r.start}|${r.value}`,
      ),
  );
  const hits = ofKind.filter(
    (c) =>
      c.reports.some(
        (r) =>
          r.document === plant.document &&
          r.start < span.end &&
          span.start < r.end &&
          !before.has(`${r.document}|${r.start}|${r.value}`),
      ) &&
      (kind === 'quantity' || c.reports.some((r) => r.document !== plant.document)),
  );
  const best = hits.find((c) => c.severity === 'warning') ?? hits[0];
  plant.result = {
    caught: hits.length > 0,
    severity: best?.severity ?? null,
    message: best?.message ?? null,
    conflictsOfKind: ofKind.length,
    why: hits.length > 0 ? '' : whyMissed(index, plant, span),
  };
}

// ── figures ──────────────────────────────────────────────────────────────────────────────────
interface Recall {
  planted: number;
  caught: number;
  caughtWarning: number;
  skipped: number;
  recall: number;
  recallWarning: number;
}
function recallOf(plants: readonly Plant[], candidates: readonly Candidate[]): Recall {
  const caught = plants.filter((p) => p.result?.caught).length;
  const caughtWarning = plants.filter((p) => p.result?.severity === 'warning').length;
  const planted = plants.length;
  return {
    planted,
    caught,
    caughtWarning,
    skipped: candidates.filter((c) => c.skipped).length,
    recall: planted ? caught / planted : 0,
    recallWarning: planted ? caughtWarning / planted : 0,
  };
}
const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const showRecall = (name: string, r: Recall): string =>
  `  ${name.padEnd(5)} ${pct(r.recall).padStart(7)} (${r.caught}/${r.planted} caught, ${r.caughtWarning} as warnings, ${pct(r.recallWarning)}; ${r.skipped} candidates skipped)`;
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

function loadTopics(dir: string, limit: number): Topic[] {
  const names = readdirSync(dir)
    .filter((f) => /^topic\d+$/.test(f) && existsSync(join(dir, f, 'gold.json')))
    .sort((a, b) => Number(a.slice(5)) - Number(b.slice(5)))
    .slice(0, limit);
  return names.map((name) => {
    const tdir = join(dir, name);
    const gold = JSON.parse(readFileSync(join(tdir, 'gold.json'), 'utf8')) as Gold;
    const texts = new Map(
      readdirSync(tdir)
        .filter((f) => f.endsWith('.txt'))
        .map((f) => [f, readFileSync(join(tdir, f), 'utf8')]),
    );
    return { name, number: Number(name.slice(5)), dir: tdir, gold, texts };
  });
}

async function main(): Promise<void> {
  const dir = resolve(option('--dir') ?? join(repoRoot(), '..', 'shared', 'data', 'ecbplus'));
  const bbcDir = resolve(option('--bbc') ?? join(dir, '..', 'bbc-news'));
  const seedsDir = join(repoRoot(), 'seeds');
  const jsonOut = option('--json');
  const limit = option('--limit') === undefined ? Infinity : Number(option('--limit'));
  if (!(limit > 0)) throw new Error('--limit takes a positive number of topics');
  const topics = existsSync(dir) && statSync(dir).isDirectory() ? loadTopics(dir, limit) : [];
  if (topics.length === 0) {
    console.log(`conflicts: skipped: data not found (${dir})`);
    if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ skipped: 'data not found', dir }));
    return;
  }
  const t0 = performance.now();

  // candidates and the plants chosen from them (up to PER_TOPIC of each kind per topic, spread over its list)
  const candidates: Record<Kind, Candidate[]> = { date: [], count: [] };
  const rounds: Plant[][] = [];
  for (const topic of topics) {
    for (const kind of ['date', 'count'] as const) {
      const found = kind === 'date' ? dateCandidates(topic) : countCandidates(topic);
      candidates[kind].push(...found);
      sample(
        found.filter((c) => c.plant),
        PER_TOPIC,
      ).forEach((c, i) => (rounds[i] ??= []).push({ ...c.plant! }));
    }
  }
  const plants = rounds.flat();
  const byKind = (kind: Kind): Plant[] => plants.filter((p) => p.kind === kind);
  console.log(
    `conflicts: ${topics.length} topics (${dir}); candidates: ${candidates.date.length} date (${candidates.date.filter((c) => c.skipped).length} skipped), ` +
      `${candidates.count.length} count; ${byKind('date').length} date and ${byKind('count').length} count plants in ${rounds.length} rounds`,
  );
  const skipReasons: Record<string, number> = {};
  for (const c of [...candidates.date, ...candidates.count])
    if (c.skipped) skipReasons[c.skipped] = (skipReasons[c.skipped] ?? 0) + 1;
  if (Object.keys(skipReasons).length)
    console.log(
      `skipped candidates: ${Object.entries(skipReasons)
        .map(([r, n]) => `${r} ${n}`)
        .join(', ')}`,
    );
  // the first few plants, line before and after, to check by eye that the change is the one meant
  const topicOf = new Map(topics.map((t) => [t.name, t]));
  for (const kind of ['date', 'count'] as const) {
    for (const p of byKind(kind).slice(0, 3)) {
      const text = topicOf.get(p.topic)!.texts.get(p.document)!;
      const changed = text.slice(0, p.start) + p.replacement + text.slice(p.end);
      console.log(
        `  ${kind} plant ${p.topic}/${p.document}: “${p.original}” → “${p.replacement}” (supported by ${p.support}: ${oneLine(p.supportText)})`,
      );
      console.log(`    before: ${oneLine(lineAt(text, p.start))}`);
      console.log(`    after:  ${oneLine(lineAt(changed, p.start))}`);
    }
  }
  if (process.argv.includes('--plan')) {
    for (const p of plants)
      console.log(
        `  ${p.kind} ${p.topic}/${p.document}@${p.start}: “${p.original}” → “${p.replacement}”   (${p.support}: ${oneLine(p.supportText)})`,
      );
    for (const c of [...candidates.date, ...candidates.count].filter((x) => x.skipped))
      console.log(`  skipped ${c.document}: “${oneLine(c.text)}” (${c.skipped})`);
    return;
  }

  const tmp = mkdtempSync(join(tmpdir(), 'corpus-nav-conflicts-'));
  try {
    // round 0: the unaltered topics (false alarms)
    const baseline = await pool(topics, (t) => indexJson(t.dir));
    const unaltered = new Map(topics.map((t, i) => [t.name, baseline[i]!]));
    const falseAlarms = baseline.flatMap((idx, i) =>
      idx.conflicts.map((c) => ({ topic: topics[i]!.name, ...c })),
    );
    console.log(
      `round 0 (unaltered topics): ${falseAlarms.length} conflicts, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    for (const [r, round] of rounds.entries()) {
      let n = 0;
      await pool(round, (p) => tryPlant(p, topicOf.get(p.topic)!, unaltered.get(p.topic)!, tmp, n++));
      console.log(
        `round ${r + 1}: ${round.length} plants (${round.filter((p) => p.kind === 'date').length} date, ${round.filter((p) => p.kind === 'count').length} count), ` +
          `${round.filter((p) => p.result?.caught).length} caught, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
    const bbc = existsSync(bbcDir) ? await indexJson(bbcDir) : undefined;
    const seeds = existsSync(seedsDir) ? await indexJson(seedsDir) : undefined;
    const seconds = (performance.now() - t0) / 1000;

    // report
    const half = (name: 'tune' | 'test' | 'all', kind: Kind): Recall => {
      const keep = (topicNumber: number): boolean =>
        name === 'all' || (name === 'tune') === (topicNumber % 2 === 1);
      return recallOf(
        byKind(kind).filter((p) => keep(p.topicNumber)),
        candidates[kind].filter((c) => keep(c.topicNumber)),
      );
    };
    const recall = Object.fromEntries(
      (['date', 'count'] as const).map((kind) => [
        kind,
        Object.fromEntries((['tune', 'test', 'all'] as const).map((h) => [h, half(h, kind)])),
      ]),
    ) as Record<Kind, Record<'tune' | 'test' | 'all', Recall>>;
    console.log(`\nconflicts: ${topics.length} topics, ${plants.length} plants, ${seconds.toFixed(1)} s`);
    for (const kind of ['date', 'count'] as const) {
      console.log(`${kind} recall (caught at any severity):`);
      for (const h of ['tune', 'test', 'all'] as const) console.log(showRecall(h, recall[kind][h]));
    }
    const fa = {
      ecbplus: {
        conflicts: falseAlarms.length,
        warnings: falseAlarms.filter((c) => c.severity === 'warning').length,
        topics: topics.length,
        per10Topics: (10 * falseAlarms.length) / topics.length,
      },
      bbc: bbc
        ? {
            conflicts: bbc.conflicts.length,
            warnings: bbc.conflicts.filter((c) => c.severity === 'warning').length,
            articles: bbc.documents.length,
            per200Articles: (200 * bbc.conflicts.length) / Math.max(1, bbc.documents.length),
          }
        : null,
      seeds: seeds
        ? {
            conflicts: seeds.conflicts.length,
            warnings: seeds.conflicts.filter((c) => c.severity === 'warning').length,
            articles: seeds.documents.length,
          }
        : null,
    };
    console.log(
      `false alarms: ECB+ unaltered ${fa.ecbplus.conflicts} (${fa.ecbplus.warnings} warnings) in ${fa.ecbplus.topics} topics, ${fa.ecbplus.per10Topics.toFixed(2)} per 10 topics; ` +
        `BBC ${fa.bbc ? `${fa.bbc.conflicts} (${fa.bbc.warnings} warnings) in ${fa.bbc.articles} articles, ${fa.bbc.per200Articles.toFixed(2)} per 200` : 'skipped (not found)'}; ` +
        `seeds ${fa.seeds ? fa.seeds.conflicts : 'skipped'} (target 0)`,
    );
    const allAlarms = [
      ...falseAlarms.map((c) => ({ where: c.topic, c })),
      ...(bbc?.conflicts ?? []).map((c) => ({ where: 'bbc-news', c })),
      ...(seeds?.conflicts ?? []).map((c) => ({ where: 'seeds', c })),
    ];
    for (const { where, c } of allAlarms.slice(0, 10))
      console.log(`  ${where}: ${c.severity} ${c.kind}: ${oneLine(c.message)}`);
    const missed = plants.filter((p) => !p.result?.caught);
    console.log(`missed plants (${missed.length}; 5 spread over them):`);
    for (const p of sample(missed, process.argv.includes('--all-missed') ? missed.length : 5)) {
      const text = topicOf.get(p.topic)!.texts.get(p.document)!;
      console.log(
        `  ${p.kind} ${p.topic}/${p.document}: “${p.original}” → “${p.replacement}” (${p.support} has ${oneLine(p.supportText)})\n    ${oneLine(lineAt(text, p.start))}\n    lost: ${p.result?.why ?? ''}`,
      );
    }
    const caught = plants.filter((p) => p.result?.caught);
    if (caught.length) {
      console.log(`caught plants (${caught.length}; up to 5):`);
      for (const p of sample(caught, process.argv.includes('--all-missed') ? caught.length : 5))
        console.log(
          `  ${p.kind} ${p.topic}/${p.document}: “${p.original}” → “${p.replacement}”: ${p.result!.severity}: ${oneLine(p.result!.message ?? '')}`,
        );
    }
    if (jsonOut) {
      writeFileSync(
        jsonOut,
        JSON.stringify(
          {
            dir,
            topics: topics.length,
            seconds,
            shiftDays: SHIFT_DAYS,
            perTopic: PER_TOPIC,
            rounds: rounds.length,
            candidates: { date: candidates.date.length, count: candidates.count.length },
            skipReasons,
            dateRecall: recall.date,
            countRecall: recall.count,
            falseAlarms: fa,
            falseAlarmMessages: allAlarms
              .slice(0, 50)
              .map(({ where, c }) => ({ where, kind: c.kind, severity: c.severity, message: c.message })),
            plants: plants.map((p) => ({
              kind: p.kind,
              topic: p.topic,
              document: p.document,
              start: p.start,
              end: p.end,
              original: p.original,
              replacement: p.replacement,
              support: p.support,
              ...p.result,
            })),
          },
          null,
          2,
        ),
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
