import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize } from '../../src/core/pipeline/entities/tagger/tokenize';
import { splitSentences } from '../../src/core/pipeline/text/sentences';
import {
  isNounTag,
  isVerbTag,
  partsOfSpeech,
  PosTagger,
  splitClitics,
  tagPartsOfSpeech,
  type PosModel,
} from '../../src/core/pipeline/words/pos-tagger';
import { posContext, posFeatures, START } from '../../src/core/pipeline/words/pos-train';
import model from '../../src/core/pipeline/words/pos-model.json';

/** The tagger as training sees it: each token's feature names from `posFeatures`, looked up by name, over its candidate tags. */
const posModel = model as PosModel;
const weights = new Map(Object.entries(posModel.weights));
function byName(words: readonly string[]): string[] {
  const ctx = posContext(words);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const known = posModel.dictionary[ctx.words[i]!];
    if (known !== undefined && Object.hasOwn(posModel.dictionary, ctx.words[i]!)) {
      out.push(posModel.tags[known]!);
      continue;
    }
    const scores = new Float64Array(posModel.tags.length);
    for (const f of posFeatures(ctx, i, out[i - 1] ?? START, out[i - 2] ?? START)) {
      const pairs = weights.get(f) ?? [];
      for (let k = 0; k < pairs.length; k += 2) scores[pairs[k]!]! += pairs[k + 1]!;
    }
    const candidates = Object.hasOwn(posModel.classes, ctx.words[i]!)
      ? posModel.classes[ctx.words[i]!]!
      : posModel.open;
    let best = -1;
    for (const c of candidates) if (best < 0 || scores[c]! > scores[best]!) best = c;
    out.push(posModel.tags[best]!);
  }
  return out;
}

/**
 * Sentence, then words of it (each once) and the tag each must have; "VB*" is any verb tag, where
 * the greedy tagger may take a past tense for a participle (both a verb, which is what events need).
 * Known miss, not listed: "a rose" is a verb (a past tense only, in CoNLL's financial news).
 */
const CASES: [string, Record<string, string>][] = [
  // verbs: past, present, participles, infinitives
  [
    'The former mayor died in hospital on Tuesday, his family said.',
    { died: 'VBD', said: 'VBD', mayor: 'NN', hospital: 'NN' },
  ],
  [
    'The finance minister has resigned after weeks of pressure.',
    { has: 'VBZ', resigned: 'VBN', pressure: 'NN', weeks: 'NNS' },
  ],
  [
    'A 34-year-old man was arrested near the station late last night.',
    { was: 'VBD', arrested: 'VBN', man: 'NN', station: 'NN' },
  ],
  ['Fighting broke out in the northern province on Sunday.', { broke: 'VBD', out: 'RP', province: 'NN' }],
  [
    'The two men will be sentenced next month, prosecutors said.',
    { will: 'MD', be: 'VB', sentenced: 'VBN', prosecutors: 'NNS' },
  ],
  [
    'Police say the driver is cooperating with investigators.',
    { say: 'VBP', is: 'VBZ', cooperating: 'VBG', investigators: 'NNS' },
  ],
  [
    'The company plans to close three factories and cut 1,200 jobs.',
    { plans: 'VBZ', close: 'VB', factories: 'NNS', jobs: 'NNS', '200': 'CD' },
  ],
  [
    'Rescuers were searching for survivors after the building collapsed.',
    { were: 'VBD', searching: 'VBG', survivors: 'NNS', collapsed: 'VBD' },
  ],
  [
    'The court had rejected the appeal before the election was held.',
    { had: 'VBD', rejected: 'VBN', appeal: 'NN', held: 'VBN' },
  ],
  [
    "Officials didn't say how many people had been evacuated.",
    { did: 'VBD', "n't": 'RB', evacuated: 'VBN', people: 'NNS' },
  ],
  [
    'Thousands of protesters marched through the capital demanding new elections.',
    { marched: 'VBD', demanding: 'VBG', protesters: 'NNS', elections: 'NNS' },
  ],
  // event nouns
  ['The fire destroyed more than 40 homes in the valley.', { fire: 'NN', destroyed: 'VBD', homes: 'NNS' }],
  [
    'Rail workers began a strike over pay on Monday.',
    { strike: 'NN', began: 'VBD', workers: 'NNS', pay: 'NN' },
  ],
  [
    'The attack killed at least 12 soldiers at a checkpoint.',
    { attack: 'NN', killed: 'VBD', soldiers: 'NNS' },
  ],
  [
    'The explosion damaged several buildings in the port.',
    { explosion: 'NN', damaged: 'VB*', buildings: 'NNS' },
  ],
  [
    'The election of a new president is expected in March.',
    { election: 'NN', president: 'NN', expected: 'VBN' },
  ],
  ['The merger was announced after months of talks.', { merger: 'NN', announced: 'VBN', talks: 'NNS' }],
  // ambiguous words, both ways
  ['The airline said it would fire 300 pilots.', { fire: 'VB', would: 'MD', pilots: 'NNS' }],
  ['Teachers threatened to strike if the talks failed.', { strike: 'VB', threatened: 'VBD', failed: 'VBD' }],
  ['Rebels attack the city every night.', { attack: 'VBP', city: 'NN' }],
  ['Oil prices rose sharply in early trading.', { rose: 'VBD', prices: 'NNS', trading: 'NN' }],
  ['She laid flowers on the grave of her son.', { laid: 'VB*', flowers: 'NNS', grave: 'NN' }],
  ['Rebels said they would attack the city again.', { attack: 'VB', city: 'NN' }],
  ['The general will lead the delegation to the talks.', { lead: 'VB', delegation: 'NN' }],
  ['Ferrari took the lead in the championship.', { lead: 'NN', took: 'VBD', championship: 'NN' }],
  [
    'Exports increased by 4 percent in the second quarter.',
    { increased: 'VB*', percent: 'NN', quarter: 'NN', '4': 'CD' },
  ],
  // names
  [
    'President Smith met the leaders of France and Germany in Brussels.',
    { met: 'VBD', Smith: 'NNP', France: 'NNP', Brussels: 'NNP', leaders: 'NNS' },
  ],
];

suite('pos tagger: news sentences', () => {
  for (const [text, expected] of CASES) {
    test(text, () => {
      const tagged = partsOfSpeech(text);
      const got = Object.fromEntries(
        Object.entries(expected).map(([word, tag]) => {
          const found = tagged.find((t) => t.text === word)?.tag;
          return [word, tag === 'VB*' && found && isVerbTag(found) ? 'VB*' : found];
        }),
      );
      assert.deepEqual(got, expected, tagged.map((t) => `${t.text}/${t.tag}`).join(' '));
    });
  }

  test('partsOfSpeech keeps offsets, one tag a token; tagPartsOfSpeech one tag a word', () => {
    const text = "  The mayor's aides didn't talk.";
    const tagged = partsOfSpeech(text);
    for (const t of tagged) assert.equal(text.slice(t.start, t.end), t.text);
    assert.deepEqual(
      tagged.map((t) => t.text),
      ['The', 'mayor', "'s", 'aides', 'did', "n't", 'talk', '.'],
    );
    assert.equal(tagged.find((t) => t.text === "'s")?.tag, 'POS');
    assert.deepEqual(tagPartsOfSpeech([]), []);
    assert.equal(tagPartsOfSpeech(['Hello', 'world']).length, 2);
  });

  test('splitClitics: "n\'t" and the short verbs apart, other words whole', () => {
    const split = (text: string): string[] => splitClitics(tokenize(text)).map((t) => t.text);
    assert.deepEqual(split("They're sure we'll win, but I can't and she'd not."), [
      'They',
      "'re",
      'sure',
      'we',
      "'ll",
      'win',
      ',',
      'but',
      'I',
      'ca',
      "n't",
      'and',
      'she',
      "'d",
      'not',
      '.',
    ]);
    assert.deepEqual(split("O'Neill's rock'n'roll"), ["O'Neill", "'s", "rock'n'roll"]);
  });

  test('isVerbTag and isNounTag', () => {
    assert.deepEqual(['VB', 'VBD', 'VBG', 'VBN', 'VBP', 'VBZ', 'MD', 'NN'].map(isVerbTag), [
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    assert.deepEqual(['NN', 'NNS', 'NNP', 'NNPS', 'JJ', 'VBN'].map(isNounTag), [
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

suite('pos tagger: the fast tagger gives what the feature names give', function () {
  this.timeout(60_000);
  const seeds = join(__dirname, '..', '..', '..', 'seeds');
  const texts = readdirSync(seeds)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(seeds, f), 'utf8'));
  texts.push(
    ...CASES.map(([text]) => text),
    'BELARUS FREES 52 PRISONERS AS US EASES SANCTIONS ON BELAVIA',
    'Łukasz Ćwikła met Ørsted officials in Škoda-town, “quietly”.',
    'x',
  );
  const sentences = texts.flatMap((text) =>
    splitSentences(text).map((s) => tokenize(text, s.start, s.end).map((t) => t.text)),
  );

  test(`${sentences.length} sentences of the seeds and of odd text: the same tags`, () => {
    assert.ok(sentences.length > 150);
    const tagger = new PosTagger(posModel);
    for (const words of sentences) assert.deepEqual(tagger.tag(words), byName(words), words.join(' '));
  });

  test('the same tags the second time, also when it forgets the words it remembers (a small bound)', () => {
    for (const remember of [30_000, 7, 1]) {
      const again = new PosTagger(posModel, { remember });
      const first = sentences.map((words) => again.tag(words));
      assert.deepEqual(
        sentences.map((words) => again.tag(words)),
        first,
      );
      assert.deepEqual(first, sentences.map(byName));
    }
  });
});
