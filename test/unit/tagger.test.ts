import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tagger, type TaggerModel } from '../../src/core/entities/tagger/tagger';
import { features, isTitleMid, sentenceContext, TAGS, type Tag } from '../../src/core/entities/tagger/features';
import { tokenize, type Token } from '../../src/core/entities/tagger/tokenize';
import { splitSentences } from '../../src/core/text/sentences';
import model from '../../src/core/entities/tagger/model.json';

/** The tagger as training sees it: each token's feature names from `features`, looked up by name, summed in order. */
const weights = new Map(Object.entries((model as TaggerModel).weights));
function taggedByName(tokens: readonly Token[]): Tag[] {
  const ctx = sentenceContext(tokens);
  const out: Tag[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const prev = out[i - 1] ?? '<s>';
    if ((prev === 'O' || i === 0) && /^[-xd.,;:!?'"()]+$/.test(ctx.shapes[i]!)) {
      out.push('O');
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
  }
  return out;
}

suite('tagger: features looked up by template give what their names give', function () {
  this.timeout(60_000);
  const seeds = join(__dirname, '..', '..', '..', 'seeds');
  const texts = readdirSync(seeds).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(seeds, f), 'utf8'));
  // words and shapes holding commas or "=" (looked up by name), hyphens, capitals outside ASCII, a headline in capitals
  texts.push(
    'Exports rose to 1,000,000 tonnes, = 3,5 % of the total, Lukashenko said in Minsk-Arena on 2,3 May.',
    'BELARUS FREES 52 PRISONERS AS US EASES SANCTIONS ON BELAVIA',
    'Łukasz Ćwikła met Ørsted officials and the ÉCOLE POLYTECHNIQUE delegation in Škoda-town.',
    ', , , Mr. O\'Neill , the pro-Kremlin , anti-EU MP , left.',
  );
  const sentences = texts.flatMap((text) => splitSentences(text).map((s) => tokenize(text, s.start, s.end)));
  const tagger = new Tagger(model as TaggerModel);

  test(`${sentences.length} sentences of the seeds and of odd text: the same tags`, () => {
    assert.ok(sentences.length > 150);
    let names = 0;
    for (const tokens of sentences) {
      const expected = taggedByName(tokens);
      assert.deepEqual(tagger.tag(tokens), expected, tokens.map((t) => t.text).join(' '));
      names += expected.filter((t) => t !== 'O').length;
    }
    assert.ok(names > 300, `${names} name tokens`);
  });

  test('the word sums it remembers give the same tags the second time', () => {
    const again = new Tagger(model as TaggerModel);
    for (const tokens of sentences) again.tag(tokens);
    for (const tokens of sentences) assert.deepEqual(again.tag(tokens), taggedByName(tokens));
  });

  const titles: [string, boolean][] = [['Minsk', true], ['EU', false], ['minsk', false], ['', false], ['X', false], ['Xi', true], ['A1', true], ['ÉCOLE', false], ['École', true], ['AÉ', false], ['Aé', true], ['ǅx', false], ['McDonald', true]];
  for (const [word, title] of titles) {
    test(`isTitleMid(${JSON.stringify(word)}) is ${title}, as the pattern says`, () => {
      assert.equal(isTitleMid(word), title);
      assert.equal(isTitleMid(word), /^\p{Lu}/u.test(word) && !/^\p{Lu}+$/u.test(word));
    });
  }
});
