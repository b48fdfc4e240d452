import * as assert from 'node:assert/strict';
import { createCorpus, type CorpusIndex } from '../../src/core/incremental/corpus';
import { groupEvents, type EventInput, type EventReport } from '../../src/core/pipeline/events/events';
import { EventGrouper } from '../../src/core/incremental/event-grouper';
import { ReportFinder } from '../../src/core/incremental/report-finder';
import { EntityResolver, type Entity, type EntityInput } from '../../src/core/pipeline/entities/entities';
import { analyseArticle } from '../../src/core/pipeline/article';
import { createDocument } from '../../src/core/pipeline/text/document';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryReader } from './memory-reader';

const manifest = (files: string[]): string =>
  `documents:\n${files.map((f) => `  - file: ${f}\n    published: '2025-10-04'\n`).join('')}`;

/** [name, articles, expected events as "from reports-count"]. */
const cases: [string, Record<string, string>, string[]][] = [
  [
    'one meeting reported by two sources is one event',
    {
      'a.txt':
        'A\nFour weeks later, on September 11th, Lukashenko met with U.S. envoy John Coale in Minsk.\nAlexander Lukashenko is the president.',
      'b.txt':
        'B\nOn September 11, U.S. presidential representative John Coale met with Alexander Lukashenko in Minsk.',
    },
    ['2025-09-11 x2'],
  ],
  [
    'a meeting "again" stays apart from the first one',
    {
      'a.txt': 'A\nOn September 11, John Coale met Alexander Lukashenko in Minsk.',
      'b.txt': 'B\nOn September 14, John Coale met Alexander Lukashenko again in Minsk.',
    },
    ['2025-09-11 x1', '2025-09-14 x1'],
  ],
  [
    'two dated clauses of one sentence are two reports',
    {
      'a.txt':
        'A\nIn February, Christopher Smith visited Minsk; in June, Alexander Lukashenko hosted Keith Kellogg.',
    },
    ['2025-02-01 x1', '2025-06-01 x1'],
  ],
  [
    "a visit and the host's meeting with the visitor are one event",
    {
      'a.txt': 'A\nOn June 21, Keith Kellogg visited Minsk and met with Alexander Lukashenko.',
      'b.txt': 'B\nIn June, Alexander Lukashenko hosted Keith Kellogg.',
    },
    ['2025-06-01 x2'],
  ],
  [
    'a place in another stretch of the sentence is not the venue',
    {
      'a.txt': 'A\nOn September 11, John Coale met Alexander Lukashenko in Minsk.',
      'b.txt':
        'B\nOn September 11, John Coale met with Alexander Lukashenko, with the main topic being the crisis in Ukraine.',
    },
    ['2025-09-11 x2'],
  ],
  [
    "each source's report joins the occurrence whose date it matches",
    {
      'a.txt':
        'A\nOn March 3, Lars Holm met Helena Marsh in Oslo.\nOn March 7, Lars Holm met Helena Marsh in Oslo.',
      'b.txt': 'B\nOn March 7, Lars Holm met Helena Marsh in Oslo.',
    },
    ['2025-03-03 x1', '2025-03-07 x2'],
  ],
  [
    'different actions stay apart',
    {
      'a.txt': 'A\nOn June 21, Keith Kellogg met Alexander Lukashenko in Minsk.',
      'b.txt': 'B\nOn June 21, Keith Kellogg praised Alexander Lukashenko.',
    },
    ['2025-06-21 x1', '2025-06-21 x1'],
  ],
];

suite('events: reports grouped across sources', function () {
  this.timeout(30_000);
  for (const [name, articles, expected] of cases) {
    test(name, async () => {
      const index = await createCorpus({
        reader: memoryReader({ ...articles, 'corpus.yaml': manifest(Object.keys(articles)) }),
      }).index();
      assert.deepEqual(index.events.map((e) => `${e.from} x${e.reports.length}`).sort(), expected);
    });
  }

  test("the action is the clause's verb, not a noun in a side clause", async () => {
    const index = await createCorpus({
      reader: memoryReader({
        'a.txt':
          'A\nIn mid-August 2025, as Donald Trump was en route to his meeting with Vladimir Putin in Alaska, he took the time to speak by phone with Alexander Lukashenko.',
      }),
    }).index();
    assert.deepEqual(
      index.events.map((e) => e.action),
      ['call'],
    );
  });

  test('the date nearest before the action word dates it; "by June" is a limit', async () => {
    const index = await createCorpus({
      reader: memoryReader({
        'a.txt':
          'A\nIn early March 2025, Alexander Lukashenko praised Donald Trump, and by June 2025 he had freed Siarhei Tsikhanouski.',
      }),
    }).index();
    assert.deepEqual(
      index.events.flatMap((e) => e.reports.map((r) => `${e.action} ${r.date.text} ${r.dateForm}`)),
      ['release June 2025 bound'],
    );
  });

  test('numbers: what they count, totals and estimates', async () => {
    const index = await createCorpus({
      reader: memoryReader({
        'a.txt':
          'A\nOn September 11, 2025, Alexander Lukashenko freed 52 prisoners and about 300 others in Minsk, bringing the total to 1,300 prisoners after 26 years.',
      }),
    }).index();
    const q = index.events.flatMap((e) => e.reports.flatMap((r) => r.quantities));
    assert.deepEqual(
      q.map((x) => `${x.value} ${x.noun}${x.total ? ' total' : ''}${x.approximate ? ' about' : ''}`),
      ['52 prisoners', '1300 prisoners total'],
    );
  });

  test('the summary names who did what where', async () => {
    const index = await createCorpus({
      reader: memoryReader({
        'a.txt': 'A\nOn June 21, 2025, Keith Kellogg met Alexander Lukashenko in Minsk.',
      }),
    }).index();
    assert.deepEqual(
      index.events.map((e) => e.summary),
      ['Keith Kellogg meets Alexander Lukashenko in Minsk'],
    );
  });
});

suite('events: the seeds', function () {
  this.timeout(60_000);
  const SEEDS = join(__dirname, '..', '..', '..', 'seeds');
  const files = Object.fromEntries(readdirSync(SEEDS).map((f) => [f, readFileSync(join(SEEDS, f), 'utf8')]));
  const cases: [string, string, string[]][] = [
    [
      'the September 11 meeting of Coale and Lukashenko in Minsk',
      'meet',
      ['001_1807f2970d4fd1ea.txt September 11th', '003_e4f82bba94b819c4.txt September 11'],
    ],
    [
      "Kellogg's June visit to Minsk",
      'meet|visit',
      ['002_c31f13c431a41b4e.txt June', '003_e4f82bba94b819c4.txt June 21'],
    ],
    [
      'the August phone call of Trump and Lukashenko',
      'call',
      ['001_1807f2970d4fd1ea.txt mid-August', '004_efbe79ef26eea4f1.txt August'],
    ],
  ];
  let index: CorpusIndex;
  suiteSetup(async () => {
    index = await createCorpus({ reader: memoryReader(files) }).index();
  });
  for (const [name, action, reports] of cases) {
    test(name, () => {
      const found = index.events
        .filter((e) => new RegExp(`^(?:${action})$`).test(e.action))
        .map((e) => e.reports.map((r) => `${r.document} ${r.date.text}`).sort());
      assert.ok(
        found.some((r) => JSON.stringify(r) === JSON.stringify(reports)),
        JSON.stringify(found),
      );
    });
  }
});

suite('events: repeats', function () {
  this.timeout(30_000);
  /** [name, articles, expected events as "from reports-count"]: a repeat is kept from what it repeats, not from other reports of itself. */
  const cases: [string, Record<string, string>, string[]][] = [
    [
      "another source's report of the same repeat, without the marker, joins it",
      {
        'a.txt':
          'A\nOn September 11, John Coale met Alexander Lukashenko in Minsk. On September 14, John Coale met Alexander Lukashenko again in Minsk.',
        'b.txt': 'B\nOn September 14, John Coale met Alexander Lukashenko in Minsk.',
        'c.txt': 'C\nOn September 11, John Coale met Alexander Lukashenko in Minsk.',
      },
      ['2025-09-11 x2', '2025-09-14 x2'],
    ],
    [
      'two sources of "another meeting" are one event, apart from the first meeting',
      {
        'a.txt':
          'A\nIn June, Keith Kellogg met Alexander Lukashenko. In July, Keith Kellogg met Alexander Lukashenko for a second meeting.',
        'b.txt': 'B\nIn July, Keith Kellogg held a second meeting with Alexander Lukashenko.',
      },
      ['2025-06-01 x1', '2025-07-01 x2'],
    ],
    [
      'a second round never joins a third',
      {
        'a.txt': 'A\nOn March 10, Lars Holm and Helena Marsh held a second round of talks in Oslo.',
        'b.txt': 'B\nOn March 12, Lars Holm and Helena Marsh held a third round of talks in Oslo.',
      },
      ['2025-03-10 x1', '2025-03-12 x1'],
    ],
    [
      'an unmarked report of an earlier date stays with the first occurrence',
      {
        'a.txt': 'A\nOn April 14, Lars Holm met Helena Marsh again in Oslo.',
        'b.txt': 'B\nOn March 3, Lars Holm met Helena Marsh in Oslo.',
      },
      ['2025-03-03 x1', '2025-04-14 x1'],
    ],
  ];
  for (const [name, articles, expected] of cases) {
    test(name, async () => {
      const index = await createCorpus({
        reader: memoryReader({ ...articles, 'corpus.yaml': manifest(Object.keys(articles)) }),
      }).index();
      assert.deepEqual(
        index.events
          .filter((e) => e.action === 'meet')
          .map((e) => `${e.from} x${e.reports.length}`)
          .sort(),
        expected,
      );
    });
  }
});

suite('events: grouping kept from one analysis to the next', function () {
  this.timeout(30_000);
  test('the same reports are grouped as groupEvents groups them; names and decisions that change are followed', async () => {
    const articles = Object.fromEntries(
      cases.flatMap(([, files], k) => Object.entries(files).map(([f, t]) => [`${k}-${f}`, t])),
    );
    const index = await createCorpus({
      reader: memoryReader({ ...articles, 'corpus.yaml': manifest(Object.keys(articles)) }),
    }).index();
    const reports: EventReport[] = index.events
      .flatMap((e) => e.reports)
      .sort((a, b) => a.document.localeCompare(b.document) || a.start - b.start);
    assert.ok(reports.length > 10);
    const named =
      (rename: Record<string, string>) =>
      (id: string): Entity | undefined => {
        const e = index.entity(id);
        return e && rename[id] ? { ...e, name: rename[id]! } : e;
      };
    const someone = index.events[0]!.entities[0]!;
    const apart = [
      [
        { file: reports[0]!.document, text: reports[0]!.date.text },
        { file: reports[1]!.document, text: reports[1]!.date.text },
      ],
    ];
    const grouper = new EventGrouper();
    const moved = reports.map((r, i) =>
      i === 2 ? { ...r, date: { ...r.date, from: '2031-01-01', to: '2031-01-01' } } : r,
    );
    // [what, reports, lookup, distinct, whether the answer is the last one's objects]
    const steps: [string, EventReport[], (id: string) => Entity | undefined, typeof apart, boolean][] = [
      ['first', reports, named({}), [], false],
      ['again', reports, named({}), [], true],
      ['a participant renamed', reports, named({ [someone]: 'Somebody Else' }), [], false],
      ['two reports declared distinct', reports, named({}), apart, false],
      ['the same again', reports, named({}), apart, true],
      [
        'one report another object, with another date (as many reports as before)',
        moved,
        named({}),
        apart,
        false,
      ],
    ];
    let last: unknown[] = [];
    for (const [what, given, lookup, distinct, same] of steps) {
      const got = grouper.group(given, lookup, distinct);
      assert.deepEqual(got, groupEvents(given, lookup, distinct), what);
      assert.equal(
        got.every((e, i) => e === last[i]),
        same,
        what,
      );
      last = got;
    }
    assert.ok(
      groupEvents(reports, named({ [someone]: 'Somebody Else' })).some((e) =>
        e.summary.includes('Somebody Else'),
      ),
      'the rename shows in a summary',
    );
    assert.notDeepEqual(
      groupEvents(reports, named({}), apart).map((e) => e.reports.length),
      groupEvents(reports, named({})).map((e) => e.reports.length),
      'the decision changes the grouping',
    );
    assert.notDeepEqual(
      groupEvents(moved, named({}), apart).map((e) => e.from),
      groupEvents(reports, named({}), apart).map((e) => e.from),
      'the moved report changes the events',
    );
  });
});

suite('ReportFinder: a pass after changes equals a fresh one', function () {
  this.timeout(120_000);
  const people = ['Anna Berg', 'Carl Holm', 'Dana Ruiz', 'Erik Lund'];
  const places = ['Oslo', 'Bergen', 'Vilnius'];
  /** Seventy dated articles (more than the quick path takes at once), some with reports, some without. */
  const initial = (): Map<string, string> =>
    new Map(
      Array.from({ length: 70 }, (_, i) => [
        `a${String(i).padStart(2, '0')}.txt`,
        i % 3 === 0
          ? `Notes ${i}\nThe weather in ${places[i % 3]} was mild and nobody met anyone.\n`
          : `Report ${i}\nOn March ${1 + (i % 27)}, 2025, ${people[i % 4]} met ${people[(i + 1) % 4]} in ${places[i % 3]}.\n`,
      ]),
    );
  const memo = new Map<string, EntityInput & EventInput>();
  /** The articles as inputs: the same object for a text seen before, as the corpus hands them on. */
  const inputsOf = (files: Map<string, string>): (EntityInput & EventInput)[] =>
    [...files]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, text]) => {
        const key = `${id}\u0000${text}`;
        let input = memo.get(key);
        if (!input) {
          const a = analyseArticle({ id, text, declaredPublished: '2025-04-01' });
          input = {
            doc: createDocument(id, text),
            mentions: a.mentions,
            sentences: a.sentences,
            dates: a.dates,
          };
          memo.set(key, input);
        }
        return input;
      });
  // [what, the change to the files]
  const steps: [string, (f: Map<string, string>) => void][] = [
    ['an article without reports edited', (f) => f.set('a03.txt', `${f.get('a03.txt')!}It rained.\n`)],
    [
      'a meeting added to an article without reports',
      (f) => f.set('a06.txt', `${f.get('a06.txt')!}On April 2, 2025, Anna Berg met Erik Lund in Oslo.\n`),
    ],
    [
      'an article with reports edited before its report',
      (f) => f.set('a01.txt', `Updated. ${f.get('a01.txt')!}`),
    ],
    [
      'the same number of articles: one gone, a new one',
      (f) => {
        f.delete('a10.txt');
        f.set('a99.txt', 'New\nOn March 9, 2025, Carl Holm met Dana Ruiz in Bergen.\n');
      },
    ],
    [
      'more articles changed than the quick path takes',
      (f) => {
        for (const [id, text] of f) f.set(id, `${text}More.\n`);
      },
    ],
    [
      'a participant renamed in one article',
      (f) => f.set('a02.txt', f.get('a02.txt')!.replace('Carl Holm', 'Carl Holmberg')),
    ],
    ['nothing changed', () => {}],
  ];
  test(steps.map(([what]) => what).join('; '), () => {
    const files = initial();
    const resolver = new EntityResolver();
    const finder = new ReportFinder();
    let inputs = inputsOf(files);
    resolver.resolve(inputs, []);
    let last = finder.find(inputs, (id) => resolver.mentionsOf(id), resolver.touched);
    assert.ok(last.length > 30, `${last.length} reports`);
    for (const [what, change] of steps) {
      change(files);
      inputs = inputsOf(files);
      resolver.resolve(inputs, []);
      const got = finder.find(inputs, (id) => resolver.mentionsOf(id), resolver.touched);
      const fresh = new ReportFinder().find(inputs, (id) => resolver.mentionsOf(id), undefined);
      assert.deepEqual(got, fresh, what);
      got.push(got[0]!); // the caller's list: changing it changes nothing the finder hands on later
      last = got;
    }
    assert.notDeepEqual(
      last.slice(0, -1),
      new ReportFinder().find(inputsOf(initial()), (id) => resolver.mentionsOf(id), undefined),
      'the steps changed the reports',
    );
    // reports taken from elsewhere (an earlier session's snapshot) in place of equal ones are handed on after the next edit
    const now = finder.find(inputs, (id) => resolver.mentionsOf(id), resolver.touched);
    const swap = new Map(now.map((r) => [r, structuredClone(r)]));
    finder.adopt(swap);
    files.set('a03.txt', `${files.get('a03.txt')!}Snow.\n`);
    inputs = inputsOf(files);
    resolver.resolve(inputs, []);
    const after = finder.find(inputs, (id) => resolver.mentionsOf(id), resolver.touched);
    assert.deepEqual(after, now);
    assert.ok(
      after.every((r) => [...swap.values()].includes(r)),
      'the stand-ins are handed on',
    );
  });
});
