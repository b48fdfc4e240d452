/**
 * Bad articles (issue 8): each is indexed correctly, or skipped with one log line and a finding,
 * and the rest of the corpus keeps working. Every fixture is generated here; none is committed.
 */
import * as assert from 'node:assert/strict';
import { createCorpus, type CorpusIndex } from '../../src/core/incremental/corpus';
import type { CorpusReader, Logger } from '../../src/core/ports';
import { toJsonV1 } from '../../src/core/index/contract';
import { memoryReader } from './memory-reader';
import { spanProblems } from './span-checks';
import { createDocument } from '../../src/core/pipeline/text/document';
import { splitSentences } from '../../src/core/pipeline/text/sentences';
import { findDates } from '../../src/core/pipeline/dates/date-expressions';
import { encode as iconvEncode } from 'iconv-lite';
import { showsIndexedText } from '../../src/core/index/shown-text';

/** Text in a legacy encoding, as an old archive holds it. */
function encode(text: string, encoding: string): Uint8Array {
  return new Uint8Array(iconvEncode(text, encoding));
}

const GOOD = 'Minsk talks\nAlexander Lukashenko met Keith Kellogg in Minsk on May 3, 2025.\n';

/** A logger that keeps its lines. */
function recorder(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
}

async function indexOf(
  files: Record<string, string | Uint8Array>,
  logger = recorder(),
  reader: CorpusReader = memoryReader(files),
  maxArticleBytes?: number,
): Promise<CorpusIndex> {
  return createCorpus({
    reader,
    logger,
    options: maxArticleBytes === undefined ? undefined : { maxArticleBytes },
  }).index();
}

/** The good article is indexed as if it were alone: its names and dates are all there. */
function assertGoodIntact(index: CorpusIndex): void {
  const good = index.document('good.txt');
  assert.ok(good, 'good.txt is indexed');
  const names = index.entities
    .filter((e) => e.mentions.some((m) => m.document === 'good.txt'))
    .map((e) => e.name);
  for (const name of ['Alexander Lukashenko', 'Keith Kellogg'])
    assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
  assert.deepEqual(
    good.dates.map((d) => [d.text, d.from]),
    [['May 3, 2025', '2025-05-03']],
  );
  assert.deepEqual(spanProblems(index), []);
}

function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = endian === 'le' ? 0xff : 0xfe;
    out[o++] = endian === 'le' ? 0xfe : 0xff;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o++] = endian === 'le' ? c & 0xff : c >> 8;
    out[o++] = endian === 'le' ? c >> 8 : c & 0xff;
  }
  return out;
}

/** Deterministic pseudo-random bytes. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

suite('hostile articles: skipped with a finding and a log line, or indexed exactly', function () {
  this.timeout(120_000);

  /** Each row: what the bad file is, its bytes, and the finding code expected on it (undefined: indexed). */
  const cases: [string, string | Uint8Array, string | undefined, RegExp?][] = [
    ['an empty file', '', 'empty-file'],
    ['only white space', ' \r\n\t\n', 'empty-file'],
    [
      'a PNG with a .txt name',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, ...noise(4000, 1)]),
      'unreadable-file',
      /binary/,
    ],
    ['random bytes', noise(50_000, 7), 'unreadable-file', /binary|UTF-8/],
    [
      'Latin-1 text',
      new Uint8Array([...new TextEncoder().encode('Le caf'), 0xe9, ...new TextEncoder().encode(' de Minsk')]),
      'legacy-encoding',
      /^read as Windows-1252 \(not valid UTF-8 from byte 6\)/,
    ],
    [
      'Windows-1252 quotes',
      new Uint8Array([0x93, ...new TextEncoder().encode('Hello'), 0x94]),
      'legacy-encoding',
      /^read as Windows-1252 \(not valid UTF-8 from byte 0\)/,
    ],
    [
      'UTF-16 without a byte-order mark',
      utf16(GOOD, 'le', false),
      'legacy-encoding',
      /^read as UTF-16LE \(it has no byte-order mark\)/,
    ],
    [
      'UTF-16 without a byte-order mark, in doubt (NUL bytes on both sides)',
      new Uint8Array([...utf16(GOOD, 'le', false), 0, 0, 0x41, 0]),
      'unreadable-file',
      /UTF-16 without a byte-order mark/,
    ],
    [
      'a UTF-16 byte-order mark before binary data',
      new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41]),
      'unreadable-file',
      /binary/,
    ],
    [
      'a UTF-16 byte-order mark before NUL characters',
      new Uint8Array([0xfe, 0xff, 0x00, 0x41, 0x00, 0x00, 0x00, 0x42]),
      'unreadable-file',
      /NUL character/,
    ],
    [
      'truncated UTF-8 at the end',
      new Uint8Array([...new TextEncoder().encode('Kyiv '), 0xe2, 0x80]),
      'legacy-encoding',
      /not valid UTF-8 from byte 5/,
    ],
    [
      'UTF-8 with a BOM',
      new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Title\nAnna Berg spoke.')]),
      undefined,
    ],
  ];
  for (const [what, bytes, code, message] of cases) {
    test(what, async () => {
      const log = recorder();
      const index = await indexOf({ 'good.txt': GOOD, 'bad.txt': bytes }, log);
      const onBad = index.findings.filter((f) => f.file === 'bad.txt');
      assert.deepEqual(
        onBad.map((f) => f.code),
        code === undefined ? [] : [code],
      );
      if (message) assert.match(onBad[0]!.message, message);
      if (code === 'unreadable-file') {
        assert.equal(index.document('bad.txt'), undefined, 'a skipped file is not a document');
        assert.equal(
          log.lines.filter((l) => l.includes('bad.txt')).length,
          1,
          `one log line: ${log.lines.join(' | ')}`,
        );
        assert.match(
          log.lines.find((l) => l.includes('bad.txt'))!,
          /^warn bad\.txt: .*; skipped$/,
        );
      } else {
        assert.ok(index.document('bad.txt'), 'the file is indexed');
      }
      assertGoodIntact(index);
    });
  }

  // Each row: the encoding, and an article in it (Central European ISO-8859-2 is guessed as Windows-1252, as in VS Code)
  const legacy: [string, string][] = [
    [
      'Windows-1252',
      '“Café” diplomacy: Alexander Lukashenko met Keith Kellogg in Minsk on May 3, 2025, for talks worth £15m — a naïve résumé.\n',
    ],
    [
      'KOI8-R',
      'Александр Лукашенко встретился с Китом Келлогом в Минске 3 мая 2025 года. Стороны обсудили освобождение заключённых.\n',
    ],
    [
      'Windows-1251',
      'Александр Лукашенко встретился с Китом Келлогом в Минске 3 мая 2025 года. Стороны обсудили освобождение заключённых.\n',
    ],
    [
      'SHIFT_JIS',
      'アレクサンドル・ルカシェンコ大統領は2025年5月3日、ミンスクでキース・ケロッグ特使と会談した。両者は囚人の釈放について協議した。\n',
    ],
  ];
  for (const [encoding, body] of legacy)
    test(`${encoding}: guessed, indexed exactly like the same text in UTF-8, with a note at its first non-ASCII character`, async () => {
      const text = `Talks in Minsk\r\n${body}`;
      const bytes = encode(text, encoding);
      const log = recorder();
      const asLegacy = toJsonV1(await indexOf({ 'a.txt': bytes }, log));
      const asUtf8 = toJsonV1(await indexOf({ 'a.txt': text }));
      assert.deepEqual({ ...asLegacy, findings: [] }, asUtf8);
      const first = [...text].findIndex((c) => c.charCodeAt(0) > 0x7f);
      assert.deepEqual(
        asLegacy.findings.map((f) => [f.code, f.severity, f.line, f.column, f.message.split(' (')[0]]),
        [['legacy-encoding', 'info', 2, first - 'Talks in Minsk\r\n'.length + 1, `read as ${encoding}`]],
      );
      assert.ok(log.lines.some((l) => l.startsWith(`info a.txt: read as ${encoding}`)));
    });

  test('a legacy corpus.yaml is read too, with its note', async () => {
    const manifest = 'documents:\n  - file: a.txt\n    title: Café in Minsk, “talks” of £15m and more\n';
    const index = await indexOf({ 'corpus.yaml': encode(manifest, 'Windows-1252'), 'a.txt': GOOD });
    assert.equal(index.document('a.txt')!.title, 'Café in Minsk, “talks” of £15m and more');
    assert.deepEqual(
      index.findings.map((f) => `${f.file} ${f.code}`),
      ['corpus.yaml legacy-encoding'],
    );
  });

  for (const endian of ['le', 'be'] as const) {
    test(`UTF-16 ${endian.toUpperCase()} without a byte-order mark indexes exactly like UTF-8`, async () => {
      const text = `${GOOD}Sviatlana Tsikhanouskaya answered from Vilnius on Monday.\r\n`;
      const asUtf16 = toJsonV1(await indexOf({ 'a.txt': utf16(text, endian, false) }));
      assert.deepEqual({ ...asUtf16, findings: [] }, toJsonV1(await indexOf({ 'a.txt': text })));
      assert.deepEqual(
        asUtf16.findings.map((f) => f.message),
        [
          `read as UTF-16${endian.toUpperCase()} (it has no byte-order mark); save it as UTF-8 to be sure of its characters`,
        ],
      );
    });
    test(`UTF-16 ${endian.toUpperCase()} with a byte-order mark indexes exactly like UTF-8`, async () => {
      const text = `${GOOD}Sviatlana Tsikhanouskaya 😀 answered from Vilnius on Monday.\r\n`;
      const asUtf16 = toJsonV1(await indexOf({ 'a.txt': utf16(text, endian) }));
      const asUtf8 = toJsonV1(await indexOf({ 'a.txt': text }));
      assert.deepEqual(asUtf16, asUtf8);
      assert.ok(asUtf8.entities.some((e) => e.name === 'Alexander Lukashenko'));
    });
  }

  test('a 20 MB article is skipped at once, with one log line; the rest is indexed', async () => {
    const big = new Uint8Array(20 * 1024 * 1024);
    const line = new TextEncoder().encode(
      'Alexander Lukashenko met Keith Kellogg in Minsk on May 3, 2025.\n',
    );
    for (let o = 0; o < big.length; o += line.length)
      big.set(line.subarray(0, Math.min(line.length, big.length - o)), o);
    const log = recorder();
    const t0 = performance.now();
    const index = await indexOf({ 'good.txt': GOOD, 'huge.txt': big }, log);
    const ms = performance.now() - t0;
    const finding = index.findings.find((f) => f.file === 'huge.txt');
    assert.equal(finding?.code, 'unreadable-file');
    assert.match(finding.message, /^skipped: 20\.0 MB is over the 1\.0 MB limit for one article$/);
    assert.equal(index.document('huge.txt'), undefined);
    assert.deepEqual(
      log.lines.filter((l) => l.includes('huge.txt')),
      ['warn huge.txt: 20.0 MB is over the 1.0 MB limit for one article; skipped'],
    );
    assertGoodIntact(index);
    console.log(`      20 MB article skipped; whole corpus indexed in ${Math.round(ms)} ms`);
  });

  test('the size limit holds for unsaved editor text too, and counts UTF-8 bytes', async () => {
    const reader = memoryReader({ 'good.txt': GOOD, 'a.txt': 'short' });
    const overlay = new Map([['a.txt', 'é'.repeat(60)]]); // 60 characters, 120 bytes
    const index = await createCorpus({ reader, options: { maxArticleBytes: 100 } }).index(overlay);
    assert.match(index.findings.find((f) => f.file === 'a.txt')?.message ?? '', /over the 0\.00 MB limit/);
    assert.equal(index.document('a.txt'), undefined);
    const fits = await createCorpus({ reader, options: { maxArticleBytes: 120 } }).index(overlay);
    assert.equal(fits.document('a.txt')?.text, 'é'.repeat(60));
  });

  test('an article of exactly the limit is indexed; one byte more is skipped', async () => {
    const text = GOOD.padEnd(200, '.');
    assert.ok(
      await indexOf({ 'good.txt': GOOD, 'a.txt': text }, recorder(), undefined, 200).then((i) =>
        i.document('a.txt'),
      ),
    );
    assert.equal(
      await indexOf({ 'good.txt': GOOD, 'a.txt': text + '.' }, recorder(), undefined, 200).then((i) =>
        i.document('a.txt'),
      ),
      undefined,
    );
  });

  test('an article of 6,000 reports of one action by the same actors is indexed (was: Set maximum size exceeded)', async () => {
    const big = `Title\n${'Donald Trump met Anna Berg in Washington on May 3, 2025.\n'.repeat(6000)}`;
    const index = await indexOf({ 'good.txt': GOOD, 'big.txt': big });
    assert.ok(index.document('big.txt'));
    assert.equal(index.entities.find((e) => e.name === 'Anna Berg')?.mentions.length, 6000);
    assertGoodIntact(index);
  });

  test('a single 200 KB line is indexed, names and dates to its very end', async () => {
    const people = ['Anna Berg', 'Tomas Hale', 'Lena Novak', 'Omar Sato', 'Rosa Diaz'];
    const cities = ['Oslo', 'Lima', 'Riga', 'Quito', 'Accra'];
    const parts: string[] = [];
    let length = 0;
    for (let i = 0; length < 200 * 1024; i++) {
      // a date in one sentence of ten, as in news
      const date = i % 10 === 0 ? `on May ${1 + (i % 28)}, 2024, ` : '';
      const s = `${people[i % 5]} met ${people[(i + 2) % 5]} in ${cities[i % 5]} ${date}and the talks went on for hours without any progress at all. `;
      parts.push(s);
      length += s.length;
    }
    const line = parts.join('');
    const t0 = performance.now();
    const index = await indexOf({ 'good.txt': GOOD, 'line.txt': line });
    const ms = performance.now() - t0;
    const doc = index.document('line.txt')!;
    assert.equal(doc.text.length, line.length);
    assert.deepEqual(spanProblems(index), []);
    const tail = line.length - 10 * 1024;
    assert.ok(
      index.entities.some((e) => e.mentions.some((m) => m.document === 'line.txt' && m.start >= tail)),
      'a name in the last 10 KB',
    );
    assert.ok(
      doc.dates.some((d) => d.start >= tail),
      'a date in the last 10 KB',
    );
    assertGoodIntact(index);
    console.log(`      ${Math.round(line.length / 1024)} KB on one line indexed in ${Math.round(ms)} ms`);
  });

  test('CRLF, CR and mixed line endings: the same names, dates and positions as LF', async () => {
    const lines = [
      'Minsk talks',
      'By Anna Berg',
      'Alexander Lukashenko met Keith Kellogg in Minsk on May 3, 2025.',
      '',
      'Two days later, Kellogg flew to Vilnius to see Sviatlana Tsikhanouskaya.',
      'Lukashenko said on Monday that the talks would go on.',
    ];
    const lf = toJsonV1(await indexOf({ 'a.txt': lines.join('\n') }));
    const eols = { crlf: ['\r\n'], cr: ['\r'], mixed: ['\r\n', '\n', '\r', '\r\n', '\n'] }; // a \r before \n would be one CRLF
    for (const [name, cycle] of Object.entries(eols)) {
      const text = lines.map((l, i) => l + (i < lines.length - 1 ? cycle[i % cycle.length] : '')).join('');
      const index = await indexOf({ 'a.txt': text });
      assert.deepEqual(spanProblems(index), [], name);
      const json = toJsonV1(index);
      // offsets differ by the extra \r characters; line and column must not
      const where = (j: typeof json, lineOf: (o: number) => string): string[][] => [
        ...j.entities.flatMap((e) => e.mentions.map((m) => [e.name, m.text, lineOf(m.start), lineOf(m.end)])),
        ...j.dates.map((d) => [d.text, d.from ?? '', lineOf(d.start), lineOf(d.end)]),
      ];
      const pos =
        (i: CorpusIndex) =>
        (o: number): string => {
          const p = i.positionAt('a.txt', o);
          return `${p.line}:${p.character}`;
        };
      const lfIndex = await indexOf({ 'a.txt': lines.join('\n') });
      assert.deepEqual(where(json, pos(index)), where(lf, pos(lfIndex)), name);
      assert.deepEqual(json.documents, lf.documents, name);
      assert.equal(index.document('a.txt')!.title, 'Minsk talks', `${name}: no \\r in the title`);
    }
  });

  /** Text that may come before a name: each must leave the name's span exact. */
  const prefixes: [string, string][] = [
    ['astral-plane characters', '𝕿𝖍𝖊 😀🇧🇾 𠜎 '],
    ['combining marks', 'Cafe\u0301 na\u0308ive Z\u0335\u0321a\u0334l\u0337g\u0336o\u0335 '],
    ['right-to-left text', 'שלום مرحبا بكم '],
    ['bidirectional controls', '\u202Eevil\u202C \u2067x\u2069 \u200F '],
    ['zero-width characters', '\u200B\u200C\u200D\uFEFF '],
    ['a lone surrogate', '\uD800 \uDC00 '],
  ];
  for (const [what, prefix] of prefixes) {
    test(`${what} before a name: spans stay exact`, async () => {
      const body = `${prefix}Alexander Lukashenko met Keith Kellogg in Minsk on May 3, 2025.`;
      const index = await indexOf({
        'good.txt': GOOD,
        'a.txt': `Title\n${body}\n${prefix}\n${prefix}Keith Kellogg left.`,
      });
      assert.deepEqual(spanProblems(index), []);
      const inA = index.entities.flatMap((e) =>
        e.mentions.filter((m) => m.document === 'a.txt').map((m) => m.text),
      );
      assert.ok(
        inA.includes('Alexander Lukashenko') && inA.includes('Keith Kellogg'),
        `names found after ${what}: ${inA.join(', ')}`,
      );
      const date = index.document('a.txt')!.dates.find((d) => d.text === 'May 3, 2025');
      assert.equal(date?.from, '2025-05-03');
      assertGoodIntact(index);
    });
  }

  test('10,000 tiny files are indexed without slowing down per file', async () => {
    const files: Record<string, string> = { 'good.txt': GOOD };
    for (let i = 0; i < 10_000; i++)
      files[`notes/${String(i).padStart(5, '0')}.txt`] =
        i % 1000 === 0 ? `Note\nAnna Berg wrote note ${i}.` : `note ${i}`;
    const t0 = performance.now();
    const index = await indexOf(files);
    const ms = performance.now() - t0;
    assert.equal(index.documents.length, 10_001);
    assert.deepEqual(index.findings, []);
    assert.equal(index.entities.find((e) => e.name === 'Anna Berg')?.mentions.length, 10);
    assertGoodIntact(index);
    console.log(`      10,001 files indexed in ${Math.round(ms)} ms (${(ms / 10_001).toFixed(2)} ms a file)`);
  });
});

suite('hostile articles: files that change under the reader', () => {
  test('a file deleted or renamed between list() and read() is skipped with a log line, without a finding', async () => {
    const files: Record<string, string> = { 'good.txt': GOOD, 'gone.txt': GOOD };
    const inner = memoryReader(files);
    const reader: CorpusReader = {
      list: async () => {
        const listed = await inner.list();
        delete files['gone.txt']; // renamed away after the listing
        files['renamed.txt'] = GOOD;
        return listed;
      },
      read: inner.read,
    };
    const log = recorder();
    const index = await indexOf({}, log, reader);
    assert.deepEqual(
      index.documents.map((d) => d.id),
      ['good.txt'],
    );
    assert.deepEqual(index.findings, []);
    assert.deepEqual(
      log.lines.filter((l) => l.includes('gone.txt')),
      ['info gone.txt: not in the folder any more (renamed or deleted); skipped'],
    );
    assertGoodIntact(index);
    const next = await createCorpus({ reader: memoryReader(files) }).index();
    assert.deepEqual(
      next.documents.map((d) => d.id),
      ['good.txt', 'renamed.txt'],
      'the next analysis finds the new name',
    );
  });

  test('a reader that throws for one file: a finding and a log line, not a crash', async () => {
    const inner = memoryReader({ 'good.txt': GOOD, 'locked.txt': GOOD });
    const reader: CorpusReader = {
      list: inner.list,
      read: async (path) => {
        if (path === 'locked.txt')
          throw Object.assign(new Error("EACCES: permission denied, open 'locked.txt'"), { code: 'EACCES' });
        return inner.read(path);
      },
    };
    const log = recorder();
    const index = await indexOf({}, log, reader);
    assert.deepEqual(
      index.findings.map((f) => [f.file, f.code, f.message]),
      [
        [
          'locked.txt',
          'unreadable-file',
          "skipped: could not be read (EACCES: permission denied, open 'locked.txt')",
        ],
      ],
    );
    assert.equal(log.lines.filter((l) => l.includes('locked.txt')).length, 1);
    assertGoodIntact(index);
  });

  test('a reader that throws a non-Error value', async () => {
    const inner = memoryReader({ 'good.txt': GOOD, 'odd.txt': GOOD });
    const reader: CorpusReader = {
      list: inner.list,
      read: async (p) => {
        if (p === 'odd.txt') throw 'disk on fire';
        return inner.read(p);
      },
    };
    const index = await indexOf({}, recorder(), reader);
    assert.deepEqual(
      index.findings.map((f) => f.message),
      ['skipped: could not be read (disk on fire)'],
    );
    assertGoodIntact(index);
  });

  test('corpus.yaml that cannot be read or decoded: a finding on it, the articles still indexed', async () => {
    const binaryManifest = await indexOf({ 'corpus.yaml': new Uint8Array([0, 1, 2, 3]), 'good.txt': GOOD });
    assert.deepEqual(
      binaryManifest.findings.map((f) => [f.file, f.code, f.severity]),
      [['corpus.yaml', 'unreadable-file', 'error']],
    );
    assertGoodIntact(binaryManifest);
    const inner = memoryReader({ 'good.txt': GOOD });
    const reader: CorpusReader = {
      list: async () => ['corpus.yaml', ...(await inner.list())],
      read: async (p) => {
        if (p === 'corpus.yaml') throw new Error('EIO');
        return inner.read(p);
      },
    };
    const throwing = await indexOf({}, recorder(), reader);
    assert.deepEqual(
      throwing.findings.map((f) => [f.file, f.code, f.message]),
      [['corpus.yaml', 'unreadable-file', 'ignored: corpus.yaml could not be read (EIO)']],
    );
    assertGoodIntact(throwing);
  });

  test('a path listed twice is one document', async () => {
    const inner = memoryReader({ 'good.txt': GOOD });
    const index = await indexOf({}, recorder(), {
      list: async () => ['good.txt', 'good.txt'],
      read: inner.read,
    });
    assert.equal(index.documents.length, 1);
    assertGoodIntact(index);
  });

  test('the core reads corpus.yaml and listed files only, whatever corpus.yaml names', async () => {
    const inner = memoryReader({
      'corpus.yaml':
        'documents:\n  - file: ../outside.txt\n  - file: /etc/passwd\n  - file: ../../.ssh/id_rsa.md\n  - file: good.txt\n',
      'good.txt': GOOD,
    });
    const read: string[] = [];
    const index = await indexOf({}, recorder(), {
      list: inner.list,
      read: async (p) => {
        read.push(p);
        return inner.read(p);
      },
    });
    assert.deepEqual(read.sort(), ['corpus.yaml', 'good.txt']);
    assert.deepEqual(
      index.findings.map((f) => f.code),
      ['missing-file', 'missing-file', 'missing-file'],
    );
    assertGoodIntact(index);
  });
});

suite('hostile articles: a long sentence full of dates (issue 22)', function () {
  this.timeout(30_000);
  const datesOf = (text: string): [string, string | null][] => {
    const doc = createDocument('a.txt', text);
    return findDates(doc, splitSentences(text), undefined).map((d) => [d.text, d.from]);
  };

  for (const [what, unit, expected] of [
    ['“May 5, 2012 and ” over 1 MB', 'May 5, 2012 and ', ['May 5, 2012', '2012-05-05']],
    ['“2012 ” over 500 KB', '2012 ', ['2012', '2012-01-01']],
  ] as const) {
    test(`${what}: every date found, each as it is alone (was quadratic: 41 s and 29 s)`, () => {
      const text = unit.repeat(Math.floor((what.includes('1 MB') ? 1_000_000 : 500_000) / unit.length));
      const t0 = performance.now();
      const dates = datesOf(text);
      const ms = performance.now() - t0;
      assert.equal(dates.length, text.length / unit.length);
      assert.deepEqual(new Set(dates.map((d) => d.join(' '))), new Set([expected.join(' ')]));
      console.log(`      ${dates.length} dates in ${Math.round(ms)} ms`);
    });
  }

  test('the words just before a date decide as in a short sentence, however long the sentence', () => {
    const pad = 'word '.repeat(5000);
    for (const [tail, expected] of [
      ['about 2000 people came.', []],
      ['in May the talks began.', [['May', null]]],
      ['Pay $ 1990 today.', [['today', null]]],
    ] as const)
      assert.deepEqual(datesOf(pad + tail), expected, tail);
  });
});

suite('hostile articles: an editor that shows a legacy article as UTF-8', () => {
  // [what, the text analysed, the text the editor shows, whether the index's offsets hold]
  const cases: [string, string, string, boolean][] = [
    ['the same text', 'Café in Minsk', 'Café in Minsk', true],
    ['a replacement character for each legacy byte', '“Café” £15m', '\uFFFDCaf\uFFFD\uFFFD \uFFFD15m', true],
    ['an edit of the same length', 'Café in Minsk', 'Cafe in Minsk', false],
    ['a replacement character where the text was longer', 'Café in Minsk', 'Caf\uFFFD\uFFFD in Minsk', false],
  ];
  for (const [what, indexed, shown, holds] of cases)
    test(what, () => assert.equal(showsIndexedText(indexed, shown), holds));
});
