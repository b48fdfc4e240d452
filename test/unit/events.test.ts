import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCorpus, type CorpusIndex } from '../../src/core/incremental/corpus';
import { placedMentions, type EventInput } from '../../src/core/pipeline/events/events';
import { reportsOf } from '../../src/core/pipeline/events/reports';
import { ReportFinder } from '../../src/core/incremental/report-finder';
import type { EntityInput } from '../../src/core/pipeline/entities/entities';
import { EntityResolver } from '../../src/core/incremental/entity-resolver';
import { analyseArticle } from '../../src/core/pipeline/article';
import { createDocument } from '../../src/core/pipeline/text/document';
import { memoryReader } from './memory-reader';

const manifest = (files: string[]): string =>
  `documents:\n${files.map((f) => `  - file: ${f}\n    published: '2025-10-04'\n`).join('')}`;

async function indexOf(articles: Record<string, string>): Promise<CorpusIndex> {
  return createCorpus({
    reader: memoryReader({ ...articles, 'corpus.yaml': manifest(Object.keys(articles)) }),
  }).index();
}

/** Every report of an index as "predicate [action] date flags". */
function reportsIn(index: CorpusIndex): string[] {
  return index.events
    .flatMap((e) => e.reports)
    .sort((a, b) => a.predicate.start - b.predicate.start)
    .map(
      (r) =>
        `${r.predicate.text} [${r.action}] ${r.date?.text ?? '-'}${r.plan ? ' plan' : ''}${r.statement ? ' statement' : ''}${r.passive ? ' passive' : ''}`,
    );
}

suite('reports: the happenings of news of many kinds', function () {
  this.timeout(30_000);
  /** [one sentence of an article (after its headline), the reports expected, in order]. */
  const cases: [string, string[]][] = [
    ['The singer Maria Sousa died on Tuesday at her home in Lisbon, her agent said.', ['died [die] Tuesday']],
    [
      'A large fire broke out at a chemical plant near Rotterdam on Sunday morning.',
      ['fire [fire] Sunday morning'],
    ],
    ['Dock workers in Antwerp walked off the job on Monday.', ['walked off [walk off] Monday']],
    ['The port authority dismissed 40 contract workers last week.', ['dismissed [dismiss] last week']],
    [
      'A magnitude 6.2 earthquake struck off the coast of Chile early on Friday.',
      ['earthquake [earthquake] Friday'],
    ],
    ['Two men were arrested in Leeds on Saturday.', ['arrested [arrest] Saturday passive']],
    ['FC Porto will play its final match in Madrid on May 28.', ['play [play] May 28 plan']],
    ['The minister, Anna Lind, is expected to resign next week.', ['resign [resign] next week plan']],
    ['Union leaders held talks with Harbor Logistics on Thursday.', ['talks [talk] Thursday']],
    ['The Frome bakery caught fire yesterday, police said.', ['fire [fire] yesterday']],
    ['Mayor Anna Lind said on Monday that she was happy.', ['said [say] Monday statement']],
    ['Police said the suspect had not fired.', []],
    [
      'Northwind Bank announced the resignation of its chief executive, Paul Meyer.',
      ['resignation [resign] -'],
    ],
    [
      'The merger of Alder Foods and Brook Dairies was approved on June 2.',
      ['merger [merge] June 2', 'approved [approve] June 2 passive'],
    ],
  ];
  for (const [sentence, expected] of cases) {
    test(sentence, async () => {
      const index = await indexOf({ 'a.txt': `Headline\n${sentence}\n` });
      assert.deepEqual(reportsIn(index), expected);
    });
  }

  /** [a sentence, a predicate in it, the date its report takes ('-' for none)]: which date is the happening's. */
  const dated: [string, string, string][] = [
    // the written date in brackets, not the one read from the publication day
    ['A Waitrose supermarket in Frome caught fire yesterday (July 21st), police said.', 'fire', 'July 21st'],
    // a date right after the predicate is its own, though another comes before it
    [
      'Washington mirrored this pattern: sanctions after the 2006 and 2010 presidential elections, then partial normalization in 2014–2015 as Belarus signaled openness.',
      'normalization',
      '2014–2015',
    ],
    // the sentence's one date does not cross a semicolon into another clause
    [
      'Despite having ruled Belarus since 1994; and despite letting Russian troops in, Alexander Lukashenko met the envoy.',
      'met',
      '-',
    ],
  ];
  for (const [sentence, predicate, date] of dated) {
    test(`"${predicate}" in: ${sentence} → ${date}`, async () => {
      const index = await indexOf({ 'a.txt': `Headline\n${sentence}\n` });
      const report = index.events.flatMap((e) => e.reports).find((r) => r.predicate.text === predicate);
      assert.ok(report, `a report on "${predicate}" among ${reportsIn(index).join(' | ')}`);
      assert.equal(report.date?.text ?? '-', date);
    });
  }

  test('a summary says what happened, from the text', async () => {
    const index = await indexOf({
      'a.txt': 'Headline\nThe port authority dismissed 40 contract workers last week.\n',
      'b.txt': 'Headline\nA large fire broke out at a chemical plant near Rotterdam on Sunday morning.\n',
      'c.txt': 'Headline\nOn June 21, 2025, Keith Kellogg met Alexander Lukashenko in Minsk.\n',
    });
    assert.deepEqual(index.events.map((e) => e.summary).sort(), [
      'Fire at a chemical plant near Rotterdam',
      'Keith Kellogg meets Alexander Lukashenko in Minsk',
      'Port authority dismisses 40 contract workers',
    ]);
  });

  test('numbers: what they count, totals and estimates', async () => {
    const index = await indexOf({
      'a.txt':
        'A\nOn September 11, 2025, Alexander Lukashenko freed 52 prisoners and about 300 others in Minsk, bringing the total to 1,300 prisoners after 26 years.',
    });
    const q = index.events.flatMap((e) => e.reports.flatMap((r) => r.quantities));
    assert.deepEqual(
      q.map((x) => `${x.value} ${x.noun}${x.total ? ' total' : ''}${x.approximate ? ' about' : ''}`),
      ['52 prisoners', '1300 prisoners total'],
    );
  });
});

/** The events holding reports whose action is one of `actions`, each as its sorted "file: predicate" list. */
function groupsOf(index: CorpusIndex, actions: readonly string[]): string[] {
  return index.events
    .map((e) =>
      e.reports
        .filter((r) => actions.includes(r.action))
        .map((r) => `${r.document}: ${r.predicate.text}`)
        .sort()
        .join(', '),
    )
    .filter((g) => g !== '')
    .sort();
}

suite('events: one event per happening across sources', function () {
  this.timeout(30_000);
  /** [name, articles, the actions looked at, the expected events of those actions]. */
  const cases: [string, Record<string, string>, string[], string[]][] = [
    [
      'a death reported with different words and one source undated',
      {
        'a.txt': 'A\nEsther Williams died on Thursday in Beverly Hills.',
        'b.txt': 'B\nWilliams died peacefully in her sleep, family spokesman Harlan Boll announced.',
      },
      ['die'],
      ['a.txt: died, b.txt: died'],
    ],
    [
      'one meeting reported by two sources',
      {
        'a.txt': 'A\nOn September 11th, Lukashenko met with U.S. envoy John Coale in Minsk.',
        'b.txt':
          'B\nOn September 11, U.S. presidential representative John Coale met with Alexander Lukashenko in Minsk.',
      },
      ['meet'],
      ['a.txt: met, b.txt: met'],
    ],
    [
      'two arrests of one athlete a year apart stay apart',
      {
        'a.txt': 'A\nJamal Williams was arrested on suspicion of drunk driving on February 1, 2009.',
        'b.txt': 'B\nJamal Williams was arrested on suspicion of drunk driving on March 3, 2010.',
      },
      ['arrest'],
      ['a.txt: arrested', 'b.txt: arrested'],
    ],
    [
      'the same action on different people is two happenings',
      {
        'a.txt': 'A\nOn May 2, the Saints placed Pierre Thomas on injured reserve.',
        'b.txt': 'B\nOn May 2, the Saints placed Reggie Bush on injured reserve.',
      },
      ['place'],
      ['a.txt: placed', 'b.txt: placed'],
    ],
    [
      'a meeting "again" stays apart from the first one',
      {
        'a.txt': 'A\nOn September 11, John Coale met Alexander Lukashenko in Minsk.',
        'b.txt': 'B\nOn September 14, John Coale met Alexander Lukashenko again in Minsk.',
      },
      ['meet'],
      ['a.txt: met', 'b.txt: met'],
    ],
    [
      "each source's report joins the occurrence whose date it matches",
      {
        'a.txt':
          'A\nOn March 3, Lars Holm met Helena Marsh in Oslo.\nOn March 17, Lars Holm met Helena Marsh in Oslo.',
        'b.txt': 'B\nOn March 17, Lars Holm met Helena Marsh in Oslo.',
      },
      ['meet'],
      ['a.txt: met', 'a.txt: met, b.txt: met'],
    ],
  ];
  for (const [name, articles, actions, expected] of cases) {
    test(name, async () => {
      assert.deepEqual(groupsOf(await indexOf(articles), actions), expected);
    });
  }

  test('a decision in corpus.yaml keeps two reports apart', async () => {
    const articles = {
      'a.txt': 'A\nOn September 11, John Coale met Alexander Lukashenko in Minsk.',
      'b.txt': 'B\nOn September 11, John Coale met Alexander Lukashenko in Minsk.',
    };
    const yaml = `${manifest(Object.keys(articles))}distinct:\n  - a.txt: September 11\n    b.txt: September 11\n`;
    const index = await createCorpus({ reader: memoryReader({ ...articles, 'corpus.yaml': yaml }) }).index();
    assert.deepEqual(groupsOf(index, ['meet']), ['a.txt: met', 'b.txt: met']);
  });
});

suite('events: the seeds', function () {
  this.timeout(60_000);
  const SEEDS = join(__dirname, '..', '..', '..', 'seeds');
  const files = Object.fromEntries(readdirSync(SEEDS).map((f) => [f, readFileSync(join(SEEDS, f), 'utf8')]));
  /** [happening, its action, a report of it each seed article that dates it gives, as "file date"]. */
  const cases: [string, string, string[]][] = [
    [
      'the September 11 meeting of Coale and Lukashenko in Minsk',
      'meet',
      ['001_1807f2970d4fd1ea.txt September 11th', '003_e4f82bba94b819c4.txt September 11'],
    ],
  ];
  let index: CorpusIndex;
  suiteSetup(async () => {
    index = await createCorpus({ reader: memoryReader(files) }).index();
  });
  // 004's "an August phone call between Lukashenko and Trump": WordNet files "call" as no event noun
  test.skip('the August phone call of Trump and Lukashenko: 001 mid-August and 004 August in one event', () => {});
  for (const [name, action, reports] of cases) {
    test(name, () => {
      const found = index.events
        .filter((e) => e.reports.some((r) => r.action === action))
        .map((e) => new Set(e.reports.filter((r) => r.date).map((r) => `${r.document} ${r.date!.text}`)));
      assert.ok(
        found.some((set) => reports.every((r) => set.has(r))),
        JSON.stringify(found.map((s) => [...s])),
      );
    });
  }
});

suite('ReportFinder: a pass after changes equals the pipeline', function () {
  this.timeout(120_000);
  const people = ['Anna Berg', 'Carl Holm', 'Dana Ruiz', 'Erik Lund'];
  const places = ['Oslo', 'Bergen', 'Vilnius'];
  /** Seventy dated articles (more than the quick path takes at once), some with reports, some without. */
  const initial = (): Map<string, string> =>
    new Map(
      Array.from({ length: 70 }, (_, i) => [
        `a${String(i).padStart(2, '0')}.txt`,
        i % 3 === 0
          ? `Notes ${i}\nThe weather in ${places[i % 3]} was mild.\n`
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
            predicates: a.predicates,
            published: '2025-04-01',
          };
          memo.set(key, input);
        }
        return input;
      });
  const steps: [string, (f: Map<string, string>) => void][] = [
    ['an article without reports edited', (f) => f.set('a03.txt', `${f.get('a03.txt')!}It was cold.\n`)],
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
    // the reference: every article's reports found from scratch by the pipeline
    const fresh = (inputs: readonly EventInput[]) => {
      const mentions = placedMentions(resolver.resolve(inputs as (EntityInput & EventInput)[], []));
      return inputs.flatMap((input) => reportsOf(input, mentions.get(input.doc.id) ?? []));
    };
    let inputs = inputsOf(files);
    resolver.resolve(inputs, []);
    let last = finder.find(inputs, (id) => resolver.mentionsOf(id), resolver.touched);
    assert.ok(last.length > 30, `${last.length} reports`);
    for (const [what, change] of steps) {
      change(files);
      inputs = inputsOf(files);
      resolver.resolve(inputs, []);
      const got = finder.find(inputs, (id) => resolver.mentionsOf(id), resolver.touched);
      assert.deepEqual(got, fresh(inputs), what);
      last = got;
    }
    assert.notDeepEqual(last, fresh(inputsOf(initial())), 'the steps changed the reports');
  });
});
