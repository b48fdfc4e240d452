import * as assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IndexData } from '../../src/core/incremental/corpus';
import {
  applyIndexDelta,
  IndexDeltaMismatch,
  type IndexDelta,
  type IndexRevision,
} from '../../src/core/wire/index-delta';
import type { IndexRequest, IndexResponse } from '../../src/node/index-protocol';
import { diskReader } from '../../src/node/disk-reader';
import { analyseCorpus } from '../../src/core/pipeline/corpus';
import { overlaidReader } from './memory-reader';

const ROOT = join(__dirname, '..', '..', '..');
type Done = Extract<IndexResponse, { type: 'done' }>;
/** A request without its id (given by `ask`). */
type Asked =
  Extract<IndexRequest, { type: 'index' | 'update' | 'resend' }> extends infer R
    ? R extends unknown
      ? Omit<R, 'id'>
      : never
    : never;

// The indexing thread as the extension runs it (dist/index-worker.js), driven the way corpus-service.ts drives it.
suite('indexing thread: answers are deltas from what it sent last', function () {
  this.timeout(120_000);
  let dir: string;
  let worker: Worker;
  let nextId = 1;
  const answers = new Map<number, (r: Done) => void>();
  const corpus = 'file:///corpus';

  setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-worker-'));
    cpSync(join(ROOT, 'seeds'), dir, { recursive: true });
    worker = new Worker(join(ROOT, 'dist', 'index-worker.js'));
    worker.on('message', (r: IndexResponse) => {
      if (r.type === 'done') answers.get(r.id)?.(r);
    });
  });
  teardown(async () => {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = (request: Asked): Promise<Done> => {
    const id = nextId++;
    return new Promise((resolve) => {
      answers.set(id, resolve);
      worker.postMessage({ ...request, id });
    });
  };
  const files = (): string[] => readdirSync(dir).sort();
  const index = (): Promise<Done> => ask({ type: 'index', corpus, root: dir, overlay: [] });
  const update = (paths: string[], overlay: [string, string][] = []): Promise<Done> =>
    ask({ type: 'update', corpus, paths, overlay });
  const data = (r: Done): IndexDelta => {
    assert.ok(r.data, r.error ?? 'no data');
    return r.data;
  };
  const fresh = async (overlay: Map<string, string> = new Map()): Promise<IndexData> =>
    analyseCorpus(overlaidReader(diskReader(dir), overlay));
  const article = (): string => files().filter((f) => f.endsWith('.txt'))[1]!;

  test("a full copy first, then deltas the held copy completes into the thread's data", async () => {
    const first = data(await index());
    assert.equal(first.base, null);
    let held: IndexRevision = applyIndexDelta(undefined, first);
    assert.deepEqual(held.data, await fresh());

    const edited = `${readFileSync(join(dir, article()), 'utf8')}\nKeith Kellogg met Alexander Lukashenko in Minsk on June 21.\n`;
    const delta = data(await update([article()], [[article(), edited]]));
    assert.equal(delta.base, first.revision);
    held = applyIndexDelta(held, delta);
    assert.deepEqual(held.data, await fresh(new Map([[article(), edited]])));

    const gone = files().filter((f) => f.endsWith('.txt'))[2]!;
    unlinkSync(join(dir, gone));
    held = applyIndexDelta(held, data(await update([gone])));
    assert.ok(!held.data.documents.some((d) => d.id === gone));
    assert.deepEqual(held.data, await fresh(new Map([[article(), edited]])));
  });

  test('a delta the host missed does not fit; a resend gives the latest data whole', async () => {
    const first = data(await index());
    const held = applyIndexDelta(undefined, first);
    writeFileSync(
      join(dir, article()),
      `${readFileSync(join(dir, article()), 'utf8')}\nJohn Coale visited Vilnius.\n`,
    );
    await update([article()]); // lost on the way
    const second = data(await update([article()]));
    assert.throws(() => applyIndexDelta(held, second), IndexDeltaMismatch);
    const whole = data(await ask({ type: 'resend', corpus }));
    assert.equal(whole.base, null);
    const again = applyIndexDelta(undefined, whole);
    assert.deepEqual(again.data, await fresh());
    // and the chain goes on from the resent copy
    writeFileSync(
      join(dir, article()),
      `${readFileSync(join(dir, article()), 'utf8')}\nViktor Orban spoke in Budapest.\n`,
    );
    const next = data(await update([article()]));
    assert.equal(next.base, whole.revision);
    assert.deepEqual(applyIndexDelta(again, next).data, await fresh());
  });

  test('a second session takes the snapshot, prepares the resolution behind it, and its first edit sends only what changed', async () => {
    const cacheFile = join(dir, '..', `${dir.split(/[\\/]/).pop()}-cache.json`);
    try {
      const first = await ask({ type: 'index', corpus, root: dir, overlay: [], cacheFile });
      assert.ok(!first.log.some(([, line]) => /snapshot/.test(line)));
      worker.postMessage({ type: 'drop', corpus } satisfies IndexRequest); // writes the cache and its snapshot
      await ask({ type: 'resend', corpus }); // answered after the drop: an error, but the drop is done
      await worker.terminate();
      worker = new Worker(join(ROOT, 'dist', 'index-worker.js'));
      worker.on('message', (r: IndexResponse) => {
        if (r.type === 'done') answers.get(r.id)?.(r);
      });

      const second = await ask({ type: 'index', corpus, root: dir, overlay: [], cacheFile });
      assert.ok(
        second.log.some(([, line]) => /taken from the snapshot/.test(line)),
        second.log.map(([, l]) => l).join('\n'),
      );
      let held = applyIndexDelta(undefined, data(second));
      assert.deepEqual(held.data, await fresh());
      const edited = `Updated. ${readFileSync(join(dir, article()), 'utf8')}`;
      const answer = await update([article()], [[article(), edited]]);
      assert.ok(
        answer.log.some(([, line]) => /resolution prepared/.test(line)),
        'the resolution was worked out in the background first',
      );
      const delta = data(answer);
      const carried = delta.entities.filter((e) => !Array.isArray(e)).length;
      assert.ok(
        carried < held.data.entities.length / 2,
        `${carried} of ${held.data.entities.length} entities sent again`,
      );
      held = applyIndexDelta(held, delta);
      assert.deepEqual(held.data, await fresh(new Map([[article(), edited]])));
    } finally {
      rmSync(cacheFile, { force: true });
      rmSync(`${cacheFile}.snapshot`, { force: true });
    }
  });

  test('a dropped corpus starts again with a full copy; an unknown corpus is an error', async () => {
    data(await index());
    const failed = await ask({
      type: 'update',
      corpus: 'file:///never-indexed',
      paths: [article()],
      overlay: [],
    });
    assert.match(failed.error ?? '', /never indexed/);
    assert.match(
      (await ask({ type: 'resend', corpus: 'file:///never-indexed' })).error ?? '',
      /never indexed/,
    );
    worker.postMessage({ type: 'drop', corpus } satisfies IndexRequest);
    const afterDrop = data(await index());
    assert.equal(afterDrop.base, null, 'a dropped corpus starts again with a full copy');
    assert.deepEqual(applyIndexDelta(undefined, afterDrop).data, await fresh());
  });
});
