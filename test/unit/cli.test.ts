import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
