#!/usr/bin/env node
/**
 * End-to-end check of the timeline chart: opens it (Corpus: Open Timeline Chart) on the seeds and
 * on the demo corpus (examples/conflicts), in a light and a dark theme, reads the drawn events
 * from the webview's DOM (nested iframes), hovers one for its sentence, and saves screenshots.
 * Ends with `chart-e2e: N passed, M failed`.
 *
 *   node test/runner/run-chart-e2e.mjs [--screenshots <folder, default: docs/screenshots>] [--timeout <s, 60>]
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, stripVTControlCharacters } from 'node:util';
import { repoRoot, startSession, waitFor } from './code-server.mjs';

const { values: args } = parseArgs({
  options: {
    screenshots: { type: 'string', default: join(repoRoot, 'docs', 'screenshots') },
    timeout: { type: 'string', default: '60' },
  },
});
const timeoutMs = Number(args.timeout) * 1000;
const artifacts = join(repoRoot, '.test-artifacts');
mkdirSync(artifacts, { recursive: true });

/** The webview frame holding the chart (webviews sit two iframes deep), once it has drawn marks. */
async function chartFrame(page) {
  return waitFor(
    async () => {
      for (const frame of page.frames()) {
        const n = await frame
          .locator('#scroller g.mark')
          .count()
          .catch(() => 0);
        if (n > 0) return frame;
      }
      return undefined;
    },
    { timeoutMs, intervalMs: 250, what: 'the timeline chart to draw its events' },
  );
}

const cases = [
  { name: 'seeds', folder: join(repoRoot, 'seeds'), minEvents: 3 },
  { name: 'demo', folder: join(repoRoot, 'examples', 'conflicts'), minEvents: 5, conflicts: true },
];
const themes = [
  ['light', 'Default Light Modern'],
  ['dark', 'Default Dark Modern'],
];

let passed = 0;
let failed = 0;
for (const c of cases) {
  for (const [theme, colorTheme] of themes) {
    const name = `chart ${c.name} (${theme})`;
    const folder = mkdtempSync(join(tmpdir().length <= 24 ? tmpdir() : '/tmp', 'cnav-chart-'));
    cpSync(c.folder, folder, { recursive: true });
    let session;
    try {
      session = await startSession({
        folder,
        payload: (server) => [
          ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
          ['skipWelcome', 'true'],
        ],
        settings: { 'workbench.colorTheme': colorTheme },
      });
      const page = session.page;
      await page.locator('.monaco-workbench .part.statusbar').waitFor({ timeout: timeoutMs });
      // the status bar names the corpus once it is indexed
      await page
        .locator('.part.statusbar .statusbar-item', { hasText: /Corpus: \d+ articles/ })
        .first()
        .waitFor({ timeout: timeoutMs });
      const started = Date.now();
      await page.keyboard.press('F1');
      await page.locator('.quick-input-widget .quick-input-box input').fill('>Corpus: Open Timeline Chart');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'Open Timeline Chart' })
        .first()
        .waitFor({ timeout: timeoutMs });
      await page.keyboard.press('Enter');
      const frame = await chartFrame(page);
      const opened = Date.now() - started;
      const drawn = await frame.evaluate(() => {
        const marks = [...document.querySelectorAll('#scroller g.mark')];
        return {
          events: new Set(marks.map((g) => g.getAttribute('data-event'))).size,
          reports: marks.length,
          conflicts: marks.filter((g) => g.classList.contains('conflict-warning')).length,
          links: document.querySelectorAll('#scroller path.link').length,
          lanes: [...document.querySelectorAll('#scroller .lane-label')].map((t) => t.textContent),
          status: document.getElementById('status')?.textContent ?? '',
          // the CDN check: nothing but the extension's own resources was loaded
          resources: performance.getEntriesByType('resource').map((r) => r.name),
        };
      });
      if (drawn.events < c.minEvents) throw new Error(`only ${drawn.events} events drawn`);
      if (c.conflicts && drawn.conflicts === 0) throw new Error('no report drawn in the warning colour');
      const remote = drawn.resources.filter(
        (u) =>
          !/^(https?:\/\/(127\.0\.0\.1|localhost)|https:\/\/[^/]*\.vscode-resource\.vscode-cdn\.net\/|vscode-|data:|blob:)/.test(
            u,
          ),
      );
      if (remote.length > 0) throw new Error(`remote resources: ${remote.join(', ')}`);
      // hover a mark: its sentence arrives as text
      const mark = frame
        .locator('#scroller g.mark circle[r]:not([r="0"]), #scroller g.mark rect:not([width="0"])')
        .first();
      await mark.hover({ force: true });
      const tip = frame.locator('#tooltip');
      const sentence = await waitFor(
        async () => {
          const t =
            (await tip
              .locator('.sentence')
              .first()
              .textContent()
              .catch(() => '')) ?? '';
          return t.length > 10 && t !== '…' ? t : undefined;
        },
        { timeoutMs, what: 'the hover to show a sentence' },
      );
      const shot = join(artifacts, `chart-${c.name}-${theme}.png`);
      await page.screenshot({ path: shot, animations: 'disabled' });
      mkdirSync(args.screenshots, { recursive: true });
      copyFileSync(shot, join(args.screenshots, `chart-${c.name}-${theme}.png`));
      // keyboard: the next event is selected
      await frame.locator('#scroller').focus();
      await page.keyboard.press('ArrowRight');
      await frame.locator('#scroller g.mark.selected').first().waitFor({ timeout: timeoutMs });
      passed++;
      console.log(
        `✔ ${name}: opened in ${opened} ms; ${drawn.events} events, ${drawn.reports} marks, ${drawn.conflicts} conflicting, ${drawn.links} links; lanes ${drawn.lanes.join(' | ')}\n    ${drawn.status}\n    hover: ${sentence.slice(0, 120)}`,
      );
    } catch (error) {
      failed++;
      console.log(`✘ ${name}\n    ${stripVTControlCharacters(String(error.message ?? error))}`);
      await session?.page
        .screenshot({ path: join(artifacts, `chart-failure-${c.name}-${theme}.png`) })
        .catch(() => {});
    } finally {
      await session?.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  }
}
console.log(`chart-e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
