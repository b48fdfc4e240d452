/**
 * The timeline as files other tools open: markwhen text, TimelineJS JSON, CSV (one row per
 * report) and iCalendar. Each builder is a pure function of the index; article text is data in
 * every format (escaped or quoted as the format wants, never markup).
 */
import type { CorpusIndex } from './corpus-index';
import { buildTimeline, type TimelineEntry } from './timeline';
import type { EventReport } from '../pipeline/events/events';

export const EXPORT_FORMATS = ['markwhen', 'timelinejs', 'csv', 'ics'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file extension each format is saved with. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  markwhen: 'mw',
  timelinejs: 'json',
  csv: 'csv',
  ics: 'ics',
};

export interface ExportOptions {
  /** The corpus's name, for titles. */
  readonly title: string;
  /** When the export is made (ISO date-time): iCalendar's DTSTAMP. No hidden clock: the caller says. */
  readonly now: string;
}

/** The timeline in one format. */
export function exportTimeline(index: CorpusIndex, format: ExportFormat, options: ExportOptions): string {
  switch (format) {
    case 'markwhen':
      return toMarkwhen(index, options);
    case 'timelinejs':
      return JSON.stringify(toTimelineJs(index, options), null, 2) + '\n';
    case 'csv':
      return toCsv(index);
    case 'ics':
      return toIcs(index, options);
  }
}

function datedEntries(index: CorpusIndex): TimelineEntry[] {
  const t = buildTimeline(index.events, index.conflicts);
  return t.years.flatMap((y) => y.months.flatMap((m) => m.entries)).filter((e) => e.event.from !== null);
}

function sentenceOf(index: CorpusIndex, r: EventReport): string {
  return (index.document(r.document)?.text.slice(r.start, r.end) ?? '').replace(/\s+/g, ' ').trim();
}

function sourceOf(index: CorpusIndex, document: string): string {
  const d = index.document(document);
  return d?.outlet ?? (d?.title || document);
}

/** Whether a report takes part in one of its event's conflicts. */
function inConflict(entry: TimelineEntry, r: EventReport): boolean {
  return entry.conflicts.some((c) =>
    c.reports.some((x) => x.document === r.document && x.start < r.end && r.start < x.end),
  );
}

/** A four-digit year, as markwhen and iCalendar need; signed six-digit years and year 0 are left out. */
const PLAIN_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}

// ── markwhen ────────────────────────────────────────────────────────────────

/**
 * One markwhen event per dated event: its day or range, the summary with the action and
 * `#conflict` as tags, then one list item per report (source, the date as written, the sentence).
 * Every description line is a list item, so no sentence can read as a new event or a group.
 */
export function toMarkwhen(index: CorpusIndex, options: ExportOptions): string {
  const out = ['---', `title: ${oneLine(options.title).replace(/[:#]/g, ' ')}`, '---', ''];
  for (const entry of datedEntries(index)) {
    const { event } = entry;
    if (
      !PLAIN_DAY.test(event.from!) ||
      !PLAIN_DAY.test(event.to ?? event.from!) ||
      event.from === '0000-01-01'
    )
      continue;
    const when = event.to && event.to !== event.from ? `${event.from}/${event.to}` : event.from!;
    const tags = [tagOf(event.action), ...(entry.conflicts.length > 0 ? ['conflict'] : [])]
      .filter((t) => t !== '')
      .map((t) => `#${t}`);
    out.push(`${when}: ${markwhenText(event.summary)}${tags.length > 0 ? ` ${tags.join(' ')}` : ''}`);
    for (const r of event.reports) {
      const date = r.date ? `“${r.date.text}”` : 'undated here';
      out.push(
        `- ${markwhenText(sourceOf(index, r.document))}, ${markwhenText(date)}${inConflict(entry, r) ? ' (conflict)' : ''}: ${markwhenText(sentenceOf(index, r))}`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

function tagOf(action: string): string {
  return action.replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '');
}

// `#word` would become a tag, `[text](link)` a link: both are shown as written instead
function markwhenText(text: string): string {
  return oneLine(text).replace(/#/g, '＃').replace(/\[/g, '［').replace(/\]/g, '］');
}

// ── TimelineJS ──────────────────────────────────────────────────────────────

/** A TimelineJS date: `year` is required, the rest optional. */
export interface TimelineJsDate {
  year: number;
  month?: number;
  day?: number;
}

/** The JSON TimelineJS 3 reads (https://timeline.knightlab.com/docs/json-format.html). */
export interface TimelineJsDocument {
  title: { text: { headline: string; text: string } };
  events: {
    start_date: TimelineJsDate;
    end_date?: TimelineJsDate;
    display_date?: string;
    text: { headline: string; text: string };
    group?: string;
    unique_id: string;
  }[];
}

/** One TimelineJS slide per dated event; its text lists the reports. TimelineJS reads text as HTML, so all of it is escaped. */
export function toTimelineJs(index: CorpusIndex, options: ExportOptions): TimelineJsDocument {
  const events = datedEntries(index).map((entry) => {
    const { event } = entry;
    const start = tjsDate(event.from!);
    const end = event.to && event.to !== event.from ? tjsDate(event.to) : undefined;
    const items = event.reports.map((r) => {
      const date = r.date ? `“${r.date.text}”` : 'undated here';
      const flag = inConflict(entry, r) ? ' ⚠' : '';
      return `<li><b>${html(sourceOf(index, r.document))}</b>, ${html(date)}${flag}: ${html(sentenceOf(index, r))}</li>`;
    });
    const warnings = entry.conflicts.map((c) => `<p>⚠ ${html(c.message)}</p>`);
    return {
      start_date: start,
      ...(end ? { end_date: end } : {}),
      text: { headline: html(event.summary), text: `${warnings.join('')}<ul>${items.join('')}</ul>` },
      group: html(event.action),
      unique_id: idSafe(event.id),
    };
  });
  return {
    title: {
      text: {
        headline: html(options.title),
        text: html(`${events.length} dated events from ${index.documents.length} articles`),
      },
    },
    events,
  };
}

function tjsDate(iso: string): TimelineJsDate {
  const m = /^(-?\d+)-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return { year: Number.parseInt(iso, 10) || 0 };
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

function html(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function idSafe(id: string): string {
  return `event-${id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

// ── CSV ─────────────────────────────────────────────────────────────────────

export const CSV_COLUMNS = [
  'event',
  'summary',
  'action',
  'event_from',
  'event_to',
  'document',
  'source',
  'title',
  'date_text',
  'from',
  'to',
  'granularity',
  'undated',
  'plan',
  'conflict',
  'sentence_start',
  'sentence_end',
  'sentence',
] as const;

/** RFC 4180 CSV, one row per report of a dated event, with a header row. */
export function toCsv(index: CorpusIndex): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const entry of datedEntries(index)) {
    const { event } = entry;
    for (const r of event.reports) {
      rows.push([
        event.id,
        text(event.summary),
        text(event.action),
        event.from ?? '',
        event.to ?? '',
        text(r.document),
        text(sourceOf(index, r.document)),
        text(index.document(r.document)?.title ?? ''),
        text(r.date?.text ?? ''),
        r.date?.from ?? '',
        r.date?.to ?? '',
        r.date?.granularity ?? '',
        r.date === null ? 'true' : 'false',
        r.plan ? 'true' : 'false',
        inConflict(entry, r) ? 'true' : 'false',
        String(r.start),
        String(r.end),
        text(sentenceOf(index, r)),
      ]);
    }
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// a cell a spreadsheet would run as a formula (=, +, -, @) gets a leading apostrophe
function text(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

// ── iCalendar ───────────────────────────────────────────────────────────────

/** RFC 5545: one all-day VEVENT per dated event (its first to its last day), the reports in its description. */
export function toIcs(index: CorpusIndex, options: ExportOptions): string {
  const stamp = options.now.replace(/[-:]/g, '').replace(/\.\d+/, '').replace(/Z?$/, 'Z');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Corpus Navigator//Timeline export//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${icsText(options.title)}`,
  ];
  for (const entry of datedEntries(index)) {
    const { event } = entry;
    const from = PLAIN_DAY.exec(event.from!);
    const to = PLAIN_DAY.exec(event.to ?? event.from!);
    if (!from || !to || from[1] === '0000') continue;
    const description = [
      ...entry.conflicts.map((c) => `⚠ ${c.message}`),
      ...event.reports.map(
        (r) =>
          `${sourceOf(index, r.document)}, ${r.date ? `“${r.date.text}”` : 'undated here'}: ${sentenceOf(index, r)}`,
      ),
    ].join('\n');
    lines.push(
      'BEGIN:VEVENT',
      `UID:${idSafe(event.id)}-${event.from}@corpus-navigator`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${event.from!.replace(/-/g, '')}`,
      `DTEND;VALUE=DATE:${nextDay(event.to ?? event.from!).replace(/-/g, '')}`,
      `SUMMARY:${icsText(event.summary)}`,
      `CATEGORIES:${icsText(event.action)}`,
      `DESCRIPTION:${icsText(description)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function icsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > (parts.length === 0 ? 75 : 74)) {
      parts.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}
