import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseMarkwhen } from '@markwhen/parser';
import { createCorpus, type CorpusIndex } from '../../src/core/incremental/corpus';
import { CSV_COLUMNS, exportTimeline, toTimelineJs } from '../../src/core/index/exports';
import { buildChartData } from '../../src/core/index/chart-data';
import { memoryReader } from './memory-reader';

const DEMO = join(__dirname, '..', '..', '..', 'examples', 'conflicts');
const options = { title: 'conflicts', now: '2026-01-02T03:04:05.678Z' };

function readFolder(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

// an article whose text tries to break out of each format: quotes, commas, formulas, markup, new lines
const HOSTILE = `Title: "Quoted", =HYPERLINK("x") <script>alert(1)</script>

On March 5, 2024, John Coale met Alexander Lukashenko in Minsk; #tag [link](http://x) \\ done.
`;

suite('exports', () => {
  let demo: CorpusIndex;
  let hostile: CorpusIndex;
  // ical.js is an ES module only
  let ICAL: typeof import('ical.js', { with: { 'resolution-mode': 'import' } }).default;
  suiteSetup(async () => {
    ICAL = (await import('ical.js')).default;
    demo = await createCorpus({ reader: memoryReader(readFolder(DEMO)) }).index();
    hostile = await createCorpus({
      reader: memoryReader({
        'corpus.yaml': 'documents:\n  a.txt:\n    published: 2024-03-09\n',
        'a.txt': HOSTILE,
      }),
    }).index();
  });

  const dated = (index: CorpusIndex) => index.events.filter((e) => e.from !== null);

  test('CSV: csv-parse reads one row per report of a dated event, every column', () => {
    for (const index of [demo, hostile]) {
      const rows: Record<string, string>[] = parseCsv(exportTimeline(index, 'csv', options), {
        columns: true,
        relax_quotes: false,
      });
      const reports = dated(index).reduce((n, e) => n + e.reports.length, 0);
      assert.equal(rows.length, reports);
      assert.ok(reports > 0);
      assert.deepEqual(Object.keys(rows[0]!), [...CSV_COLUMNS]);
      for (const r of rows) {
        const ev = index.events.find((e) => e.id === r['event'])!;
        assert.ok(ev, r['event']);
        // a sentence is the article's text at its span, spaces collapsed
        const doc = index.document(r['document']!)!;
        assert.equal(
          r['sentence']!.replace(/^'/, ''),
          doc.text.slice(Number(r['sentence_start']), Number(r['sentence_end'])).replace(/\s+/g, ' ').trim(),
        );
        for (const v of Object.values(r)) assert.ok(!/^[=+@]/.test(v), `a formula cell: ${v}`);
      }
    }
    const rows: Record<string, string>[] = parseCsv(exportTimeline(demo, 'csv', options), { columns: true });
    assert.ok(
      rows.some((r) => r['conflict'] === 'true'),
      'the demo has conflicting reports',
    );
  });

  test('iCalendar: ical.js reads one all-day VEVENT per dated event, with its days', () => {
    for (const index of [demo, hostile]) {
      const text = exportTimeline(index, 'ics', options);
      for (const line of text.split('\r\n')) assert.ok(new TextEncoder().encode(line).length <= 75, line);
      const cal = new ICAL.Component(ICAL.parse(text));
      const vevents = cal.getAllSubcomponents('vevent');
      assert.equal(vevents.length, dated(index).length);
      for (const v of vevents) {
        const e = new ICAL.Event(v);
        const ev = index.events.find((x) => e.uid.startsWith(`event-${x.id}-`))!;
        assert.ok(ev, e.uid);
        assert.equal(e.summary, ev.summary);
        assert.equal(e.startDate.toString(), ev.from);
        assert.ok(e.startDate.isDate);
        const end = e.endDate.clone();
        end.adjust(-1, 0, 0, 0);
        assert.equal(end.toString(), ev.to);
        assert.equal(v.getFirstPropertyValue('dtstamp')!.toString(), '2026-01-02T03:04:05Z');
      }
    }
    const hostileText = new ICAL.Event(
      new ICAL.Component(ICAL.parse(exportTimeline(hostile, 'ics', options))).getFirstSubcomponent('vevent')!,
    ).description;
    assert.match(hostileText, /Minsk; #tag \[link\]\(http:\/\/x\) \\ done\./);
  });

  test('markwhen: @markwhen/parser reads one event per dated event, its range and its reports', () => {
    for (const index of [demo, hostile]) {
      const parsed = parseMarkwhen(exportTimeline(index, 'markwhen', options));
      const timeline =
        'timelines' in parsed ? (parsed as { timelines: (typeof parsed)[] }).timelines[0]! : parsed;
      assert.deepEqual(timeline.parseMessages, []);
      const events = timeline.events.children as unknown as {
        firstLine: { restTrimmed: string };
        dateRangeIso: { fromDateTimeIso: string; toDateTimeIso: string };
        supplemental: { type: string; raw: string }[];
        tags: string[];
      }[];
      const expected = dated(index);
      assert.equal(events.length, expected.length);
      for (const [i, e] of events.entries()) {
        const ev = expected.find(
          (x) =>
            x.summary.replace(/#/g, '＃') === e.firstLine.restTrimmed &&
            x.from === e.dateRangeIso.fromDateTimeIso.slice(0, 10),
        )!;
        assert.ok(ev, e.firstLine.restTrimmed);
        assert.equal(e.dateRangeIso.fromDateTimeIso.slice(0, 10), ev.from, `event ${i}`);
        assert.equal(e.supplemental.filter((s) => s.type === 'listItem').length, ev.reports.length);
      }
    }
  });

  test('TimelineJS: the documented JSON shape, every text escaped', () => {
    for (const index of [demo, hostile]) {
      const doc = JSON.parse(exportTimeline(index, 'timelinejs', options)) as ReturnType<typeof toTimelineJs>;
      assert.equal(typeof doc.title.text.headline, 'string');
      assert.equal(doc.events.length, dated(index).length);
      const ids = new Set<string>();
      for (const e of doc.events) {
        assert.equal(typeof e.start_date.year, 'number');
        for (const d of [e.start_date, e.end_date].filter((d) => d !== undefined)) {
          assert.ok(Number.isInteger(d.year));
          if (d.month !== undefined) assert.ok(d.month >= 1 && d.month <= 12);
          if (d.day !== undefined) assert.ok(d.day >= 1 && d.day <= 31);
        }
        assert.equal(typeof e.text.headline, 'string');
        assert.equal(typeof e.text.text, 'string');
        assert.match(e.unique_id, /^[A-Za-z0-9_-]+$/);
        assert.ok(!ids.has(e.unique_id));
        ids.add(e.unique_id);
        // the only markup is ours: <ul>, <li>, <b>, <p>
        for (const tag of (e.text.text + e.text.headline).match(/<\/?([a-z]+)/g) ?? [])
          assert.ok(/^<\/?(ul|li|b|p)$/.test(tag), tag);
      }
    }
  });

  test('chart data: every dated event, its reports in their sources, conflicts marked', () => {
    const data = buildChartData(demo);
    assert.equal(data.events.length, dated(demo).length);
    const reports = data.events.flatMap((e) => e.reports);
    assert.equal(
      reports.length,
      dated(demo).reduce((n, e) => n + e.reports.length, 0),
    );
    for (const e of data.events) {
      assert.ok(data.actions[e.action] !== undefined);
      for (const i of e.entities) assert.ok(data.entities[i]);
      for (const r of e.reports) assert.ok(data.sources[data.documents[r.document]!.source]);
    }
    assert.ok(data.events.some((e) => e.conflict === 'warning'));
    assert.ok(reports.some((r) => r.conflict === 'warning'));
    // the demo's articles name their outlets: one lane per outlet
    assert.ok(data.sources.includes('Nordic Ledger'), data.sources.join(', '));
  });
});
