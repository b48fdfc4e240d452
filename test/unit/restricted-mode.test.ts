/**
 * Restricted mode (issue 8): the manifest declares what the extension does in an untrusted
 * workspace, and the code that writes files keeps that promise.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

interface Manifest {
  capabilities?: {
    untrustedWorkspaces?: {
      supported?: boolean | 'limited';
      description?: string;
      restrictedConfigurations?: string[];
    };
  };
  contributes: { configuration: { properties: Record<string, { scope?: string }> } };
}

suite('restricted mode', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

  test('the manifest declares limited support in untrusted workspaces, with a description', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.match(untrusted.description ?? '', /restricted mode/i);
  });

  test('settings that make the extension read other folders ignore workspace values in restricted mode', () => {
    // A hostile workspace's .vscode/settings.json could otherwise point the extension at any folder.
    const restricted = manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];
    const folderSettings = Object.keys(manifest.contributes.configuration.properties).filter((k) =>
      /folder|path|dir/i.test(k),
    );
    assert.ok(folderSettings.length > 0);
    for (const key of folderSettings)
      assert.ok(restricted.includes(key), `${key} is a restricted configuration`);
  });

  test('every source file that writes to the workspace checks workspace trust', () => {
    const dir = join(ROOT, 'src', 'vscode');
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts'));
    const writers = files.filter((f) =>
      /\bfs\.(?:writeFile|rename|delete|createDirectory|copy)\(|\bapplyEdit\(/.test(
        readFileSync(join(dir, f), 'utf8'),
      ),
    );
    for (const f of writers)
      assert.match(
        readFileSync(join(dir, f), 'utf8'),
        /workspace\.isTrusted/,
        `${f} writes, so it checks workspace.isTrusted`,
      );
  });
});
