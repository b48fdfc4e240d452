import * as assert from 'node:assert/strict';
import { scaffoldManifest, titleOf } from '../../src/core/pipeline/manifest/scaffold';
import { parseManifest } from '../../src/core/pipeline/manifest/manifest';

// [article text, the title it announces]
const titles: [string, string | undefined][] = [
  ['What is Aleksandr Lukashenko up to now?\n\nBody.', 'What is Aleksandr Lukashenko up to now?'],
  ['\uFEFF\n\n   Belarus between Washington and Moscow  \r\nBody', 'Belarus between Washington and Moscow'],
  [
    '# Belarus Courts U.S. in High-Stakes Pivot From Moscow #\n\nBody',
    'Belarus Courts U.S. in High-Stakes Pivot From Moscow',
  ],
  ['---\n## Minsk   in the spotlight\n', 'Minsk in the spotlight'],
  ['', undefined],
  ['\n \n\t\n', undefined],
  ['x'.repeat(500), `${'x'.repeat(199)}…`],
];

// Titles that YAML would misread if written plainly.
const tricky = [
  '"Dad" AI Guards "Hazel": Lukashenko Calls on Europe Not to Make a Foolish Mistake',
  'Yes',
  'no',
  'null',
  '~',
  '2025',
  '0x1F',
  '1_000',
  '1e5',
  '2024.',
  '3.e2',
  '.5',
  '2025-10-04',
  '2025-10-04 report',
  'key: value',
  'a # not a comment',
  '- starts like a list',
  '? question',
  ': colon',
  '@handle',
  '`code`',
  '[bracketed] start',
  '{braced}',
  '*starred',
  '&anchor',
  '!tag',
  '|pipe',
  '>folded',
  '%percent',
  "'single'",
  'back\\slash',
  'tab\there',
  'C1 \u0085 control',
  'line\u2028separator',
  'Лукашенко: «Европа»',
  '(parenthesised) start',
];

suite('corpus.yaml scaffold', () => {
  for (const [text, expected] of titles) {
    test(`title of ${JSON.stringify(text.slice(0, 40))}`, () => assert.equal(titleOf(text), expected));
  }

  test('every title and file name reads back exactly, with no problem reported', () => {
    const articles = tricky.map((title, i) => ({
      file: `${String(i).padStart(3, '0')}_${i % 3 ? 'ünïcode file' : 'a'}.${i % 2 ? 'md' : 'txt'}`,
      text: `${title}\nbody`,
    }));
    const manifest = parseManifest(scaffoldManifest(articles));
    assert.deepEqual(manifest.findings, []);
    const sorted = [...articles].sort((a, b) => (a.file < b.file ? -1 : 1));
    assert.deepEqual(
      manifest.documents.map((d) => [d.file, d.title]),
      sorted.map((a) => [a.file, titleOf(a.text)]),
    );
  });

  test('plain words stay unquoted, so the file reads like a hand-written one', () => {
    const text = scaffoldManifest([
      { file: 'b.txt', text: 'Second' },
      { file: 'a.txt', text: 'What is Aleksandr Lukashenko up to now?\n' },
    ]);
    assert.match(
      text,
      /documents:\n {2}- file: a\.txt\n {4}title: What is Aleksandr Lukashenko up to now\?\n {2}- file: b\.txt\n {4}title: Second\n$/,
    );
  });

  test('a folder without articles still gives a valid manifest; an article without a first line gets no title', () => {
    assert.deepEqual(parseManifest(scaffoldManifest([])).findings, []);
    const m = parseManifest(scaffoldManifest([{ file: 'empty.txt', text: '' }]));
    assert.deepEqual(
      m.documents.map((d) => [d.file, d.title]),
      [['empty.txt', undefined]],
    );
  });
});
