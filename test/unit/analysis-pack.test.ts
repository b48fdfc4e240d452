import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyseArticle, type ArticleAnalysis } from '../../src/core/article';
import { packAnalysis, unpackAnalysis, type StoredAnalysis } from '../../src/core/analysis-pack';

const SEEDS = join(__dirname, '..', '..', '..', 'seeds');

suite('analysis cache entries: sentences and mentions stored as numbers', function () {
  this.timeout(60_000);
  const seeds = readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).map((f) => [f, readFileSync(join(SEEDS, f), 'utf8')] as const);
  const odd = 'Anna Berg met Carl.';
  // [what, text, analysis]
  const cases: [string, string, ArticleAnalysis][] = [
    ...seeds.map(([f, text]): [string, string, ArticleAnalysis] => [f, text, analyseArticle({ id: f, text, declaredPublished: undefined })]),
    ['an empty article', '', analyseArticle({ id: 'e.txt', text: '', declaredPublished: undefined })],
    ['a failed analysis (its failure kept)', odd, { sentences: [{ start: 0, end: 19, index: 0 }], mentions: [], published: null, dates: [], failure: 'date analysis: boom' }],
    ['mentions whose text is not the text at their offsets, or empty, or past the end', odd, { sentences: [], published: null, dates: [],
      mentions: [{ start: 0, end: 9, text: 'ANNA BERG', type: 'person', via: 'script' }, { start: 14, end: 18, text: '', type: 'other', via: 'known-name' }, { start: 14, end: 40, text: 'Carl.', type: 'place', via: 'tagger' }] }],
  ];
  for (const [what, text, analysis] of cases) {
    test(`${what}: stored as JSON and read back, it equals the analysis`, () => {
      const stored = JSON.parse(JSON.stringify(packAnalysis(analysis, text))) as StoredAnalysis;
      assert.deepEqual(unpackAnalysis(stored, text), analysis);
    });
  }
  test('the seeds\' entries really hold sentences and mentions as numbers, texts only where they differ', () => {
    for (const [f, text] of seeds) {
      const stored = packAnalysis(analyseArticle({ id: f, text, declaredPublished: undefined }), text);
      assert.ok(stored.sentences.length > 30 && stored.mentions.length > 40 && stored.sentences.concat(stored.mentions).every(Number.isInteger), f);
      assert.deepEqual(stored.mentionTexts, [], f);
    }
    assert.deepEqual(packAnalysis(cases.at(-1)![2], odd).mentionTexts, [[0, 'ANNA BERG'], [1, '']]);
  });
  test('an entry that is not one (damaged, or of another shape) is refused', () => {
    const good = packAnalysis(cases[0]![2], cases[0]![1]);
    const bad: [string, object, RegExp][] = [
      ['a mention cut short', { ...good, mentions: good.mentions.slice(1) }, /not a stored analysis/],
      ['a sentence cut short', { ...good, sentences: good.sentences.slice(1) }, /not a stored analysis/],
      ['objects where numbers were', { ...good, sentences: cases[0]![2].sentences }, /not a stored analysis/],
      ['no dates', { ...good, dates: undefined }, /not a stored analysis/],
      ['an unknown type', { ...good, mentions: [0, 4, 9, 0] }, /no name for code 9/],
      ['an unknown way found', { ...good, mentions: [0, 4, 0, 3] }, /no name for code 3/],
    ];
    for (const [what, entry, message] of bad) assert.throws(() => unpackAnalysis(entry as StoredAnalysis, cases[0]![1]), message, what);
  });
});
