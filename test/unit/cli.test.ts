/* eslint-disable no-control-regex -- these tests look for control characters */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), ...args], { cwd: ROOT, encoding: 'utf8' });

suite('cli: corpus-nav', function () {
  this.timeout(60_000);
  test('index seeds --json prints contract version 1 with five dated articles', () => {
    const r = cli('index', 'seeds', '--json');
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.version, 1);
    assert.equal(json.documents.length, 5);
    for (const d of json.documents) {
      assert.match(d.published, /^\d{4}(-\d\d){0,2}$/);
      assert.equal(d.publishedFrom, 'manifest');
    }
    for (const key of ['entities', 'dates', 'events', 'conflicts']) assert.ok(Array.isArray(json[key]), key);
  });
  test('report prints the four sections', () => {
    const r = cli('report');
    assert.equal(r.status, 0, r.stderr);
    for (const h of ['ARTICLES', 'MAIN ENTITIES', 'TIMELINE', 'CONFLICTS'])
      assert.ok(r.stdout.includes(h), h);
  });
  test('a missing folder fails with a clear message', () => {
    const r = cli('index', 'no-such-folder');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /corpus folder not found/);
  });
  const usage: [string, string[], number, RegExp][] = [
    ['--version', ['--version'], 0, /^corpus-nav \d+\.\d+\.\d+/],
    ['-h', ['-h'], 0, /Usage: corpus-nav/],
    ['no command', [], 2, /a command is needed/],
    ['an extra argument', ['report', 'seeds', 'extra'], 2, /unexpected argument "extra"/],
    ['an unknown option', ['report', '--jsn'], 2, /unknown option --jsn/],
  ];
  for (const [name, args, status, output] of usage) {
    test(`${name}: exit ${status}`, () => {
      const r = cli(...args);
      assert.equal(r.status, status);
      assert.match(r.stdout + r.stderr, output);
    });
  }

  test('an unknown command fails with usage', () => {
    const r = cli('frobnicate');
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /Usage: corpus-nav/);
  });
});

const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/;
// a pseudo-terminal ends its lines with CR LF
const TERMINAL_CONTROLS_BUT_CR =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/;

suite('cli: text from the corpus cannot act on the terminal (issue 22)', function () {
  this.timeout(60_000);
  let dir: string;
  setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-cli-'));
    // a file name that recolours, an article that clears the screen, a title that forges a line
    writeFileSync(
      join(dir, 'red\u001b[31m.txt'),
      'Breaking\u001b[2J\u001b[H\nAnna Berg met Tom Hale in Oslo.\n',
    );
    writeFileSync(join(dir, 'b.txt'), 'Plain\nAnna Berg met Tom Hale in Oslo on May 3, 2025.\n');
    writeFileSync(
      join(dir, 'corpus.yaml'),
      'documents:\n  - file: b.txt\n    title: "Fine\\nb.txt:1:1: error: forged [x]\\u202e"\n  - file: "gone\\u0007.txt"\n',
    );
  });
  teardown(() => rmSync(dir, { recursive: true, force: true }));

  for (const command of ['report', 'index'])
    test(`${command}: control, separator and bidi characters are escaped on stdout and stderr`, () => {
      const r = cli(command, dir, '--verbose');
      assert.equal(r.status, 0, r.stderr);
      for (const [stream, text] of [
        ['stdout', r.stdout],
        ['stderr', r.stderr],
      ] as const) {
        assert.doesNotMatch(text, TERMINAL_CONTROLS, stream);
        assert.ok(
          text.split('\n').every((line) => !line.startsWith('b.txt:1:1: error: forged')),
          `no forged line on ${stream}`,
        );
      }
      assert.match(r.stderr, /gone\\x07\.txt/, 'the missing file, escaped');
      if (command === 'report') {
        assert.match(r.stdout, /red\\x1b\[31m\.txt/);
        assert.match(r.stdout, /Fine\\nb\.txt:1:1: error: forged \[x\]\\u202e/);
      }
    });
});

suite('cli: export on a terminal (issue 22)', function () {
  this.timeout(60_000);
  test('the exported text is escaped on a terminal, and written as it is when redirected', function () {
    // `script` (util-linux) runs the command on a pseudo-terminal
    if (spawnSync('script', ['--version']).status !== 0) this.skip();
    const dir = mkdtempSync(join(tmpdir(), 'corpus-cli-'));
    try {
      writeFileSync(join(dir, 'a.txt'), 'A\nAnna Berg met Tom Hale in Oslo on May 3, 2025. \u001b[2J\n');
      const command = `${process.execPath} ${join(ROOT, 'dist', 'cli.js')} export ${dir} --format csv`;
      const onTerminal = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
      assert.equal(onTerminal.status, 0, onTerminal.stderr);
      assert.match(onTerminal.stdout, /Anna Berg met Tom Hale/);
      assert.match(onTerminal.stdout, /\\x1b\[2J/);
      assert.doesNotMatch(onTerminal.stdout, TERMINAL_CONTROLS_BUT_CR);
      const redirected = cli('export', dir, '--format', 'csv');
      assert.match(redirected.stdout, /\u001b\[2J/, 'the data itself is kept');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

suite('cli: smaller hostile points (issue 22)', function () {
  this.timeout(60_000);
  let dir: string;
  let outside: string;
  setup(() => {
    dir = mkdtempSync(join(tmpdir(), 'corpus-cli-'));
    outside = mkdtempSync(join(tmpdir(), 'corpus-outside-'));
  });
  teardown(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  test('a linked corpus.yaml, article or folder is not read, and each is named on stderr', () => {
    writeFileSync(join(outside, 'corpus.yaml'), 'documents:\n  - file: a.txt\n    title: Private title\n');
    writeFileSync(join(outside, 'secret.txt'), 'Secret\nZebulon Quartermaine spoke.\n');
    writeFileSync(join(dir, 'a.txt'), 'A\nAnna Berg met Tom Hale in Oslo.\n');
    symlinkSync(join(outside, 'corpus.yaml'), join(dir, 'corpus.yaml'));
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'linked.txt'));
    symlinkSync(outside, join(dir, 'private'));
    const r = cli('index', dir, '--json');
    assert.equal(r.status, 0, r.stderr);
    for (const name of ['corpus.yaml', 'linked.txt', 'private'])
      assert.match(
        r.stderr,
        new RegExp(`/${name.replace('.', '\\.')}: warning: a symbolic link; not read`),
        name,
      );
    assert.doesNotMatch(r.stdout, /Private title|Quartermaine/);
  });

  test('a corpus.yaml name in NFC matches the file named in NFD (as macOS names it)', () => {
    writeFileSync(join(dir, 'cafe\u0301.txt'), 'Cafe\nAnna Berg met Tom Hale in Oslo.\n');
    writeFileSync(join(dir, 'corpus.yaml'), 'documents:\n  - file: "caf\u00e9.txt"\n    title: The café\n');
    const r = cli('index', dir, '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /missing-file/);
    assert.deepEqual(
      JSON.parse(r.stdout).documents.map((d: { title: string }) => d.title),
      ['The café'],
    );
  });

  test('dates past the year 9999 stay unplaced: ISO fields have four-digit years', () => {
    writeFileSync(join(dir, 'corpus.yaml'), 'documents:\n  - file: a.txt\n    published: "9999-12-31"\n');
    writeFileSync(
      join(dir, 'a.txt'),
      'A\nAnna Berg met Tom Hale yesterday, and will meet him tomorrow and next year.\n',
    );
    const json = JSON.parse(cli('index', dir, '--json').stdout);
    const dates = json.dates.map((d: { text: string; from: string | null }) => `${d.text} ${d.from}`);
    assert.deepEqual(dates, ['yesterday 9999-12-30', 'tomorrow null', 'next year null']);
  });
});
