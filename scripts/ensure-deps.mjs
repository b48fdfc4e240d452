#!/usr/bin/env node
/**
 * Installs what is missing, so `npm test` and `npm start` work on a fresh clone:
 * the extension's own packages (npm ci, when node_modules is absent or older than the lockfile),
 * and with --vscode also code-server, Chromium and their system packages (scripts/install-vscode-server.mjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`ensure-deps: \`${command} ${args.join(' ')}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

const installed = join(root, 'node_modules', '.package-lock.json');
if (
  !existsSync(installed) ||
  statSync(installed).mtimeMs < statSync(join(root, 'package-lock.json')).mtimeMs
) {
  console.log("ensure-deps: installing the extension's packages (npm ci)…");
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
if (process.argv.includes('--vscode'))
  run(process.execPath, [join(root, 'scripts', 'install-vscode-server.mjs')]);
