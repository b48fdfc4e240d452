#!/usr/bin/env node
/**
 * Installs what the real-VS-Code checks need, offline (the "testing inside a real VS Code" notes):
 * Debian's chromium and ripgrep plus the headers code-server's native modules build against,
 * then code-server and playwright-core into test/vscode-server, apart from the extension's
 * own dependencies. Idempotent: when everything is in place it only checks and returns.
 *
 *   node scripts/install-vscode-server.mjs
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const serverDir = join(root, 'test', 'vscode-server');
const marker = join(serverDir, 'node_modules', '.corpus-nav-installed');
const logFile = join(root, '.test-artifacts', 'install-vscode-server.log');

/** Commands the checks need, each with the Debian package that provides it. */
const tools = [
  ['chromium', 'chromium'],
  ['rg', 'ripgrep'],
  ['krb5-config', 'libkrb5-dev'],
  ['pkg-config', 'pkg-config'],
  ['g++', 'build-essential'],
  ['make', 'build-essential'],
  ['python3', 'python3'],
];

/** Where @vscode/ripgrep's install step looks before it tries to download its binary. */
const ripgrepCache = join(
  tmpdir(),
  'vscode-ripgrep-cache-1.15.11',
  'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz',
);

/** Node's install prefix; it ships the headers native modules compile against (include/node). */
const nodePrefix = dirname(dirname(process.execPath));

/** The environment code-server's nested install needs when run as root by npm 11, offline. */
const npmEnv = {
  ...process.env,
  npm_config_unsafe_perm: 'true',
  npm_config_yes: 'true',
  npm_config_dangerously_allow_all_scripts: 'true',
  // Without a nodedir, node-gyp downloads the headers from nodejs.org, which is out of reach.
  ...(!process.env.npm_config_nodedir && existsSync(join(nodePrefix, 'include', 'node', 'node_version.h'))
    ? { npm_config_nodedir: nodePrefix }
    : {}),
};

const started = Date.now();
let logStarted = false;
const step = (message) => console.log(`[install-vscode-server] ${message}`);

/** The executable `command` resolves to on PATH, if any. */
function which(command) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, command);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Runs a command with its output appended to the log; on failure shows the log's tail and exits. */
function run(command, args, options = {}) {
  mkdirSync(dirname(logFile), { recursive: true });
  writeFileSync(logFile, `$ ${command} ${args.join(' ')}\n`, { flag: logStarted ? 'a' : 'w' });
  logStarted = true;
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  writeFileSync(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`, { flag: 'a' });
  if (result.status !== 0) {
    const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-40).join('\n');
    console.error(tail);
    step(
      `failed: ${command} ${args.join(' ')} (${result.error?.message ?? `exit ${result.status}`}); full log: ${logFile}`,
    );
    process.exit(1);
  }
}

function installDebianPackages() {
  const missing = tools.filter(([command]) => !which(command));
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map(([, pkg]) => pkg))];
  if (process.getuid?.() !== 0) {
    console.error(
      `[install-vscode-server] missing ${missing.map(([command]) => command).join(', ')}; as root, run:\n` +
        `  apt-get update && apt-get install -y ${packages.join(' ')}`,
    );
    process.exit(1);
  }
  step(`apt-get install ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', ...packages], { env });
}

/** Puts Debian's rg where @vscode/ripgrep looks first, so its install never goes online. */
function prepareRipgrepCache() {
  if (existsSync(ripgrepCache)) return;
  step(`ripgrep cache ${ripgrepCache}`);
  const staging = mkdtempSync(join(tmpdir(), 'rg-'));
  try {
    copyFileSync(which('rg'), join(staging, 'rg'));
    mkdirSync(dirname(ripgrepCache), { recursive: true });
    run('tar', ['-czf', ripgrepCache, '-C', staging, 'rg']);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Identifies one install: the manifest, the lockfile and the Node ABI the native modules target. */
function fingerprint() {
  const hash = createHash('sha256').update(process.versions.modules);
  for (const name of ['package.json', 'package-lock.json']) {
    const file = join(serverDir, name);
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function installNodePackages() {
  const wanted = fingerprint();
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return;
  prepareRipgrepCache();
  const command = existsSync(join(serverDir, 'package-lock.json')) ? 'ci' : 'install';
  step(`npm ${command} in test/vscode-server (builds native modules, 1–2 min)`);
  run('npm', [command, '--no-fund', '--no-audit'], { cwd: serverDir, env: npmEnv });
  if (!existsSync(join(serverDir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules'))) {
    step(`code-server's postinstall did not run; full log: ${logFile}`);
    process.exit(1);
  }
  writeFileSync(marker, fingerprint());
}

installDebianPackages();
installNodePackages();
step(`ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
