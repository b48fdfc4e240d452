import * as assert from 'node:assert/strict';
import { parseManifest } from '../../src/core/pipeline/manifest/manifest';
import { LineIndex } from '../../src/core/pipeline/text/document';

/** Each row: corpus.yaml text, the expected finding codes with their 1-based line:column. */
const cases: [string, string, string[]][] = [
  ['valid', 'documents:\n  - file: a.txt\n    title: A\n    published: 2025-10-04\n', []],
  ['impossible date', 'documents:\n  - file: a.txt\n    published: 2025-13-45\n', ['invalid-date 3:16']],
  ['unknown document key', 'documents:\n  - file: a.txt\n    tilte: A\n', ['unknown-key 3:5']],
  ['unknown section', 'docs:\n  - file: a.txt\n', ['unknown-key 1:1']],
  ['bad YAML', 'documents:\n  - file: a.txt\n    title: [unclosed\n', ['yaml-syntax']],
  ['documents not a list', 'documents: a.txt\n', ['wrong-type 1:12']],
  ['entry without file', 'documents:\n  - title: A\n', ['missing-field 2:5']],
  ['wrong entity type', 'entities:\n  - name: Minsk\n    type: city\n', ['wrong-type 3:11']],
  [
    'alias claimed twice',
    'entities:\n  - name: A B\n    aliases: [AB]\n  - name: C D\n    aliases: [AB]\n',
    ['duplicate-alias 5:15'],
  ],
  ['duplicate document', 'documents:\n  - file: a.txt\n  - file: a.txt\n', ['duplicate-entry 3:11']],
  ['empty file', '', []],
];

suite('manifest: problems with positions', () => {
  for (const [name, text, expected] of cases) {
    test(name, () => {
      const m = parseManifest(text);
      const lines = new LineIndex(text);
      const got = m.findings.map((f) => {
        const p = lines.positionAt(f.span.start);
        return f.code === 'yaml-syntax' ? f.code : `${f.code} ${p.line + 1}:${p.character + 1}`;
      });
      assert.deepEqual([...new Set(got)], expected);
    });
  }

  test('a broken entry does not stop the rest from applying', () => {
    const m = parseManifest(
      'documents:\n  - file: a.txt\n    published: 2025-02-30\n  - file: b.txt\n    title: B\n    published: 2025-02\n',
    );
    assert.deepEqual(
      m.documents.map((d) => [d.file, d.published ?? null, d.title ?? null]),
      [
        ['a.txt', null, null],
        ['b.txt', '2025-02', 'B'],
      ],
    );
  });

  test('a syntax error drops the entries it runs through instead of applying garbage', () => {
    const m = parseManifest(
      'documents:\n  - file: a.txt\n    title: A\n  - file: b.txt\n    title: "unclosed\n    published: 2025-10-04\n',
    );
    assert.deepEqual(
      m.documents.map((d) => [d.file, d.title ?? null]),
      [['a.txt', 'A']],
    );
    assert.deepEqual(
      m.findings.map((f) => f.code),
      ['yaml-syntax'],
    );
  });

  test('a repeated key is reported and its first value applies', () => {
    const m = parseManifest('documents:\n  - file: a.txt\n    title: One\n    title: Two\n');
    assert.deepEqual(
      m.documents.map((d) => d.title),
      ['One'],
    );
    assert.deepEqual(
      m.findings.map((f) => f.code),
      ['yaml-syntax'],
    );
  });

  test('entities with aliases, description and never', () => {
    const m = parseManifest(
      'entities:\n  - name: Alexander Lukashenko\n    type: person\n    aliases: [Lukashenka]\n    description: President of Belarus\n    never: [Lukashenko Jr]\n',
    );
    assert.deepEqual(
      m.entities.map((e) => [e.name, e.type, e.aliases, e.description, e.never]),
      [['Alexander Lukashenko', 'person', ['Lukashenka'], 'President of Belarus', ['Lukashenko Jr']]],
    );
  });
});
