import * as assert from 'node:assert/strict';
import { recordDecision } from '../../src/core/pipeline/manifest/decisions';

const PAIR = [
  { file: 'a.txt', text: 'March 3' },
  { file: 'b b.txt', text: 'March 5' },
];

/** [case, corpus.yaml before, section, corpus.yaml after]: everything but the new entry stays byte for byte. */
const cases: [string, string, 'distinct' | 'dismissed', string][] = [
  ['an empty file', '', 'distinct', 'distinct:\n  - a.txt: March 3\n    b b.txt: March 5\n'],
  [
    'no such section yet: appended, comments and spacing kept',
    '# head\ndocuments:\n  - file: a.txt   # first\n    title: A\n# tail comment\n',
    'dismissed',
    '# head\ndocuments:\n  - file: a.txt   # first\n    title: A\n# tail comment\n\ndismissed:\n  - a.txt: March 3\n    b b.txt: March 5\n',
  ],
  [
    'an empty section with a comment on its line',
    'documents: []\ndistinct:    # reports that are different events\ndismissed:   # set aside\n',
    'distinct',
    'documents: []\ndistinct:    # reports that are different events\n  - a.txt: March 3\n    b b.txt: March 5\ndismissed:   # set aside\n',
  ],
  [
    "a list with entries and comments: the entry goes last, in the list's indentation",
    'distinct:\n    # keep this\n    - x.txt: May 1\n      y.txt: May 9   # why\n\n# tail\n',
    'distinct',
    'distinct:\n    # keep this\n    - x.txt: May 1\n      y.txt: May 9   # why\n    - a.txt: March 3\n      b b.txt: March 5\n\n# tail\n',
  ],
  ['a flow list', 'distinct: []\n', 'distinct', 'distinct: [ { a.txt: March 3, b b.txt: March 5 } ]\n'],
  [
    'Windows line endings and no final line break',
    'documents: []\r\ndismissed:',
    'dismissed',
    'documents: []\r\ndismissed:\r\n  - a.txt: March 3\r\n    b b.txt: March 5\r\n',
  ],
];

suite('decisions: written into corpus.yaml as one small edit', () => {
  for (const [name, before, section, after] of cases) {
    test(name, () => {
      const r = recordDecision(before, section, PAIR);
      assert.ok(r.ok, r.ok ? '' : r.reason);
      assert.equal(r.text, after);
      if (r.edit)
        assert.equal(before.slice(0, r.edit.start) + r.edit.insert + before.slice(r.edit.end), after);
    });
  }

  test('text that needs quoting is quoted', () => {
    const r = recordDecision('', 'distinct', [
      { file: 'a.txt', text: '14: prisoners' },
      { file: '#b.txt', text: '16 prisoners' },
    ]);
    assert.ok(r.ok);
    assert.equal(r.text, 'distinct:\n  - a.txt: "14: prisoners"\n    "#b.txt": 16 prisoners\n');
  });

  test('the same decision twice is recorded once', () => {
    const once = recordDecision('', 'dismissed', PAIR);
    assert.ok(once.ok);
    const twice = recordDecision(once.text, 'dismissed', [...PAIR].reverse());
    assert.ok(twice.ok && 'already' in twice && twice.edit === null);
  });

  test('a broken corpus.yaml is not touched', () => {
    const r = recordDecision('documents: [\n', 'distinct', PAIR);
    assert.equal(r.ok, false);
  });

  test('a section that is not a list is not touched', () => {
    const r = recordDecision('distinct: yes\n', 'distinct', PAIR);
    assert.equal(r.ok, false);
  });
});
