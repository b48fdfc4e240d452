/**
 * Entry point of the integration suite inside VS Code's extension host (`extensionTestsPath`).
 * Runs every compiled `*.test.js` beside this file with mocha's tdd interface and ends with one
 * machine-readable line, `CORPUS_NAV_RESULT {"passed":N,"failed":M}`, that the runners parse.
 */
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const { EVENT_TEST_PASS, EVENT_TEST_FAIL } = Mocha.Runner.constants;

/** Runs the suite; rejects when a test or hook failed, or when no test ran at all. */
export function run(): Promise<void> {
  // Timeouts guard against hangs only: the first index of a corpus can take half a minute on a loaded machine.
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 120_000, reporter: 'spec' });
  for (const file of readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort()) {
    mocha.addFile(join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    try {
      mocha
        .run(() => {
          console.log(`CORPUS_NAV_RESULT ${JSON.stringify({ passed, failed })}`);
          if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
          else if (passed === 0) reject(new Error('no integration test ran'));
          else resolve();
        })
        .on(EVENT_TEST_PASS, () => passed++)
        // Also counts failing hooks, which skip their tests without a test failure of their own.
        .on(EVENT_TEST_FAIL, () => failed++);
    } catch (error) {
      // A test file that throws while loading never reaches the reporter.
      console.error(error);
      console.log(`CORPUS_NAV_RESULT ${JSON.stringify({ passed, failed: failed + 1 })}`);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
