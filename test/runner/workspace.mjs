/**
 * The integration suite's workspace: a temporary folder with a copy of seeds/ beside the fixture
 * corpora of test/fixtures and the demo corpus examples/conflicts, so tests may edit and add
 * files without touching the repository.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Creates the workspace; `dispose()` removes it. */
export function makeTestWorkspace() {
  const path = mkdtempSync(join(tmpdir(), 'cnav-ws-'));
  cpSync(join(root, 'seeds'), join(path, 'seeds'), { recursive: true });
  cpSync(join(root, 'test', 'fixtures'), path, { recursive: true });
  // the demo corpus of conflicting reports; its one copy lives in examples/
  cpSync(join(root, 'examples', 'conflicts'), join(path, 'conflicts'), { recursive: true });
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}
