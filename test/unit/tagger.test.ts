import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tagger, type TaggerModel } from '../../src/core/pipeline/entities/tagger/tagger';
import {
  features,
  isTitleMid,
  sentenceContext,
  TAGS,
  type Tag,
} from '../../src/core/pipeline/entities/tagger/features';
import { tokenize, type Token } from '../../src/core/pipeline/entities/tagger/tokenize';
import { splitSentences } from '../../src/core/pipeline/text/sentences';
import model from '../../src/core/pipeline/entities/tagger/model.json';

/** The tagger as training sees it: each token's feature names from `features`, looked up by name, summed in order; with each token's scores. */
const weights = new Map(Object.entries((model as TaggerModel).weights));
function byName(tokens: readonly Token[]): { tags: Tag[]; scores: (Float64Array | undefined)[] } {
  const ctx = sentenceContext(tokens);
  const out: Tag[] = [];
  const kept: (Float64Array | undefined)[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const prev = out[i - 1] ?? '<s>';
    if ((prev === 'O' || i === 0) && /^[-xd.,;:!?'"()]+$/.test(ctx.shapes[i]!)) {
      out.push('O');
      kept.push(undefined);
      continue;
    }
    const scores = new Float64Array(TAGS.length);
    for (const f of features(ctx, i, prev, out[i - 2] ?? '<s>')) {
      const pairs = weights.get(f) ?? [];
      const row = new Float64Array(TAGS.length);
      for (let k = 0; k < pairs.length; k += 2) row[pairs[k]!] = pairs[k + 1]!;
      for (let c = 0; c < row.length; c++) scores[c]! += row[c]!;
    }
    let best = 0;
    for (let c = 1; c < scores.length; c++) if (scores[c]! > scores[best]!) best = c;
    out.push(TAGS[best]!);
    kept.push(scores);
  }
  return { tags: out, scores: kept };
}

/** The same tags, and every score the same to the last bit (the rows are added in the same order). */
function assertSame(tagger: Tagger, tokens: readonly Token[]): number {
  const expected = byName(tokens);
  const actual = tagger.scores(tokens);
  const sentence = tokens.map((t) => t.text).join(' ');
  assert.deepEqual(actual.tags, expected.tags, sentence);
  assert.equal(actual.scores.length, expected.scores.length);
  expected.scores.forEach((row, i) => {
    const got = actual.scores[i];
    assert.ok(
      row === undefined ? got === undefined : got !== undefined && row.every((x, c) => Object.is(x, got[c])),
      `${sentence}: scores of token ${i} (${tokens[i]!.text})`,
    );
  });
  assert.deepEqual(tagger.tag(tokens), expected.tags);
  return expected.tags.filter((t) => t !== 'O').length;
}

suite('tagger: features looked up by template give what their names give', function () {
  this.timeout(60_000);
  const seeds = join(__dirname, '..', '..', '..', 'seeds');
  const texts = readdirSync(seeds)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(seeds, f), 'utf8'));
  // words and shapes holding commas or "=" (looked up by name), hyphens, capitals outside ASCII, a headline in capitals
  texts.push(
    'Exports rose to 1,000,000 tonnes, = 3,5 % of the total, Lukashenko said in Minsk-Arena on 2,3 May.',
    'BELARUS FREES 52 PRISONERS AS US EASES SANCTIONS ON BELAVIA',
    'Łukasz Ćwikła met Ørsted officials and the ÉCOLE POLYTECHNIQUE delegation in Škoda-town.',
    ", , , Mr. O'Neill , the pro-Kremlin , anti-EU MP , left.",
  );
  const sentences = texts.flatMap((text) => splitSentences(text).map((s) => tokenize(text, s.start, s.end)));
  const tagger = new Tagger(model as TaggerModel);

  test(`${sentences.length} sentences of the seeds and of odd text: the same tags and scores`, () => {
    assert.ok(sentences.length > 150);
    let names = 0;
    for (const tokens of sentences) names += assertSame(tagger, tokens);
    assert.ok(names > 300, `${names} name tokens`);
  });

  test('the word sums it remembers give the same scores the second time, also when it forgets them (a small bound)', () => {
    for (const remember of [50_000, 7, 1]) {
      const again = new Tagger(model as TaggerModel, { remember });
      for (const tokens of sentences) again.tag(tokens);
      for (const tokens of sentences) assertSame(again, tokens);
    }
  });

  const titles: [string, boolean][] = [
    ['Minsk', true],
    ['EU', false],
    ['minsk', false],
    ['', false],
    ['X', false],
    ['Xi', true],
    ['A1', true],
    ['ÉCOLE', false],
    ['École', true],
    ['AÉ', false],
    ['Aé', true],
    ['ǅx', false],
    ['McDonald', true],
  ];
  for (const [word, title] of titles) {
    test(`isTitleMid(${JSON.stringify(word)}) is ${title}, as the pattern says`, () => {
      assert.equal(isTitleMid(word), title);
      assert.equal(isTitleMid(word), /^\p{Lu}/u.test(word) && !/^\p{Lu}+$/u.test(word));
    });
  }
});
