#!/usr/bin/env node
/**
 * Runs a compiled mocha suite inside a real VS Code's extension host (code-server + Chromium),
 * streams its output and ends with one line, `integration: N passed, M failed`.
 * Exits non-zero when a test failed, when no test ran, or on a time-out.
 *
 *   node test/runner/run-integration.mjs --workspace <folder> --tests <abs path to suite index.js>
 *        [--extension <extension folder, default: repo root>] [--timeout <seconds, default 180>]
 *        [--verbose: also print the workbench's own log lines]
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { format, parseArgs } from 'node:util';
import { repoRoot, startSession } from './code-server.mjs';

const { values: args } = parseArgs({
  options: {
    workspace: { type: 'string' },
    tests: { type: 'string' },
    extension: { type: 'string', default: repoRoot },
    timeout: { type: 'string', default: '180' },
    verbose: { type: 'boolean', default: false },
  },
});
for (const [name, file] of [
  ['workspace', args.workspace],
  ['tests', args.tests],
  ['extension', args.extension && join(args.extension, 'package.json')],
]) {
  if (!file || !existsSync(file)) {
    console.error(`run-integration: --${name} ${file ? `${file} does not exist` : 'is required'}`);
    process.exit(2);
  }
}
const timeoutMs = Number(args.timeout) * 1000;
const artifacts = join(repoRoot, '.test-artifacts', 'integration');
const started = Date.now();

let result;
let finish;
const exited = new Promise((done) => {
  finish = done;
});

/** Routine workbench lines that share the automation log with the extension host's output. */
const workbenchChatter =
  /^(Resolv(ing|ed) connection token|Creating a socket|Ignoring fetching additional builtin|Updating additional builtin|\[Service Worker\]|ChatSessionStore:|Creation of workbench contribution)/;

/** Prints extension-host lines as they arrive and picks out the suite's closing result line. */
function onLog(level, parts) {
  for (const line of format(...parts).split('\n')) {
    const match = /CORPUS_NAV_RESULT (\{.*\})/.exec(line);
    if (match) result = JSON.parse(match[1]);
    else if (args.verbose || !workbenchChatter.test(line))
      console.log(level === 'info' ? line : `[${level}] ${line}`);
  }
}

/** The workbench reports the end of the run with an exit code and its log files. */
function onExit(code, logs = []) {
  rmSync(artifacts, { recursive: true, force: true });
  for (const { relativePath, contents } of logs) {
    const file = join(artifacts, 'logs', relativePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
  finish(code);
}

const session = await startSession({
  folder: resolve(args.workspace),
  payload: (server) => [
    ['extensionDevelopmentPath', server.remoteUri(args.extension)],
    ['extensionTestsPath', server.remoteUri(args.tests)],
    ['skipWelcome', 'true'],
  ],
  onLog,
  onExit,
}).catch((error) => {
  console.log(`integration: could not start VS Code: ${error.message}`);
  process.exit(1);
});

let timer;
const code = await Promise.race([
  exited,
  new Promise((done) => {
    timer = setTimeout(() => done('timeout'), timeoutMs);
  }),
]);
clearTimeout(timer);
if (code === 'timeout') {
  mkdirSync(artifacts, { recursive: true });
  await session.page.screenshot({ path: join(artifacts, 'timeout.png') }).catch(() => {});
}
await session.stop();

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (code === 'timeout') {
  console.log(
    `integration: timed out after ${args.timeout} s (screenshot: ${join(artifacts, 'timeout.png')})`,
  );
  process.exit(1);
}
if (!result) {
  console.log(
    `integration: no result line; did the suite load? (exit code ${code}, logs: ${artifacts}, ${seconds} s)`,
  );
  process.exit(1);
}
console.log(`integration: ${result.passed} passed, ${result.failed} failed (${seconds} s)`);
process.exit(code === 0 && result.failed === 0 && result.passed > 0 ? 0 : 1);
