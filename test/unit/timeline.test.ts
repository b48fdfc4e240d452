import * as assert from 'node:assert/strict';
import { buildTimeline, eventCounts, type Timeline } from '../../src/core/index/timeline';
import type { CorpusEvent } from '../../src/core/pipeline/events/events';
import type { Conflict } from '../../src/core/pipeline/conflicts/wording';

function event(
  id: string,
  from: string | null,
  to: string | null,
  summary: string,
  entities: string[] = ['a'],
  action = 'meet',
): CorpusEvent {
  return { id, summary, action, from, to, plan: false, entities, reports: [] };
}

/** The timeline as lines: "YYYY", "  YYYY-MM", "    <event id>", and "undated: ids". */
function outline(t: Timeline): string[] {
  const lines: string[] = [];
  for (const y of t.years) {
    lines.push(y.year);
    for (const m of y.months) {
      lines.push(`  ${m.key}`);
      for (const e of m.entries) lines.push(`    ${e.event.id}`);
    }
  }
  if (t.undated.length) lines.push(`undated: ${t.undated.map((e) => e.event.id).join(' ')}`);
  return lines;
}

/** [name, events, entity filter, expected outline]. */
const cases: [string, CorpusEvent[], string | undefined, string[]][] = [
  [
    'events sort by date and group by year and month',
    [
      event('e1', '2025-09-11', '2025-09-11', 'x'),
      event('e2', '2024-12-30', '2024-12-30', 'y'),
      event('e3', '2025-01-01', '2025-01-31', 'z'),
      event('e4', '2025-09-01', '2025-09-30', 'w'),
    ],
    undefined,
    ['2024', '  2024-12', '    e2', '2025', '  2025-01', '    e3', '  2025-09', '    e4', '    e1'],
  ],
  [
    'of two events starting the same day the narrower comes first',
    [event('e1', '2025-08-01', '2025-08-31', 'a month'), event('e2', '2025-08-01', '2025-08-01', 'a day')],
    undefined,
    ['2025', '  2025-08', '    e2', '    e1'],
  ],
  [
    'a season or range sits in the month it starts in',
    [event('e1', '2025-06-01', '2025-08-31', 'summer')],
    undefined,
    ['2025', '  2025-06', '    e1'],
  ],
  [
    'an event no source dates is not on the timeline',
    [event('e1', null, null, 'undated'), event('e2', '2025-03-03', '2025-03-03', 'dated')],
    undefined,
    ['2025', '  2025-03', '    e2'],
  ],
  [
    'years before year 0 come first',
    [
      event('e1', '2025-03-03', '2025-03-03', 'now'),
      event('e2', '-000044-03-15', '-000044-03-15', 'Ides'),
      event('e3', '-000100-07-12', '-000100-07-12', 'born'),
    ],
    undefined,
    ['-000100', '  -000100-07', '    e3', '-000044', '  -000044-03', '    e2', '2025', '  2025-03', '    e1'],
  ],
  [
    'a filter keeps only the events the entity takes part in',
    [
      event('e1', '2025-09-11', '2025-09-11', 'x', ['a', 'b']),
      event('e2', '2025-06-21', '2025-06-21', 'y', ['b']),
      event('e3', '2025-10-28', '2025-10-28', 'z', ['a']),
    ],
    'a',
    ['2025', '  2025-09', '    e1', '  2025-10', '    e3'],
  ],
  [
    'a filter no event matches leaves the timeline empty',
    [event('e1', '2025-09-11', '2025-09-11', 'x', ['a'])],
    'nobody',
    [],
  ],
];

suite('timeline: events by year and month', () => {
  for (const [name, events, entity, expected] of cases) {
    test(name, () => {
      assert.deepEqual(outline(buildTimeline(events, [], entity === undefined ? {} : { entity })), expected);
    });
  }

  test('counts: shown after the filter, total before it', () => {
    const t = buildTimeline(
      [
        event('e1', '2025-01-01', '2025-01-01', 'x', ['a']),
        event('e2', '2025-01-02', '2025-01-02', 'y', ['b']),
      ],
      [],
      { entity: 'b' },
    );
    assert.deepEqual([t.shown, t.total], [1, 2]);
  });

  test('each event carries the conflicts between its reports', () => {
    const conflict: Conflict = {
      kind: 'date',
      event: 'e2',
      message: 'A says June 21; B says June 22',
      reports: [],
      severity: 'warning',
      what: 'meeting',
      note: null,
      shared: '',
    };
    const t = buildTimeline(
      [event('e1', '2025-01-01', '2025-01-01', 'x'), event('e2', '2025-06-21', '2025-06-22', 'y')],
      [conflict],
    );
    assert.deepEqual(
      t.years[0]!.months.map((m) => m.entries.map((e) => e.conflicts.length)),
      [[0], [1]],
    );
  });

  test('keys survive renumbering and stay unique when summaries repeat', () => {
    const before = buildTimeline(
      [
        event('e1', '2025-01-01', '2025-01-01', 'A meets B'),
        event('e2', '2025-02-01', '2025-02-01', 'A meets B'),
        event('e3', '2025-03-01', '2025-03-01', 'C visits D', ['c'], 'visit'),
      ],
      [],
    );
    const after = buildTimeline(
      [
        event('e1', '2024-05-05', '2024-05-05', 'new'),
        event('e2', '2025-01-01', '2025-01-01', 'A meets B'),
        event('e3', '2025-02-01', '2025-02-01', 'A meets B'),
        event('e4', '2025-03-01', '2025-03-01', 'C visits D', ['c'], 'visit'),
      ],
      [],
    );
    const keys = (t: Timeline): string[] =>
      t.years.flatMap((y) => y.months.flatMap((m) => m.entries.map((e) => e.key)));
    assert.deepEqual(keys(before), ['meet:A meets B', 'meet:A meets B#2', 'visit:C visits D']);
    assert.deepEqual(keys(after).slice(1), keys(before));
  });

  test('eventCounts counts each event once per entity', () => {
    const counts = eventCounts([
      event('e1', null, null, 'x', ['a', 'b', 'a']),
      event('e2', null, null, 'y', ['a']),
    ]);
    assert.deepEqual(
      [...counts],
      [
        ['a', 2],
        ['b', 1],
      ],
    );
  });
});
