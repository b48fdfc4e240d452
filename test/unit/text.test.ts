import * as assert from 'node:assert/strict';
import { LineIndex } from '../../src/core/pipeline/text/document';
import { splitSentences } from '../../src/core/pipeline/text/sentences';
import { decodeArticle } from '../../src/core/pipeline/text/decode';

suite('text: line index', () => {
  const cases: [string, number, { line: number; character: number }][] = [
    ['one\ntwo', 4, { line: 1, character: 0 }],
    ['one\r\ntwo', 5, { line: 1, character: 0 }],
    ['one\r\ntwo', 3, { line: 0, character: 3 }],
    ['a\rb\nc', 4, { line: 2, character: 0 }],
    ['😀x\ny', 2, { line: 0, character: 2 }],
    ['', 0, { line: 0, character: 0 }],
  ];
  for (const [text, offset, position] of cases) {
    test(`${JSON.stringify(text)} @${offset}`, () => {
      const lines = new LineIndex(text);
      assert.deepEqual(lines.positionAt(offset), position);
      assert.equal(lines.offsetAt(position), offset);
    });
  }
});

suite('text: sentences', () => {
  const cases: [string, string[]][] = [
    ['He left. She stayed.', ['He left.', 'She stayed.']],
    [
      'Mr. Smith met Dr. Jones in the U.S. on Monday. Then he left.',
      ['Mr. Smith met Dr. Jones in the U.S. on Monday.', 'Then he left.'],
    ],
    ['"We are ready," he said. Trump agreed.', ['"We are ready," he said.', 'Trump agreed.']],
    [
      'Headline without a stop\nBody starts here. And ends.',
      ['Headline without a stop', 'Body starts here.', 'And ends.'],
    ],
    ['Prices rose 3.5 percent. Good.', ['Prices rose 3.5 percent.', 'Good.']],
    ['Written by J. K. Rowling. Yes.', ['Written by J. K. Rowling.', 'Yes.']],
  ];
  for (const [text, expected] of cases) {
    test(text, () => {
      assert.deepEqual(
        splitSentences(text).map((s) => text.slice(s.start, s.end)),
        expected,
      );
    });
  }
});

suite('text: decoding', () => {
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  test('UTF-8 with BOM drops the BOM', () => {
    const r = decodeArticle(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('Minsk')]));
    assert.ok(r.ok && r.text === 'Minsk');
  });
  test('UTF-16LE with BOM', () => {
    const r = decodeArticle(new Uint8Array([0xff, 0xfe, 0x4d, 0x00, 0x69, 0x00]));
    assert.ok(r.ok && r.text === 'Mi');
  });
  test('a NUL byte means binary', () => {
    const r = decodeArticle(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    assert.ok(!r.ok && r.problem === 'binary');
  });
  test('Latin-1 is refused with the offset of the first bad byte', () => {
    const r = decodeArticle(new Uint8Array([...enc('caf'), 0xe9, ...enc(' au lait')]));
    assert.ok(!r.ok && r.problem === 'not-utf8' && r.offset === 3);
  });
});
