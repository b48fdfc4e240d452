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
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
/** The rows of the Timeline view's pane in the side bar. */
function timelineRows(page) {
  return page
    .locator('.part.sidebar .pane')
    .filter({ has: page.locator('.pane-header', { hasText: /^\s*Timeline/i }) })
    .locator('.monaco-list-row');
}

async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget .quick-input-box input').fill(name);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: name })
    .first()
    .waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
}

/** Runs a palette command by its full title: F1, the title, Enter. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget .quick-input-box input').fill(`>${title}`);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: title })
    .first()
    .waitFor({ timeout: timeoutMs });
  await page.keyboard.press('Enter');
}

/** Widens the side bar by dragging its edge, so long tree rows stay readable. */
async function widenSideBar(page, width) {
  const bar = await page.locator('.part.sidebar').boundingBox();
  const y = bar.y + bar.height / 2;
  await page.mouse.move(bar.x + bar.width - 1, y);
  await page.mouse.down();
  await page.mouse.move(bar.x + width, y, { steps: 5 });
  await page.mouse.up();
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
  return waitFor(
    async () => {
      const box = await wordBox(page, word);
      if (!box) return undefined;
      // A different character each time makes the editor ask the hover providers again.
      await page.mouse.move(box.left + box.width * (attempt++ % 2 ? 0.7 : 0.3), box.y);
      const hover = page.locator('.monaco-hover-content:visible').first();
      await hover.waitFor({ timeout: 2000 });
      const text = (await hover.innerText()).trim();
      return text && !/^Loading/.test(text) ? text : undefined;
    },
    { timeoutMs, intervalMs: 250, what: `a hover on "${word}"` },
  );
}

/** Puts the cursor on `word` in the editor by clicking its middle. */
async function clickWord(page, word) {
  const box = await waitFor(() => wordBox(page, word), { timeoutMs, what: `"${word}" in the editor` });
  await page.mouse.click(box.left + box.width / 2, box.y);
}

/** The computed colour of the first editor token holding `word`, or null. */
function tokenColor(page, word) {
  return page.evaluate((word) => {
    for (const span of document.querySelectorAll(
      '.part.editor .monaco-editor .view-lines .view-line > span > span',
    )) {
      if (span.textContent.includes(word)) return getComputedStyle(span).color;
    }
    return null;
  }, word);
}

/** The checks, in order; each returns what it saw, or throws. */
const checks = [
  {
    name: 'hover on "Lukashenko" shows an entity card of type person',
    async run(page) {
      await quickOpen(page, article);
      const text = await hoverText(page, 'Lukashenko');
      await screenshot(page, 'hover');
      if (!text.includes('Lukashenko') || !/\bperson\b/i.test(text))
        throw new Error(`hover text lacks "Lukashenko" or "person":\n${text}`);
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
  {
    name: 'Peek Definition (Alt+F12) on "Coale" shows his mentions in the other articles',
    async run(page) {
      await quickOpen(page, article);
      await page.keyboard.press('Escape');
      await clickWord(page, 'Coale');
      // editor.action.peekDefinition, as Alt+F12 runs it (the browser keeps Alt+F12 for itself)
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget .quick-input-box input').fill('>Peek Definition');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: /^\s*Peek Definition/ })
        .first()
        .waitFor({ timeout: timeoutMs });
      await page.keyboard.press('Enter');
      const peek = page.locator('.peekview-widget').first();
      const files = await waitFor(
        async () => {
          const rows = await peek.locator('.ref-tree .monaco-list-row').allInnerTexts();
          const names = [...new Set(rows.flatMap((r) => r.match(/\d{3}_[0-9a-f]+\.txt/g) ?? []))];
          return names.length >= 2 ? names : undefined;
        },
        { timeoutMs, what: 'a peek view listing two or more articles' },
      );
      if (files.includes(article))
        throw new Error(`peek lists the article it was asked from: ${files.join(', ')}`);
      // the preview editor renders after the list: wait for it to show the mention
      let preview = '';
      try {
        await waitFor(
          async () => {
            preview = ((await peek.locator('.preview .view-lines').first().textContent()) ?? '').replace(
              /\s+/g,
              ' ',
            );
            return /Coale/.test(preview) || undefined;
          },
          { timeoutMs, what: 'the peek preview to show the mention' },
        );
      } catch {
        throw new Error(`the peek preview does not show the mention: ${preview.slice(0, 200)}`);
      }
      await page.mouse.move(4, 4);
      await screenshot(page, 'peek-definition');
      await page.keyboard.press('Escape');
      return `peek lists: ${files.join(', ')}`;
    },
  },
  {
    name: "the Outline lists the article's people, places and events",
    async run(page) {
      await page.keyboard.press('Control+Shift+E');
      // the folder's file list folds away, so the Outline has room
      const files = page.locator('.part.sidebar .pane-header').first();
      await files.waitFor({ timeout: timeoutMs });
      const fold =
        (await files.getAttribute('aria-expanded')) === 'true' && !/Outline/i.test(await files.innerText());
      if (fold) await files.click();
      const pane = page
        .locator('.part.sidebar .pane')
        .filter({ has: page.locator('.pane-header', { hasText: /^\s*Outline/i }) });
      const header = pane.locator('.pane-header');
      await header.waitFor({ timeout: timeoutMs });
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      const rows = pane.locator('.monaco-list-row');
      // any group row will do: the Outline follows the cursor, so People may be scrolled out of view
      await rows
        .filter({ hasText: /People|Places|Events/ })
        .first()
        .waitFor({ timeout: timeoutMs });
      // every group folded (the list only renders the rows in view), then People opened
      await header.hover();
      await pane.locator('.pane-header .action-label.codicon-collapse-all').click();
      await rows
        .filter({ hasText: 'Alexander Lukashenko' })
        .first()
        .waitFor({ state: 'detached', timeout: timeoutMs });
      const groups = (await rows.locator('.label-name').allTextContents())
        .map((t) => t.trim())
        .filter((t) => /^(People|Organizations|Places|Other names|Events)$/.test(t));
      for (const g of ['People', 'Places', 'Events'])
        if (!groups.includes(g)) throw new Error(`no "${g}" group in the Outline: ${groups.join(', ')}`);
      await rows.filter({ hasText: 'People' }).first().locator('.monaco-tl-twistie').click();
      await rows.filter({ hasText: 'Alexander Lukashenko' }).first().waitFor({ timeout: timeoutMs });
      await page.mouse.move(640, 4);
      await screenshot(page, 'outline');
      if (fold) await files.click();
      return `outline groups: ${groups.join(', ')}`;
    },
  },
  {
    name: 'semantic highlighting colours people and places apart from the text around them',
    async run(page) {
      await quickOpen(page, article);
      const colours = await waitFor(
        async () => {
          const c = {
            person: await tokenColor(page, 'Lukashenko'),
            place: await tokenColor(page, 'Minsk'),
            text: await tokenColor(page, 'isolation'),
          };
          return c.person && c.place && c.text && new Set([c.person, c.place, c.text]).size === 3
            ? c
            : undefined;
        },
        { timeoutMs, what: 'three distinct colours for a person, a place and plain text' },
      );
      await page.mouse.move(640, 4);
      await screenshot(page.locator('.part.editor'), 'semantic-highlighting');
      return `person ${colours.person}, place ${colours.place}, text ${colours.text}`;
    },
  },
  {
    name: 'Corpus: Show Timeline lists events by year and month; a report opens its article at the sentence',
    async run(page) {
      await runCommand(page, 'Corpus: Show Timeline');
      // the Corpus side bar also holds the Entities view: only the Timeline pane's rows count
      const rows = timelineRows(page);
      const level = (n) => rows.and(page.locator(`[aria-level="${n}"]`));
      await level(3).first().waitFor({ timeout: timeoutMs });
      await widenSideBar(page, 600);
      const years = await level(1).locator('.label-name').allInnerTexts();
      const months = await level(2).locator('.label-name').allInnerTexts();
      if (years.length === 0 || !years.every((t) => /^\d{4}$/.test(t)))
        throw new Error(`top rows are not years: ${years.join(' | ')}`);
      if (
        months.length === 0 ||
        !months.every((t) =>
          /^(January|February|March|April|May|June|July|August|September|October|November|December)$/.test(t),
        )
      )
        throw new Error(`second-level rows are not months: ${months.join(' | ')}`);
      const events = level(3);
      const reports = level(4).filter({
        has: page.locator('.codicon-quote, .codicon-warning, .codicon-info'),
      });
      // walk the events with the keyboard (the list renders only the rows in view, so indexes of
      // rendered rows shift as it scrolls): open each, look at its rows, fold it, go to the next
      const focused = rows.and(page.locator('.focused'));
      const takingPart = level(4).filter({ hasText: 'Taking part' });
      await events.first().click();
      let event = focused;
      for (let k = 0; k < 60; k++) {
        await reports.first().waitFor({ timeout: timeoutMs });
        // down through its rows and back: the list scrolls them into view at the pane's foot
        for (let n = 0; n < 4; n++) await page.keyboard.press('ArrowDown');
        for (let n = 0; n < 4; n++) await page.keyboard.press('ArrowUp');
        // an event that several sources report, with its participants (the next check filters by one)
        if ((await reports.count()) >= 2 && (await takingPart.count()) > 0) break;
        await page.keyboard.press('ArrowLeft');
        await reports.first().waitFor({ state: 'detached', timeout: timeoutMs });
        for (let n = 0; n < 10; n++) {
          await page.keyboard.press('ArrowDown');
          if ((await focused.getAttribute('aria-level')) === '3') break;
        }
        await page.keyboard.press('ArrowRight');
      }
      event = rows.and(page.locator('[aria-level="3"][aria-expanded="true"]')).first();
      const summary = (await event.innerText()).replace(/\s+/g, ' ');
      const report = reports.last();
      const reportText = (await report.innerText()).replace(/\s+/g, ' ');
      await report.click();
      const selection = page.locator('.part.editor .monaco-editor .selected-text').first();
      await selection.waitFor({ timeout: timeoutMs });
      await page.mouse.move(640, 4); // no tooltip over the picture
      await waitFor(
        async () => (await page.locator('.monaco-hover:visible, .workbench-hover:visible').count()) === 0,
        { timeoutMs, what: 'tooltips to close' },
      );
      await screenshot(page, 'timeline');
      return `years: ${years.join(', ')}\nmonths: ${months.length}\nevent: ${summary}\nreport opened: ${reportText}`;
    },
  },
  {
    name: 'the Timeline filters by a participant from its row, and Clear Timeline Filter shows every event again',
    async run(page) {
      const rows = timelineRows(page);
      await rows.and(page.locator('[aria-level="4"]')).filter({ hasText: 'Taking part' }).first().click();
      // into the participants and back, so the list scrolls them into view
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      const participant = rows.and(page.locator('[aria-level="5"]')).first();
      const name = (await participant.locator('.label-name').innerText()).trim();
      await participant.hover();
      await participant.locator('.actions .action-label.codicon-filter').click();
      // the view says what it shows, and its title bar offers to clear the filter
      const message = page.locator('.part.sidebar').getByText(`Events with ${name}:`);
      await message.waitFor({ timeout: timeoutMs });
      const said = (await message.innerText()).trim();
      const clear = page.locator('.part.sidebar .action-label.codicon-clear-all').first();
      await clear.waitFor({ timeout: timeoutMs });
      await clear.click();
      await clear.waitFor({ state: 'hidden', timeout: timeoutMs });
      await message.waitFor({ state: 'hidden', timeout: timeoutMs });
      return `filtered by ${name}: “${said}”; cleared`;
    },
  },
  {
    name: 'the Problems panel lists the conflicts of the demo corpus (examples/conflicts); Ctrl+. offers the quick fixes',
    async run() {
      // a session of its own, on a copy of the demo corpus: the seeds session stays as it was
      const folder = mkdtempSync(join(tmpdir().length <= 24 ? tmpdir() : '/tmp', 'cnav-demo-'));
      cpSync(join(repoRoot, 'examples', 'conflicts'), folder, { recursive: true });
      const own = await startSession({
        folder,
        payload: (server) => [
          ['extensionDevelopmentPath', server.remoteUri(args.extension)],
          ['skipWelcome', 'true'],
        ],
        settings: { 'editor.wordWrap': 'on' },
      });
      try {
        const page = own.page;
        await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: timeoutMs });
        await quickOpen(page, 'nordic-ledger.txt');
        await page.keyboard.press('Control+Shift+M');
        const rows = page.locator('.markers-panel .monaco-list-row');
        await rows.filter({ hasText: 'dates this meeting' }).first().waitFor({ timeout: timeoutMs });
        // the conflicts of every article count, not only of the open one (the demo has eleven)
        const warnings = await waitFor(
          async () => {
            const label = (await page.locator('[id="status.problems"]').getAttribute('aria-label')) ?? '';
            return Number(/Warnings: (\d+)/.exec(label)?.[1] ?? 0) >= 11 ? label : undefined;
          },
          { timeoutMs, what: 'eleven warnings in the status bar' },
        );
        // the list shows what fits: scroll to its end, where the open article's conflicts are
        // all articles collapsed to one row each, the open one expanded
        await page.locator('.part.panel .codicon-collapse-all').first().click();
        const ledger = rows.filter({ hasText: 'nordic-ledger.txt' }).first();
        await ledger.locator('.monaco-tl-twistie').click();
        const marker = rows.filter({ hasText: 'dates this meeting March 3' }).first();
        await marker.locator('.monaco-tl-twistie').click();
        await rows
          .filter({ hasText: 'The Harbour Herald: “March 3”' })
          .first()
          .waitFor({ timeout: timeoutMs });
        const files = [
          ...new Set((await rows.allInnerTexts()).flatMap((t) => t.match(/[a-z-]+\.txt/g) ?? [])),
        ];
        const message = (await marker.innerText()).replace(/\s+/g, ' ');
        await page.mouse.move(640, 4);
        await screenshot(page, 'problems');
        await clickWord(page, 'March');
        await page.keyboard.press('Control+.');
        const menu = page.locator('.action-widget');
        await menu.getByText('Not the same event', { exact: false }).first().waitFor({ timeout: timeoutMs });
        const fixes = (await menu.locator('.monaco-list-row').allInnerTexts())
          .map((t) => t.trim())
          .filter(Boolean);
        for (const f of ['Open the other report', 'Not the same event', 'Dismiss this conflict']) {
          if (!fixes.some((t) => t.startsWith(f)))
            throw new Error(`no “${f}” quick fix in: ${fixes.join(' | ')}`);
        }
        await screenshot(page, 'quick-fix');
        await page.keyboard.press('Escape');
        return `status: ${warnings}\narticles in view: ${files.join(', ')}\nmarker: ${message}\nquick fixes: ${fixes.join(' | ')}`;
      } catch (error) {
        await own.page.screenshot({ path: join(artifacts, 'e2e-failure-conflicts.png') }).catch(() => {});
        throw error;
      } finally {
        await own.stop();
        rmSync(folder, { recursive: true, force: true });
      }
    },
  },
];

if (!existsSync(join(args.extension, 'package.json'))) {
  console.error(`run-e2e: no extension at ${args.extension}`);
  process.exit(2);
}
const started = Date.now();
mkdirSync(artifacts, { recursive: true });
for (const old of readdirSync(artifacts).filter((name) => name.startsWith('e2e-')))
  rmSync(join(artifacts, old));
const session = await startSession({
  folder: resolve(args.folder),
  payload: (server) => [
    ['extensionDevelopmentPath', server.remoteUri(args.extension)],
    ['skipWelcome', 'true'],
  ],
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
      await session.page
        .screenshot({ path: join(artifacts, `e2e-failure-${index + 1}.png`) })
        .catch(() => {});
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
