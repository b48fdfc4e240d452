#!/usr/bin/env node
/**
 * End-to-end check of what a person sees: opens the seed corpus in a real VS Code
 * (code-server + Chromium) with the extension under development, runs a table of UI checks and
 * ends with one line, `e2e: N passed, M failed`. Exits non-zero on failure. Screenshots land in
 * .test-artifacts (e2e-*.png, failures too) and, for passing checks, in --screenshots.
 *
 *   node test/runner/run-e2e.mjs [--extension <folder, default: repo root>] [--folder <default: seeds>]
 *        [--screenshots <folder, default: docs/screenshots>] [--timeout <seconds per check, default 60>]
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { repoRoot, startSession, waitFor } from './code-server.mjs';

const { values: args } = parseArgs({
  options: {
    extension: { type: 'string', default: repoRoot },
    folder: { type: 'string', default: join(repoRoot, 'seeds') },
    screenshots: { type: 'string', default: join(repoRoot, 'docs', 'screenshots') },
    timeout: { type: 'string', default: '60' },
  },
});
const timeoutMs = Number(args.timeout) * 1000;
const artifacts = join(repoRoot, '.test-artifacts');
const article = '003_e4f82bba94b819c4.txt';

/** Screenshots of the running check, copied to --screenshots only if the check passes. */
const shots = [];

/** Saves a screenshot under .test-artifacts as e2e-<name>.png. */
async function screenshot(target, name) {
  const file = join(artifacts, `e2e-${name}.png`);
  await target.screenshot({ path: file, animations: 'disabled' });
  shots.push([file, `${name}.png`]);
}

function publishScreenshots() {
  mkdirSync(args.screenshots, { recursive: true });
  for (const [file, name] of shots.splice(0)) copyFileSync(file, join(args.screenshots, name));
}

/** Opens a workspace file the way a person does: Ctrl+P, its name, Enter. */
async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget .quick-input-box input').fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
}

/** Where `word` first shows in the visible editor lines (left, width, vertical middle), if it does. */
function wordBox(page, word) {
  return page.evaluate((word) => {
    for (const line of document.querySelectorAll('.part.editor .monaco-editor .view-lines .view-line')) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.data.indexOf(word);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + word.length);
        const { left, top, width, height } = range.getBoundingClientRect();
        return { left, width, y: top + height / 2 };
      }
    }
    return null;
  }, word);
}

/** Moves the mouse onto `word` until an editor hover with text shows (the extension may still be activating). */
async function hoverText(page, word) {
  let attempt = 0;
  return waitFor(async () => {
    const box = await wordBox(page, word);
    if (!box) return undefined;
    // A different character each time makes the editor ask the hover providers again.
    await page.mouse.move(box.left + box.width * (attempt++ % 2 ? 0.7 : 0.3), box.y);
    const hover = page.locator('.monaco-hover-content:visible').first();
    await hover.waitFor({ timeout: 2000 });
    const text = (await hover.innerText()).trim();
    return text && !/^Loading/.test(text) ? text : undefined;
  }, { timeoutMs, intervalMs: 250, what: `a hover on "${word}"` });
}

/** The checks, in order; each returns what it saw, or throws. */
const checks = [
  {
    name: 'hover on "Lukashenko" shows an entity card of type person',
    async run(page) {
      await quickOpen(page, article);
      const text = await hoverText(page, 'Lukashenko');
      await screenshot(page, 'hover');
      if (!text.includes('Lukashenko') || !/\bperson\b/i.test(text)) throw new Error(`hover text lacks "Lukashenko" or "person":\n${text}`);
      return `hover text:\n${text}`;
    },
  },
  {
    name: 'status bar has an item starting with "Corpus:"',
    async run(page) {
      const item = page.locator('.part.statusbar .statusbar-item', { hasText: /^\s*Corpus:/ }).first();
      await item.waitFor({ timeout: timeoutMs });
      await screenshot(page.locator('.part.statusbar'), 'status');
      return `status item: ${(await item.innerText()).trim()}`;
    },
  },
];

if (!existsSync(join(args.extension, 'package.json'))) {
  console.error(`run-e2e: no extension at ${args.extension}`);
  process.exit(2);
}
const started = Date.now();
mkdirSync(artifacts, { recursive: true });
for (const old of readdirSync(artifacts).filter((name) => name.startsWith('e2e-'))) rmSync(join(artifacts, old));
const session = await startSession({
  folder: resolve(args.folder),
  payload: (server) => [['extensionDevelopmentPath', server.remoteUri(args.extension)], ['skipWelcome', 'true']],
  // Long article lines wrap so every word stays inside the window.
  settings: { 'editor.wordWrap': 'on' },
}).catch((error) => {
  console.log(`e2e: could not start VS Code: ${error.message}`);
  process.exit(1);
});
let passed = 0;
let failed = 0;
try {
  await session.page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: timeoutMs });
  for (const [index, check] of checks.entries()) {
    try {
      const detail = await check.run(session.page);
      publishScreenshots();
      passed++;
      console.log(`✔ ${check.name}\n${detail.replace(/^/gm, '    ')}`);
    } catch (error) {
      failed++;
      shots.length = 0;
      console.log(`✘ ${check.name}\n${stripVTControlCharacters(error.message).replace(/^/gm, '    ')}`);
      await session.page.screenshot({ path: join(artifacts, `e2e-failure-${index + 1}.png`) }).catch(() => {});
    }
  }
} catch (error) {
  failed = checks.length - passed;
  console.log(`✘ workbench did not load: ${stripVTControlCharacters(error.message)}`);
} finally {
  await session.stop();
}
console.log(`e2e: ${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failed === 0 ? 0 : 1);
