import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import {
  fileStamp,
  linkedFolder,
  linkedPathReason,
  pathsUnder,
  readUnlinked,
  SETTLED_MS,
} from '../../src/node/files';
import { diskReader, listCorpusFiles } from '../../src/node/disk-reader';
import { isCorpusFile } from '../../src/core/pipeline/text/article-files';

suite('files: read without following links, and stamps', function () {
  let dir: string;
  setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-files-'));
    writeFileSync(join(dir, 'a.txt'), 'Minsk');
    symlinkSync(join(dir, 'a.txt'), join(dir, 'link.txt'));
    mkdirSync(join(dir, 'folder'));
  });
  teardown(() => rmSync(dir, { recursive: true, force: true }));
  const later = (): number => Date.now() + SETTLED_MS + 1000;

  test('a file is read; a link to one is refused; nothing there is undefined; a folder throws', () => {
    assert.equal(String(readUnlinked(join(dir, 'a.txt'))), 'Minsk');
    assert.equal(readUnlinked(join(dir, 'link.txt')), 'link');
    assert.equal(readUnlinked(join(dir, 'none.txt')), undefined);
    assert.throws(() => readUnlinked(join(dir, 'folder')), /EISDIR/);
  });

  test('a named pipe is refused at once, not waited on (opening one to read waits for a writer)', function () {
    // not a speed limit: a read that waited would be ended by the writer below only after 5 s
    this.timeout(2000);
    const fifo = join(dir, 'pipe.txt');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      this.skip(); // no named pipes here (Windows)
    }
    // were the read to wait, this writer would end the wait: the read would return its line instead of refusing the pipe
    const writer = spawn('sh', ['-c', 'sleep 5; echo late > "$0"', fifo], { stdio: 'ignore' });
    try {
      assert.throws(() => readUnlinked(fifo), /not a plain file/);
      assert.equal(fileStamp(fifo, later()), undefined);
    } finally {
      writer.kill();
    }
  });

  test('a plain file settled for a while has a stamp; a link, a folder or nothing has none', () => {
    assert.match(fileStamp(join(dir, 'a.txt'), later()) ?? '', /^\d+:5:/);
    assert.equal(fileStamp(join(dir, 'link.txt'), later()), undefined);
    assert.equal(fileStamp(join(dir, 'folder'), later()), undefined);
    assert.equal(fileStamp(join(dir, 'none.txt'), later()), undefined);
  });

  test('a file changed within SETTLED_MS is not vouched for (a further change might not show in its times)', () => {
    assert.equal(fileStamp(join(dir, 'a.txt')), undefined);
    assert.ok(fileStamp(join(dir, 'a.txt'), later()));
  });

  test('rewritten with bytes of the same length, or only touched, a file has another stamp', () => {
    const file = join(dir, 'a.txt');
    const old = new Date(Date.now() - 60_000);
    utimesSync(file, old, old);
    const before = fileStamp(file, later());
    writeFileSync(file, 'Pinsk');
    const rewritten = fileStamp(file, later());
    assert.ok(before && rewritten && before !== rewritten, `${before} → ${rewritten}`);
    // its modification time put back as it was: only the change time differs, once the clock that
    // sets it has moved on (a coarse one ticks every few milliseconds): polled, with a deadline
    let putBack: string | undefined;
    for (const deadline = Date.now() + 2000; Date.now() < deadline;) {
      utimesSync(file, old, old);
      putBack = fileStamp(file, later());
      if (putBack !== before) break;
    }
    assert.ok(putBack && putBack !== before && putBack !== rewritten, `${before} → ${putBack}`);
  });
});

suite("files: a corpus id's path under its folder is the file path.join names", () => {
  // [folder, id]: ids are listed paths, `/`-separated, without `.` or `..` parts
  const cases: [string, string][] = [
    ['/work/corpus', 'a.txt'],
    ['/work/corpus/', 'news/2025/a.txt'],
    ['seeds', 'a.txt'],
    ['seeds/', 'sub dir/é.txt'],
    ['.', 'a.txt'],
    ['', 'a.txt'],
    [sep, 'a.txt'],
  ];
  for (const [root, id] of cases)
    test(`${JSON.stringify(root)} + ${id}`, () =>
      assert.equal(resolve(pathsUnder(root)(id)), resolve(join(root, ...id.split('/')))));
});

suite('files: where corpus.yaml may be written', function () {
  let dir: string;
  let outsideDir: string;
  setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-write-'));
    outsideDir = mkdtempSync(join(tmpdir(), 'corpus-outside-'));
    mkdirSync(join(dir, 'news'));
    writeFileSync(join(dir, 'news', 'corpus.yaml'), 'title: News\n');
    writeFileSync(join(outsideDir, 'corpus.yaml'), 'title: Private\n');
    mkdirSync(join(dir, 'plain'));
    mkdirSync(join(dir, 'linked'));
    symlinkSync(join(outsideDir, 'corpus.yaml'), join(dir, 'linked', 'corpus.yaml'));
    symlinkSync(outsideDir, join(dir, 'folder-link'));
    symlinkSync(join(dir, 'news'), join(dir, 'inner-link'));
  });
  teardown(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outsideDir, { recursive: true, force: true });
  });

  // [corpus folder, file, workspace folder, expected reason (a pattern) or null]
  const cases: [string, string, string, RegExp | null][] = [
    ['news', 'news/corpus.yaml', '.', null],
    ['plain', 'plain/corpus.yaml', '.', null], // not there yet: it may be created
    ['linked', 'linked/corpus.yaml', '.', /corpus\.yaml is a symbolic link/],
    ['folder-link', 'folder-link/corpus.yaml', '.', /folder-link is a symbolic link/],
    ['inner-link', 'inner-link/corpus.yaml', '.', /inner-link is a symbolic link/],
    ['news', 'plain/corpus.yaml', 'news', /is outside/],
  ];
  for (const [root, file, top, expected] of cases)
    test(`${file} in ${root} (workspace ${top}): ${expected ? 'refused' : 'allowed'}`, () => {
      const reason = linkedPathReason(join(dir, root), join(dir, file), join(dir, top));
      if (expected === null) assert.equal(reason, null);
      else assert.match(reason ?? '', expected);
    });

  test('a workspace folder opened through a link is allowed; its corpus.yaml is inside', () => {
    assert.equal(
      linkedPathReason(
        join(dir, 'inner-link'),
        join(dir, 'inner-link', 'corpus.yaml'),
        join(dir, 'inner-link'),
      ),
      null,
    );
  });

  test('a file whose real path leads outside the corpus folder is refused', () => {
    // the corpus folder is the real news/, the file is reached through a link the walk does not see (above top)
    assert.match(
      linkedPathReason(join(dir, 'plain'), join(dir, 'inner-link', 'corpus.yaml'), join(dir, 'inner-link')) ??
        '',
      /is outside|leads outside/,
    );
  });
});

suite('files: a folder reached through a link is not the corpus (issue 22)', function () {
  let dir: string;
  let outsideDir: string;
  setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-folders-'));
    outsideDir = mkdtempSync(join(tmpdir(), 'corpus-private-'));
    writeFileSync(join(outsideDir, 'secret.txt'), 'Secret\nZebulon Quartermaine met Anna Berg.\n');
    mkdirSync(join(dir, 'news', 'old'), { recursive: true });
    writeFileSync(join(dir, 'top.txt'), 'Top\n');
    writeFileSync(join(dir, 'news', 'a.txt'), 'A\n');
    writeFileSync(join(dir, 'news', 'old', 'b.md'), 'B\n');
    symlinkSync(outsideDir, join(dir, 'news', 'private'));
    symlinkSync(join(dir, 'news'), join(dir, 'again'));
    for (const hidden of ['.drafts', 'node_modules', '.git']) {
      mkdirSync(join(dir, hidden));
      writeFileSync(join(dir, hidden, 'c.txt'), 'C\n');
    }
    writeFileSync(join(dir, '.notes.txt'), 'D\n');
  });
  teardown(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outsideDir, { recursive: true, force: true });
  });

  test('the listing enters no link, no dot-folder and no skipped folder; corpus.yaml is not an article', () => {
    writeFileSync(join(dir, 'corpus.yaml'), 'documents: []\n');
    assert.deepEqual(listCorpusFiles(dir).sort(), ['news/a.txt', 'news/old/b.md', 'top.txt']);
  });

  // [corpus id, what reading it gives]
  const cases: [string, string][] = [
    ['top.txt', 'Top\n'],
    ['news/a.txt', 'A\n'],
    ['news/old/b.md', 'B\n'],
    ['news/private/secret.txt', 'link'], // the folder is a link out of the corpus
    ['again/a.txt', 'link'], // a link to a folder inside the corpus: its files are read under their own path
    ['news/gone/x.txt', 'nothing'],
  ];
  for (const [id, expected] of cases)
    test(`${id}: ${JSON.stringify(expected)}`, async () => {
      const links: string[] = [];
      const bytes = await diskReader(dir, { onLink: (p) => links.push(p) }).read(id);
      assert.equal(bytes === undefined ? (links.length ? 'link' : 'nothing') : String(bytes), expected);
      assert.equal(linkedFolder(dir, id), expected === 'link');
    });

  test('a corpus folder opened through a link reads its own folders', async () => {
    assert.equal(String(await diskReader(join(dir, 'again')).read('old/b.md')), 'B\n');
  });

  test('the one rule for the CLI and the editor: dot-files, dot-folders and skipped folders are out', () => {
    for (const [id, inCorpus] of [
      ['a.txt', true],
      ['news/old/b.md', true],
      ['corpus.yaml', true],
      ['news/corpus.yaml', false],
      ['.notes.txt', false],
      ['.drafts/c.txt', false],
      ['news/.cache/c.txt', false],
      ['node_modules/x/README.md', false],
      ['a.yaml', false],
    ] as const)
      assert.equal(isCorpusFile(id), inCorpus, id);
  });
});
