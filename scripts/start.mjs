#!/usr/bin/env node
/**
 * `npm start`: installs what is missing, builds and packages the extension, installs the .vsix
 * into a local code-server (a real VS Code in the browser) and opens the seeds there, until Ctrl+C.
 *
 *   npm start                     http://127.0.0.1:8080/?folder=<repo>/seeds
 *   PORT=9000 npm start           another port
 *   npm start -- <folder>         another corpus folder
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = resolve(process.argv[2] ?? join(root, 'seeds'));
const port = Number(process.env.PORT ?? 8080);
const codeServer = join(
  root,
  'test',
  'vscode-server',
  'node_modules',
  'code-server',
  'out',
  'node',
  'entry.js',
);
const state = join(root, '.test-artifacts', 'start');

function step(what, command, args, options = {}) {
  console.log(`▸ ${what}`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (r.status !== 0) {
    console.error(`npm start: ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

if (!existsSync(folder)) {
  console.error(`npm start: no such folder: ${folder}`);
  process.exit(2);
}
step('installing what is missing', process.execPath, [join(root, 'scripts', 'ensure-deps.mjs'), '--vscode']);
step('building and packaging the extension', 'npm', ['run', '--silent', 'package']);

const dirs = {
  data: join(state, 'data'),
  ext: join(state, 'extensions'),
  home: join(state, 'home'),
  tmp: join(state, 'tmp'),
};
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
mkdirSync(join(dirs.data, 'User'), { recursive: true });
const settings = join(dirs.data, 'User', 'settings.json');
if (!existsSync(settings))
  writeFileSync(
    settings,
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'security.workspace.trust.enabled': false,
        'git.openRepositoryInParentFolders': 'never',
      },
      null,
      2,
    ),
  );
const env = { ...process.env, HOME: dirs.home, TMPDIR: dirs.tmp, EXTENSIONS_GALLERY: '{}' };
const common = ['--user-data-dir', dirs.data, '--extensions-dir', dirs.ext];
step(
  'installing the .vsix into code-server',
  process.execPath,
  [codeServer, ...common, '--install-extension', join(root, 'corpus-navigator.vsix'), '--force'],
  { env },
);

const child = spawn(
  process.execPath,
  [
    codeServer,
    ...common,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--ignore-last-opened',
  ],
  { env, stdio: ['ignore', 'pipe', 'inherit'] },
);
child.stdout.on('data', (chunk) => {
  if (/HTTP server listening/.test(String(chunk))) {
    console.log(
      `\nCorpus Navigator is running in VS Code (code-server). Open this address in a browser:\n\n    http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}\n\nPress Ctrl+C to stop.`,
    );
  }
});
// Ctrl+C reaches code-server too (same process group); a SIGTERM to us is passed on.
const stop = () => {
  try {
    child.kill('SIGTERM');
  } catch {
    /* already gone */
  }
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('exit', stop);
child.on('exit', (code) => process.exit(code ?? 0));
