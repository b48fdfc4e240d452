import * as assert from 'node:assert/strict';
import { LazyFields } from '../../src/core/index/lazy-fields';
import {
  lazyDocuments,
  unpackEntities,
  packDocumentLists,
  packEntities,
} from '../../src/core/wire/index-pack';
import type { DocumentData } from '../../src/core/index/corpus-index';
import type { Entity } from '../../src/core/pipeline/entities/entities';

/** The getter of `name` on `o` (a shared one keeps V8's fast properties: see lazy-fields.ts). */
const getterOf = (o: object, name: string): unknown => Object.getOwnPropertyDescriptor(o, name)?.get;

suite('LazyFields', () => {
  test("a field is worked out when first read, once, from its own object's state", () => {
    let made = 0;
    const fields = new LazyFields<{ n: number; list?: number[] }>({
      list: (s) => (s.list ??= (made++, [s.n, s.n])),
    });
    const a = fields.add({ id: 'a' }, { n: 1 });
    const b = fields.add({ id: 'b' }, { n: 2 });
    assert.equal(made, 0);
    const list = (a as { list?: number[] }).list;
    assert.deepEqual(list, [1, 1]);
    assert.equal((a as { list?: number[] }).list, list, 'the same list each time');
    assert.deepEqual((b as { list?: number[] }).list, [2, 2]);
    assert.equal(made, 2);
    assert.equal(fields.stateOf({}), undefined);
    assert.deepEqual(fields.stateOf(a), { n: 1, list: [1, 1] });
  });

  test('the objects look, copy and compare like plain ones; the getters are shared', () => {
    const fields = new LazyFields<number>({ double: (n) => 2 * n, half: (n) => n / 2 });
    const cases: [number, object][] = [
      [4, { id: 'x', double: 8, half: 2 }],
      [10, { id: 'y', double: 20, half: 5 }],
    ];
    const made = cases.map(([n, plain]) => fields.add({ id: (plain as { id: string }).id }, n));
    cases.forEach(([, plain], i) => {
      const o = made[i]!;
      assert.deepStrictEqual(o, plain);
      assert.deepEqual(Object.keys(o), ['id', 'double', 'half'], "fields after the object's own, in order");
      assert.equal(JSON.stringify(o), JSON.stringify(plain));
      assert.deepStrictEqual(structuredClone(o), plain);
      assert.deepStrictEqual({ ...o }, plain);
    });
    for (const name of ['double', 'half'])
      assert.equal(getterOf(made[0]!, name), getterOf(made[1]!, name), name);
  });

  test('documents and entities unpacked from packed lists share their getters', () => {
    const texts = [
      { id: 'a.txt', text: 'Anna Berg spoke. Then Carl did.' },
      { id: 'b.txt', text: 'Carl left.' },
    ];
    const plain: DocumentData[] = texts.map((t) => ({
      ...t,
      title: t.id,
      published: null,
      outlet: null,
      author: null,
      url: null,
      sentences: [{ start: 0, end: t.text.length, index: 0 }],
      dates: [],
    }));
    const docs = lazyDocuments(plain, packDocumentLists(plain));
    assert.deepStrictEqual(docs, plain);
    for (const name of ['sentences', 'dates'])
      assert.equal(getterOf(docs[0]!, name), getterOf(docs[1]!, name), name);
    const entities: Entity[] = [
      {
        id: 'anna-berg',
        type: 'person',
        name: 'Anna Berg',
        aliases: [],
        description: null,
        descriptionSource: null,
        mentions: [{ document: 'a.txt', start: 0, end: 9, text: 'Anna Berg' }],
      },
      {
        id: 'carl',
        type: 'person',
        name: 'Carl',
        aliases: [],
        description: null,
        descriptionSource: null,
        mentions: [
          { document: 'a.txt', start: 22, end: 26, text: 'Carl' },
          { document: 'b.txt', start: 0, end: 4, text: 'Carl' },
        ],
      },
    ];
    const packed = packEntities(entities, texts);
    const unpacked = unpackEntities(packed.entities, packed.spans, texts);
    assert.deepStrictEqual(unpacked, entities);
    assert.deepEqual(Object.keys(unpacked[0]!), Object.keys(entities[0]!));
    assert.equal(getterOf(unpacked[0]!, 'mentions'), getterOf(unpacked[1]!, 'mentions'));
  });
});
