import * as assert from 'node:assert/strict';
import { createCorpus } from '../../src/core/incremental/corpus';
import { cleanName, detectMentions } from '../../src/core/pipeline/entities/mentions';
import { createDocument } from '../../src/core/pipeline/text/document';
import { hasCyrillic, personKey } from '../../src/core/pipeline/entities/names';
import { splitSentences } from '../../src/core/pipeline/text/sentences';
import { memoryReader } from './memory-reader';

suite('entities: name spans', () => {
  const cases: [string, string | undefined][] = [
    ['President Trump', 'Trump'],
    ["Lukashenko's", 'Lukashenko'],
    ['Lukashenko\u2019s', 'Lukashenko'],
    ['\u201cOreshnik\u201d', 'Oreshnik'],
    ['(Alexander Lukashenko,', 'Alexander Lukashenko'],
    ['U.S.', 'U.S.'],
    ['Washington.', 'Washington'],
    ['President', undefined],
    ['August', undefined],
  ];
  for (const [raw, expected] of cases) {
    test(raw, () => {
      const span = cleanName(raw, 0, raw.length);
      assert.equal(span && raw.slice(span.start, span.end), expected);
    });
  }
});

suite('entities: resolution across sources', () => {
  const files = {
    'a.txt':
      'Talks in Minsk\nBelarusian President Alexander Lukashenko met Keith Kellogg in Minsk on June 21, 2025. Lukashenko said the talks went well.\n',
    'b.txt':
      'A second view\nAleksandr Lukashenko has ruled Belarus since 1994. Kellogg, a retired general, visited Minsk in June 2025.\n',
    'c.txt':
      'Spouses\nMrs. Sviatlana Tsikhanouskaya spoke in Vilnius on May 3, 2025. Her husband Mr. Siarhei Tsikhanouski was freed in June 2025.\n',
  };
  let entities: Awaited<ReturnType<ReturnType<typeof createCorpus>['index']>>['entities'];
  suiteSetup(async () => {
    ({ entities } = await createCorpus({ reader: memoryReader(files) }).index());
  });
  const named = (name: string) => entities.find((e) => e.name === name || e.aliases.includes(name));

  test('surname after the full name joins the person', () => {
    const e = named('Alexander Lukashenko');
    assert.ok(e);
    assert.ok(e.mentions.some((m) => m.text === 'Lukashenko'));
  });
  test('transliterated given names merge', () => {
    assert.equal(named('Alexander Lukashenko'), named('Aleksandr Lukashenko'));
  });
  test('surname-only mention in another article joins the unambiguous full name', () => {
    assert.ok(named('Keith Kellogg')?.mentions.some((m) => m.document === 'b.txt'));
  });
  test('different people who share a surname stem stay apart', () => {
    const a = named('Sviatlana Tsikhanouskaya');
    const b = named('Siarhei Tsikhanouski');
    assert.ok(a && b && a !== b);
  });
  test('every mention span slices to its text', () => {
    for (const e of entities)
      for (const m of e.mentions)
        assert.equal(files[m.document as keyof typeof files].slice(m.start, m.end), m.text);
  });
});

suite('entities: the tagger on news sentences', () => {
  const cases: [string, string[]][] = [
    [
      'In February, U.S. Deputy Assistant Secretary of State Christopher W. Smith visited Minsk.',
      ['U.S.:place', 'Christopher W. Smith:person', 'Minsk:place'],
    ],
    ["Lukashenko's government freed political prisoners.", ['Lukashenko:person']],
    ['The arrest of Roman Protasevich drew sanctions.', ['Roman Protasevich:person']],
    [
      'Belarus and Ukraine voted. The envoy for Ukraine Keith Kellogg met President of Belarus Alexander Lukashenko.',
      [
        'Belarus:place',
        'Ukraine:place',
        'Ukraine:place',
        'Keith Kellogg:person',
        'Belarus:place',
        'Alexander Lukashenko:person',
      ],
    ],
    [
      'The Russian Direct Investment Fund signed a deal with Goldman Sachs.',
      ['Russian Direct Investment Fund:organization', 'Goldman Sachs:organization'],
    ],
    ['Belarus Courts U.S. in High-Stakes Pivot From Moscow', []],
    // BBC News sentences where the tagger typed "Mr X" a place or an organisation: a form of address makes a person, and is no part of the name
    [
      'UKIP leader Roger Knapman says he was glad to see the back of Mr Kilroy-Silk.',
      ['UKIP:organization', 'Roger Knapman:person', 'Kilroy-Silk:person'],
    ],
    [
      "And he hit back at Mr Mallon's claim that an assembly would improve transport links in the region.",
      ['Mallon:person'],
    ],
    [
      'Mr Morgan said he had only told Ms Hutt of the reshuffle on Monday morning, and said the NHS in Wales was Dr Gibbons\' "baby" now.',
      ['Morgan:person', 'Hutt:person', 'NHS:organization', 'Wales:place', 'Gibbons:person'],
    ],
    // a place run into the name after it is split off, and the rest cleaned like any name
    [
      'Debt relief for Tanzania was agreed in London. He signed the relief deal with Tanzania Mr Brown said the UK would pay its share.',
      ['Tanzania:place', 'London:place', 'Tanzania:place', 'Brown:person', 'UK:place'],
    ],
  ];
  for (const [sentence, expected] of cases) {
    test(sentence, () => {
      const doc = createDocument('a.txt', sentence);
      assert.deepEqual(
        detectMentions(doc, splitSentences(sentence)).map((m) => `${m.text}:${m.type}`),
        expected,
      );
    });
  }
});

suite('entities: spellings of one person meet, different people stay apart', () => {
  const same: [string, string][] = [
    ['Alexander Lukashenko', 'Aleksandr Lukashenko'],
    ['Alexander Lukashenko', 'Alyaksandr Lukashenko'],
    ['Alexander Lukashenko', 'Александр Лукашенко'],
    ['Siarhei Tsikhanouski', 'Sergei Tikhanovsky'],
    ['Siarhei Tsikhanouski', 'Syarhei Tsikhanouski'],
    ['Vladimir Blinov', 'Владимир Блинов'],
    ['Sviatlana Tsikhanouskaya', 'Светлана Тихановская'],
    ['José Martí', 'Jose Marti'],
  ];
  const apart: [string, string][] = [
    ['Sviatlana Tsikhanouskaya', 'Siarhei Tsikhanouski'],
    ['Ivan Petrov', 'Irina Petrova'],
    ['Donald Trump', 'Melania Trump'],
    ['Vladimir Putin', 'Vladimir Blinov'],
  ];
  for (const [a, b] of same) test(`${a} = ${b}`, () => assert.equal(personKey(a), personKey(b)));
  for (const [a, b] of apart) test(`${a} ≠ ${b}`, () => assert.notEqual(personKey(a), personKey(b)));
});

suite('entities: Cyrillic is told from other scripts, in a name and in a whole article', () => {
  const latin =
    'Officials in Minsk said on Monday that the talks with Warsaw and Vilnius would go on. '.repeat(3);
  const cases: [string, string, boolean][] = [
    ['a Latin name', 'Lukashenko', false],
    ['a Cyrillic name', 'Лукашенко', true],
    ['Greek (above U+0400 is not all Cyrillic)', 'Αθήνα', false],
    ['accented Latin', 'José Martí', false],
    ['a long Latin text', latin, false],
    ['a long Latin text with one Cyrillic word at its end', `${latin}(Лукашенко)`, true],
    ['a long text of Greek and CJK', `${latin}Αθήνα 北京`, false],
  ];
  for (const [what, text, expected] of cases) test(what, () => assert.equal(hasCyrillic(text), expected));
});

suite('entities: corpus knowledge', function () {
  this.timeout(30_000);
  const index = (files: Record<string, string>) => createCorpus({ reader: memoryReader(files) }).index();

  test('a Cyrillic gloss joins the Latin name it glosses', async () => {
    const { entities } = await index({
      'a.txt': 'Title\nCommentators: Vladimir Blinov (Владимир Блинов) said the talks went well.\n',
    });
    const e = entities.find((x) => x.name === 'Vladimir Blinov');
    assert.ok(e?.aliases.includes('Владимир Блинов'));
  });

  test('descriptions come from an apposition or a role before the name, with their article', async () => {
    const { entities } = await index({
      'a.txt': "Title\nKeith Kellogg, Trump's special envoy for Ukraine, visited Minsk on June 21, 2025.\n",
      'b.txt':
        "Title\nBelarus's presidential press secretary Natalia Esmont said the system will be deployed.\n",
      'c.txt':
        'Title\nMrs. Sviatlana Tsikhanouskaya, the exiled opposition leader \u2014 whose husband was jailed \u2014 spoke in Vilnius.\n',
    });
    assert.deepEqual(
      entities
        .filter((e) => e.description)
        .map((e) => [e.name, e.description, e.descriptionSource])
        .sort(),
      [
        ['Keith Kellogg', "Trump's special envoy for Ukraine", 'a.txt'],
        ['Natalia Esmont', 'presidential press secretary', 'b.txt'],
        ['Sviatlana Tsikhanouskaya', 'the exiled opposition leader', 'c.txt'],
      ],
    );
  });

  test('corpus.yaml names, aliases, types and descriptions override what is found; never keeps names apart', async () => {
    const { entities } = await index({
      'corpus.yaml':
        'entities:\n  - name: Alexander Lukashenko\n    type: person\n    aliases: [Lukashenka]\n    description: President of Belarus\n    never: [Aleksandr Lukashenko]\n',
      'a.txt': 'Title\nAlexander Lukashenko met Lukashenka supporters in Minsk.\n',
      'b.txt': 'Title\nAleksandr Lukashenko, a namesake, runs a bakery in Minsk.\n',
    });
    const e = entities.find((x) => x.name === 'Alexander Lukashenko')!;
    assert.equal(e.description, 'President of Belarus');
    assert.equal(e.descriptionSource, 'corpus.yaml');
    assert.ok(e.mentions.some((m) => m.text === 'Lukashenka'));
    // without `never` the two spellings would be one person (see the table above)
    const namesake = entities.find((x) => x.name === 'Aleksandr Lukashenko');
    assert.ok(namesake && namesake !== e);
  });
});

suite('entities: two corpus.yaml entries are two entities, always (issue 22)', function () {
  this.timeout(60_000);
  const entitiesOf = async (manifest: string, text: string) =>
    (
      await createCorpus({
        reader: memoryReader({ 'corpus.yaml': manifest, 'a.txt': `Title\n${text}\n` }),
      }).index()
    ).entities;

  // [what, corpus.yaml, article text, expected "name: mention|mention (description)" of the named entities]
  const cases: [string, string, string, string[]][] = [
    [
      'names whose spelling keys meet, each with a description',
      'entities:\n  - name: George H. W. Bush\n    description: 41st president\n  - name: George W. Bush\n    description: 43rd president\n',
      'George H. W. Bush and George W. Bush met in Texas.',
      [
        'George H. W. Bush: George H. W. Bush (41st president)',
        'George W. Bush: George W. Bush (43rd president)',
      ],
    ],
    [
      'a name kept apart with never:',
      'entities:\n  - name: George W. Bush\n    never: [George H. W. Bush]\n',
      'George H. W. Bush and George W. Bush met in Texas.',
      ['George H. W. Bush: George H. W. Bush', 'George W. Bush: George W. Bush'],
    ],
    [
      'surnames alone of two declared full names',
      'entities:\n  - name: Ali Khamenei\n  - name: Ruhollah Khomeini\n',
      'In Tehran, Khamenei spoke while Khomeini was quoted.',
      ['Khamenei: Khamenei', 'Khomeini: Khomeini'],
    ],
  ];
  for (const [what, manifest, text, expected] of cases)
    test(what, async () => {
      const entities = await entitiesOf(manifest, text);
      const named = entities
        .filter((e) => e.mentions.length > 0 && !['Texas', 'Tehran'].includes(e.name))
        .map(
          (e) =>
            `${e.name}: ${e.mentions.map((m) => m.text).join('|')}${e.description ? ` (${e.description})` : ''}`,
        )
        .sort();
      assert.deepEqual(named, expected);
      const names = entities.map((e) => e.name);
      assert.equal(new Set(names).size, names.length, `no two entities share a name: ${names.join(', ')}`);
    });

  test('5,000 entries whose names differ only in digits: 5,000 entities', async () => {
    const manifest =
      'entities:\n' +
      Array.from({ length: 5000 }, (_, i) => `  - name: Zorak${i} Mbeki${i}\n    type: person\n`).join('');
    const entities = await entitiesOf(manifest, 'Zorak7 Mbeki7 met Zorak8 Mbeki8.');
    assert.equal(entities.filter((e) => e.name.startsWith('Zorak')).length, 5000);
  });
});
