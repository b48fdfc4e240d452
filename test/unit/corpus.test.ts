import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCorpus, type CorpusIndex } from '../../src/core/incremental/corpus';
import { toJsonV1 } from '../../src/core/index/contract';
import { memoryReader } from './memory-reader';

const SEEDS = join(__dirname, '..', '..', '..', 'seeds');

function seedFiles(): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(SEEDS)) files[name] = readFileSync(join(SEEDS, name));
  return files;
}

suite('corpus: the seeds end to end', function () {
  this.timeout(60_000);
  let index: CorpusIndex;
  suiteSetup(async () => {
    index = await createCorpus({ reader: memoryReader(seedFiles()) }).index();
  });

  test('five articles, each with a title and a publication date', () => {
    assert.equal(index.documents.length, 5);
    for (const d of index.documents) {
      assert.ok(d.title.length > 3, `${d.id} has a title`);
      assert.ok(d.published, `${d.id} has a publication date`);
    }
  });
  test('corpus.yaml of the seeds has no problems', () => {
    assert.deepEqual(
      index.findings.filter((f) => f.file === 'corpus.yaml').map((f) => f.message),
      [],
    );
  });
  test('the JSON contract: every span slices to its text', () => {
    const json = toJsonV1(index);
    const text = (id: string): string => index.document(id)!.text;
    for (const e of json.entities)
      for (const m of e.mentions) assert.equal(text(m.document).slice(m.start, m.end), m.text);
    for (const d of json.dates) assert.equal(text(d.document).slice(d.start, d.end), d.text);
    for (const c of json.conflicts)
      for (const r of c.reports) assert.equal(text(r.document).slice(r.start, r.end), r.text);
    for (const e of json.events) assert.ok(e.reports.length > 0 && e.summary.length > 0);
  });
  test('Lukashenko is one person across all five articles', () => {
    const e = index.entities.find((x) => x.aliases.includes('Lukashenko') || x.name === 'Lukashenko');
    assert.ok(e);
    assert.equal(e.type, 'person');
    assert.equal(new Set(e.mentions.map((m) => m.document)).size, 5);
  });
  test('entityAt finds the mention under an offset', () => {
    const doc = index.document('003_e4f82bba94b819c4.txt')!;
    const at = doc.text.indexOf('Keith Kellogg');
    assert.equal(index.entityAt(doc.id, at + 3)?.entity.name, 'Keith Kellogg');
    assert.equal(index.entityAt(doc.id, doc.text.indexOf(' the ') + 2), undefined);
  });
  test('indexing twice gives the same result', async () => {
    const again = await createCorpus({ reader: memoryReader(seedFiles()) }).index();
    assert.deepEqual(toJsonV1(again), toJsonV1(index));
  });
});

suite('corpus: bad input becomes findings, never a crash', () => {
  test('binary, Latin-1 (read, with a note), empty and a broken corpus.yaml', async () => {
    const index = await createCorpus({
      reader: memoryReader({
        'corpus.yaml': 'documents:\n  - file: missing.txt\n  - file: good.txt\n    published: 2025-13-45\n',
        'good.txt': 'Title\nAlexander Lukashenko spoke in Minsk on May 3, 2025.',
        'binary.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]),
        'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
        'empty.txt': '',
      }),
    }).index();
    const codes = index.findings.map((f) => `${f.file} ${f.code}`).sort();
    assert.deepEqual(codes, [
      'binary.txt unreadable-file',
      'corpus.yaml invalid-date',
      'corpus.yaml missing-file',
      'empty.txt empty-file',
      'latin1.txt legacy-encoding',
    ]);
    assert.ok(index.document('good.txt'));
    assert.equal(index.document('good.txt')!.published?.from, 'inferred');
    assert.equal(index.document('latin1.txt')!.text, 'café');
  });
});
