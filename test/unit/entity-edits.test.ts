import * as assert from 'node:assert/strict';
import { recordEntityNames } from '../../src/core/pipeline/manifest/entity-edits';
import { parseManifest } from '../../src/core/pipeline/manifest/manifest';

const docs = 'documents:\n  - file: a.txt # the first\n    title: A\n';

suite('entity edits in corpus.yaml', () => {
  // [name, before, list, names, after]
  const rows: [string, string, 'aliases' | 'never', string[], string][] = [
    [
      'no entities section: one is appended, comments kept',
      docs,
      'aliases',
      ['Coale'],
      docs + '\nentities:\n  - name: John Coale\n    type: person\n    aliases:\n      - Coale\n',
    ],
    [
      'an empty file',
      '',
      'never',
      ['Minsk Region'],
      'entities:\n  - name: John Coale\n    type: person\n    never:\n      - Minsk Region\n',
    ],
    [
      'an entry without the list',
      'entities:\n  - name: John Coale # the envoy\n    type: person\n\ndistinct: []\n',
      'aliases',
      ['Coale'],
      'entities:\n  - name: John Coale # the envoy\n    type: person\n    aliases:\n      - Coale\n\ndistinct: []\n',
    ],
    [
      'a flow list grows in place',
      'entities:\n  - name: John Coale\n    aliases: [J. Coale] # spelling\n',
      'aliases',
      ['Coale', 'Mr Coale'],
      'entities:\n  - name: John Coale\n    aliases: [ J. Coale, Coale, Mr Coale ] # spelling\n',
    ],
    [
      'a block list grows by a line',
      'entities:\n  - name: John Coale\n    never:\n      - Coale Street\n  - name: Minsk\n',
      'never',
      ['Coale Fund'],
      'entities:\n  - name: John Coale\n    never:\n      - Coale Street\n      - Coale Fund\n  - name: Minsk\n',
    ],
    [
      'another entry: a new one after the last',
      'entities:\n  - name: Minsk\n    type: place\n',
      'aliases',
      ['Coale'],
      'entities:\n  - name: Minsk\n    type: place\n  - name: John Coale\n    type: person\n    aliases:\n      - Coale\n',
    ],
    [
      'CRLF line ends are kept',
      'entities:\r\n  - name: John Coale\r\n',
      'never',
      ['Coale Fund'],
      'entities:\r\n  - name: John Coale\r\n    never:\r\n      - Coale Fund\r\n',
    ],
  ];
  for (const [name, before, list, names, after] of rows) {
    test(name, () => {
      const r = recordEntityNames(before, { name: 'John Coale', type: 'person' }, list, names);
      assert.ok(r.ok, r.ok ? '' : r.reason);
      assert.equal(r.text, after);
      const entry = parseManifest(r.text).entities.find((e) => e.name === 'John Coale');
      for (const n of names) assert.ok(entry?.[list].includes(n));
    });
  }

  test('already recorded: no edit', () => {
    const text = 'entities:\n  - name: John Coale\n    aliases: [Coale]\n';
    const r = recordEntityNames(text, { name: 'John Coale', type: 'person' }, 'aliases', ['coale']);
    assert.ok(r.ok && r.edit === null);
  });

  test('a name another entry claims is refused', () => {
    const text = 'entities:\n  - name: Coale Fund\n  - name: John Coale\n';
    const r = recordEntityNames(text, { name: 'John Coale', type: 'person' }, 'aliases', ['Coale Fund']);
    assert.equal(r.ok, false);
  });

  test('a syntax error is refused', () => {
    const r = recordEntityNames('entities: [\n', { name: 'X', type: 'other' }, 'never', ['Y']);
    assert.equal(r.ok, false);
  });

  test('a flow mapping at the top is refused', () => {
    const r = recordEntityNames('{documents: []}\n', { name: 'X', type: 'other' }, 'never', ['Y']);
    assert.equal(r.ok, false);
  });
});
