/**
 * Property-based tests of the core (issue 8): random Unicode text, random line endings, random
 * edits and random corpus.yaml text. Invariants: no exception escapes; every span lies inside its
 * article and slices to its text; the same input gives the same index; an edit followed by its
 * undo gives back the index from before the edit.
 *
 * `npm test` runs a few cases of each (PROPERTY_RUNS, default 30); `PROPERTY_RUNS=1000` runs many
 * more. Also: one bad article never changes the analysis of the others, and the same folder gives
 * the same bytes under any locale. A failure prints fast-check's seed and the shrunk counterexample.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createCorpus, createIndex } from '../../src/core/incremental/corpus';
import { analyseCorpus } from '../../src/core/pipeline/corpus';
import { toJsonV1 } from '../../src/core/index/contract';
import { parseManifest } from '../../src/core/pipeline/manifest/manifest';
import { memoryReader, overlaidReader } from './memory-reader';
import { spanProblems } from './span-checks';

const RUNS = Math.max(1, Number(process.env.PROPERTY_RUNS) || 30);

// Pieces of news text, so that names, dates and events actually occur; random Unicode in between.
const NAMES = [
  'Alexander Lukashenko',
  'Lukashenko',
  'Keith Kellogg',
  'Kellogg',
  'Sviatlana Tsikhanouskaya',
  'Minsk',
  'Vilnius',
  'the U.S.',
  'NATO',
  'Mr. Trump',
  "Lukashenko's",
  'Anna Berg',
  'Berg',
  // names that Danish and Swedish collation order differently from English ("aa" after "z")
  'Aase Aamodt',
  'Zara Zeeland',
  'Örjan Åberg',
];
const DATES = [
  'on May 3, 2025',
  'on Monday',
  'last week',
  'in 2024',
  'two days later',
  'on 4 March',
  'yesterday',
  'in June',
  'three years ago',
  '10/4/25',
  'May',
  'on Sept. 11',
];
const WORDS = [
  'met',
  'said',
  'released',
  '52',
  'prisoners',
  'in',
  'at',
  'the',
  'talks',
  'visited',
  'and',
  '“We are ready,”',
  '(AP)',
  '—',
  'Published: 3 March 2024',
  'By',
  'arrested',
  '1,200',
  'protesters',
];
const BREAKS = [' ', ' ', ' ', '. ', ', ', '\n', '\r\n', '\r', '\n\n', '\t', '\u00a0'];
const ODD = [
  '😀',
  '𝕿𝖍𝖊',
  '🇧🇾',
  'e\u0301',
  'Z\u0335\u0321',
  'שלום',
  'مرحبا',
  '\u202E',
  '\u200B',
  '\uFEFF',
  '\uD800',
  '\uDC00',
  'Ж',
  'İ',
  'ß',
  '\u0000',
  '\u2028',
];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 3, arbitrary: fc.constantFrom(...DATES) },
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 5, arbitrary: fc.constantFrom(...BREAKS) },
  { weight: 2, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 3,
    }),
  },
);
const PEOPLE = [
  'Alexander Lukashenko',
  'Keith Kellogg',
  'Sviatlana Tsikhanouskaya',
  'Anna Berg',
  'President Trump',
];
const PLACES = ['Minsk', 'Vilnius', 'Warsaw', 'the White House'];
const REPORT_DATES = [
  'on May 3, 2025',
  'on May 5, 2025',
  'on 4 March 2025',
  'in June 2024',
  'on Monday',
  'two days later',
];
/** Something that happened; both articles may report it, each with its own date, so that conflicts occur. */
const happening = fc
  .tuple(
    fc.constantFrom(...PEOPLE),
    fc.constantFrom(' met ', ' released ', ' visited ', ' said he met '),
    fc.constantFrom(...PEOPLE, '52 prisoners', '16 prisoners', 'Poland'),
    fc.constantFrom(' in ', ' at '),
    fc.constantFrom(...PLACES),
  )
  .map((parts) => parts.join(''));
/**
 * A short article: reports of the shared happenings, news words and noise. Short, so that the
 * many runs of a property stay quick.
 */
const articleOf = (happenings: string[]): fc.Arbitrary<string> => {
  const report = fc
    .tuple(
      fc.constantFrom(...happenings),
      fc.constantFrom(' ', ', '),
      fc.constantFrom(...REPORT_DATES),
      fc.constantFrom('.', '. ', '.\n', '.\r\n', '!\r', ''),
    )
    .map((parts) => parts.join(''));
  return fc
    .array(fc.oneof({ weight: 1, arbitrary: report }, { weight: 3, arbitrary: piece }), {
      minLength: 1,
      maxLength: 24,
    })
    .map((parts) => parts.join(''));
};

// corpus.yaml: mostly well-formed lines with hostile values, sometimes plain noise.
const yamlValue = fc.oneof(
  fc.constantFrom(
    'a.txt',
    'b.txt',
    'missing.txt',
    '../outside.txt',
    '2025-10-04',
    '2025-13-45',
    '2025',
    'person',
    'city',
    '[Lukashenka, Berg]',
    '{x: 1}',
    '"unclosed',
    '[unclosed',
    '*alias',
    '&a x',
    '!!binary x',
    '',
    'yes',
    '~',
    '- x',
  ),
  fc.constantFrom(...NAMES),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const yamlLine = fc
  .tuple(
    fc.constantFrom('', '  ', '    ', '  - ', '\t', '- ', ' '),
    fc.constantFrom(
      'documents',
      'entities',
      'file',
      'title',
      'published',
      'outlet',
      'author',
      'url',
      'name',
      'type',
      'aliases',
      'description',
      'never',
      'distinct',
      'dismissed',
      'colour',
      'a.txt',
      '? x',
      '---',
      '#',
    ),
    fc.constantFrom(': ', ':', ' : ', ''),
    yamlValue,
    fc.constantFrom('\n', '\r\n', '\n', '\r'),
  )
  .map((parts) => parts.join(''));
const manifestText = fc.oneof(
  { weight: 4, arbitrary: fc.array(yamlLine, { maxLength: 14 }).map((lines) => lines.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
);

const corpusFiles = fc.array(happening, { minLength: 1, maxLength: 2 }).chain((happenings) =>
  fc.record({
    'a.txt': articleOf(happenings),
    'b.txt': articleOf(happenings),
    manifest: fc.option(manifestText, { nil: undefined }),
  }),
);

type Files = { 'a.txt': string; 'b.txt': string; manifest: string | undefined };

function reader(files: Files) {
  const all: Record<string, string> = { 'a.txt': files['a.txt'], 'b.txt': files['b.txt'] };
  if (files.manifest !== undefined) all['corpus.yaml'] = files.manifest;
  return memoryReader(all);
}

/** What the editor would have: the text after a string was inserted, or a range deleted, at some place. */
const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.oneof(
    fc.constant(''),
    fc.array(piece, { maxLength: 4 }).map((p) => p.join('')),
  ),
});
function applyEdit(text: string, e: { at: number; remove: number; insert: string }): string {
  const at = e.at % (text.length + 1);
  return text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
}

/** True when a file holding this text decodes to exactly this text (no lone surrogate, BOM or NUL). */
function readsBackAs(text: string): boolean {
  return (
    !text.startsWith('\uFEFF') &&
    !text.includes('\u0000') &&
    new TextDecoder().decode(new TextEncoder().encode(text)) === text
  );
}

// Past this, fast-check stops (shrinking included) and reports the smallest failing case found so far.
const BUDGET_MS = 60_000 + RUNS * 2_000;

suite('core properties (fast-check)', function () {
  this.timeout(BUDGET_MS + 30_000);

  test(`no exception escapes, every span is exact, the same input gives the same index (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(corpusFiles, async (files) => {
        const index = await createCorpus({ reader: reader(files) }).index();
        assert.deepEqual(
          spanProblems(
            index,
            files.manifest === undefined ? undefined : files.manifest.replace(/^\uFEFF/, ''),
          ),
          [],
        );
        for (const id of ['a.txt', 'b.txt']) {
          // a NUL among the first bytes makes an article binary: skipped, with a finding
          assert.ok(
            index.document(id) || index.findings.some((f) => f.file === id && f.code === 'unreadable-file'),
            `${id} indexed or reported`,
          );
        }
        // the plain pipeline is the reference: the corpus gives what it gives
        assert.deepEqual(toJsonV1(createIndex(await analyseCorpus(reader(files)))), toJsonV1(index));
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: BUDGET_MS },
    );
  });

  test(`an edit and its undo give back the index from before the edit (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        corpusFiles,
        fc.constantFrom('a.txt', 'b.txt', 'corpus.yaml'),
        edit,
        async (files, target, change) => {
          // one corpus object for all three analyses, so any state it keeps is exercised too
          const corpus = createCorpus({ reader: reader(files) });
          const before = toJsonV1(await corpus.index());
          const original = target === 'corpus.yaml' ? (files.manifest ?? '') : files[target];
          const overlay = new Map([[target, applyEdit(original, change)]]);
          const edited = await corpus.index(overlay);
          // an unsaved text that a file can hold: the edit gives what the plain pipeline gives on that file
          if (readsBackAs(overlay.get(target)!))
            assert.deepEqual(
              toJsonV1(edited),
              toJsonV1(createIndex(await analyseCorpus(overlaidReader(reader(files), overlay)))),
              'the edit gives what the plain pipeline gives',
            );
          assert.deepEqual(
            spanProblems(edited, target === 'corpus.yaml' ? applyEdit(original, change) : undefined),
            [],
          );
          // undo leaves the editor's copy clean: the file on disk is analysed again
          assert.deepEqual(toJsonV1(await corpus.index()), before);
          // an unsaved copy holding the file's own text is the same input as the file
          if (readsBackAs(original) && (target !== 'corpus.yaml' || files.manifest !== undefined)) {
            assert.deepEqual(toJsonV1(await corpus.index(new Map([[target, original]]))), before);
          }
        },
      ),
      { numRuns: RUNS, interruptAfterTimeLimit: BUDGET_MS },
    );
  });

  test(`one bad article never changes another's analysis (${RUNS} runs)`, async () => {
    const LIMIT = 4096;
    const bad = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Uint8Array.from([...b, 0, 0xff, 0xfe])),
      fc.constant(Uint8Array.from([0x4d, 0x69, 0x6e, 0x73, 0x6b, 0xc3, 0x28, 0x20])), // invalid UTF-8
      fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join(' ').repeat(LIMIT)), // over the limit
    );
    const options = { maxArticleBytes: LIMIT };
    await fc.assert(
      fc.asyncProperty(corpusFiles, bad, async (files, badArticle) => {
        const good = reader(files);
        const alone = toJsonV1(await createCorpus({ reader: good, options }).index());
        const all = { ...(await filesOf(good)), 'bad.txt': badArticle };
        const withBad = toJsonV1(await createCorpus({ reader: memoryReader(all), options }).index());
        assert.deepEqual(withoutFile(withBad, 'bad.txt'), alone);
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: BUDGET_MS },
    );
  });

  test(`the same folder gives the same bytes under any locale (${RUNS} corpora, one folder each)`, function () {
    this.timeout(120_000);
    const dir = mkdtempSync(join(tmpdir(), 'corpus-locales-'));
    try {
      const samples = fc.sample(corpusFiles, { numRuns: RUNS, seed: 22 });
      samples.forEach((files, i) => {
        mkdirSync(join(dir, `s${i}`));
        writeFileSync(join(dir, `s${i}`, 'a.txt'), files['a.txt']);
        writeFileSync(join(dir, `s${i}`, 'b.txt'), files['b.txt']);
      });
      // and names whose order differs in Danish and Swedish, equally often named
      mkdirSync(join(dir, 'nordic'));
      writeFileSync(
        join(dir, 'nordic', 'talks.txt'),
        'Talks\nAase Aamodt met Zara Zeeland and Örjan Åberg in Oslo on May 3, 2025. Aarhus and Zurich signed a deal.\n',
      );
      const cli = join(__dirname, '..', '..', '..', 'dist', 'cli.js');
      const outputs = ['en_US.UTF-8', 'da_DK.UTF-8', 'sv_SE.UTF-8'].map((locale) => {
        const run = spawnSync(process.execPath, [cli, 'index', dir, '--json'], {
          encoding: 'utf8',
          maxBuffer: 1 << 28,
          env: { ...process.env, LC_ALL: locale, LANG: locale },
        });
        assert.equal(run.status, 0, run.stderr);
        return run.stdout;
      });
      assert.equal(outputs[1], outputs[0], 'Danish');
      assert.equal(outputs[2], outputs[0], 'Swedish');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test(`corpus.yaml never throws and every finding lies inside it (${RUNS * 10} runs)`, () => {
    fc.assert(
      fc.property(manifestText, (text) => {
        const m = parseManifest(text);
        for (const f of m.findings) {
          assert.ok(
            f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length,
            `${f.code} [${f.span.start}, ${f.span.end}) in ${text.length}`,
          );
          assert.ok(f.message.length > 0);
        }
        assert.deepEqual(parseManifest(text), m);
      }),
      { numRuns: RUNS * 10, interruptAfterTimeLimit: BUDGET_MS },
    );
  });
});

/** Every file a reader lists, with its bytes. */
async function filesOf(r: ReturnType<typeof memoryReader>): Promise<Record<string, Uint8Array>> {
  const out: Record<string, Uint8Array> = {};
  for (const path of [...(await r.list()), 'corpus.yaml']) {
    const bytes = await r.read(path);
    if (bytes !== undefined) out[path] = bytes;
  }
  return out;
}

/** The JSON index without any trace of one file: its document and its findings. */
function withoutFile(json: ReturnType<typeof toJsonV1>, file: string): ReturnType<typeof toJsonV1> {
  return {
    ...json,
    documents: json.documents.filter((d) => d.id !== file),
    findings: json.findings.filter((f) => f.file !== file),
  };
}
