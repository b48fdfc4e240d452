/**
 * Runs a real VS Code for our checks, offline: code-server on a free 127.0.0.1 port with a
 * throw-away home and profile, opened in Debian's Chromium through playwright-core.
 * Shared by run-integration.mjs and run-e2e.mjs, following the "testing inside a real VS Code" notes.
 * Install the pieces first with `node scripts/install-vscode-server.mjs`.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The extension's repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const serverModules = join(repoRoot, 'test', 'vscode-server', 'node_modules');
const codeServerEntry = join(serverModules, 'code-server', 'out', 'node', 'entry.js');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** User settings that keep the workbench quiet and quick for automation. */
export const defaultSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.hover.delay': 100,
  // code-server saves after a second by default in the browser: unsaved edits in tests must stay unsaved
  'files.autoSave': 'off',
  'editor.minimap.enabled': false,
};

/** Chromium flags that keep the browser on this machine. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** Resolves a promise-returning check to its first truthy value, or throws after `timeoutMs`. */
export async function waitFor(check, { timeoutMs, intervalMs = 100, what = 'condition' }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  for (;;) {
    const value = await check().catch((error) => {
      lastError = error;
    });
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`,
      );
    }
    await new Promise((done) => setTimeout(done, intervalMs));
  }
}

/** A short parent for scratch folders: socket paths must stay under 108 characters. */
function scratchRoot() {
  return tmpdir().length <= 24 ? tmpdir() : '/tmp';
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Whether a process group still has a live member; zombies only wait for a parent to reap them. */
function groupAlive(pgid) {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z' && Number(pgrp) === pgid) return true;
    } catch {
      // the process ended while we looked
    }
  }
  return false;
}

/** Kills every member of a process group at once. */
function killGroup(pgid) {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Starts code-server in its own process group and waits until it answers.
 * Returns the port, helpers that build `vscode-remote://` URIs and the workbench URL, and stop().
 */
export async function startCodeServer({ settings = {}, log = () => {} } = {}) {
  if (!existsSync(codeServerEntry)) {
    throw new Error('code-server is not installed; run `node scripts/install-vscode-server.mjs`');
  }
  const base = mkdtempSync(join(scratchRoot(), 'cnav-'));
  const dirs = Object.fromEntries(['home', 'data', 'ext', 'tmp'].map((name) => [name, join(base, name)]));
  for (const dir of Object.values(dirs)) mkdirSync(dir);
  mkdirSync(join(dirs.data, 'User'));
  writeFileSync(
    join(dirs.data, 'User', 'settings.json'),
    JSON.stringify({ ...defaultSettings, ...settings }, null, 2),
  );

  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      codeServerEntry,
      '--auth',
      'none',
      '--bind-addr',
      authority,
      '--user-data-dir',
      dirs.data,
      '--extensions-dir',
      dirs.ext,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    {
      detached: true, // own process group, so stop() reaches the extension host and every helper
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        HOME: dirs.home,
        TMPDIR: dirs.tmp,
        XDG_CONFIG_HOME: join(dirs.home, '.config'),
        XDG_DATA_HOME: join(dirs.home, '.local', 'share'),
        XDG_CACHE_HOME: join(dirs.home, '.cache'),
        EXTENSIONS_GALLERY: '{}',
      },
    },
  );
  let output = '';
  const collect = (chunk) => {
    output += chunk;
    for (const line of String(chunk).split('\n')) if (line.trim()) log(line);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  // A runner that dies mid-way must not leave the server behind.
  const killOnExit = () => killGroup(child.pid);
  process.once('exit', killOnExit);

  async function stop() {
    process.removeListener('exit', killOnExit);
    // Nothing in a throw-away server is worth a graceful shutdown, which takes seconds.
    killGroup(child.pid);
    await waitFor(async () => !groupAlive(child.pid), { timeoutMs: 5000, what: 'code-server to stop' });
    rmSync(base, { recursive: true, force: true });
  }

  try {
    await waitFor(async () => exited || (await fetch(`http://${authority}/healthz`)).ok, {
      timeoutMs: 30_000,
      what: 'code-server to answer',
    });
    if (exited) throw new Error(`code-server exited early:\n${output}`);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    port,
    authority,
    /** The URI under which the server's extension host sees a local absolute path. */
    remoteUri: (path) => `vscode-remote://${authority}${pathToFileURL(resolve(path)).pathname}`,
    /** The workbench URL opening `folder`, with `payload` as [name, value] pairs. */
    workbenchUrl: (folder, payload = []) =>
      `http://${authority}/?folder=${encodeURIComponent(resolve(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    stop,
  };
}

/** Launches headless Chromium with a fresh profile and home; close() removes both. */
export async function launchChromium({ viewport = { width: 1280, height: 800 } } = {}) {
  const { chromium } = createRequire(join(serverModules, 'noop.js'))('playwright-core');
  const base = mkdtempSync(join(scratchRoot(), 'cnav-chrome-'));
  const remove = () => rmSync(base, { recursive: true, force: true });
  const context = await chromium
    .launchPersistentContext(join(base, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport,
      env: { ...process.env, HOME: base }, // crash reports and the like stay in the scratch folder
    })
    .catch((error) => {
      remove();
      throw error;
    });
  return {
    context,
    close: async () => {
      await context.close();
      remove();
    },
  };
}

/**
 * Loads the workbench for `folder` with `payload` in the browser's page. `onLog(level, parts)`
 * receives the workbench's automation log (the extension host's console lines among them);
 * `onExit(code, logs)` is called when an extension test run has ended.
 */
export async function openWorkbench(browser, server, { folder, payload = [], onLog, onExit }) {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  if (onLog) await page.exposeFunction('codeAutomationLog', (level, parts) => onLog(level, parts));
  if (onExit) await page.exposeFunction('codeAutomationExit', (code, logs) => onExit(code, logs));
  await page.goto(server.workbenchUrl(folder, payload), { waitUntil: 'domcontentloaded' });
  return page;
}

/**
 * Starts code-server and Chromium side by side and opens the workbench. `payload` may be a
 * function of the server (for `remoteUri`). stop() closes the browser, then the server.
 */
export async function startSession({ folder, payload = [], settings, onLog, onExit, serverLog }) {
  const [server, browser] = await Promise.allSettled([
    startCodeServer({ settings, log: serverLog }),
    launchChromium(),
  ]);
  const stop = async () => {
    await browser.value?.close().catch(() => {});
    await server.value?.stop();
  };
  try {
    if (server.status === 'rejected') throw server.reason;
    if (browser.status === 'rejected') throw browser.reason;
    const resolvedPayload = typeof payload === 'function' ? payload(server.value) : payload;
    const page = await openWorkbench(browser.value, server.value, {
      folder,
      payload: resolvedPayload,
      onLog,
      onExit,
    });
    return { server: server.value, page, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
