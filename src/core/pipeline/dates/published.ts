/**
 * When an article was published: corpus.yaml says so; else a dateline or byline in the text
 * (a short line near the top or bottom holding a full date, such as `10/4/25` under a
 * signature); else the latest explicit date the article mentions, marked as inferred.
 */
import type { CorpusDocument } from '../text/document';
import type { Sentence } from '../text/sentences';
import { findDates, scanDates, type DateScan } from './date-expressions';
import { parsePartialDate, toPartialDate, type Interval } from './partial-date';

export type PublishedFrom = 'manifest' | 'text' | 'inferred';

export interface Published {
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  readonly date: string;
  readonly interval: Interval;
  readonly from: PublishedFrom;
  /** Where in the text the evidence stands (for `text` and `inferred`). */
  readonly evidence?: { readonly start: number; readonly end: number };
}

const EDGE_LINES = 8;
const SHORT_LINE = 80;
const BYLINE_WORDS = /^(?:published|posted|updated|first published|date|by\b)/i;
const STAMP_WORDS = /^(?:last\s+)?(?:published|posted|updated|modified|first published)\b/i;

/**
 * A web page's stamp rather than a sentence of the article: a short line of a date and "Last
 * updated", "Published", "Posted" before or after it ("21 July 2013 Last updated at 11:11 GMT").
 */
export function isStampLine(line: string, dateText: string): boolean {
  const trimmed = line.trim();
  if (trimmed.length > SHORT_LINE || !trimmed.includes(dateText)) return false;
  const at = trimmed.indexOf(dateText);
  const before = trimmed.slice(0, at).replace(/[\s,.;:|\-\u2013\u2014()]+$/, '');
  const after = trimmed.slice(at + dateText.length).replace(/^[\s,.;:|\-\u2013\u2014()]+/, '');
  return STAMP_WORDS.test(before) || (before === '' && STAMP_WORDS.test(after));
}

export function publicationDate(
  doc: CorpusDocument,
  sentences: readonly Sentence[],
  manifestDate: string | undefined,
  scan: DateScan = scanDates(doc, sentences),
): Published | undefined {
  if (manifestDate) {
    const interval = parsePartialDate(manifestDate);
    if (interval) return { date: manifestDate, interval, from: 'manifest' };
  }
  // Absolute dates only: without a publication date nothing relative can be placed.
  const absolute = findDates(doc, sentences, undefined, scan).filter(
    (d) => d.kind === 'point' && d.from && d.to && d.anchor === null,
  );
  // What an article announces for later says nothing about when it was written.
  const past = absolute.filter((d) => !d.forward);
  for (const { start, end } of edgeLines(doc.text).reverse()) {
    const trimmed = doc.text.slice(start, end).trim();
    if (trimmed.length > SHORT_LINE) continue;
    const d = absolute.find((x) => x.start >= start && x.end <= end && x.granularity === 'day');
    if (!d) continue;
    const rest = trimmed.replace(d.text, '').replace(/[\s,.;:|\-\u2013\u2014()]/g, '');
    if (rest === '' || BYLINE_WORDS.test(trimmed) || isStampLine(trimmed, d.text)) {
      const interval = { from: d.from!, to: d.to!, granularity: d.granularity! };
      return {
        date: toPartialDate(interval),
        interval,
        from: 'text',
        evidence: { start: d.start, end: d.end },
      };
    }
  }
  let latest: (typeof past)[number] | undefined;
  for (const d of past) {
    if (d.granularity !== 'day' && d.granularity !== 'month') continue;
    if (!latest || d.to! > latest.to!) latest = d;
  }
  if (!latest) return undefined;
  // published on or after the last day it mentions
  const interval =
    latest.granularity === 'day'
      ? { from: latest.to!, to: latest.to!, granularity: 'day' as const }
      : { from: latest.from!, to: latest.to!, granularity: latest.granularity! };
  return {
    date: toPartialDate(interval),
    interval,
    from: 'inferred',
    evidence: { start: latest.start, end: latest.end },
  };
}

/** The first and last EDGE_LINES lines that hold more than white space (each once), in reading order. */
function edgeLines(text: string): { start: number; end: number }[] {
  const lineAt = (from: number): { start: number; end: number } => {
    let start = from;
    while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
    let end = from;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    return { start, end };
  };
  const head: { start: number; end: number }[] = [];
  for (let i = 0; i < text.length && head.length < EDGE_LINES;) {
    const l = lineAt(i);
    if (text.slice(l.start, l.end).trim() !== '') head.push(l);
    i = l.end + 1;
  }
  const tail: { start: number; end: number }[] = [];
  for (let i = text.length - 1; i >= 0 && tail.length < EDGE_LINES;) {
    const l = lineAt(i);
    if (text.slice(l.start, l.end).trim() !== '' && !head.some((h) => h.start === l.start)) tail.unshift(l);
    i = l.start - 2;
  }
  return [...head, ...tail];
}
