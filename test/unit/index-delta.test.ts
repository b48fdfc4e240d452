import * as assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCorpus,
  createIndex,
  type CorpusIndex,
  type DocumentData,
  type IndexData,
} from '../../src/core/incremental/corpus';
import {
  packDocumentLists,
  packEntities,
  packIndexData,
  unpackEntities,
  unpackIndex,
  unpackIndexData,
} from '../../src/core/wire/index-pack';
import {
  applyIndexDelta,
  diffIndexData,
  IndexDeltaMismatch,
  type EntityPatch,
  type IndexDelta,
  type IndexRevision,
} from '../../src/core/wire/index-delta';
import type { Entity, EntityMention } from '../../src/core/pipeline/entities/entities';
import { memoryReader } from './memory-reader';
import { analyseCorpus } from '../../src/core/pipeline/corpus';

const SEEDS = join(__dirname, '..', '..', '..', 'seeds');
const seedFiles = (): Record<string, string> =>
  Object.fromEntries(readdirSync(SEEDS).map((f) => [f, readFileSync(join(SEEDS, f), 'utf8')]));
const ARTICLES = Object.keys(seedFiles())
  .filter((f) => f.endsWith('.txt'))
  .sort();
const MANIFEST = seedFiles()['corpus.yaml']!;
const declare = (name: string, aliases: string[]): string =>
  `${MANIFEST}\nentities:\n  - name: ${name}\n    type: person\n    aliases: [${aliases.join(', ')}]\n`;

/**
 * `next` with every document and entity that equals one of `previous` (same id) replaced by that
 * object: what the core hands on when it keeps unchanged objects, so the deltas below are as small
 * as they will be whether or not the core already does so.
 */
function keepUnchanged(previous: IndexData, next: IndexData): IndexData {
  const keep = <T extends { id: string }>(before: readonly T[], after: readonly T[]): T[] => {
    const old = new Map(before.map((t) => [t.id, t]));
    return after.map((t) => {
      const o = old.get(t.id);
      return o && isDeepStrictEqual(o, t) ? o : t;
    });
  };
  return {
    ...next,
    documents: keep(previous.documents, next.documents),
    entities: keep(previous.entities, next.entities),
  };
}

/** The objects a delta carries whole or as a patch of the base's object. */
const carried = (items: readonly object[]): string[] =>
  items
    .filter((x) => !Array.isArray(x))
    .map((x) => ('entity' in x ? (x as EntityPatch).entity.id : (x as { id: string }).id));
/** The patches among a delta's entities. */
const patches = (delta: IndexDelta): EntityPatch[] =>
  delta.entities.filter((x): x is EntityPatch => !Array.isArray(x) && 'entity' in x);

/** Everything the editor asks an index, as plain data (entities by id, mentions by position). */
function answers(index: CorpusIndex): unknown {
  const at = (m: { document: string; start: number; end: number } | undefined): string =>
    m ? `${m.document}:${m.start}-${m.end}` : '-';
  const docs = index.documents.map((d) => {
    const offsets = new Set<number>();
    for (const h of index.mentionsIn(d.id))
      for (const o of [h.mention.start - 1, h.mention.start, h.mention.end, h.mention.end + 1])
        offsets.add(o);
    for (let o = 0; o < d.text.length; o += 37) offsets.add(o);
    return {
      id: d.id,
      title: d.title,
      lines: index.positionAt(d.id, d.text.length),
      mentions: index.mentionsIn(d.id).map((h) => `${h.entity.id}@${at(h.mention)}:${h.mention.text}`),
      events: index.eventsIn(d.id).map((h) => `${h.event.id}@${h.report.start}`),
      at: [...offsets]
        .sort((a, b) => a - b)
        .map((o) => {
          const hit = index.entityAt(d.id, o);
          const date = index.dateAt(d.id, o);
          return `${o}:${hit ? `${hit.entity.id}@${at(hit.mention)}` : '-'}|${date ? `${date.text}=${index.eventsAtDate(d.id, date).length}` : '-'}|${index.sentenceAt(d.id, o)?.start ?? '-'}`;
        }),
    };
  });
  const entities = index.entities.map((e) => ({
    id: e.id,
    name: e.name,
    aliases: e.aliases,
    same: index.entity(e.id) === e,
    sources: index.sourcesOf(e.id).map((s) => `${s.document}×${s.count}@${s.first.start}`),
    definitions: index.definitions(e.id).map(at),
    definitionsElsewhere: index.definitions(e.id, index.sourcesOf(e.id)[0]?.document).map(at),
    perDocument: index.sourcesOf(e.id).map((s) => index.mentionsOf(e.id, s.document).map(at)),
    events: index.eventsOf(e.id).map((ev) => ev.id),
    manifest: index.manifestEntry(e.id)?.name ?? null,
  }));
  const queries = [
    '',
    'lukash',
    'minsk',
    'ksa',
    'Trump',
    ...index.entities.slice(0, 5).map((e) => e.name.slice(1, 4)),
  ];
  return {
    docs,
    entities,
    search: queries.map((q) => index.findEntities(q).map((m) => `${m.entity.id}:${m.form}`)),
    events: index.events.map((e) => e.id),
    findings: index.findings.length,
  };
}

/** Every hit names the index's own entity object, never one of an earlier analysis. */
function assertCurrentEntities(index: CorpusIndex): void {
  const current = new Set<Entity>(index.entities);
  for (const d of index.documents) {
    for (const h of index.mentionsIn(d.id)) {
      assert.ok(
        current.has(h.entity),
        `${d.id}: a hit names an entity object that is not in the index (${h.entity.id})`,
      );
      assert.ok(
        h.entity.mentions.some(
          (m) => m.document === d.id && m.start === h.mention.start && m.end === h.mention.end,
        ),
        `${d.id}@${h.mention.start}: ${h.entity.id} has no such mention`,
      );
    }
  }
  for (const e of index.entities)
    for (const m of e.mentions)
      assert.equal(index.entityAt(m.document, m.start)?.entity, e, `${e.id}@${m.document}:${m.start}`);
}

/** The worker's side and the host's side of the hand-over, with a structured clone between them as postMessage makes. */
function handOver() {
  let sent: IndexRevision | undefined;
  let held: IndexRevision | undefined;
  let index: CorpusIndex | undefined;
  let revision = 0;
  return {
    send(data: IndexData): IndexDelta {
      const next = { revision: ++revision, data };
      const delta = structuredClone(diffIndexData(sent, next));
      sent = next;
      return delta;
    },
    receive(delta: IndexDelta): { data: IndexData; index: CorpusIndex } {
      held = applyIndexDelta(held, delta);
      index = createIndex(held.data, index, { mentionTable: held.mentionTable });
      return { data: held.data, index };
    },
  };
}

suite('index delta: the editor gets what changed, and puts together the same data', function () {
  this.timeout(120_000);
  // [what changes, the files after the change, the paths reported changed, documents carried, entities patched (at least)]
  const cases: [string, (f: Record<string, string>) => void, string[], string[], string[]][] = [
    [
      'an article edited',
      (f) => {
        f[ARTICLES[1]!] =
          `${f[ARTICLES[1]!]!}\nKeith Kellogg met Alexander Lukashenko in Minsk on June 21.\n`;
      },
      [ARTICLES[1]!],
      [ARTICLES[1]!],
      ['alexander-lukashenko', 'minsk'],
    ],
    [
      'an article deleted',
      (f) => {
        delete f[ARTICLES[2]!];
      },
      [ARTICLES[2]!],
      [],
      ['alexander-lukashenko'],
    ],
    [
      'an article added',
      (f) => {
        f['new.txt'] = 'John Coale visited Vilnius on March 3, 2025. Lukashenko was not there.\n';
      },
      ['new.txt'],
      ['new.txt'],
      ['alexander-lukashenko'],
    ],
    [
      'an entity renamed in corpus.yaml',
      (f) => {
        f['corpus.yaml'] = declare('Aliaksandr Lukashenka', ['Alexander Lukashenko', 'Lukashenko']);
      },
      ['corpus.yaml'],
      [],
      [],
    ],
  ];
  for (const [what, change, paths, documents, patched] of cases) {
    test(`${what}: the delta carries only the changed objects; applied, it equals the new data; the lookups equal a fresh index's`, async () => {
      const files = seedFiles();
      files['corpus.yaml'] = declare('Alexander Lukashenko', ['Lukashenko']);
      const corpus = createCorpus({ reader: memoryReader(files) });
      const first = await corpus.analyse();
      const side = handOver();
      const full = side.send(first);
      assert.equal(full.base, null);
      assert.equal(
        full.fields?.documents.id.length,
        first.documents.length,
        'the first hand-over is a full copy',
      );
      const before = side.receive(full);
      assert.deepEqual(before.data, first);

      change(files);
      const next = keepUnchanged(first, await corpus.update(paths));
      const delta = side.send(next);
      assert.equal(delta.base, full.revision);
      assert.deepEqual(carried(delta.documents), documents, 'documents carried');
      const changedEntities = next.entities.filter((e) => !first.entities.includes(e)).map((e) => e.id);
      assert.deepEqual(carried(delta.entities), changedEntities, 'entities carried');
      assert.ok(
        changedEntities.length < next.entities.length / 2,
        `most entities are left out (${changedEntities.length} of ${next.entities.length} carried)`,
      );
      const size = (items: readonly object[]): number =>
        items.reduce<number>((n, x) => n + (Array.isArray(x) ? (x as number[])[1]! : 1), 0);
      assert.equal(size(delta.documents), next.documents.length);
      assert.equal(size(delta.entities), next.entities.length);
      assert.ok(
        delta.documents.length <= 3,
        `the documents in at most three pieces: ${JSON.stringify(delta.documents.map((d) => (Array.isArray(d) ? d : 'a document')))}`,
      );
      // a much-named entity comes as a patch: only the mentions in the changed articles are carried whole
      const got = patches(delta).map((p) => p.entity.id);
      for (const id of patched) assert.ok(got.includes(id), `${id} is patched (patched: ${got.join(', ')})`);
      for (const p of patches(delta)) {
        const whole = p.entity.mentions.filter((m): m is EntityMention => !Array.isArray(m));
        assert.ok(
          whole.every((m) => paths.includes(m.document)),
          `${p.entity.id}: whole mentions only from ${paths.join(', ')}: ${whole.map((m) => m.document).join(', ')}`,
        );
        assert.ok(
          p.entity.mentions.some((m) => Array.isArray(m)),
          `${p.entity.id}: the patch refers to the base's mentions`,
        );
      }

      const after = side.receive(delta);
      assert.deepEqual(after.data, next);
      assert.deepEqual(answers(after.index), answers(createIndex(next)));
      assertCurrentEntities(after.index);
    });
  }

  test('the renamed entity really is renamed (the case above tests something)', async () => {
    const files = seedFiles();
    files['corpus.yaml'] = declare('Alexander Lukashenko', ['Lukashenko']);
    const corpus = createCorpus({ reader: memoryReader(files) });
    const names = (d: IndexData): string[] => d.entities.map((e) => e.name);
    assert.ok(names(await corpus.analyse()).includes('Alexander Lukashenko'));
    files['corpus.yaml'] = declare('Aliaksandr Lukashenka', ['Alexander Lukashenko', 'Lukashenko']);
    const renamed = names(await corpus.update(['corpus.yaml']));
    assert.ok(
      renamed.includes('Aliaksandr Lukashenka') && !renamed.includes('Alexander Lukashenko'),
      renamed.join(', '),
    );
  });

  test('a chain of edits stays equal to the data sent, whether the core keeps objects or not', async () => {
    const files = seedFiles();
    const corpus = createCorpus({ reader: memoryReader(files) });
    const side = handOver();
    let previous = await corpus.analyse();
    side.receive(side.send(previous));
    const edits: [string, string][] = [
      [ARTICLES[0]!, 'Viktor Orban spoke to Alexander Lukashenko in Budapest on May 2, 2025.\n'],
      [ARTICLES[3]!, 'On June 3, 2025, Keith Kellogg arrived in Minsk.\n'],
      [ARTICLES[0]!, ''],
    ];
    for (const [i, [path, added]] of edits.entries()) {
      files[path] = `${seedFiles()[path]!}${added}`;
      const fresh = await corpus.update([path]);
      // odd steps as the core gives them, even steps with unchanged objects kept
      const next = i % 2 === 0 ? keepUnchanged(previous, fresh) : fresh;
      const got = side.receive(side.send(next));
      assert.deepEqual(got.data, next, `step ${i}`);
      assert.deepEqual(answers(got.index), answers(createIndex(next)), `step ${i}`);
      assertCurrentEntities(got.index);
      previous = next;
    }
  });

  test('a delta applied to another revision than its base is refused with a clear error', async () => {
    const corpus = createCorpus({ reader: memoryReader(seedFiles()) });
    const data = await corpus.analyse();
    const one = { revision: 1, data };
    const two = { revision: 2, data: { ...data, documents: data.documents.slice(1) } };
    const delta = structuredClone(diffIndexData(one, two));
    assert.throws(
      () => applyIndexDelta(undefined, delta),
      (e: unknown) =>
        e instanceof IndexDeltaMismatch && /completes revision 1, but revision none is held/.test(e.message),
    );
    assert.throws(
      () => applyIndexDelta(two, delta),
      (e: unknown) =>
        e instanceof IndexDeltaMismatch && /completes revision 1, but revision 2 is held/.test(e.message),
    );
    // the right number but data that lacks what the delta leaves out: refused too
    assert.throws(
      () => applyIndexDelta({ revision: 1, data: { ...data, documents: [] } }, delta),
      (e: unknown) =>
        e instanceof IndexDeltaMismatch &&
        /refers to documents 1 to \d+ of the held revision, which has 0/.test(e.message),
    );
    assert.deepEqual(applyIndexDelta(structuredClone(one), delta).data, two.data);
    // a full copy fits whatever is held
    const full = structuredClone(diffIndexData(undefined, two));
    const fitted = applyIndexDelta({ revision: 7, data: { ...data, entities: [] } }, full);
    assert.deepEqual({ revision: fitted.revision, data: fitted.data }, two);
  });

  test('a patch that does not fit the held revision, or a full copy that refers to one, is refused with a clear error', async () => {
    const data = await analyseCorpus(memoryReader(seedFiles()));
    const big = data.entities.findIndex((e) => e.mentions.length >= 20);
    assert.ok(big >= 0);
    const held = { revision: 1, data };
    const fewer = { ...data.entities[big]!, mentions: data.entities[big]!.mentions.slice(1) };
    const delta = structuredClone(
      diffIndexData(held, {
        revision: 2,
        data: { ...data, entities: data.entities.map((e, i) => (i === big ? fewer : e)) },
      }),
    );
    const patch = patches(delta)[0]!;
    assert.equal(patch.entity.id, fewer.id);
    assert.deepEqual(applyIndexDelta(held, delta).data.entities[big], fewer);
    const withPatch = (p: EntityPatch): IndexDelta => ({
      ...delta,
      entities: delta.entities.map((x) => (x === patch ? p : x)),
    });
    // [what, the delta, the message]
    const cases: [string, IndexDelta, RegExp][] = [
      [
        'another entity at the place patched',
        withPatch({ ...patch, of: big === 0 ? 1 : 0 }),
        /patches entity \d+ of the held revision as .+, but it is /,
      ],
      ['a place past the end', withPatch({ ...patch, of: data.entities.length + 5 }), /but it is not there/],
      [
        "mentions past the patched entity's",
        withPatch({ ...patch, entity: { ...patch.entity, mentions: [[0, fewer.mentions.length + 9]] } }),
        /refers to mentions of .+ 0 to \d+ of the held revision, which has \d+/,
      ],
      [
        'a full copy with a stretch of a held revision',
        { ...structuredClone(diffIndexData(undefined, held)), events: [[0, 1]] },
        /a full copy refers to the held revision/,
      ],
      [
        'a full copy with documents of a held revision',
        { ...structuredClone(diffIndexData(undefined, held)), documents: [[0, 1]] },
        /a full copy comes as columns and packed spans, nothing else/,
      ],
      [
        'a full copy without its columns',
        { ...structuredClone(diffIndexData(undefined, held)), fields: undefined },
        /a full copy comes as columns and packed spans, nothing else/,
      ],
    ];
    for (const [what, bad, message] of cases) {
      assert.throws(
        () => applyIndexDelta(held, bad),
        (e: unknown) => e instanceof IndexDeltaMismatch && message.test(e.message),
        what,
      );
    }
  });

  test('an object that is not the same is carried even when equal; the same object is left out even when held data differs', () => {
    const doc = (id: string, text: string): DocumentData => ({
      id,
      text,
      title: id,
      published: null,
      outlet: null,
      author: null,
      url: null,
      sentences: [],
      dates: [],
    });
    const a = doc('a.txt', 'A.');
    const b = doc('b.txt', 'B.');
    const base: IndexData = {
      documents: [a, b],
      entities: [],
      events: [],
      conflicts: [],
      findings: [],
      manifest: { documents: [], entities: [], distinct: [], dismissed: [], findings: [] },
      manifestText: '',
    };
    const next: IndexData = { ...base, documents: [doc('c.txt', 'C.'), { ...a }, b] };
    const delta = diffIndexData({ revision: 1, data: base }, { revision: 2, data: next });
    assert.deepEqual(
      delta.documents.map((d) =>
        Array.isArray(d) ? `base ${d.join('+')}` : `whole ${(d as DocumentData).id}`,
      ),
      ['whole c.txt', 'whole a.txt', 'base 1+1'],
    );
    assert.deepEqual(
      applyIndexDelta({ revision: 1, data: structuredClone(base) }, structuredClone(delta)).data,
      next,
    );
  });
});

suite('incremental lookup tables: createIndex(data, previous)', function () {
  this.timeout(120_000);

  test('unchanged documents keep their tables; an entity replaced by an equal one is answered with the new object', async () => {
    const files = seedFiles();
    const corpus = createCorpus({ reader: memoryReader(files) });
    const data = await corpus.analyse();
    const first = createIndex(data);
    // every entity a new object with new (equal) mention objects, documents the same objects
    const copied: IndexData = {
      ...data,
      entities: data.entities.map((e) => ({ ...e, mentions: e.mentions.map((m) => ({ ...m })) })),
    };
    const second = createIndex(copied, first);
    for (const d of data.documents) {
      assert.equal(second.document(d.id), first.document(d.id), `${d.id}: the indexed document is reused`);
      const [x, y] = [first.mentionsIn(d.id), second.mentionsIn(d.id)];
      assert.equal(x.length, y.length);
      // the table is reused (its mention objects are the first analysis's), its entities are the new ones
      assert.ok(
        y.every((h, i) => h.mention === x[i]!.mention),
        `${d.id}: the mention table is reused`,
      );
    }
    assertCurrentEntities(second);
    assert.deepEqual(answers(second), answers(createIndex(copied)));
  });

  test("an entity whose mentions move in one document: that document's table is made again, the others kept", async () => {
    const files = seedFiles();
    const data = await analyseCorpus(memoryReader(files));
    const first = createIndex(data);
    const target = [...data.entities].sort(
      (a, b) =>
        new Set(b.mentions.map((m) => m.document)).size - new Set(a.mentions.map((m) => m.document)).size,
    )[0]!;
    const moved = target.mentions[0]!.document;
    assert.ok(
      new Set(target.mentions.map((m) => m.document)).size > 1,
      'the entity is named in several documents',
    );
    // its first mention dropped, the others new (equal) objects: the entity changes in one document only
    const changed: IndexData = {
      ...data,
      entities: data.entities.map((e) =>
        e === target ? { ...e, mentions: e.mentions.slice(1).map((m) => ({ ...m })) } : e,
      ),
    };
    const second = createIndex(changed, first);
    for (const d of data.documents) {
      const same = second.mentionsIn(d.id).every((h, i) => h.mention === first.mentionsIn(d.id)[i]?.mention);
      assert.equal(same, d.id !== moved, `${d.id}: table ${d.id === moved ? 'made again' : 'kept'}`);
    }
    assert.equal(
      second.entityAt(moved, target.mentions[0]!.start)?.entity.id === target.id,
      false,
      'the dropped mention is gone',
    );
    assertCurrentEntities(second);
    assert.deepEqual(answers(second), answers(createIndex(changed)));
  });

  test('an id twice (never from the core) makes the tables anew and answers as a fresh index does', async () => {
    const data = await analyseCorpus(memoryReader(seedFiles()));
    const first = createIndex(data);
    const [a, b] = data.documents;
    const [x, y] = data.entities;
    const cases: [string, IndexData][] = [
      [
        'a document id twice, the copy new',
        { ...data, documents: [...data.documents, { ...a!, title: 'copy' }] },
      ],
      ['a document id twice, both the old object', { ...data, documents: [a!, ...data.documents] }],
      ['an entity id twice', { ...data, entities: [...data.entities, { ...x!, name: 'Someone Else' }] }],
      [
        'an entity id given to another',
        { ...data, entities: [x!, { ...y!, id: x!.id }, ...data.entities.slice(2)] },
      ],
      [
        'two new entities with one id',
        { ...data, entities: [{ ...x!, name: 'One' }, { ...y!, id: x!.id }, ...data.entities.slice(2)] },
      ],
    ];
    for (const [what, dup] of cases) {
      assert.deepEqual(answers(createIndex(dup, first)), answers(createIndex(dup)), what);
      // and back: an index made from data with an id twice lends nothing it should not
      assert.deepEqual(
        answers(createIndex(data, createIndex(dup, first))),
        answers(first),
        `${what}, then back`,
      );
    }
    assert.ok(b, 'the seeds have several documents');
  });

  test('a previous index of unrelated data changes no answer', async () => {
    const files = seedFiles();
    const data = await analyseCorpus(memoryReader(files));
    const other = await analyseCorpus(
      memoryReader({
        'x.txt': 'Alexander Lukashenko met Keith Kellogg in Minsk on June 21, 2025.\n',
      }),
    );
    const index = createIndex(data, createIndex(other));
    assertCurrentEntities(index);
    assert.deepEqual(answers(index), answers(createIndex(data)));
    const back = createIndex(other, index);
    assert.deepEqual(answers(back), answers(createIndex(other)));
  });
});

suite('full copy: sentences, dates and mentions packed into typed arrays', function () {
  this.timeout(60_000);
  const empty = {
    conflicts: [],
    findings: [],
    manifest: { documents: [], entities: [], distinct: [], dismissed: [], findings: [] },
    manifestText: '',
  };
  const doc = (id: string, text: string, sentences: [number, number, number][]): DocumentData => ({
    id,
    text,
    title: id,
    published: null,
    outlet: null,
    author: null,
    url: null,
    sentences: sentences.map(([start, end, index]) => ({ start, end, index })),
    dates: [],
  });
  const entity = (id: string, mentions: [string, number, number, string][]): Entity => ({
    id,
    type: 'person',
    name: id,
    aliases: [],
    description: null,
    descriptionSource: null,
    mentions: mentions.map(([document, start, end, text]) => ({ document, start, end, text })),
  });
  // [what, data]
  const cases: [string, () => Promise<IndexData> | IndexData][] = [
    ['the seeds', () => analyseCorpus(memoryReader(seedFiles()))],
    ['nothing at all', () => ({ ...empty, documents: [], entities: [], events: [] })],
    [
      'empty documents, an entity without mentions, sentence numbers not in order',
      () => ({
        ...empty,
        events: [],
        documents: [
          doc('a.txt', '', []),
          doc('b.txt', 'One. Two.', [
            [5, 9, 1],
            [0, 4, 0],
          ]),
        ],
        entities: [entity('none', [])],
      }),
    ],
    [
      'a mention whose text is not the text at its offsets, one in a document not in the data, one past the end',
      () => ({
        ...empty,
        events: [],
        documents: [doc('a.txt', 'Anna Berg met Carl.', [[0, 19, 0]])],
        entities: [
          entity('anna', [
            ['a.txt', 0, 9, 'Anna Berg'],
            ['a.txt', 0, 4, 'ANNA'],
            ['gone.txt', 3, 7, 'Anna'],
            ['a.txt', 14, 40, 'Carl.'],
            ['a.txt', 14, 18, ''],
          ]),
        ],
      }),
    ],
    [
      'date expressions of every shape: anchors of each kind, a reference, a recurring one, null values, a text not at its offsets',
      () => {
        const text = 'On May 2 and a week later, now and every Monday.';
        const base = {
          kind: 'point' as const,
          from: null,
          to: null,
          granularity: null,
          anchor: null,
          sentence: 0,
          forward: false,
        };
        return {
          ...empty,
          events: [],
          entities: [],
          documents: [
            doc('b.txt', 'No dates.', []),
            {
              ...doc('a.txt', text, [[0, 47, 0]]),
              dates: [
                {
                  ...base,
                  start: 3,
                  end: 8,
                  text: 'May 2',
                  from: '2025-05-02',
                  to: '2025-05-02',
                  granularity: 'day' as const,
                  anchor: 'published' as const,
                },
                {
                  ...base,
                  start: 13,
                  end: 25,
                  text: 'a week later',
                  kind: 'duration' as const,
                  from: '2025-05-09',
                  to: '2025-05-09',
                  granularity: 'day' as const,
                  anchor: { start: 3 },
                  forward: true,
                },
                { ...base, start: 27, end: 30, text: 'now', reference: 'present' as const },
                { ...base, start: 35, end: 47, text: 'every Monday', recurring: true as const, sentence: 1 },
                { ...base, start: 40, end: 90, text: 'MONDAY' },
              ],
            },
          ],
        };
      },
    ],
  ];
  for (const [what, make] of cases) {
    test(`${what}: unpacked, it equals the data; sent as a full copy, too`, async () => {
      const data = await make();
      const packed = structuredClone(packIndexData(data));
      assert.ok(
        !('documents' in packed) &&
          !('entities' in packed) &&
          packed.fields.documents.id.length === data.documents.length &&
          packed.fields.entities.id.length === data.entities.length,
        'documents and entities travel as columns, their lists packed',
      );
      assert.deepEqual(unpackIndexData(packed), data);
      const whole = applyIndexDelta(
        undefined,
        structuredClone(diffIndexData(undefined, { revision: 3, data })),
      );
      assert.deepEqual({ revision: whole.revision, data: whole.data }, { revision: 3, data });
      assert.ok(whole.mentionTable, 'a full copy comes with its mention table');
      // the index of a full copy makes its tables from the numbers: the answers are the data's own
      const copy = unpackIndex(structuredClone(packIndexData(data)));
      const index = createIndex(copy.data, undefined, { mentionTable: copy.mentionTable });
      assert.deepEqual(answers(index), answers(createIndex(data)));
      for (const d of index.documents) {
        for (const hit of index.mentionsIn(d.id))
          assert.ok(
            hit.entity.mentions.includes(hit.mention),
            "a document's table and its entity share the mention objects",
          );
      }
    });
  }

  test("a full copy's lists are made when first read, each once, and copied as values", async () => {
    const data = await analyseCorpus(memoryReader(seedFiles()));
    const unpacked = unpackIndexData(structuredClone(packIndexData(data)));
    const [doc] = unpacked.documents;
    const [entity] = unpacked.entities;
    assert.equal(doc!.sentences, doc!.sentences);
    assert.equal(doc!.dates, doc!.dates);
    assert.equal(entity!.mentions, entity!.mentions);
    assert.deepEqual(structuredClone(unpacked), data, 'a structured clone copies the lists');
    // packed again: all of them in order give back their packing; mixed with others, each is packed as its lists say
    const fresh = unpackIndexData(structuredClone(packIndexData(data)));
    assert.deepEqual(packDocumentLists(fresh.documents), packDocumentLists(data.documents));
    const mixed = [data.documents[1]!, fresh.documents[0]!, ...fresh.documents.slice(2)];
    assert.deepEqual(
      packDocumentLists(mixed),
      packDocumentLists([data.documents[1]!, data.documents[0]!, ...data.documents.slice(2)]),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(unpacked)), JSON.parse(JSON.stringify(data)), 'so does JSON');
  });
  test('packed mentions that do not fit their entities or documents are refused with what is wrong', () => {
    const documents = [doc('a.txt', 'Anna Berg met Carl.', [])];
    const { entities, spans } = packEntities(
      [entity('anna', [['a.txt', 0, 9, 'Anna Berg']]), entity('carl', [['a.txt', 14, 18, 'Carl']])],
      documents,
    );
    assert.deepEqual(
      unpackEntities(entities, spans, documents).map((e) => e.mentions.map((m) => m.text)),
      [['Anna Berg'], ['Carl']],
    );
    const bad: [string, Partial<typeof spans>, RegExp][] = [
      [
        'a count too many',
        { mentionCounts: Int32Array.of(1, 2) },
        /2 counts for 2 entities, 6 numbers for 3 mentions/,
      ],
      ['a number too few', { mentions: spans.mentions.subarray(1) }, /5 numbers for 2 mentions/],
      ['an entity fewer', { mentionCounts: Int32Array.of(2) }, /1 counts for 2 entities/],
      [
        'a document number past the list',
        { mentions: Int32Array.of(0, 0, 9, 4, 14, 18) },
        /packed mention 1 is in document 4 of 1/,
      ],
    ];
    for (const [what, change, message] of bad)
      assert.throws(() => unpackEntities(entities, { ...spans, ...change }, documents), message, what);
  });

  test('entities packed with the packing they were unpacked from give what packing them anew gives; against changed texts too', async () => {
    const data = await analyseCorpus(memoryReader(seedFiles()));
    const first = packEntities(data.entities, data.documents);
    const spans = JSON.parse(
      JSON.stringify({
        ...first.spans,
        mentionCounts: [...first.spans.mentionCounts],
        mentions: [...first.spans.mentions],
      }),
    );
    const entities = unpackEntities(first.entities, spans, data.documents);
    const known = { entities: first.entities, spans, documents: data.documents };
    const again = packEntities(entities, data.documents, known);
    assert.equal(again.entities[0], first.entities[0], 'the known packing is given back');
    assert.deepEqual(again, packEntities(entities, data.documents)); // the same as walking the mentions
    assert.deepEqual(again, first);
    assert.ok(again.spans.mentions instanceof Int32Array && again.spans.mentionCounts instanceof Int32Array);
    const changed = data.documents.map((d, i) => (i === 0 ? { ...d, text: d.text.toUpperCase() } : d));
    const walked = packEntities(entities, changed);
    assert.ok(walked.spans.mentionTexts.length > 10, 'the changed texts no longer hold the mentions');
    const repacked = packEntities(entities, changed, known);
    assert.notEqual(repacked.entities[0], first.entities[0], 'other texts: the known packing is not used');
    assert.deepEqual(repacked, walked);
  });

  test('the seeds really have sentences and mentions to pack', async () => {
    const { spans } = packIndexData(await analyseCorpus(memoryReader(seedFiles())));
    assert.ok(
      spans.sentences.length > 300 && spans.mentions.length > 300 && spans.dates.length > 300,
      `${spans.sentences.length} ${spans.mentions.length} ${spans.dates.length}`,
    );
    assert.deepEqual(spans.mentionTexts, [], 'every seed mention is its document text at its offsets');
  });
});
