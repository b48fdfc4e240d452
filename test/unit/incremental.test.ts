import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCorpus, createIndex, type IndexData } from '../../src/core/incremental/corpus';
import type { CorpusEvent } from '../../src/core/pipeline/events/events';
import { packEntities } from '../../src/core/wire/index-pack';
import { toJsonV1 as toJson } from '../../src/core/index/contract';
import { analyseArticle, type ArticleAnalysis, type ArticleJob } from '../../src/core/pipeline/article';
import { nullLogger } from '../../src/core/ports';
import { FileAnalysisCache } from '../../src/node/analysis-cache';
import { decodeSnapshot, decodeTexts, encodeSnapshot, encodeTexts } from '../../src/core/wire/cache-bodies';
import { ArticlePool } from '../../src/node/article-pool';
import { memoryReader, stampedReader } from './memory-reader';
import { analyseCorpus } from '../../src/core/pipeline/corpus';

const ROOT = join(__dirname, '..', '..', '..');
const SEEDS = join(ROOT, 'seeds');

function seedFiles(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(SEEDS)) files[name] = readFileSync(join(SEEDS, name));
  return files;
}

const toJsonV1 = (data: IndexData): ReturnType<typeof toJson> => toJson(createIndex(data));
const text = (files: Record<string, Uint8Array>, name: string): string =>
  new TextDecoder().decode(files[name]);

suite(
  'incremental analysis: an edit redoes one article, and the result equals a fresh analysis',
  function () {
    this.timeout(120_000);
    const files = seedFiles();
    const article = Object.keys(files).find((f) => f.endsWith('.txt'))!;

    // [what changes, the changed files (undefined: deleted), the paths reported as changed]
    const cases: [string, (f: Record<string, Uint8Array>) => void, string[], number][] = [
      [
        'a sentence added to one article',
        (f) => {
          f[article] = new TextEncoder().encode(
            `${text(f, article)}\nKeith Kellogg met Alexander Lukashenko in Minsk on June 21.\n`,
          );
        },
        [article],
        1,
      ],
      [
        'one article deleted',
        (f) => {
          delete f[article];
        },
        [article],
        0,
      ],
      [
        'a new article',
        (f) => {
          f['new.txt'] = new TextEncoder().encode('John Coale visited Vilnius on March 3, 2025.\n');
        },
        ['new.txt'],
        1,
      ],
      [
        'corpus.yaml gives an article another publication date',
        (f) => {
          f['corpus.yaml'] = new TextEncoder().encode(
            `${text(f, 'corpus.yaml')}`.replace(/published: ["']?2025-10-04["']?/, "published: '2024-10-04'"),
          );
        },
        ['corpus.yaml'],
        1,
      ],
    ];
    for (const [what, change, paths, analysed] of cases) {
      test(what, async () => {
        const live = { ...files };
        const corpus = createCorpus({ reader: memoryReader(live) });
        await corpus.analyse();
        assert.equal(corpus.stats!.analysed, 5);
        change(live);
        const updated = await corpus.update(paths);
        assert.equal(corpus.stats!.analysed, analysed, 'articles analysed again');
        const fresh = await analyseCorpus(memoryReader(live));
        assert.deepEqual(toJsonV1(updated), toJsonV1(fresh));
      });
    }

    test('events the edit does not reach are the same objects as before; those it reaches are new', async () => {
      const live = seedFiles();
      const corpus = createCorpus({ reader: memoryReader(live) });
      const before = await corpus.analyse();
      const edited =
        before.events
          .flatMap((e) => e.reports)
          .map((r) => r.document)
          .find((d) => d === article) ?? article;
      const after = await corpus.update([edited], new Map([[edited, `Updated. ${text(live, edited)}`]]));
      const reached = (e: (typeof after.events)[number]): boolean =>
        e.reports.some((r) => r.document === edited);
      assert.ok(
        after.events.some(reached) && after.events.some((e) => !reached(e)),
        'the case has events of both kinds',
      );
      for (const e of after.events)
        assert.equal(before.events.includes(e), !reached(e), `${e.id} ${e.summary}`);
    });

    test('the corpus.yaml case really changes a date (the table above tests something)', async () => {
      const yaml = text(files, 'corpus.yaml');
      assert.match(yaml, /published: ["']?2025-10-04["']?/);
    });

    test('unsaved text in an update counts; dropping it brings back the saved analysis without analysing again', async () => {
      const corpus = createCorpus({ reader: memoryReader(files) });
      const before = toJsonV1(await corpus.analyse());
      const edited = await corpus.update(
        [article],
        new Map([[article, `${text(files, article)}\nKeith Kellogg met Alexander Lukashenko.`]]),
      );
      assert.notDeepEqual(toJsonV1(edited), before);
      const after = await corpus.update([article]);
      assert.equal(corpus.stats!.analysed, 1);
      assert.deepEqual(toJsonV1(after), before);
    });
  },
);

suite('incremental analysis: a run of edits, each equal to a fresh analysis of the same files', function () {
  this.timeout(300_000);
  const enc = (t: string): Uint8Array => new TextEncoder().encode(t);
  const [a, b, c] = Object.keys(seedFiles()).filter((f) => f.endsWith('.txt'));
  // Each step changes the files the one before left; the corpus carries its state through all of them.
  const steps: [string, (f: Record<string, Uint8Array>) => string[]][] = [
    [
      'a new article names a new person',
      (f) => {
        f['new.txt'] = enc(
          'Jonas Valaitis, a Lithuanian diplomat, visited Minsk on May 2, 2025. Valaitis met Lukashenko.\n',
        );
        return ['new.txt'];
      },
    ],
    [
      'a second article mentions the new name in passing',
      (f) => {
        f['other.txt'] = enc(
          'Officials in Vilnius said Jonas Valaitis would return. Valaitis declined to comment.\n',
        );
        return ['other.txt'];
      },
    ],
    [
      'the name goes from the first article (other articles must read it again)',
      (f) => {
        f['new.txt'] = enc('A Lithuanian diplomat visited Minsk on May 2, 2025.\n');
        return ['new.txt'];
      },
    ],
    [
      'words typed at the top of a seed (every offset moves, no name changes)',
      (f) => {
        f[b!] = enc(`Updated. ${text(f, b!)}`);
        return [b!];
      },
    ],
    [
      'a sentence with known names added to a seed',
      (f) => {
        f[a!] = enc(`${text(f, a!)}\nKeith Kellogg met Alexander Lukashenko in Minsk on June 21.\n`);
        return [a!];
      },
    ],
    [
      'a spelling variant throughout one seed',
      (f) => {
        f[b!] = enc(text(f, b!).replace(/Lukashenko/g, 'Lukashenka'));
        return [b!];
      },
    ],
    [
      'a name typed differently by many new mentions (corpus-wide votes move)',
      (f) => {
        f['votes.txt'] = enc(
          Array.from(
            { length: 12 },
            (_, i) => `Minsk Holdings said on May ${i + 1} that Minsk Holdings and Coale Capital would grow.`,
          ).join(' ') + '\n',
        );
        return ['votes.txt'];
      },
    ],
    [
      'a seed deleted',
      (f) => {
        delete f[c!];
        return [c!];
      },
    ],
    [
      'the seed back again',
      (f) => {
        f[c!] = seedFiles()[c!]!;
        return [c!];
      },
    ],
    [
      'an article emptied',
      (f) => {
        f['other.txt'] = enc('');
        return ['other.txt'];
      },
    ],
    [
      'corpus.yaml changed',
      (f) => {
        f['corpus.yaml'] = enc(
          `${text(f, 'corpus.yaml')}`.replace(/published: ["']?2025-10-04["']?/, "published: '2024-10-04'"),
        );
        return ['corpus.yaml'];
      },
    ],
    [
      'two articles changed at once',
      (f) => {
        f['new.txt'] = enc('Jonas Valaitis returned to Vilnius on May 9, 2025.\n');
        f[a!] = seedFiles()[a!]!;
        return ['new.txt', a!];
      },
    ],
  ];
  test(steps.map(([what]) => what).join('; '), async () => {
    const live = seedFiles();
    const corpus = createCorpus({ reader: memoryReader(live) });
    let last = await corpus.analyse();
    for (const [what, change] of steps) {
      const paths = change(live);
      const data = await corpus.update(paths);
      // what the edit did not reach is the same objects as before: the editor is sent only the rest
      if (!paths.includes('corpus.yaml')) {
        for (const d of data.documents)
          if (!paths.includes(d.id)) assert.ok(last.documents.includes(d), `${what}: ${d.id} made again`);
      }
      last = data;
      const updated = toJsonV1(data);
      const fresh = toJsonV1(await analyseCorpus(memoryReader(live)));
      assert.deepEqual(updated, fresh, what);
    }
  });
});

suite('analysis cache on disk', function () {
  this.timeout(120_000);
  let dir: string;
  setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-cache-'));
  });
  teardown(() => rmSync(dir, { recursive: true, force: true }));
  const logLines = (): { lines: string[]; logger: typeof nullLogger } => {
    const lines: string[] = [];
    return {
      lines,
      logger: {
        info: (m) => lines.push(`info ${m}`),
        warn: (m) => lines.push(`warn ${m}`),
        error: (m) => lines.push(`error ${m}`),
      },
    };
  };

  test('a second session takes every article from the cache and gives the same index', async () => {
    const file = join(dir, 'cache.json');
    const first = new FileAnalysisCache(file, 'v1', nullLogger);
    assert.equal(first.load(), 'absent');
    const a = createCorpus({ reader: memoryReader(seedFiles()), cache: first });
    const cold = toJsonV1(await a.analyse());
    first.save();
    const second = new FileAnalysisCache(file, 'v1', nullLogger);
    assert.equal(second.load(), 'loaded');
    const b = createCorpus({ reader: memoryReader(seedFiles()), cache: second });
    assert.deepEqual(toJsonV1(await b.analyse()), cold);
    assert.deepEqual([b.stats!.analysed, b.stats!.fromCache], [0, 5]);
  });

  /**
   * Rewrites a cache file with its checksum made again, so only `change` differs: the body of a
   * snapshot is its value (with its runs of numbers as lists), that of the analyses a list of
   * [key, entry] pairs (a line each in the file).
   */
  const rewrite = (
    file: string,
    change: (header: Record<string, unknown>, body: unknown) => Record<string, unknown>,
  ): void => {
    const bytes = readFileSync(file);
    const newline = bytes.indexOf(10);
    const snapshot = file.endsWith('.snapshot');
    let body: unknown;
    // a snapshot's runs of numbers, by where they are: lists while changed, then Int32Arrays again (which encodeSnapshot writes as runs)
    const runs: [string, string[]][] = [
      ['mentions', ['mentionCounts', 'mentions']],
      ['documents', ['sentenceCounts', 'sentences', 'dateCounts', 'dates']],
    ];
    const eachRun = (value: unknown, make: (run: unknown) => unknown): void => {
      for (const [part, names] of runs)
        for (const name of names) {
          const at = (value as Record<string, Record<string, unknown>>)[part]!;
          at[name] = make(at[name]);
        }
    };
    if (snapshot) {
      const { value, numbers } = decodeSnapshot(bytes.subarray(newline + 1));
      eachRun(value, (run) => {
        const [first, count] = (run as { int32: [number, number] }).int32;
        return [...numbers.subarray(first, first + count)];
      });
      body = value;
    } else {
      body = bytes
        .subarray(newline + 1)
        .toString('utf8')
        .split('\n')
        .map((line) => {
          const tab = line.indexOf('\t');
          return [JSON.parse(line.slice(0, tab)), JSON.parse(line.slice(tab + 1))] as unknown;
        });
    }
    const header = change(
      JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Record<string, unknown>,
      body,
    );
    if (snapshot) eachRun(body, (list) => Int32Array.from(list as number[]));
    const out = snapshot
      ? Buffer.concat(encodeSnapshot(body))
      : Buffer.from(
          (body as unknown[])
            .map((p) =>
              Array.isArray(p) ? `${JSON.stringify(p[0])}\t${JSON.stringify(p[1])}` : JSON.stringify(p),
            )
            .join('\n'),
          'utf8',
        );
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from(
          JSON.stringify({ ...header, sha1: createHash('sha1').update(out).digest('hex') }) + '\n',
          'utf8',
        ),
        out,
      ]),
    );
  };

  /** A session: a cache of `file` loaded, the seeds (changed by `change`) analysed, the log kept. */
  const session = async (file: string, change: (f: Record<string, Uint8Array>) => void = () => {}) => {
    const { lines, logger } = logLines();
    const cache = new FileAnalysisCache(file, 'v1', logger);
    cache.load();
    const files = seedFiles();
    change(files);
    const corpus = createCorpus({ reader: memoryReader(files), cache, logger });
    const data = await corpus.analyse();
    return {
      cache,
      corpus,
      data,
      files,
      lines,
      fromSnapshot: lines.some((l) => /taken from the snapshot/.test(l)),
    };
  };

  test('an unchanged corpus takes the cross-source result from the snapshot; prepared, its first edit equals a fresh analysis and keeps unchanged entities', async () => {
    const file = join(dir, 'cache.json');
    const first = await session(file);
    assert.equal(first.fromSnapshot, false);
    first.cache.save();
    const second = await session(file);
    assert.equal(second.fromSnapshot, true);
    assert.deepEqual(toJsonV1(second.data), toJsonV1(first.data));
    assert.equal(await second.corpus.prepare(), true);
    assert.equal(await second.corpus.prepare(), false, 'nothing left to prepare');
    const article = Object.keys(second.files).find((f) => f.endsWith('.txt'))!;
    const edited = `Updated. ${text(second.files, article)}`;
    const after = await second.corpus.update([article], new Map([[article, edited]]));
    const fresh = await analyseCorpus(
      memoryReader({ ...second.files, [article]: new TextEncoder().encode(edited) }),
    );
    assert.deepEqual(toJsonV1(after), toJsonV1(fresh));
    const untouched = second.data.entities.filter((e) => e.mentions.every((m) => m.document !== article));
    assert.ok(untouched.length > 10);
    assert.ok(
      untouched.every((e) => after.entities.includes(e)),
      "entities the edit did not touch are the snapshot's objects",
    );
    // an entity named in the edited article and elsewhere is a new object, but its mentions elsewhere are the snapshot's (the editor is sent a patch)
    const snapshotMentions = new Set(second.data.entities.flatMap((e) => e.mentions));
    const spread = after.entities.filter(
      (e) => e.mentions.some((m) => m.document === article) && e.mentions.some((m) => m.document !== article),
    );
    assert.ok(spread.length > 3, spread.map((e) => e.id).join(', '));
    for (const e of spread)
      for (const m of e.mentions)
        assert.equal(
          snapshotMentions.has(m),
          m.document !== article,
          `${e.id}: mention at ${m.document}:${m.start}`,
        );
    // events the edit does not reach are the snapshot's objects, at this edit and the next (undoing it)
    const reached = (e: CorpusEvent): boolean => e.reports.some((r) => r.document === article);
    const kept = second.data.events.filter((e) => !reached(e));
    assert.ok(
      kept.length > 0 && kept.length < second.data.events.length,
      `${kept.length} of ${second.data.events.length}`,
    );
    assert.ok(
      kept.every((e) => after.events.includes(e)),
      'after the edit',
    );
    const undone = await second.corpus.update([article]);
    assert.deepEqual(toJsonV1(undone), toJsonV1(first.data));
    assert.ok(
      kept.every((e) => undone.events.includes(e)),
      'after undoing it',
    );
  });

  test('a snapshot of another state of the corpus (an article changed, or corpus.yaml) is not used', async () => {
    const file = join(dir, 'cache.json');
    (await session(file)).cache.save();
    const article = (f: Record<string, Uint8Array>): string =>
      Object.keys(f).find((n) => n.endsWith('.txt'))!;
    const changed = await session(file, (f) => {
      f[article(f)] = new TextEncoder().encode(
        `${text(f, article(f))}\nJonas Valaitis met Alexander Lukashenko in Minsk on May 2.`,
      );
    });
    assert.equal(changed.fromSnapshot, false);
    const yaml = await session(file, (f) => {
      f['corpus.yaml'] = new TextEncoder().encode(`${text(f, 'corpus.yaml')}\n# a comment\n`);
    });
    assert.equal(yaml.fromSnapshot, false);
    assert.equal((await session(file)).fromSnapshot, true, 'the corpus as it was still takes it');
  });

  test('a snapshot offered before the corpus is read again is not written for the new state', async () => {
    const file = join(dir, 'cache.json');
    const cache = new FileAnalysisCache(file, 'v1', nullLogger);
    cache.load();
    const files = seedFiles();
    let release: () => void = () => {};
    let reached: () => void = () => {};
    const waiting = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let hold = false;
    const analyser = async (jobs: readonly ArticleJob[]): Promise<ArticleAnalysis[]> => {
      if (hold) {
        reached();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      }
      return jobs.map(analyseArticle);
    };
    const corpus = createCorpus({ reader: memoryReader(files), cache, analyser });
    await corpus.analyse();
    const article = Object.keys(files).find((f) => f.endsWith('.txt'))!;
    hold = true;
    const pending = corpus.update([article], new Map([[article, `Updated. ${text(files, article)}`]]));
    await waiting; // the update has read the corpus again and waits on the analyser
    cache.save();
    assert.equal(existsSync(`${file}.snapshot`), false, 'the offer was of the state before the update began');
    release();
    await pending;
    cache.save();
    assert.equal(existsSync(`${file}.snapshot`), true);
  });

  /** A session over `files` as the folder has them now, each with its stamp in `stamps` (a path without one is not vouched for). */
  const stampedSession = async (
    file: string,
    files: Record<string, Uint8Array>,
    stamps: Record<string, string>,
  ) => {
    const { lines, logger } = logLines();
    const cache = new FileAnalysisCache(file, 'v1', logger);
    cache.load();
    const reader = stampedReader(files, stamps);
    const corpus = createCorpus({ reader, cache, logger });
    const data = await corpus.analyse();
    const reads = (): string[] => reader.reads.filter((p) => p !== 'corpus.yaml').sort();
    return { cache, corpus, data, reader, reads, lines };
  };
  // stamps repeat across paths (as inode, size and times may): a text is kept for a path and a stamp together
  const stampsOf = (files: Record<string, Uint8Array>): Record<string, string> =>
    Object.fromEntries(Object.keys(files).map((p, i) => [p, `stamp ${i % 2}`]));
  const addSentence = (files: Record<string, Uint8Array>, path: string): void => {
    files[path] = new TextEncoder().encode(
      `${text(files, path)}\nJonas Valaitis met Alexander Lukashenko in Minsk on May 2.`,
    );
  };

  test('a warm start takes the text of each file whose stamp is the same, unread; a file whose stamp changed, or that has none, is read; the result equals a fresh analysis', async () => {
    const file = join(dir, 'cache.json');
    const files = seedFiles();
    const stamps = stampsOf(files);
    const articles = Object.keys(files)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    const first = await stampedSession(file, files, stamps);
    assert.deepEqual(first.reads(), articles);
    first.cache.save();
    const same = await stampedSession(file, files, stamps);
    assert.deepEqual(same.reads(), []);
    assert.ok(same.lines.some((l) => /taken from the snapshot/.test(l)));
    assert.deepEqual(toJsonV1(same.data), toJsonV1(first.data));
    const [edited, unvouched] = articles as [string, string];
    addSentence(files, edited);
    stamps[edited] = 'rewritten';
    delete stamps[unvouched];
    const changed = await stampedSession(file, files, stamps);
    assert.deepEqual(changed.reads(), [edited, unvouched].sort());
    assert.deepEqual(toJsonV1(changed.data), toJsonV1(await analyseCorpus(memoryReader(files))));
  });

  /** The seeds with stamps, analysed in a corpus without a cache; the reads counted from then on. */
  const stampedCorpus = async () => {
    const files = seedFiles();
    const stamps = stampsOf(files);
    const reader = stampedReader(files, stamps);
    const corpus = createCorpus({ reader });
    const before = toJsonV1(await corpus.analyse());
    reader.reads.length = 0;
    return {
      files,
      stamps,
      reader,
      corpus,
      before,
      article: Object.keys(files).find((f) => f.endsWith('.txt'))!,
    };
  };

  test('an update of a file whose stamp stays takes the text it has (not read); one whose stamp changed is read, and equals a fresh analysis', async () => {
    const { files, stamps, reader, corpus, before, article } = await stampedCorpus();
    assert.deepEqual(toJsonV1(await corpus.update([article])), before);
    assert.deepEqual(reader.reads, []);
    addSentence(files, article);
    stamps[article] = 'rewritten';
    const after = await corpus.update([article]);
    assert.deepEqual(reader.reads, [article]);
    assert.notDeepEqual(toJsonV1(after), before);
    assert.deepEqual(toJsonV1(after), toJsonV1(await analyseCorpus(memoryReader(files))));
  });

  test("the editor's text has no stamp: typed into, then closed unsaved, an article is read again from its file (stamp unchanged)", async () => {
    const { files, reader, corpus, before, article } = await stampedCorpus();
    await corpus.update(
      [article],
      new Map([
        [article, `${text(files, article)}\nJonas Valaitis met Alexander Lukashenko in Minsk on May 2.`],
      ]),
    );
    reader.reads.length = 0;
    assert.deepEqual(toJsonV1(await corpus.update([article])), before);
    assert.deepEqual(reader.reads, [article]);
  });

  test('a text taken by stamp is not checked for size again: a UTF-16 article longer in UTF-8 than on disk stays in the index', async () => {
    const file = join(dir, 'cache.json');
    // 302 bytes on disk (a byte-order mark and 150 characters), 450 in UTF-8; the limit is 400
    const cjk = '北京'.repeat(75);
    const files: Record<string, Uint8Array> = {
      'a.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(cjk, 'utf16le')]),
      'b.txt': new TextEncoder().encode('Alexander Lukashenko met Jonas Valaitis in Minsk.'),
    };
    const stamps = { 'a.txt': 'stamp a', 'b.txt': 'stamp b' };
    const options = { maxArticleBytes: 400 };
    const ids = (data: IndexData): string[] => data.documents.map((d) => d.id);
    const cache = new FileAnalysisCache(file, 'v1', nullLogger);
    cache.load();
    const corpus = createCorpus({ reader: stampedReader(files, stamps), options, cache });
    assert.deepEqual(ids(await corpus.analyse()), ['a.txt', 'b.txt']);
    assert.deepEqual(ids(await corpus.update(['a.txt'])), ['a.txt', 'b.txt']);
    assert.deepEqual(ids(await corpus.analyse()), ['a.txt', 'b.txt']);
    cache.save();
    const again = new FileAnalysisCache(file, 'v1', nullLogger);
    again.load();
    const reader = stampedReader(files, stamps);
    assert.deepEqual(ids(await createCorpus({ reader, options, cache: again }).analyse()), [
      'a.txt',
      'b.txt',
    ]);
    assert.deepEqual(
      reader.reads.filter((p) => p !== 'corpus.yaml'),
      [],
      'both taken as kept',
    );
  });

  test('corpus.yaml changed, files not: an article whose declared date changed is analysed again for it, from the text kept (not read)', async () => {
    const file = join(dir, 'cache.json');
    const files = seedFiles();
    const stamps = stampsOf(files);
    (await stampedSession(file, files, stamps)).cache.save();
    const yaml = text(files, 'corpus.yaml');
    assert.match(yaml, /published: '2025-10'/);
    files['corpus.yaml'] = new TextEncoder().encode(
      yaml.replace("published: '2025-10'", "published: '2025-11-03'"),
    );
    const second = await stampedSession(file, files, stamps);
    assert.deepEqual(second.reads(), []);
    assert.equal(second.corpus.stats!.analysed, 1);
    assert.deepEqual(toJsonV1(second.data), toJsonV1(await analyseCorpus(memoryReader(files))));
  });

  test('an article in a legacy encoding keeps its note through edits of others and warm starts (it is read again)', async () => {
    const file = join(dir, 'cache.json');
    const files = seedFiles();
    // Windows-1252: “Café” and £
    files['legacy.txt'] = new Uint8Array([
      ...new TextEncoder().encode('Old archive\nAt the '),
      0x93,
      ...new TextEncoder().encode('Caf'),
      0xe9,
      0x94,
      ...new TextEncoder().encode(' Alexander Lukashenko spoke of a '),
      0xa3,
      ...new TextEncoder().encode('15m deal.\n'),
    ]);
    const stamps = stampsOf(files);
    const notes = (data: IndexData): string[] =>
      data.findings.filter((f) => f.code === 'legacy-encoding').map((f) => `${f.file} ${f.span.start}`);
    const first = await stampedSession(file, files, stamps);
    assert.deepEqual(notes(first.data), ['legacy.txt 19']);
    const article = Object.keys(files).find((f) => f.endsWith('.txt') && f !== 'legacy.txt')!;
    addSentence(files, article);
    stamps[article] = 'edited';
    assert.deepEqual(
      notes(await first.corpus.update([article])),
      ['legacy.txt 19'],
      'kept through an update',
    );
    first.cache.save();
    const second = await stampedSession(file, files, stamps);
    assert.deepEqual(second.reads(), ['legacy.txt'], 'only the legacy file is read again');
    assert.deepEqual(notes(second.data), ['legacy.txt 19']);
    assert.deepEqual(toJsonV1(second.data), toJsonV1(await analyseCorpus(memoryReader(files))));
  });

  test('the texts are written again only when a file was read or its stamp changed', async () => {
    const file = join(dir, 'cache.json');
    const files = seedFiles();
    const stamps = stampsOf(files);
    (await stampedSession(file, files, stamps)).cache.save();
    assert.ok(existsSync(`${file}.texts`));
    const same = await stampedSession(file, files, stamps);
    rmSync(`${file}.texts`);
    same.cache.save();
    assert.equal(existsSync(`${file}.texts`), false, 'every text was the one kept');
    (await stampedSession(file, files, stamps)).cache.save();
    assert.ok(existsSync(`${file}.texts`), 'none kept: every file read');
    const article = Object.keys(files).find((f) => f.endsWith('.txt'))!;
    stamps[article] = 'touched'; // the same bytes
    const touched = await stampedSession(file, files, stamps);
    assert.deepEqual(touched.reads(), [article]);
    touched.cache.save();
    assert.ok(existsSync(`${file}.texts`));
    assert.deepEqual((await stampedSession(file, files, stamps)).reads(), [], 'the new stamp was written');
  });

  test('damaged texts are reported and every file is read; the result is the same', async () => {
    const file = join(dir, 'cache.json');
    const files = seedFiles();
    const stamps = stampsOf(files);
    const first = await stampedSession(file, files, stamps);
    first.cache.save();
    const bytes = readFileSync(`${file}.texts`);
    bytes[bytes.length - 20] ^= 1;
    writeFileSync(`${file}.texts`, bytes);
    const second = await stampedSession(file, files, stamps);
    assert.match(second.lines.join('\n'), /stored texts .* are damaged \(checksum mismatch\)/);
    assert.equal(second.reads().length, 5);
    assert.deepEqual(toJsonV1(second.data), toJsonV1(first.data));
  });

  test('stored texts whose list does not fit them are damaged: decodeTexts refuses them', () => {
    const texts = {
      paths: ['a.txt', 'b.txt'],
      stamps: ['1', '2'],
      keys: ['k1', 'k2'],
      texts: ['Minsk, «Ўладзімір».', 'b'],
    };
    const body = Buffer.concat(encodeTexts(texts));
    assert.deepEqual(decodeTexts(body), texts);
    assert.throws(() => decodeTexts(body.subarray(0, body.length - 1)), /not as long/);
    const json = (value: unknown): Buffer => {
      const j = Buffer.from(JSON.stringify(value));
      return Buffer.concat([Buffer.from(`${j.length}\n`), j, Buffer.from('ab')]);
    };
    assert.throws(
      () => decodeTexts(json({ paths: ['a'], stamps: ['1'], keys: ['k'], bytes: [1, 1] })),
      /not one/,
    );
    assert.throws(
      () => decodeTexts(json({ paths: ['a', 'b'], stamps: ['1', 2], keys: ['k', 'l'], bytes: [1, 1] })),
      /not one/,
    );
    assert.equal(
      decodeTexts(
        json({ paths: ['a', 'b'], stamps: ['1', '2'], keys: ['k', 'l'], bytes: [1, 1] }),
      ).texts.join('|'),
      'a|b',
    );
  });

  test('a damaged snapshot is reported and not used; the result is the same', async () => {
    const file = join(dir, 'cache.json');
    const first = await session(file);
    first.cache.save();
    const bytes = readFileSync(`${file}.snapshot`);
    bytes[bytes.length - 20] ^= 1;
    writeFileSync(`${file}.snapshot`, bytes);
    const second = await session(file);
    assert.equal(second.fromSnapshot, false);
    assert.match(second.lines.join('\n'), /snapshot .* is damaged \(checksum mismatch\)/);
    assert.deepEqual(toJsonV1(second.data), toJsonV1(first.data));
  });

  // [what, the damage, the state load() finds: the header's (the body is checked at the first use of an entry)]
  const damage: [string, (bytes: Buffer) => Buffer, string][] = [
    [
      'one byte of the body changed',
      (b) => {
        const c = Buffer.from(b);
        c[c.length - 10] ^= 1;
        return c;
      },
      'loaded',
    ],
    ['cut short in its body', (b) => b.subarray(0, b.length - 20), 'loaded'],
    ['cut short in its header', (b) => b.subarray(0, b.indexOf(10) >> 1), 'damaged'],
    ['no header', (b) => b.subarray(b.indexOf(10) + 1), 'damaged'],
    ['not JSON at all', () => Buffer.from('\u0000\u0001binary'), 'damaged'],
    ['empty', () => Buffer.alloc(0), 'damaged'],
  ];
  for (const [what, spoil, state] of damage) {
    test(`a damaged cache (${what}) is reported, ignored and rebuilt`, async () => {
      const file = join(dir, 'cache.json');
      const cache = new FileAnalysisCache(file, 'v1', nullLogger);
      cache.load();
      const text = 'Keith Kellogg visited Minsk.';
      cache.set('k', analyseArticle({ id: 'a.txt', text, declaredPublished: undefined }), text);
      cache.save();
      writeFileSync(file, spoil(readFileSync(file)));
      const { lines, logger } = logLines();
      const again = new FileAnalysisCache(file, 'v1', logger);
      assert.equal(again.load(), state);
      assert.equal(again.get('k', text), undefined);
      assert.equal(again.state, 'damaged');
      assert.match(lines.join('\n'), /is damaged .*rebuilt/);
      const corpus = createCorpus({
        reader: memoryReader({ 'a.txt': 'Keith Kellogg visited Minsk.' }),
        cache: again,
      });
      await corpus.analyse();
      assert.equal(corpus.stats!.analysed, 1);
      again.save();
      assert.equal(new FileAnalysisCache(file, 'v1', nullLogger).load(), 'loaded');
    });
  }

  test('an entry asked for twice is the same object; written and read again, it equals the analysis stored', () => {
    const file = join(dir, 'cache.json');
    const cache = new FileAnalysisCache(file, 'v1', nullLogger);
    const text = 'Keith Kellogg visited Minsk on May 2.';
    const analysis = analyseArticle({ id: 'a.txt', text, declaredPublished: undefined });
    cache.set('k', analysis, text);
    assert.equal(cache.get('k', text), analysis);
    cache.save();
    const again = new FileAnalysisCache(file, 'v1', nullLogger);
    assert.equal(again.load(), 'loaded');
    const read = again.get('k', text);
    assert.deepEqual(read, analysis);
    assert.ok(
      read!.mentions.length === 2 && read!.dates.length === 1,
      'the case has mentions and a date to keep',
    );
    assert.equal(again.get('k', text), read);
    assert.deepEqual(
      new FileAnalysisCache(file, 'v1', nullLogger).get('k', text),
      undefined,
      'not loaded: empty',
    );
    const third = new FileAnalysisCache(file, 'v1', nullLogger);
    third.load();
    assert.deepEqual(third.get('k', text), analysis);
    rmSync(file);
    again.save();
    assert.equal(existsSync(file), false, 'nothing changed since loading: not written again');
  });

  test('analyses of another analyser version are never used', () => {
    const file = join(dir, 'cache.json');
    const cache = new FileAnalysisCache(file, 'v1', nullLogger);
    const text = 'Keith Kellogg visited Minsk.';
    cache.set('k', analyseArticle({ id: 'a.txt', text, declaredPublished: undefined }), text);
    cache.save();
    const other = new FileAnalysisCache(file, 'v2', nullLogger);
    assert.equal(other.load(), 'other-version');
    assert.equal(other.get('k', text), undefined);
  });

  test("a cache or snapshot of an earlier format counts as another version's (not as damage) and is rebuilt", async () => {
    const file = join(dir, 'cache.json');
    const first = await session(file);
    first.cache.save();
    for (const f of [file, `${file}.snapshot`])
      rewrite(f, (header) => ({ ...header, format: String(header.format).replace(/\/\d+$/, '/1') }));
    const second = await session(file);
    assert.equal(second.cache.state, 'other-version');
    assert.equal(second.fromSnapshot, false);
    assert.ok(!second.lines.some((l) => /damaged/.test(l)), second.lines.join('\n'));
    assert.equal(second.corpus.stats!.analysed, 5);
    assert.deepEqual(second.data, first.data);
    second.cache.save();
    for (const f of [file, `${file}.snapshot`])
      assert.doesNotMatch(
        readFileSync(f, 'utf8').split('\n')[0]!,
        /\/1"/,
        `${f} written in the current format`,
      );
    assert.equal((await session(file)).corpus.stats!.analysed, 0);
  });

  test('a snapshot whose mentions do not fit the articles is reported and not used; the result is the same', async () => {
    const file = join(dir, 'cache.json');
    const first = await session(file);
    first.cache.save();
    rewrite(`${file}.snapshot`, (header, snapshot) => {
      (snapshot as { mentions: { mentions: number[] } }).mentions.mentions.push(0, 0, 1);
      return header;
    });
    const second = await session(file);
    assert.equal(second.fromSnapshot, false);
    assert.match(
      second.lines.join('\n'),
      /snapshot does not fit the corpus \(packed mentions do not fit: .*\); it is worked out again/,
    );
    assert.deepEqual(toJsonV1(second.data), toJsonV1(first.data));
  });

  // [what, the damage done to the first entry, the problem logged]
  const misfits: [string, (entry: { mentions: number[]; dates: unknown[] }) => void, RegExp][] = [
    [
      'a mention past the end of its article',
      (e) => {
        e.mentions[0] = 1_000_000;
        e.mentions[1] = 1_000_005;
      },
      /mention 0 \(1000000-1000005\) is not in the text/,
    ],
    [
      'a fifth number for a mention',
      (e) => {
        e.mentions.push(7);
      },
      /not a stored analysis/,
    ],
    [
      'a date that is not one',
      (e) => {
        e.dates[0] = null;
      },
      /date 0 is not a date expression in the text/,
    ],
  ];
  for (const [what, spoil, problem] of misfits) {
    test(`an entry that does not fit its article (${what}) is reported and analysed again, and the file mended; the rest are used`, async () => {
      const file = join(dir, 'cache.json');
      const first = await session(file);
      first.cache.save();
      rewrite(file, (header, pairs) => {
        spoil((pairs as [string, { mentions: number[]; dates: unknown[] }][])[0]![1]);
        return header;
      });
      rmSync(`${file}.snapshot`); // so the articles' analyses are read at once (a warm start reads them later: see the next test)
      const second = await session(file);
      assert.equal(second.cache.state, 'loaded');
      assert.deepEqual([second.corpus.stats!.analysed, second.corpus.stats!.fromCache], [1, 4]);
      assert.match(
        second.lines.join('\n'),
        new RegExp(`the entry .* is damaged \\(${problem.source}.*\\); the article is analysed again`),
      );
      assert.deepEqual(toJsonV1(second.data), toJsonV1(first.data));
      second.cache.save();
      const third = await session(file);
      assert.deepEqual([third.corpus.stats!.analysed, third.corpus.stats!.fromCache], [0, 5]);
    });
  }

  test('a warm start reads no analysis; one that does not fit is found when they are read (prepare), and that article analysed again; the first edit equals a fresh analysis', async () => {
    const file = join(dir, 'cache.json');
    const first = await session(file);
    first.cache.save();
    rewrite(file, (header, pairs) => {
      (pairs as [string, { mentions: number[] }][])[0]![1].mentions.push(7);
      return header;
    });
    const second = await session(file);
    assert.equal(second.fromSnapshot, true);
    assert.deepEqual([second.corpus.stats!.analysed, second.corpus.stats!.fromCache], [0, 5]);
    assert.ok(!second.lines.some((l) => /damaged/.test(l)), 'no entry read yet');
    assert.deepEqual(toJsonV1(second.data), toJsonV1(first.data));
    assert.equal(await second.corpus.prepare(), true);
    assert.match(
      second.lines.join('\n'),
      /the entry .* is damaged \(not a stored analysis.*\); the article is analysed again/,
    );
    assert.match(second.lines.join('\n'), /1 articles had no usable analysis in the cache; analysed again/);
    const article = Object.keys(second.files).find((f) => f.endsWith('.txt'))!;
    const edited = `Updated. ${text(second.files, article)}`;
    const after = await second.corpus.update([article], new Map([[article, edited]]));
    const fresh = await analyseCorpus(
      memoryReader({ ...second.files, [article]: new TextEncoder().encode(edited) }),
    );
    assert.deepEqual(toJsonV1(after), toJsonV1(fresh));
  });

  test('a warm start hands on the packing its entities came from, once and for those entities only; packing with it gives what walking the mentions gives', async () => {
    const file = join(dir, 'cache.json');
    const first = await session(file);
    first.cache.save();
    assert.equal(first.corpus.takePackedEntities(first.data.entities), undefined, 'no snapshot used');
    const second = await session(file);
    assert.equal(second.fromSnapshot, true);
    assert.equal(second.corpus.takePackedEntities([...second.data.entities]), undefined, 'another list');
    const third = await session(file);
    const known = third.corpus.takePackedEntities(third.data.entities);
    assert.ok(known, 'the packing of the snapshot');
    assert.equal(third.corpus.takePackedEntities(third.data.entities), undefined, 'taken once');
    assert.deepEqual(
      packEntities(third.data.entities, third.data.documents, known),
      packEntities(third.data.entities, third.data.documents),
    );
  });

  test('an article whose analysis failed: a warm start reports it from the snapshot, and so does every update after', async () => {
    const file = join(dir, 'cache.json');
    const files = seedFiles();
    const [failing, other] = Object.keys(files).filter((f) => f.endsWith('.txt'));
    let fails = true; // a failure may be passing (a thread that died): analysed again, the article may succeed
    // as analyseArticle fails: what was found before the failing step, nothing after it
    const failed = (j: ArticleJob): ArticleAnalysis => ({
      sentences: analyseArticle(j).sentences,
      mentions: [],
      predicates: [],
      published: null,
      dates: [],
      failure: 'injected failure',
    });
    const analyser = async (jobs: readonly ArticleJob[]): Promise<ArticleAnalysis[]> =>
      jobs.map((j) => (j.id === failing && fails ? failed(j) : analyseArticle(j)));
    const failures = (data: IndexData): string[] =>
      data.findings.filter((f) => f.code === 'analysis-failed').map((f) => f.file);
    const session = async (): Promise<{
      cache: FileAnalysisCache;
      corpus: ReturnType<typeof createCorpus>;
      data: IndexData;
      lines: string[];
    }> => {
      const { lines, logger } = logLines();
      const cache = new FileAnalysisCache(file, 'v1', logger);
      cache.load();
      const corpus = createCorpus({ reader: memoryReader(files), cache, analyser, logger });
      return { cache, corpus, data: await corpus.analyse(), lines };
    };
    const cold = await session();
    assert.deepEqual(failures(cold.data), [failing]);
    cold.cache.save();
    const warm = await session();
    assert.ok(
      warm.lines.some((l) => /taken from the snapshot/.test(l)),
      'a warm start',
    );
    assert.deepEqual(failures(warm.data), [failing], 'reported from the snapshot');
    assert.equal(await warm.corpus.prepare(), true);
    const edited = await warm.corpus.update([other!], new Map([[other!, `Updated. ${text(files, other!)}`]]));
    assert.deepEqual(
      failures(edited),
      [failing],
      'after prepare (which analyses it again) and an edit elsewhere',
    );
    fails = false;
    const mended = await session();
    assert.deepEqual(failures(mended.data), [failing], 'the snapshot still says it failed');
    assert.equal(await mended.corpus.prepare(), true);
    const after = await mended.corpus.update(
      [other!],
      new Map([[other!, `Updated. ${text(files, other!)}`]]),
    );
    assert.deepEqual(
      failures(after),
      [],
      'analysed again by prepare, it succeeded: the finding goes at the next update',
    );
    const fresh = await analyseCorpus(
      memoryReader({
        ...files,
        [other!]: new TextEncoder().encode(`Updated. ${text(files, other!)}`),
      }),
    );
    assert.deepEqual(
      toJsonV1(after),
      toJsonV1(fresh),
      'and its document is made from the new analysis (its publication date, dates)',
    );
  });

  test("a save before the analyses are read (a warm start, prepare not done) keeps every article's entry", async () => {
    const file = join(dir, 'cache.json');
    (await session(file)).cache.save();
    const second = await session(file);
    assert.equal(second.fromSnapshot, true);
    const extra = 'Keith Kellogg visited Minsk.';
    second.cache.set(
      'extra',
      analyseArticle({ id: 'x.txt', text: extra, declaredPublished: undefined }),
      extra,
    ); // something to write
    second.cache.save({ snapshot: false });
    const again = new FileAnalysisCache(file, 'v1', nullLogger);
    again.load();
    assert.equal(again.size, 6, "the five articles' entries, not read yet, and the new one");
    const third = await session(file);
    assert.equal(await third.corpus.prepare(), true);
    assert.ok(!third.lines.some((l) => /analysed again/.test(l)), third.lines.join('\n'));
  });

  test('an edit before the analyses are read (no prepare) reads them first; its result equals a fresh analysis', async () => {
    const file = join(dir, 'cache.json');
    (await session(file)).cache.save();
    const second = await session(file);
    assert.equal(second.fromSnapshot, true);
    const article = Object.keys(second.files).find((f) => f.endsWith('.txt'))!;
    const edited = `${text(second.files, article)}\nJonas Valaitis met Alexander Lukashenko in Minsk on May 2.`;
    const after = await second.corpus.update([article], new Map([[article, edited]]));
    const fresh = await analyseCorpus(
      memoryReader({ ...second.files, [article]: new TextEncoder().encode(edited) }),
    );
    assert.deepEqual(toJsonV1(after), toJsonV1(fresh));
    assert.equal(await second.corpus.prepare(), false, 'nothing left to prepare');
  });

  test('a snapshot whose runs of numbers are not in it is reported as damaged and not used; the result is the same', async () => {
    const file = join(dir, 'cache.json');
    const first = await session(file);
    first.cache.save();
    const bytes = readFileSync(`${file}.snapshot`);
    const newline = bytes.indexOf(10);
    const { value, numbers } = decodeSnapshot(bytes.subarray(newline + 1));
    (value as { documents: { dates: unknown } }).documents.dates = { int32: [numbers.length - 2, 10] }; // past the end
    const json = Buffer.from(JSON.stringify(value), 'utf8');
    const body = Buffer.concat([Buffer.from(`${json.length}\n`), json, Buffer.from(numbers.buffer)]);
    const header = {
      ...(JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Record<string, unknown>),
      sha1: createHash('sha1').update(body).digest('hex'),
    };
    writeFileSync(`${file}.snapshot`, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), body]));
    const second = await session(file);
    assert.equal(second.fromSnapshot, false);
    assert.match(
      second.lines.join('\n'),
      /snapshot .* is damaged \(dates of the snapshot are not numbers it has\)/,
    );
    assert.deepEqual(toJsonV1(second.data), toJsonV1(first.data));
  });

  // [what, the damage done to the snapshot's documents, the problem logged]
  const listMisfits: [string, (documents: Record<string, unknown>) => void, RegExp][] = [
    [
      'a sentence past the end of its article',
      (d) => {
        (d.sentences as number[])[1] = 1_000_000;
      },
      /packed sentence 0 does not fit document 0/,
    ],
    [
      'a sentence count too many',
      (d) => {
        (d.sentenceCounts as number[])[0]! += 1;
      },
      /packed lists do not fit/,
    ],
    [
      'a publication date missing',
      (d) => {
        (d.published as unknown[]).pop();
      },
      /4 publication dates for 5 articles/,
    ],
  ];
  for (const [what, spoil, problem] of listMisfits) {
    test(`a snapshot whose documents do not fit the articles (${what}) is reported and not used; the result is the same`, async () => {
      const file = join(dir, 'cache.json');
      const first = await session(file);
      first.cache.save();
      rewrite(`${file}.snapshot`, (header, snapshot) => {
        spoil((snapshot as { documents: Record<string, unknown> }).documents);
        return header;
      });
      const second = await session(file);
      assert.equal(second.fromSnapshot, false);
      assert.match(
        second.lines.join('\n'),
        new RegExp(`snapshot does not fit the corpus \\(${problem.source}.*\\); it is worked out again`),
      );
      assert.deepEqual(toJsonV1(second.data), toJsonV1(first.data));
      assert.deepEqual(
        [second.corpus.stats!.analysed, second.corpus.stats!.fromCache],
        [0, 5],
        'the analyses come from the cache',
      );
    });
  }

  test('a cache whose entries are not pairs, or a snapshot whose entities or events are not, is reported and rebuilt; nothing throws', async () => {
    const file = join(dir, 'cache.json');
    const first = await session(file);
    first.cache.save();
    const snapshot = readFileSync(`${file}.snapshot`);
    rewrite(file, (header, pairs) => {
      (pairs as unknown[])[0] = 7;
      return header;
    });
    const { lines, logger } = logLines();
    const notPairs = new FileAnalysisCache(file, 'v1', logger);
    assert.equal(notPairs.load(), 'loaded', 'the header is whole');
    assert.equal(lines.length, 0, 'the body is not read yet');
    assert.equal(notPairs.get('any', 'text'), undefined);
    assert.equal(notPairs.state, 'damaged');
    assert.match(lines.join('\n'), /is damaged \(line 1: an entry is not a key and an analysis\)/);
    for (const part of ['entities', 'events'] as const) {
      writeFileSync(`${file}.snapshot`, snapshot);
      rewrite(`${file}.snapshot`, (header, body) => {
        (body as Record<string, unknown[]>)[part]![0] = null;
        return header;
      });
      const second = await session(file);
      assert.equal(second.fromSnapshot, false, part);
      assert.match(
        second.lines.join('\n'),
        /snapshot .* is damaged \(an entity or event of the snapshot is not one\)/,
        part,
      );
      assert.deepEqual(toJsonV1(second.data), toJsonV1(first.data), part);
    }
  });

  test('a text two articles share keeps its entry while one of them has it; it goes with the last', async () => {
    const file = join(dir, 'cache.json');
    const shared = 'Keith Kellogg visited Minsk on Monday.';
    const files: Record<string, Uint8Array> = {
      'a.txt': new TextEncoder().encode(shared),
      'b.txt': new TextEncoder().encode(shared),
    };
    const cache = new FileAnalysisCache(file, 'v1', nullLogger);
    cache.load();
    const corpus = createCorpus({ reader: memoryReader(files), cache });
    await corpus.analyse();
    const typed = (n: number): string => `${'Typed. '.repeat(n)}${shared}`;
    await corpus.update(['a.txt'], new Map([['a.txt', typed(1)]]));
    await corpus.update(['a.txt'], new Map([['a.txt', typed(2)]])); // the first typed text is let go; the shared one is b.txt's still
    const written = (): number => {
      cache.save();
      const again = new FileAnalysisCache(file, 'v1', nullLogger);
      again.load();
      return again.size;
    };
    assert.equal(written(), 2, "the shared text, which b.txt still has, and a.txt's last");
    await corpus.update(['b.txt'], new Map([['b.txt', typed(3)]]));
    await corpus.update(['b.txt'], new Map([['b.txt', typed(4)]]));
    assert.equal(written(), 2, "each article's last: no article has the shared text now");
  });

  test("an article typed into keeps no entry for each pause: only the saved texts' and the current one are written", async () => {
    const file = join(dir, 'cache.json');
    const first = await session(file);
    first.cache.save();
    const article = Object.keys(first.files).find((f) => f.endsWith('.txt'))!;
    const second = await session(file);
    for (const n of [1, 2, 3])
      await second.corpus.update(
        [article],
        new Map([[article, `${'Update. '.repeat(n)}${text(second.files, article)}`]]),
      );
    assert.equal(second.corpus.stats!.analysed, 1);
    second.cache.save();
    const third = new FileAnalysisCache(file, 'v1', nullLogger);
    third.load();
    assert.equal(third.size, 6, 'the five saved texts and the last edit');
    await second.corpus.update([article]); // back to the saved text: from the cache
    assert.equal(second.corpus.stats!.fromCache, 1);
  });
});

suite('article pool', function () {
  this.timeout(120_000);
  test('threads give the same analyses as the calling thread, in order', async () => {
    const files = seedFiles();
    const jobs = Object.keys(files)
      .filter((f) => f.endsWith('.txt'))
      .flatMap((id) =>
        [0, 1, 2, 3].map((k) => ({
          id: `${k}/${id}`,
          text: text(files, id) + '\n'.repeat(k),
          declaredPublished: undefined,
        })),
      );
    const pool = new ArticlePool(join(ROOT, 'dist', 'article-worker.js'), { size: 2 });
    try {
      assert.deepEqual(await pool.analyse(jobs), jobs.map(analyseArticle));
    } finally {
      pool.dispose();
    }
  });
  test('threads left idle are stopped, and started again for the next batch', async () => {
    const files = seedFiles();
    const jobs = Object.keys(files)
      .filter((f) => f.endsWith('.txt'))
      .flatMap((id) =>
        [0, 1].map((k) => ({
          id: `${k}/${id}`,
          text: text(files, id) + '\n'.repeat(k),
          declaredPublished: undefined,
        })),
      );
    const pool = new ArticlePool(join(ROOT, 'dist', 'article-worker.js'), { size: 2, idleMs: 50 });
    try {
      await pool.analyse(jobs);
      assert.ok(pool.threads > 0);
      const deadline = Date.now() + 10_000;
      while (pool.threads > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(pool.threads, 0, 'idle threads stopped');
      assert.deepEqual(await pool.analyse(jobs), jobs.map(analyseArticle));
      assert.ok(pool.threads > 0, 'started again');
    } finally {
      pool.dispose();
    }
  });

  test('after a run of many articles the threads are stopped at once; after a smaller one they stay for the next', async () => {
    const files = seedFiles();
    const jobs = Object.keys(files)
      .filter((f) => f.endsWith('.txt'))
      .flatMap((id) =>
        [0, 1].map((k) => ({
          id: `${k}/${id}`,
          text: text(files, id) + '\n'.repeat(k),
          declaredPublished: undefined,
        })),
      );
    const pool = new ArticlePool(join(ROOT, 'dist', 'article-worker.js'), {
      size: 2,
      stopAfter: jobs.length,
    });
    try {
      assert.deepEqual(await pool.analyse(jobs.slice(1)), jobs.slice(1).map(analyseArticle));
      assert.equal(pool.threads, 2, 'kept after a smaller run');
      assert.deepEqual(await pool.analyse(jobs), jobs.map(analyseArticle));
      assert.equal(pool.threads, 0, 'stopped after a large run');
      assert.deepEqual(await pool.analyse(jobs), jobs.map(analyseArticle));
    } finally {
      pool.dispose();
    }
  });

  test('a pool whose thread cannot start analyses in the calling thread: nothing is lost', async () => {
    const lines: string[] = [];
    const pool = new ArticlePool(join(ROOT, 'dist', 'no-such-worker.js'), {
      size: 1,
      logger: { ...nullLogger, error: (m) => lines.push(m) },
    });
    const jobs = Array.from({ length: 6 }, (_, i) => ({
      id: `${i}.txt`,
      text: `Keith Kellogg visited Minsk on June ${i + 1}, 2025.`,
      declaredPublished: undefined,
    }));
    try {
      assert.deepEqual(await pool.analyse(jobs), jobs.map(analyseArticle));
      assert.ok(lines.length > 0, 'the failure is logged');
    } finally {
      pool.dispose();
    }
  });
});

suite(
  'incremental conflicts: edits that make and unmake disagreements equal the plain pipeline',
  function () {
    this.timeout(60_000);
    const demo = join(ROOT, 'examples', 'conflicts');
    const files = (): Record<string, Uint8Array> =>
      Object.fromEntries(readdirSync(demo).map((f) => [f, new Uint8Array(readFileSync(join(demo, f)))]));
    const edit = (f: Record<string, Uint8Array>, path: string, from: string, to: string): string[] => {
      const text = new TextDecoder().decode(f[path]);
      assert.ok(text.includes(from), `${path} has “${from}”`);
      f[path] = new TextEncoder().encode(text.replace(from, to));
      return [path];
    };
    const steps: [string, (f: Record<string, Uint8Array>) => string[]][] = [
      ['a date moved', (f) => edit(f, 'harbour-herald.txt', 'March 3', 'March 12')],
      ['the date put back', (f) => edit(f, 'harbour-herald.txt', 'March 12', 'March 3')],
      ['a count changed', (f) => edit(f, 'coastal-wire.txt', '52 fishermen', '66 fishermen')],
      ['another source’s date moved', (f) => edit(f, 'nordic-ledger.txt', 'March 5', 'March 3')],
      [
        'an article removed',
        (f) => {
          delete f['fisheries-weekly.txt'];
          return ['fisheries-weekly.txt'];
        },
      ],
      [
        'the article back',
        (f) => {
          f['fisheries-weekly.txt'] = files()['fisheries-weekly.txt']!;
          return ['fisheries-weekly.txt'];
        },
      ],
    ];
    test(steps.map(([what]) => what).join('; '), async () => {
      const live = files();
      const corpus = createCorpus({ reader: memoryReader(live) });
      const first = await corpus.analyse();
      assert.ok(first.conflicts.length >= 3, `${first.conflicts.length} conflicts in the demo`);
      const counts = [first.conflicts.length];
      for (const [what, change] of steps) {
        const paths = change(live);
        const updated = toJsonV1(await corpus.update(paths));
        assert.deepEqual(updated, toJsonV1(await analyseCorpus(memoryReader(live))), what);
        counts.push(updated.conflicts.length);
      }
      assert.ok(new Set(counts).size > 1, `the edits change the conflicts: ${counts.join(', ')}`);
    });
  },
);
