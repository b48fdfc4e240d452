import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCorpus, createIndex, type CorpusIndex } from '../../src/core/incremental/corpus';
import { analyseCorpus } from '../../src/core/pipeline/corpus';
import { toJsonV1 } from '../../src/core/index/contract';
import { reportMatches } from '../../src/core/pipeline/events/events';
import { sameEntityOf } from '../../src/core/pipeline/conflicts/conflicts';
import { parseManifest } from '../../src/core/pipeline/manifest/manifest';
import { memoryReader } from './memory-reader';

const DEMO = join(__dirname, '..', '..', '..', 'examples', 'conflicts');

type Side = readonly [file: string, text: string];

/** Every conflict planted in examples/conflicts: [case, kind, one report, the other]. Each must be a Warning. */
const PLANTED_CONFLICTS: readonly [string, 'date' | 'quantity', Side, Side][] = [
  [
    'the Brussels meeting: March 3 (Coastal Wire) against March 5',
    'date',
    ['coastal-wire.txt', 'March 3'],
    ['nordic-ledger.txt', 'March 5'],
  ],
  [
    'the Brussels meeting: March 3 (Harbour Herald) against March 5',
    'date',
    ['harbour-herald.txt', 'March 3'],
    ['nordic-ledger.txt', 'March 5'],
  ],
  [
    'Marsh in Bergen: "early April" against April 20',
    'date',
    ['coastal-wire.txt', 'April 20'],
    ['fisheries-weekly.txt', 'early April'],
  ],
  [
    'Nygaard meets Marsh in Brussels: "in May" against June 3',
    'date',
    ['bergen-observer.txt', 'June 3'],
    ['fisheries-weekly.txt', 'May'],
  ],
  [
    'fishermen detained near Svalbard on February 26: 14 against 16',
    'quantity',
    ['harbour-herald.txt', '14 Scottish fishermen'],
    ['nordic-ledger.txt', '16 Scottish fishermen'],
  ],
  [
    'patrol vessels deployed near Svalbard on September 2: 3 against 5',
    'quantity',
    ['bergen-observer.txt', '3 patrol vessels'],
    ['eu-affairs.txt', '5 patrol vessels'],
  ],
];

/** Pairs in examples/conflicts that look alike but do not conflict: [case, one report, the other]. */
const PLANTED_NON_CONFLICTS: readonly [string, Side, Side][] = [
  [
    'precision: "In June" holds "June 21" (the quota agreement)',
    ['bergen-observer.txt', 'June'],
    ['fisheries-weekly.txt', 'June 21'],
  ],
  [
    'precision: "mid-August" holds "August 15" (the phone call)',
    ['bergen-observer.txt', 'mid-August'],
    ['eu-affairs.txt', 'August 15'],
  ],
  [
    'precision: "This September" holds "September 11th" (the Reykjavik meeting)',
    ['bergen-observer.txt', 'This September'],
    ['eu-affairs.txt', 'September 11th'],
  ],
  [
    'relative: "Yesterday" in an article of March 6 is March 5 (the call with Nygaard)',
    ['harbour-herald.txt', 'Yesterday'],
    ['nordic-ledger.txt', 'March 5'],
  ],
  [
    'relative: "Four weeks later" after March 3 covers March 31 (the interim agreement)',
    ['coastal-wire.txt', 'Four weeks later'],
    ['fisheries-weekly.txt', 'March 31'],
  ],
  [
    'total: "bringing the total released since February to 66" against 14 freed that day',
    ['fisheries-weekly.txt', '66 fishermen'],
    ['coastal-wire.txt', '14 more fishermen'],
  ],
  [
    'repeat: "met again" on April 14 is not the March 3 meeting',
    ['coastal-wire.txt', 'April 14'],
    ['harbour-herald.txt', 'March 3'],
  ],
  [
    'repeat: "a second round of talks" on March 24 is not the March 3 meeting',
    ['coastal-wire.txt', 'March 24'],
    ['harbour-herald.txt', 'March 3'],
  ],
  [
    'plan: "will meet Marsh again ... on March 20" against the round held on March 24',
    ['harbour-herald.txt', 'March 20'],
    ['coastal-wire.txt', 'March 24'],
  ],
  [
    'different people: Holm meets Magnusson on March 4, Holm meets Marsh on March 3',
    ['nordic-ledger.txt', 'March 4'],
    ['harbour-herald.txt', 'March 3'],
  ],
  [
    'repeat: "another meeting ... this month" is not the September meeting',
    ['eu-affairs.txt', 'this month'],
    ['bergen-observer.txt', 'This September'],
  ],
  [
    'estimate: "some 200 personnel" against 230 personnel',
    ['bergen-observer.txt', '200 personnel'],
    ['eu-affairs.txt', '230 personnel'],
  ],
  [
    'one number written two ways: 1,200 and 1200 kilograms',
    ['harbour-herald.txt', '1,200 kilograms'],
    ['nordic-ledger.txt', '1200 kilograms'],
  ],
];

function readFolder(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .filter((f) => /\.(txt|yaml)$/.test(f))
      .map((f) => [f, readFileSync(join(folder, f), 'utf8')]),
  );
}

const involves = (c: CorpusIndex['conflicts'][number], [file, text]: Side): boolean =>
  c.reports.some((r) => r.document === file && r.text === text);
const isReport = (index: CorpusIndex, [file, text]: Side): boolean =>
  index.events.some((e) => e.reports.some((r) => reportMatches(r, { file, text })));

suite('conflicts: the demo corpus (examples/conflicts)', function () {
  this.timeout(60_000);
  let index: CorpusIndex;
  suiteSetup(async () => {
    index = await createCorpus({ reader: memoryReader(readFolder(DEMO)) }).index();
  });

  for (const [name, kind, a, b] of PLANTED_CONFLICTS) {
    test(`flagged: ${name}`, () => {
      const found = index.conflicts.filter((c) => c.kind === kind && involves(c, a) && involves(c, b));
      assert.equal(
        found.length,
        1,
        `one ${kind} conflict between ${a.join(': ')} and ${b.join(': ')}; all: ${index.conflicts.map((c) => c.message).join(' | ')}`,
      );
      assert.equal(found[0]!.severity, 'warning');
    });
  }

  for (const [name, a, b] of PLANTED_NON_CONFLICTS) {
    test(`not flagged: ${name}`, () => {
      // both sides are reports the rules look at, so the case is a real test of them
      assert.ok(isReport(index, a), `${a.join(': ')} is a report`);
      assert.ok(isReport(index, b), `${b.join(': ')} is a report`);
      assert.deepEqual(
        index.conflicts.filter((c) => involves(c, a) && involves(c, b)).map((c) => c.message),
        [],
      );
    });
  }

  test('nothing else is flagged', () => {
    const planted = PLANTED_CONFLICTS.map(
      ([, kind, a, b]) => `${kind} ${[a.join(': '), b.join(': ')].sort().join(' / ')}`,
    ).sort();
    const found = index.conflicts
      .map(
        (c) =>
          `${c.kind} ${c.reports
            .map((r) => `${r.document}: ${r.text}`)
            .sort()
            .join(' / ')}`,
      )
      .sort();
    assert.deepEqual(found, planted);
  });

  test('the demo corpus.yaml has no problems', () => {
    assert.deepEqual(
      index.findings.map((f) => `${f.file} ${f.code} ${f.message}`),
      [],
    );
  });

  test('a message names the other source and what it says', () => {
    const c = index.conflicts.find(
      (x) => involves(x, ['harbour-herald.txt', 'March 3']) && involves(x, ['nordic-ledger.txt', 'March 5']),
    )!;
    assert.match(
      c.message,
      /^The Harbour Herald dates this meeting March 3; Nordic Ledger dates this meeting March 5\. Both name Lars Holm, Helena Marsh and Brussels$/,
    );
  });
});

const pub = (
  files: Record<string, string>,
  dates: Record<string, string>,
  extra = '',
): Record<string, string> => ({
  ...files,
  'corpus.yaml': `documents:\n${Object.keys(files)
    .map((f) => `  - file: ${f}\n    published: '${dates[f] ?? '2025-10-04'}'\n`)
    .join('')}${extra}`,
});

/**
 * The rules on small pairs of articles: [case, articles (a.txt, b.txt, ...), publication dates,
 * expected conflicts as "kind severity"].
 */
const RULES: readonly [string, Record<string, string>, Record<string, string>, string[]][] = [
  [
    'two explicit days, two shared people',
    {
      'a.txt': 'A\nOn March 3, Lars Holm met Helena Marsh in Brussels.',
      'b.txt': 'B\nOn March 5, Lars Holm met Helena Marsh in Brussels.',
    },
    {},
    ['date warning'],
  ],
  [
    'days side by side: time zones may explain it',
    {
      'a.txt': 'A\nOn March 3, Lars Holm met Helena Marsh in Brussels.',
      'b.txt': 'B\nOn March 4, Lars Holm met Helena Marsh in Brussels.',
    },
    {},
    ['date info'],
  ],
  [
    '"early March" against March 20',
    {
      'a.txt': 'A\nIn early March, Keith Kellogg met Alexander Lukashenko in Minsk.',
      'b.txt': 'B\nOn March 20, Keith Kellogg met Alexander Lukashenko in Minsk.',
    },
    {},
    ['date warning'],
  ],
  [
    'a part of a month has soft edges: "mid-August" against August 22',
    {
      'a.txt': 'A\nIn mid-August, Donald Trump spoke by phone with Alexander Lukashenko.',
      'b.txt': 'B\nOn August 22, Donald Trump spoke by phone with Alexander Lukashenko.',
    },
    {},
    [],
  ],
  [
    '"in June" holds June 21',
    {
      'a.txt': 'A\nIn June, Keith Kellogg visited Minsk and met Alexander Lukashenko.',
      'b.txt': 'B\nOn June 21, Keith Kellogg visited Minsk and met Alexander Lukashenko.',
    },
    {},
    [],
  ],
  [
    'weeks apart: two meetings are likelier than a misdated one',
    {
      'a.txt': 'A\nOn September 11, John Coale met Alexander Lukashenko in Minsk.',
      'b.txt': 'B\nOn October 2, John Coale met Alexander Lukashenko in Minsk.',
    },
    {},
    [],
  ],
  [
    'one shared person and the same venue is enough',
    {
      'a.txt': 'A\nOn March 3, Lars Holm met fishermen in Bergen.',
      'b.txt': 'B\nOn March 6, Lars Holm met fishermen in Bergen.',
    },
    {},
    ['date warning'],
  ],
  [
    'one shared person, in two articles that tell one story, is enough',
    {
      'a.txt': 'A\nOn March 3, Lars Holm met fishermen.',
      'b.txt': 'B\nOn March 6, Lars Holm met fishermen.',
    },
    {},
    ['date warning'],
  ],
  [
    'one shared person, in articles about other things: only info, from the wording',
    {
      'a.txt':
        'A\nOn March 3, Lars Holm met fishermen.\nKari Nygaard praised Einar Magnusson in Oslo.\nNygaard thanked Iceland and Denmark.',
      'b.txt':
        'B\nOn March 6, Lars Holm met fishermen.\nHelena Marsh criticised Brussels.\nMarsh flew to Madrid and Lisbon.',
    },
    {},
    ['date info'],
  ],
  [
    'each names someone the other lacks: two meetings',
    {
      'a.txt': 'A\nOn March 3, Lars Holm met Helena Marsh and Einar Magnusson in Brussels.',
      'b.txt': 'B\nOn March 6, Lars Holm met Helena Marsh and Kari Nygaard in Brussels.',
    },
    {},
    [],
  ],
  [
    'statements are repeated freely',
    {
      'a.txt': 'A\nOn March 3, Lars Holm said in Brussels that Helena Marsh was right.',
      'b.txt': 'B\nOn March 6, Lars Holm said in Brussels that Helena Marsh was right.',
    },
    {},
    [],
  ],
  [
    '"by June" is a limit, not a day',
    {
      'a.txt': 'A\nBy June, Alexander Lukashenko had freed Siarhei Tsikhanouski.',
      'b.txt': 'B\nOn July 2, Alexander Lukashenko freed Siarhei Tsikhanouski.',
    },
    {},
    [],
  ],
  [
    '"yesterday" against a day two days away: only as sure as the publication date',
    {
      'a.txt': 'A\nYesterday, Lars Holm met Helena Marsh in Brussels.',
      'b.txt': 'B\nOn March 3, Lars Holm met Helena Marsh in Brussels.',
    },
    { 'a.txt': '2025-03-06', 'b.txt': '2025-03-07' },
    ['date info'],
  ],
  [
    'a written day against a weekday read from the publication date, three days apart',
    {
      'a.txt': 'A\nOn Thursday, Lars Holm met Helena Marsh in Brussels.',
      'b.txt': 'B\nOn March 3, Lars Holm met Helena Marsh in Brussels.',
    },
    { 'a.txt': '2025-03-07', 'b.txt': '2025-03-07' },
    ['date info'],
  ],
  [
    'a weekday on the written day of the week fits another week: no conflict',
    {
      'a.txt': 'A\nOn Thursday, Lars Holm met Helena Marsh in Brussels.',
      'b.txt': 'B\nOn March 6, Lars Holm met Helena Marsh in Brussels.',
    },
    { 'a.txt': '2025-03-14', 'b.txt': '2025-03-14' },
    [],
  ],
  [
    'a time of day is no date to conflict with',
    {
      'a.txt': 'A\nThis morning, Lars Holm met Helena Marsh in Brussels.',
      'b.txt': 'B\nOn March 3, Lars Holm met Helena Marsh in Brussels.',
    },
    { 'a.txt': '2025-03-07', 'b.txt': '2025-03-07' },
    [],
  ],
  [
    'two weekdays, each read from its own publication date, never conflict',
    {
      'a.txt': 'A\nOn Thursday, Lars Holm met Helena Marsh in Brussels.',
      'b.txt': 'B\nOn Monday, Lars Holm met Helena Marsh in Brussels.',
    },
    { 'a.txt': '2025-03-07', 'b.txt': '2025-03-07' },
    [],
  ],
  [
    'undated counts of one killing in articles of the same day',
    {
      'a.txt': 'A\nA gunman killed 14 people in Leeds, police said.',
      'b.txt': 'B\nA gunman killed 16 people in Leeds, police said.',
    },
    { 'a.txt': '2025-03-07', 'b.txt': '2025-03-07' },
    ['quantity warning'],
  ],
  [
    'undated counts in articles a month apart: two killings are as likely',
    {
      'a.txt': 'A\nA gunman killed 14 people in Leeds, police said.',
      'b.txt': 'B\nA gunman killed 16 people in Leeds, police said.',
    },
    { 'a.txt': '2025-03-07', 'b.txt': '2025-04-07' },
    [],
  ],
  [
    'a plan is not a report',
    {
      'a.txt': 'A\nLars Holm will meet Helena Marsh in Oslo on March 20.',
      'b.txt': 'B\nOn March 24, Lars Holm met Helena Marsh in Oslo.',
    },
    { 'a.txt': '2025-03-01', 'b.txt': '2025-03-30' },
    [],
  ],
  [
    'two plans for different days: a plan may move',
    {
      'a.txt': 'A\nLars Holm will meet Helena Marsh in Oslo on March 20.',
      'b.txt': 'B\nLars Holm will meet Helena Marsh in Oslo on March 24.',
    },
    { 'a.txt': '2025-03-01', 'b.txt': '2025-03-02' },
    [],
  ],
  [
    'a source that tells of a meeting and of a later one "again" shows two meetings',
    {
      'a.txt':
        'A\nOn March 3, Lars Holm met Helena Marsh in Oslo.\nOn March 7, Lars Holm met Helena Marsh again in Oslo.',
      'b.txt': 'B\nOn March 7, Lars Holm met Helena Marsh in Oslo.',
    },
    {},
    [],
  ],
  [
    'a source that reports both days shows two meetings',
    {
      'a.txt':
        'A\nOn March 3, Lars Holm met Helena Marsh in Oslo.\nOn March 7, Lars Holm met Helena Marsh in Oslo.',
      'b.txt': 'B\nOn March 7, Lars Holm met Helena Marsh in Oslo.',
      'c.txt': 'C\nOn March 3, Lars Holm met Helena Marsh in Oslo.',
    },
    {},
    [],
  ],
  [
    'counts of one release on one day',
    {
      'a.txt': 'A\nOn September 11, Alexander Lukashenko freed 14 prisoners in Minsk.',
      'b.txt': 'B\nOn September 11, Alexander Lukashenko freed 16 prisoners in Minsk.',
    },
    {},
    ['quantity warning'],
  ],
  [
    'an estimate does not contradict a count',
    {
      'a.txt': 'A\nOn September 11, Alexander Lukashenko freed about 300 prisoners in Minsk.',
      'b.txt': 'B\nOn September 11, Alexander Lukashenko freed 312 prisoners in Minsk.',
    },
    {},
    [],
  ],
  [
    'a total over both visits does not contradict one of its parts',
    {
      'a.txt': 'A\nOn September 11, following both visits, Alexander Lukashenko freed 66 prisoners in Minsk.',
      'b.txt': 'B\nOn September 11, Alexander Lukashenko freed 52 prisoners in Minsk.',
    },
    {},
    [],
  ],
  [
    'counts in one month may be two releases',
    {
      'a.txt': 'A\nIn September, Alexander Lukashenko freed 52 prisoners in Minsk.',
      'b.txt': 'B\nOn September 11, Alexander Lukashenko freed 16 prisoners in Minsk.',
    },
    {},
    [],
  ],
  [
    'two reports of a repeat are not dated against each other: which repeat?',
    {
      'a.txt': 'A\nOn September 16, John Coale met Alexander Lukashenko again in Minsk.',
      'b.txt': 'B\nOn September 19, John Coale met Alexander Lukashenko again in Minsk.',
    },
    {},
    [],
  ],
  [
    'a later "another meeting" is not the September meeting (the seeds\' Coale case)',
    {
      'a.txt': 'A\nOn September 11, John Coale met Alexander Lukashenko in Minsk.',
      'b.txt':
        'B\nFollowing another meeting with Alexander Lukashenko on October 2, John Coale declared that the U.S. would lift sanctions on potash.',
    },
    { 'b.txt': '2025-10-20' },
    [],
  ],
  [
    '"met again" is another meeting',
    {
      'a.txt': 'A\nOn September 11, John Coale met Alexander Lukashenko in Minsk.',
      'b.txt': 'B\nOn September 16, John Coale met Alexander Lukashenko again in Minsk.',
    },
    {},
    [],
  ],
];

/** Rule cases still missed, pending in every run: [case, articles, why]. */
const MISSED_RULES: readonly [string, Record<string, string>, string][] = [
  [
    '"opened their talks" against "met": one meeting told with two predicates',
    {
      'a.txt': 'A\nOn March 3, Lars Holm and Helena Marsh opened their talks in Brussels.',
      'b.txt': 'B\nOn March 5, Lars Holm met Helena Marsh in Brussels.',
    },
    'talks and a meeting are not related in WordNet, so the two reports are two events',
  ],
];

suite('conflicts: the rules', function () {
  this.timeout(60_000);
  for (const [name, , why] of MISSED_RULES) test.skip(`${name} (missed: ${why})`, () => {});
  for (const [name, files, dates, expected] of RULES) {
    test(name, async () => {
      const index = await createCorpus({ reader: memoryReader(pub(files, dates)) }).index();
      // every article yields a report, so an empty result comes from the rules, not from missing reports
      const reported = new Set(index.events.flatMap((e) => e.reports.map((r) => r.document)));
      assert.deepEqual([...reported].sort(), Object.keys(files).sort(), 'each article has a report');
      assert.deepEqual(
        index.conflicts.map((c) => `${c.kind} ${c.severity}`).sort(),
        expected,
        index.conflicts.map((c) => c.message).join(' | '),
      );
    });
  }
});

/** [first name, second name, taken for one entity]: an article may give only a person's surname. */
const SAME_ENTITY: readonly [string, string, boolean][] = [
  ['Obama', 'Barack Obama', true],
  ['Barack Obama', 'Obama', true],
  ['Benjamin', 'Regina M. Benjamin', true],
  ['Regina', 'Regina Benjamin', false],
  ['Michelle Obama', 'Barack Obama', false],
  ['Obama', 'Obama', true],
  ['Williams', 'Jamal Williams', true],
  ['Holm', 'Marsh', false],
];

suite('conflicts: a surname and a full name', () => {
  const same = sameEntityOf((id) => id);
  for (const [a, b, expected] of SAME_ENTITY) test(`${a} · ${b}`, () => assert.equal(same(a, b), expected));
});

suite('conflicts: dates the text cannot vouch for', function () {
  this.timeout(60_000);
  test('a weekday read from a publication date guessed from a date the article mentions', async () => {
    // a.txt has no publication date: it is guessed as March 11, 2005, its latest date, which makes
    // "Saturday" March 5; an article written years later says "Saturday" of another week
    const files = {
      'a.txt':
        'A\nOn Saturday, Lars Holm met Helena Marsh in Brussels.\nHolm first met Marsh on March 11, 2005.',
      'b.txt': 'B\nOn March 1, 2005, Lars Holm met Helena Marsh in Brussels.',
      'corpus.yaml': "documents:\n  - file: b.txt\n    published: '2005-03-02'\n",
    };
    const index = await createCorpus({ reader: memoryReader(files) }).index();
    assert.equal(index.documents.find((d) => d.id === 'a.txt')?.published?.from, 'inferred');
    assert.deepEqual(
      index.conflicts.map((c) => c.message),
      [],
    );
  });

  test('a web page stamp ("Last updated at") is no report of a happening', async () => {
    const files = {
      'a.txt': 'A\n21 July 2013 Last updated at 11:11 GMT\nFire destroyed a supermarket roof in Wellington.',
      'b.txt': 'B\n23 July 2013 Last updated at 13:42 GMT\nFire destroyed a supermarket roof in Wellington.',
    };
    const index = await createCorpus({ reader: memoryReader(files) }).index();
    const stamps = index.events
      .flatMap((e) => e.reports)
      .filter((r) => r.start < 45 && r.predicate.text === 'updated');
    assert.deepEqual(stamps, []);
    assert.equal(index.documents.find((d) => d.id === 'b.txt')?.published?.date, '2013-07-23');
  });
});

suite('conflicts: decisions in corpus.yaml', function () {
  this.timeout(60_000);
  const files = {
    'a.txt': 'A\nOn March 3, Lars Holm met Helena Marsh in Brussels.',
    'b.txt': 'B\nOn March 5, Lars Holm met Helena Marsh in Brussels.',
  };
  const analyse = (extra: string): Promise<CorpusIndex> =>
    createCorpus({ reader: memoryReader(pub(files, {}, extra)) }).index();

  test('without a decision the pair conflicts', async () => {
    const index = await analyse('');
    assert.equal(index.conflicts.length, 1);
    assert.equal(index.events.length, 1);
  });

  test('`distinct:` keeps the reports apart: two events, no conflict', async () => {
    const index = await analyse('distinct:\n  - a.txt: March 3\n    b.txt: March 5\n');
    assert.deepEqual(index.conflicts, []);
    assert.equal(index.events.length, 2);
    assert.deepEqual(index.findings, []);
  });

  test('`dismissed:` drops the conflict and keeps the event', async () => {
    const index = await analyse('dismissed:\n  - b.txt: March 5\n    a.txt: March 3\n');
    assert.deepEqual(index.conflicts, []);
    assert.equal(index.events.length, 1);
  });

  test('a decision that matches no report any more is reported as information', async () => {
    const index = await analyse('dismissed:\n  - a.txt: March 4\n    b.txt: March 5\n');
    assert.equal(index.conflicts.length, 1);
    assert.deepEqual(
      index.findings.map((f) => `${f.severity} ${f.code} ${f.message}`),
      ['info stale-decision this `dismissed` entry no longer matches: no report in `a.txt` says “March 4”'],
    );
  });
});

suite('manifest: distinct and dismissed', () => {
  const cases: [string, string, string[], string[]][] = [
    [
      'a pair',
      'distinct:\n  - a.txt: March 3\n    b.txt: March 5\n',
      ['distinct a.txt=March 3 b.txt=March 5'],
      [],
    ],
    ['empty sections', 'distinct:\ndismissed:\n', [], []],
    ['one report only', 'dismissed:\n  - a.txt: March 3\n', [], ['missing-field 2:5']],
    ['not a list', 'distinct: yes\n', [], ['wrong-type 1:11']],
    ['a report without its text', 'distinct:\n  - a.txt:\n    b.txt: March 5\n', [], ['missing-field 2:5']],
    [
      'the same pair twice',
      'distinct:\n  - a.txt: March 3\n    b.txt: March 5\n  - b.txt: March 5\n    a.txt: March 3\n',
      ['distinct a.txt=March 3 b.txt=March 5'],
      ['duplicate-entry 4:5'],
    ],
  ];
  for (const [name, yaml, decisions, problems] of cases) {
    test(name, () => {
      const m = parseManifest(yaml);
      const got = [
        ...m.distinct.map((d) => ['distinct', d] as const),
        ...m.dismissed.map((d) => ['dismissed', d] as const),
      ].map(([s, d]) => `${s} ${d.reports.map((r) => `${r.file}=${r.text}`).join(' ')}`);
      assert.deepEqual(got, decisions);
      const lineCol = (offset: number): string => {
        const before = yaml.slice(0, offset).split('\n');
        return `${before.length}:${before.at(-1)!.length + 1}`;
      };
      assert.deepEqual(
        m.findings.map((f) => `${f.code} ${lineCol(f.span.start)}`),
        problems,
      );
    });
  }
});

suite('conflicts: many sources of one happening', function () {
  this.timeout(60_000);
  const sources = (dates: readonly string[]): Record<string, string> =>
    Object.fromEntries(
      dates.map((day, i) => [
        `s${String(i).padStart(3, '0')}.txt`,
        `Source ${i}\nPublished: 20 May 2025\nAnna Berg met Tomas Hale in Oslo on May ${day}, 2025.\n`,
      ]),
    );

  test('two camps of sources give one conflict that counts each side, not one per pair', async () => {
    // 30 sources say May 3, 20 say May 9: 600 pairs
    const files = sources([...Array<string>(30).fill('3'), ...Array<string>(20).fill('9')]);
    const index = await createCorpus({ reader: memoryReader(files) }).index();
    assert.equal(index.conflicts.length, 1, index.conflicts.map((c) => c.message).join(' | '));
    const [c] = index.conflicts;
    assert.deepEqual(c!.camps, [30, 20]);
    assert.match(c!.message, /In all, 30 sources give May 3, 2025 and 20 give May 9, 2025$/);
  });

  test('400 sources in four camps: one conflict per two camps, each counting every source of its side', async () => {
    // past 64 reports an event is compared through its kinds of report, not its 80,000 pairs
    const days = ['3', '4', '9', '10'];
    const files = sources(Array.from({ length: 400 }, (_, i) => days[i % 4]!));
    const index = await createCorpus({ reader: memoryReader(files) }).index();
    assert.deepEqual(
      index.conflicts.map((c) => `${c.reports.map((r) => r.text).join(' / ')}: ${c.camps?.join(' and ')}`),
      [
        'May 3, 2025 / May 4, 2025: 100 and 100',
        'May 3, 2025 / May 9, 2025: 100 and 100',
        'May 3, 2025 / May 10, 2025: 100 and 100',
        'May 4, 2025 / May 9, 2025: 100 and 100',
        'May 4, 2025 / May 10, 2025: 100 and 100',
        'May 9, 2025 / May 10, 2025: 100 and 100',
      ],
    );
    // the plain pipeline gives the same
    assert.deepEqual(toJsonV1(createIndex(await analyseCorpus(memoryReader(files)))), toJsonV1(index));
  });

  test('a few sources on a side keep one conflict per pair', async () => {
    const files = sources(['3', '3', '9', '9']);
    const index = await createCorpus({ reader: memoryReader(files) }).index();
    assert.equal(index.conflicts.length, 4);
    assert.ok(index.conflicts.every((c) => c.camps === undefined));
  });
});
