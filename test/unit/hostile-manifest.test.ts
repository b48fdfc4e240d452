/**
 * A bad corpus.yaml (issue 8): every problem is a finding at its line and column, and the rest of
 * the manifest still applies. All texts are generated here.
 */
import * as assert from 'node:assert/strict';
import { parseManifest } from '../../src/core/pipeline/manifest/manifest';
import { createCorpus } from '../../src/core/incremental/corpus';
import { LineIndex } from '../../src/core/pipeline/text/document';
import { memoryReader } from './memory-reader';
import { spanProblems } from './span-checks';

/** `code line:column` of each finding, in order. */
function located(text: string, findings: readonly { code: string; span: { start: number } }[]): string[] {
  const lines = new LineIndex(text);
  return findings.map((f) => {
    const p = lines.positionAt(f.span.start);
    return `${f.code} ${p.line + 1}:${p.character + 1}`;
  });
}

/** Each row: what is wrong, corpus.yaml text, the findings expected (code line:column), the files still described. */
const cases: [string, string, string[], string[]][] = [
  ['a tab as indentation', 'documents:\n  - file: a.txt\n\t- file: b.txt\n', ['yaml-syntax 3:1'], ['a.txt']],
  [
    'an unclosed flow list',
    'documents:\n  - file: a.txt\n    title: [unclosed\n  - file: b.txt\n',
    ['yaml-syntax 4:3'],
    ['a.txt', 'b.txt'],
  ],
  [
    'a key given twice',
    'documents:\n  - file: a.txt\n    title: A\n    title: B\n  - file: b.txt\n',
    ['yaml-syntax 4:5'],
    ['a.txt', 'b.txt'],
  ],
  [
    'an unresolved tag',
    'documents:\n  - file: !include a.txt\n  - file: b.txt\n',
    ['yaml-syntax 2:11'],
    ['a.txt', 'b.txt'],
  ],
  [
    'a second YAML document',
    'documents:\n  - file: a.txt\n---\nentities: []\n',
    ['yaml-syntax 3:1'],
    ['a.txt'],
  ],
  ['a list at the top', '- file: a.txt\n', ['wrong-type 1:1'], []],
  [
    'a title that is a list',
    'documents:\n  - file: a.txt\n    title: [x, y]\n  - file: b.txt\n',
    ['wrong-type 3:12'],
    ['a.txt', 'b.txt'],
  ],
  [
    'a date that is a mapping',
    'documents:\n  - file: a.txt\n    published: {year: 2025}\n',
    ['wrong-type 3:16'],
    ['a.txt'],
  ],
  [
    'a date that is a boolean',
    'documents:\n  - file: a.txt\n    published: true\n',
    ['wrong-type 3:16'],
    ['a.txt'],
  ],
  [
    'documents as a mapping',
    'documents:\n  file: a.txt\nentities:\n  - name: Anna Berg\n',
    ['wrong-type 2:3'],
    [],
  ],
  ['an entry that is a string', 'documents:\n  - a.txt\n  - file: b.txt\n', ['wrong-type 2:5'], ['b.txt']],
  [
    'aliases as a mapping',
    'entities:\n  - name: Anna Berg\n    aliases: {Berg: yes}\n',
    ['wrong-type 3:14'],
    [],
  ],
  ['an unknown entity type', 'entities:\n  - name: Anna Berg\n    type: human\n', ['wrong-type 3:11'], []],
  [
    'unknown keys at three levels',
    'documents:\n  - file: a.txt\n    colour: red\nentities:\n  - name: Anna Berg\n    born: 1970\nsettings: {}\n',
    ['unknown-key 3:5', 'unknown-key 6:5', 'unknown-key 7:1'],
    ['a.txt'],
  ],
  [
    '2025-13-45',
    'documents:\n  - file: a.txt\n    published: 2025-13-45\n  - file: b.txt\n    published: 2025-02-28\n',
    ['invalid-date 3:16'],
    ['a.txt', 'b.txt'],
  ],
  [
    '29 February of a common year',
    'documents:\n  - file: a.txt\n    published: "2025-02-29"\n',
    ['invalid-date 3:16'],
    ['a.txt'],
  ],
  [
    'a date with a time',
    'documents:\n  - file: a.txt\n    published: 2025-10-04T10:00:00Z\n',
    ['invalid-date 3:16'],
    ['a.txt'],
  ],
  [
    'an impossible date in a CRLF file',
    'documents:\r\n  - file: a.txt\r\n    published: 2025-13-45\r\n',
    ['invalid-date 3:16'],
    ['a.txt'],
  ],
  [
    'an impossible date after a BOM and astral characters',
    '\uFEFF# 😀😀 notes\ndocuments:\n  - file: 😀.txt\n    published: 2025-00-10\n',
    ['invalid-date 4:16'],
    ['😀.txt'],
  ],
  [
    'an empty file:',
    'documents:\n  - file:\n    title: A\n  - file: b.txt\n',
    ['missing-field 2:5'],
    ['b.txt'],
  ],
  ['an empty name:', 'entities:\n  - name: ""\n    aliases: [X]\n', ['missing-field 2:5'], []],
  ['an entry without file:', 'documents:\n  - title: A\n', ['missing-field 2:5'], []],
  [
    'one alias claimed by two entities',
    'entities:\n  - name: Anna Berg\n    aliases: [Berg]\n  - name: Tom Berg\n    aliases: [Tom, Berg]\n',
    ['duplicate-alias 5:20'],
    [],
  ],
  [
    "a name that is another entity's alias",
    'entities:\n  - name: Anna Berg\n    aliases: [Berg]\n  - name: berg\n',
    ['duplicate-alias 4:11'],
    [],
  ],
  [
    'the same file twice',
    'documents:\n  - file: a.txt\n  - file: ./a.txt\n',
    ['duplicate-entry 3:11'],
    ['a.txt'],
  ],
  [
    'a YAML anchor bomb',
    `a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\nentities:\n  - name: Anna Berg\n    aliases: *f\n`,
    [
      'unknown-key 1:1',
      'unknown-key 2:1',
      'unknown-key 3:1',
      'unknown-key 4:1',
      'unknown-key 5:1',
      'unknown-key 6:1',
      'wrong-type 9:14',
    ],
    [],
  ],
  ['a NUL character', 'documents:\n  - file: a\u0000.txt\n  - file: b.txt\n', [], ['a\u0000.txt', 'b.txt']],
  // nesting past 64 levels is refused where it goes too deep, whatever the stack size (issue 22)
  ['five million [', `documents: ${'['.repeat(5_000_000)}`, ['yaml-syntax 1:76'], []],
  [
    'flow mappings 65 deep',
    `documents:\n  - file: a.txt\nx: ${'{a: '.repeat(65)}`,
    ['yaml-syntax 3:260'],
    [],
  ],
  ['100,000 compact entries', `documents:\n${'- '.repeat(100_000)}x\n`, ['yaml-syntax 2:127'], []],
  [
    'block mappings 4,000 levels deep (the parser overflowed its stack at a place set by the stack size)',
    Array.from({ length: 4000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x\n',
    ['yaml-syntax 65:65'],
    [],
  ],
  [
    'brackets in quotes, comments and plain titles open nothing',
    `documents:\n  - file: a.txt\n    title: "${'['.repeat(100)}"\n    # ${'{'.repeat(100)}\n${Array.from({ length: 70 }, (_, i) => `  - file: b${i}.txt\n    title: Report [draft ${i}\n    author: 'it''s [${i}'\n`).join('')}`,
    [],
    ['a.txt', ...Array.from({ length: 70 }, (_, i) => `b${i}.txt`)],
  ],
  [
    'flow lists 64 deep are parsed',
    `documents: ${'['.repeat(64)}${']'.repeat(64)}\n`,
    ['wrong-type 1:13'],
    [],
  ],
];

suite('hostile corpus.yaml: each problem at its position, the rest applies', () => {
  for (const [what, text, expected, files] of cases) {
    test(what, () => {
      const m = parseManifest(text);
      assert.deepEqual(located(text, m.findings), expected);
      assert.deepEqual(
        m.documents.map((d) => d.file),
        files,
      );
      for (const f of m.findings)
        assert.ok(
          f.span.start >= 0 && f.span.end <= text.length && f.span.start <= f.span.end,
          `${f.code} span inside the text`,
        );
    });
  }

  test('every problem at once: each reported, every good entry applied to the corpus', async () => {
    const yaml = [
      'documents:',
      '  - file: a.txt', //                        good
      '    title: Talks in Minsk',
      '    published: 2025-05-04',
      '  - file: b.txt',
      '    published: 2025-13-45', //             line 6
      '    outlet: The Herald',
      '  - file: missing.txt', //                  line 8
      '  - file: c.txt',
      '    tilte: Typo', //                        line 10
      '    title: [not, text]', //                 line 11
      'entities:',
      '  - name: Alexander Lukashenko',
      '    type: person',
      '    aliases: [Lukashenka]',
      '    description: President of Belarus',
      '  - name: Alyaksandr Lukashenka', //        line 17
      '    aliases: [Lukashenka]', //              line 18
      '    type: dictator', //                     line 19
      'colour: blue', //                           line 20
      '',
    ].join('\n');
    const article = (n: string): string =>
      `${n}\nAlexander Lukashenko met Keith Kellogg in Minsk on May 3, 2025. Lukashenka smiled.\n`;
    const index = await createCorpus({
      reader: memoryReader({
        'corpus.yaml': yaml,
        'a.txt': article('A'),
        'b.txt': article('B'),
        'c.txt': article('C'),
      }),
    }).index();
    assert.deepEqual(
      located(
        yaml,
        index.findings.filter((f) => f.file === 'corpus.yaml'),
      ).sort(),
      [
        'duplicate-alias 18:15',
        'invalid-date 6:16',
        'missing-file 8:11',
        'unknown-key 10:5',
        'unknown-key 20:1',
        'wrong-type 11:12',
        'wrong-type 19:11',
      ],
    );
    assert.deepEqual(spanProblems(index, yaml), []);
    const a = index.document('a.txt')!;
    assert.equal(a.title, 'Talks in Minsk');
    assert.deepEqual([a.published?.date, a.published?.from], ['2025-05-04', 'manifest']);
    const b = index.document('b.txt')!;
    assert.equal(b.outlet, 'The Herald', 'the rest of an entry with a bad date applies');
    assert.notEqual(b.published?.from, 'manifest');
    assert.equal(index.document('c.txt')!.title, 'C', 'a bad title falls back to the first line');
    const luka = index.entities.find((e) => e.name === 'Alexander Lukashenko');
    assert.equal(luka?.description, 'President of Belarus');
    assert.ok(luka.aliases.includes('Lukashenka'), 'the alias stays with its first owner');
    assert.ok(luka.mentions.some((m) => m.text === 'Lukashenka'));
  });

  test('a corpus.yaml over 8 MB is refused whole at once, with one finding; the articles are still indexed', async () => {
    const entry = '  - file: a.txt\n    title: A title of an article, long enough to fill the lines\n';
    const text = 'documents:\n' + entry.repeat(Math.ceil((8 * 1024 * 1024) / entry.length));
    const m = parseManifest(text);
    assert.deepEqual(
      m.findings.map((f) => `${f.severity} ${f.message}`),
      ['error 8.0 MB is over the 8 MB limit for corpus.yaml; corpus.yaml is ignored'],
    );
    assert.deepEqual(m.documents, []);
    const index = await createCorpus({
      reader: memoryReader({ 'corpus.yaml': text, 'a.txt': 'Talks\nAnna Berg met Tom Hale in Oslo.\n' }),
    }).index();
    assert.ok(index.entities.some((e) => e.name === 'Anna Berg'));
    assert.ok(index.findings.some((f) => f.file === 'corpus.yaml' && f.message.includes('8 MB limit')));
  });

  test('a 5 MB corpus.yaml: parsed whole, its few problems each at their position', function () {
    this.timeout(120_000);
    const lines = ['documents:'];
    const expected: string[] = [];
    let length = 0;
    for (let i = 0; length < 5 * 1024 * 1024; i++) {
      const bad = i % 10_000 === 5000;
      const entry = [
        `  - file: articles/${i}.txt`,
        `    title: Article number ${i} of a very large corpus`,
        `    published: ${bad ? '2025-13-45' : `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`}`,
      ];
      if (bad) expected.push(`invalid-date ${lines.length + 3}:16`);
      lines.push(...entry);
      length += entry.join('\n').length + 1;
    }
    const text = lines.join('\n') + '\n';
    const t0 = performance.now();
    const m = parseManifest(text);
    const ms = performance.now() - t0;
    assert.deepEqual(located(text, m.findings), expected);
    assert.equal(m.documents.length, (lines.length - 1) / 3);
    assert.equal(
      m.documents.filter((d) => d.published !== undefined).length,
      m.documents.length - expected.length,
    );
    console.log(
      `      ${(text.length / 1048576).toFixed(1)} MB, ${m.documents.length} entries parsed in ${Math.round(ms)} ms`,
    );
  });
});
