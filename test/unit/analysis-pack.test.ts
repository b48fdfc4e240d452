import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyseArticle, type ArticleAnalysis } from '../../src/core/pipeline/article';
import { packAnalysis, unpackAnalysis, type StoredAnalysis } from '../../src/core/wire/analysis-pack';

const SEEDS = join(__dirname, '..', '..', '..', 'seeds');

suite('analysis cache entries: sentences and mentions stored as numbers', function () {
  this.timeout(60_000);
  const seeds = readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => [f, readFileSync(join(SEEDS, f), 'utf8')] as const);
  const odd = 'Anna Berg met Carl.';
  // [what, text, analysis]
  const cases: [string, string, ArticleAnalysis][] = [
    ...seeds.map(([f, text]): [string, string, ArticleAnalysis] => [
      f,
      text,
      analyseArticle({ id: f, text, declaredPublished: undefined }),
    ]),
    ['an empty article', '', analyseArticle({ id: 'e.txt', text: '', declaredPublished: undefined })],
    [
      'a failed analysis (its failure kept)',
      odd,
      {
        sentences: [{ start: 0, end: 19, index: 0 }],
        mentions: [],
        published: null,
        dates: [],
        predicates: [],
        failure: 'date analysis: boom',
      },
    ],
    [
      'mentions whose text is not the text at their offsets, or empty, or at the very end',
      odd,
      {
        sentences: [],
        published: null,
        dates: [],
        predicates: [
          {
            start: 5,
            end: 8,
            sentence: 0,
            lemma: 'berg',
            noun: true,
            reporting: false,
            plan: true,
            passive: false,
            clause: { start: 0, end: 19 },
          },
        ],
        mentions: [
          { start: 0, end: 9, text: 'ANNA BERG', type: 'person', via: 'script' },
          { start: 14, end: 18, text: '', type: 'other', via: 'known-name' },
          { start: 14, end: 19, text: 'Carl.', type: 'place', via: 'tagger' },
          { start: 19, end: 19, text: '', type: 'place', via: 'tagger' },
        ],
      },
    ],
  ];
  for (const [what, text, analysis] of cases) {
    test(`${what}: stored as JSON and read back, it equals the analysis`, () => {
      const stored = JSON.parse(JSON.stringify(packAnalysis(analysis, text))) as StoredAnalysis;
      assert.deepEqual(unpackAnalysis(stored, text), analysis);
    });
  }
  test("the seeds' entries really hold sentences and mentions as numbers, texts only where they differ", () => {
    for (const [f, text] of seeds) {
      const stored = packAnalysis(analyseArticle({ id: f, text, declaredPublished: undefined }), text);
      assert.ok(
        stored.sentences.length > 30 &&
          stored.mentions.length > 40 &&
          stored.sentences.concat(stored.mentions).every(Number.isInteger),
        f,
      );
      assert.deepEqual(stored.mentionTexts, [], f);
    }
    assert.deepEqual(packAnalysis(cases.at(-1)![2], odd).mentionTexts, [
      [0, 'ANNA BERG'],
      [1, ''],
    ]);
  });
  test('an entry that is not one (damaged, of another shape, or not fitting its text) is refused with what is wrong', () => {
    const [, text, analysis] = cases[0]!;
    const good = packAnalysis(analysis, text);
    const date = analysis.dates[0]!;
    const bad: [string, object, RegExp][] = [
      ['a mention cut short', { ...good, mentions: good.mentions.slice(1) }, /not a stored analysis/],
      ['a sentence cut short', { ...good, sentences: good.sentences.slice(1) }, /not a stored analysis/],
      ['objects where numbers were', { ...good, sentences: analysis.sentences }, /not a stored analysis/],
      ['no dates', { ...good, dates: undefined }, /not a stored analysis/],
      ['an unknown type', { ...good, mentions: [0, 4, 9, 0] }, /no name for code 9/],
      ['an unknown way found', { ...good, mentions: [0, 4, 0, 3] }, /no name for code 3/],
      [
        'a mention past the end of the text',
        { ...good, mentions: [text.length, text.length + 5, 0, 0] },
        /mention 0 \(\d+-\d+\) is not in the text of \d+ characters/,
      ],
      [
        'a mention ending before it starts',
        { ...good, mentions: [9, 4, 0, 0] },
        /mention 0 \(9-4\) is not in the text/,
      ],
      [
        'a sentence before the start',
        { ...good, sentences: [-1, 4, 0] },
        /sentence 0 \(-1-4\) is not in the text/,
      ],
      [
        'a mention text for no mention',
        { ...good, mentions: [0, 4, 0, 0], mentionTexts: [[1, 'x']] },
        /not a stored analysis/,
      ],
      [
        'a mention text that is not text',
        { ...good, mentions: [0, 4, 0, 0], mentionTexts: [[0, 5]] },
        /not a stored analysis/,
      ],
      ['no date at all', { ...good, dates: [null] }, /date 0 is not a date expression in the text/],
      ['a date without its start', { ...good, dates: [{ ...date, start: undefined }] }, /date 0 is not/],
      [
        'a date past the end',
        { ...good, dates: [{ ...date, start: text.length + 1, end: text.length + 3 }] },
        /date 0 is not/,
      ],
      [
        'a date with another kind of anchor',
        { ...good, dates: [{ ...date, anchor: 'yesterday' }] },
        /date 0 is not/,
      ],
      ['a publication date that is a number', { ...good, published: 5 }, /not a publication date/],
    ];
    assert.ok(analysis.dates.length > 0);
    for (const [what, entry, message] of bad)
      assert.throws(() => unpackAnalysis(entry as StoredAnalysis, text), message, what);
  });
});
