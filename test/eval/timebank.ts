/**
 * Date expressions measured on TimeBank 1.2 (TimeML, default ../shared/data/timebank/*.tml).
 *
 * Per file: the <DCT> TIMEX3 value (its day) is the publication date; the <TEXT> section with all
 * tags stripped (and XML entities decoded) is the article, and each <TIMEX3> in it is a gold span
 * (character offsets in the stripped text) with its type and value. `findDates` runs on that text
 * with `splitSentences` and the DCT as anchor (the core date step alone, not the whole corpus).
 *
 * Span detection over all gold TIMEX3 types (DATE, TIME, DURATION, SET) against all our
 * expressions (points and durations):
 *   strict  — a prediction is right when a gold span has exactly its start and end;
 *   relaxed — a prediction is right when it overlaps some gold span; a gold span is found when
 *             some prediction overlaps it (not one-to-one).
 * Value (normalisation), gold DATE only: our expression (the overlapping one with the largest
 * overlap) is written as a TimeML value — day YYYY-MM-DD, month YYYY-MM, year YYYY, decade YYY,
 * century YY, season YYYY-SP/SU/FA/WI (year of its first day), week YYYY-Www (ISO week of
 * `from`+3), quarter YYYY-Qn; durations and unresolved expressions have no value — and is right
 * only when equal to the gold value (gold "199X"/"19XX" count as "199"/"19").
 *   value accuracy (matched DATE) — right / gold DATE timexes relaxed-matched;
 *   value accuracy (all DATE)     — right / all gold DATE timexes (unmatched count as wrong).
 *
 * `--errors` prints every error instead of a sample, grouped by gold type (missed, boundaries,
 * wrong values) or by our kind (false positives), each with a little of the text around it.
 *
 *   node out/eval/timebank.js [--dir <folder>] [--limit <files>] [--errors] [--json <out.json>]
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createDocument } from '../../src/core/pipeline/text/document';
import { splitSentences } from '../../src/core/pipeline/text/sentences';
import { findDates, type DateExpression } from '../../src/core/pipeline/dates/date-expressions';
import { addDays, parsePartialDate } from '../../src/core/pipeline/dates/partial-date';
import { option, repoRoot, sample as sampleOf } from './script-args';

interface Timex {
  readonly start: number;
  readonly end: number;
  readonly type: string;
  readonly value: string;
}
/** Predictions judged right out of all predictions; gold spans found out of all gold spans. */
interface Score {
  right: number;
  predicted: number;
  found: number;
  gold: number;
  precision: number;
  recall: number;
  f1: number;
}
const EXAMPLES = 15;

const sample = <T>(list: readonly T[]): T[] => sampleOf(list, EXAMPLES);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The DCT day and the <TEXT> section as plain text with its gold TIMEX3 spans. */
function parseTml(raw: string): { dct: string; text: string; gold: Timex[] } {
  const dct = /<DCT>\s*<TIMEX3[^>]*\bvalue="(\d{4}-\d{2}-\d{2})/.exec(raw)?.[1];
  const body = /<TEXT>([\s\S]*)<\/TEXT>/.exec(raw)?.[1];
  if (!dct || body === undefined) throw new Error('no <DCT> date or no <TEXT> section');
  let text = '';
  const gold: Timex[] = [];
  let open: { start: number; type: string; value: string } | undefined;
  const re = /<(\/?)([A-Za-z0-9]+)([^>]*)>|&(amp|lt|gt|quot|apos);/g;
  let last = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    text += body.slice(last, m.index);
    last = re.lastIndex;
    if (m[4]) {
      text += ENTITIES[m[4]];
      continue;
    }
    if (m[2] !== 'TIMEX3') continue;
    if (m[1]) {
      if (open) gold.push({ start: open.start, end: text.length, type: open.type, value: open.value });
      open = undefined;
    } else {
      open = {
        start: text.length,
        type: /\btype="([^"]*)"/.exec(m[3]!)?.[1] ?? '?',
        value: /\bvalue="([^"]*)"/.exec(m[3]!)?.[1] ?? '',
      };
    }
  }
  text += body.slice(last);
  return { dct, text, gold };
}

/** ISO 8601 week-numbering year and week of a day. */
function isoWeek(day: string): { year: number; week: number } {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  t.setUTCDate(t.getUTCDate() + 4 - (t.getUTCDay() || 7)); // the Thursday of its week
  const year = t.getUTCFullYear();
  return { year, week: Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7) };
}

/** Our expression as a TimeML value; undefined when it has none. */
function timemlValue(e: DateExpression): string | undefined {
  if (e.reference) return `${e.reference.toUpperCase()}_REF`;
  if (e.kind !== 'point' || !e.from || !e.granularity) return undefined;
  const y = e.from.slice(0, 4);
  const month = Number(e.from.slice(5, 7));
  switch (e.granularity) {
    case 'day':
      return e.from;
    case 'month':
      return e.from.slice(0, 7);
    case 'year':
      return y;
    case 'decade':
      return e.from.slice(0, 3);
    case 'century':
      return e.from.slice(0, 2);
    case 'season':
      return `${y}-${({ 3: 'SP', 6: 'SU', 9: 'FA', 12: 'WI' } as Record<number, string>)[month] ?? `M${month}`}`;
    case 'quarter':
      return `${y}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'week': {
      const w = isoWeek(addDays(e.from, 3));
      return `${w.year}-W${String(w.week).padStart(2, '0')}`;
    }
  }
}

function score(right: number, predicted: number, found: number, gold: number): Score {
  const precision = predicted === 0 ? 0 : right / predicted;
  const recall = gold === 0 ? 0 : found / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { right, predicted, found, gold, precision, recall, f1 };
}

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
const show = (name: string, s: Score): string =>
  `${name.padEnd(14)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (${s.right}/${s.predicted} predictions right, ${s.found}/${s.gold} gold found)`;
const overlap = (a: { start: number; end: number }, b: { start: number; end: number }): number =>
  Math.min(a.end, b.end) - Math.max(a.start, b.start);

function main(): void {
  const dir = resolve(option('--dir') ?? join(repoRoot(), '..', 'shared', 'data', 'timebank'));
  const jsonOut = option('--json');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.tml'))
        .sort()
    : [];
  if (files.length === 0) {
    console.log(`timebank: skipped: data not found (${dir})`);
    if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ skipped: 'data not found', dir }));
    return;
  }
  const limit = option('--limit') === undefined ? Infinity : Number(option('--limit'));
  if (!(limit > 0)) throw new Error('--limit takes a positive number of files');

  let predicted = 0,
    strictPred = 0,
    relaxedPred = 0,
    goldCount = 0,
    strictGold = 0,
    relaxedGold = 0;
  let dateGold = 0,
    dateMatched = 0,
    valueRight = 0;
  const byType: Record<string, { gold: number; relaxed: number }> = {};
  const all = process.argv.includes('--errors');
  /** An error line and the category it is listed under with --errors. */
  type Line = { readonly category: string; readonly line: string };
  const missed: Line[] = [],
    spurious: Line[] = [],
    boundary: Line[] = [],
    wrongValue: Line[] = [];
  const t0 = performance.now();
  for (const file of files.slice(0, limit)) {
    const { dct, text, gold } = parseTml(readFileSync(join(dir, file), 'utf8'));
    const dates = findDates(createDocument(file, text), splitSentences(text), parsePartialDate(dct));
    const quote = (s: { start: number; end: number }): string => `“${text.slice(s.start, s.end)}”`;
    const around = (s: { start: number; end: number }): string =>
      all
        ? `   … ${text.slice(Math.max(0, s.start - 60), s.start)}[${text.slice(s.start, s.end)}]${text.slice(s.end, s.end + 40)} …`.replace(
            /\s+/g,
            ' ',
          )
        : '';
    predicted += dates.length;
    goldCount += gold.length;
    for (const e of dates) {
      if (gold.some((g) => g.start === e.start && g.end === e.end)) strictPred++;
      if (gold.some((g) => overlap(g, e) > 0)) relaxedPred++;
      else
        spurious.push({
          category: e.kind,
          line: `${file}: ${quote(e)} ${e.kind} ${timemlValue(e) ?? '-'}${around(e)}`,
        });
    }
    for (const g of gold) {
      const t = (byType[g.type] ??= { gold: 0, relaxed: 0 });
      t.gold++;
      const exact = dates.some((e) => e.start === g.start && e.end === g.end);
      if (exact) strictGold++;
      const best = dates.filter((e) => overlap(g, e) > 0).sort((a, b) => overlap(g, b) - overlap(g, a))[0];
      if (best && !exact)
        boundary.push({
          category: g.type,
          line: `${file}: gold ${quote(g)} ${g.type}, ours ${quote(best)}${around(g)}`,
        });
      if (best) {
        relaxedGold++;
        t.relaxed++;
      } else missed.push({ category: g.type, line: `${file}: ${quote(g)} ${g.type} ${g.value}${around(g)}` });
      if (g.type !== 'DATE') continue;
      dateGold++;
      if (!best) continue;
      dateMatched++;
      const ours = timemlValue(best);
      const want = g.value.replace(/^(\d{3})X$/, '$1').replace(/^(\d{2})XX$/, '$1');
      if (ours === want) valueRight++;
      else
        wrongValue.push({
          category: g.type,
          line: `${file} (DCT ${dct}): gold ${quote(g)} ${g.value}, ours ${quote(best)} ${ours ?? `none (${best.kind})`}${around(g)}`,
        });
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const strict = score(strictPred, predicted, strictGold, goldCount);
  const relaxed = score(relaxedPred, predicted, relaxedGold, goldCount);
  const valueMatched = dateMatched === 0 ? 0 : valueRight / dateMatched;
  const valueAll = dateGold === 0 ? 0 : valueRight / dateGold;

  console.log(
    `timebank: ${Math.min(limit, files.length)} files, ${goldCount} gold TIMEX3, ${predicted} predicted, ${seconds.toFixed(1)} s (${dir})`,
  );
  console.log(show('strict span', strict));
  console.log(show('relaxed span', relaxed));
  console.log(
    `relaxed recall by gold type: ${Object.entries(byType)
      .map(([t, c]) => `${t} ${c.relaxed}/${c.gold}`)
      .join(', ')}`,
  );
  console.log(
    `value accuracy (matched DATE): ${pct(valueMatched)}%  (${valueRight}/${dateMatched} gold DATE timexes relaxed-matched)`,
  );
  console.log(
    `value accuracy (all DATE):     ${pct(valueAll)}%  (${valueRight}/${dateGold} gold DATE timexes)`,
  );
  const list = (title: string, lines: readonly Line[]): void => {
    if (!all) {
      console.log(`${title} (${lines.length}; ${Math.min(EXAMPLES, lines.length)} spread over the set):`);
      for (const l of sample(lines)) console.log(`  ${l.line}`);
      return;
    }
    console.log(`${title} (${lines.length}):`);
    for (const category of [...new Set(lines.map((l) => l.category))].sort()) {
      const of = lines.filter((l) => l.category === category);
      console.log(`  ${category} (${of.length}):`);
      for (const l of of) console.log(`    ${l.line}`);
    }
  };
  console.log('');
  list('missed gold timexes', missed);
  list('predictions overlapping no gold timex', spurious);
  list('found but with other boundaries', boundary);
  list('wrong values on matched DATE timexes', wrongValue);
  if (jsonOut) {
    writeFileSync(
      jsonOut,
      JSON.stringify(
        {
          dir,
          files: Math.min(limit, files.length),
          gold: goldCount,
          predicted,
          seconds,
          strictSpan: strict,
          relaxedSpan: relaxed,
          goldByType: byType,
          valueAccuracyMatchedDate: { right: valueRight, of: dateMatched, accuracy: valueMatched },
          valueAccuracyAllDate: { right: valueRight, of: dateGold, accuracy: valueAll },
        },
        null,
        2,
      ),
    );
  }
}

try {
  main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
}
