import * as assert from 'node:assert/strict';
import { createCorpus } from '../../src/core/corpus';
import { memoryReader } from './memory-reader';

const manifest = (files: string[]): string => `documents:\n${files.map((f) => `  - file: ${f}\n    published: '2025-10-04'\n`).join('')}`;

/** [name, articles, expected events as "from reports-count"]. */
const cases: [string, Record<string, string>, string[]][] = [
  ['one meeting reported by two sources is one event', {
    'a.txt': 'A\nFour weeks later, on September 11th, Lukashenko met with U.S. envoy John Coale in Minsk.\nAlexander Lukashenko is the president.',
    'b.txt': 'B\nOn September 11, U.S. presidential representative John Coale met with Alexander Lukashenko in Minsk.',
  }, ['2025-09-11 x2']],
  ['a meeting "again" stays apart from the first one', {
    'a.txt': 'A\nOn September 11, John Coale met Alexander Lukashenko in Minsk.',
    'b.txt': 'B\nOn September 14, John Coale met Alexander Lukashenko again in Minsk.',
  }, ['2025-09-11 x1', '2025-09-14 x1']],
  ['different actions stay apart', {
    'a.txt': 'A\nOn June 21, Keith Kellogg met Alexander Lukashenko in Minsk.',
    'b.txt': 'B\nOn June 21, Keith Kellogg praised Alexander Lukashenko.',
  }, ['2025-06-21 x1', '2025-06-21 x1']],
];

suite('events: reports grouped across sources', function () {
  this.timeout(30_000);
  for (const [name, articles, expected] of cases) {
    test(name, async () => {
      const index = await createCorpus({ reader: memoryReader({ ...articles, 'corpus.yaml': manifest(Object.keys(articles)) }) }).index();
      assert.deepEqual(index.events.map((e) => `${e.from} x${e.reports.length}`).sort(), expected);
    });
  }

  test('the summary names who did what where', async () => {
    const index = await createCorpus({ reader: memoryReader({ 'a.txt': 'A\nOn June 21, 2025, Keith Kellogg met Alexander Lukashenko in Minsk.' }) }).index();
    assert.deepEqual(index.events.map((e) => e.summary), ['Keith Kellogg meets Alexander Lukashenko in Minsk']);
  });
});
