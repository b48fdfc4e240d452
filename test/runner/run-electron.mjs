#!/usr/bin/env node
/**
 * The standard launcher, for contributors with a network: runs the same integration suite in
 * desktop VS Code downloaded by @vscode/test-electron (2.x). On the offline machines of this
 * project use run-integration.mjs (code-server) instead; `npm test` does.
 *
 *   node esbuild.mjs --tests && node test/runner/run-electron.mjs
 */
import { runTests } from '@vscode/test-electron';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTestWorkspace } from './workspace.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const workspace = makeTestWorkspace();
try {
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [workspace.path, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
  });
} catch (error) {
  console.error(`integration (electron) failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  workspace.dispose();
}
