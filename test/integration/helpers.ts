/** Shared steps of the integration tests: activation, the workspace's corpora, waiting with a deadline. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'corpus-navigator.corpus-navigator';

export interface Api {
  whenIdle(): Promise<void>;
}

/** Activates the extension and waits until every corpus is indexed. */
export async function activate(): Promise<Api> {
  const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  const api = await ext.activate();
  await api.whenIdle();
  return api;
}

/** The URI of a file in the test workspace (seeds/ and the fixture corpora side by side). */
export function fileUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

/** Polls until `probe` returns a value, or fails after the deadline. Never a blind sleep. */
export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      assert.fail(`timed out after ${Math.round((Date.now() - started) / 1000)} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The position of the n-th occurrence (0-based) of `needle` in a document, plus `delta` characters. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 1, nth = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = doc.getText().indexOf(needle, at + 1);
  assert.ok(at >= 0, `"${needle}" occurs in ${doc.uri.path}`);
  return doc.positionAt(at + delta);
}

/** Hover text at a position, all contents joined. */
export async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    uri,
    position,
  );
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')))
    .join('\n');
}
