#!/usr/bin/env node
/**
 * `npm test`: installs what is missing, type-checks, lints, checks the formatting, builds, then runs the unit tests,
 * the integration suite inside a real VS Code (code-server), the end-to-end UI checks and the
 * packaging check. Ends with one line: `N passed, N failed`.
 *
 *   npm test                 everything
 *   npm test -- --unit       only type-check, lint and unit tests (no VS Code)
 */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTestWorkspace } from '../test/runner/workspace.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const unitOnly = process.argv.includes('--unit');
const results = [];

/** Runs a command, echoing its output, and returns its exit code and output. */
function run(name, command, args, env = {}) {
  console.log(`\n━━ ${name}: ${command} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const echo = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** A step that counts as one check. */
async function check(name, command, args) {
  const { code } = await run(name, command, args);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
  return code === 0;
}

/** A step whose own closing line (`label: N passed, M failed`, or mocha's summary) gives the counts. */
async function suite(name, command, args, parse) {
  const { code, output } = await run(name, command, args);
  const counts = parse(output);
  if (!counts) {
    results.push({ name, passed: 0, failed: 1, note: 'no result line' });
    return;
  }
  // a runner that fails without a failing test (crash, time-out) still counts as a failure
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  results.push({ name, ...counts });
}

const closingLine = (label) => (out) => {
  const m = [...out.matchAll(new RegExp(`^${label}: (\\d+) passed, (\\d+) failed`, 'gm'))].pop();
  return m ? { passed: Number(m[1]), failed: Number(m[2]) } : undefined;
};
const mochaSummary = (out) => {
  const passed = /(\d+) passing/.exec(out);
  const failed = /(\d+) failing/.exec(out);
  return passed || failed
    ? { passed: Number(passed?.[1] ?? 0), failed: Number(failed?.[1] ?? 0) }
    : undefined;
};

const deps = spawnSync(
  process.execPath,
  [join(root, 'scripts', 'ensure-deps.mjs'), ...(unitOnly ? [] : ['--vscode'])],
  { cwd: root, stdio: 'inherit' },
);
if (deps.status !== 0) {
  console.log('\n0 passed, 1 failed');
  process.exit(1);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
await check('type-check', bin('tsc'), ['--noEmit', '-p', '.']);
await check('lint', bin('eslint'), ['src', 'test', 'scripts']);
await check('format', bin('prettier'), [
  '--check',
  'src/**/*.ts',
  'test/**/*.{ts,mjs}',
  'scripts/**/*.mjs',
  '*.mjs',
]);
const built = await check('build', process.execPath, ['esbuild.mjs', '--tests']);
if (built) {
  await suite(
    'unit',
    bin('mocha'),
    ['--ui', 'tdd', '--reporter', 'spec', '--timeout', '60000', 'out/test/unit/**/*.test.js'],
    mochaSummary,
  );
  if (!unitOnly) {
    // The suite may edit and add files: it gets a copy of the seeds beside the fixture corpora.
    const workspace = makeTestWorkspace();
    const suiteIndex = join(root, 'out', 'test', 'integration', 'index.js');
    await suite(
      'integration',
      process.execPath,
      ['test/runner/run-integration.mjs', '--workspace', workspace.path, '--tests', suiteIndex],
      closingLine('integration'),
    );
    workspace.dispose();
    // the README's screenshots change only through `npm run screenshots`, never as a side effect of testing
    await suite(
      'e2e',
      process.execPath,
      ['test/runner/run-e2e.mjs', '--screenshots', join(root, '.test-artifacts', 'screenshots')],
      closingLine('e2e'),
    );
    await check('package', 'npm', ['run', '--silent', 'package']);
  }
}

console.log('\n━━ summary');
for (const r of results)
  console.log(
    `  ${r.failed ? '✘' : '✔'} ${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`,
  );
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
