import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../src/vscode/commands';
import { activate, eventually, fileUri, positionOf, type Api } from './helpers';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const read = async (uri: vscode.Uri): Promise<string> =>
  new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

async function definitionFiles(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const links = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
    'vscode.executeDefinitionProvider',
    uri,
    position,
  );
  return links.map((l) => ('targetUri' in l ? l.targetUri : l.uri).path.split('/').pop()!).sort();
}

suite('a new corpus: corpus.yaml scaffold, Markdown articles, folder globs', () => {
  let api: Api;
  suiteSetup(async () => {
    api = await activate();
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('"Create corpus.yaml for This Folder" lists each article with its first line, never overwrites, and makes the folder a corpus', async () => {
    const folder = fileUri('new-corpus');
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, 'a.txt'),
      encode('Protest leader freed\n\nMaria Kolesnikova was freed on Monday, her lawyer said.\n'),
    );
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, 'b.md'),
      encode('# Kolesnikova speaks: "I will stay"\n\nMaria Kolesnikova said she would stay in Belarus.\n'),
    );
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, 'notes', 'c.txt'),
      encode('\n\nA third piece\n'),
    );
    try {
      const created = await vscode.commands.executeCommand<vscode.Uri | undefined>(
        Commands.createManifest,
        folder,
      );
      assert.ok(created, 'the command returns the new file');
      const manifest = vscode.Uri.joinPath(folder, 'corpus.yaml');
      assert.equal(created.toString(), manifest.toString());
      const text = await read(manifest);
      assert.match(text, /- file: a\.txt\n {4}title: Protest leader freed\n/);
      assert.match(text, /- file: b\.md\n {4}title: "Kolesnikova speaks: \\"I will stay\\""\n/);
      assert.match(text, /- file: notes\/c\.txt\n {4}title: A third piece\n/);

      // A second run leaves the existing file exactly as it is.
      const kept = `${text}entities:\n  - name: Maria Kolesnikova\n    type: person\n    description: Belarusian opposition politician\n`;
      await vscode.workspace.fs.writeFile(manifest, encode(kept));
      assert.equal(await vscode.commands.executeCommand(Commands.createManifest, folder), undefined);
      assert.equal(await read(manifest), kept);

      // The folder is now a corpus: its Markdown article gets definitions and symbols.
      const md = vscode.Uri.joinPath(folder, 'b.md');
      const doc = await vscode.workspace.openTextDocument(md);
      const files = await eventually(async () => {
        await api.whenIdle();
        const f = await definitionFiles(md, positionOf(doc, 'Maria Kolesnikova', 8, 0));
        return f.includes('corpus.yaml') ? f : undefined;
      }, 'F12 in the Markdown article, with the corpus.yaml entry');
      assert.deepEqual(files, ['a.txt', 'corpus.yaml']);
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        md,
      );
      assert.ok(
        symbols.find((s) => s.name === 'People')?.children.some((c) => c.name === 'Maria Kolesnikova'),
      );
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });

  test('a glob in corpusNavigator.corpusFolders makes each matching folder a corpus', async () => {
    const config = vscode.workspace.getConfiguration('corpusNavigator');
    const article = fileUri('desk', 'monday', 'story.txt');
    await vscode.workspace.fs.writeFile(
      article,
      encode('Morning report\n\nKeith Kellogg met Alexander Lukashenko in Minsk.\n'),
    );
    try {
      const before = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
        'vscode.executeDocumentSymbolProvider',
        article,
      );
      assert.equal(before?.length ?? 0, 0, 'not a corpus yet');
      await config.update('corpusFolders', ['desk/*'], vscode.ConfigurationTarget.Workspace);
      const symbols = await eventually(async () => {
        await api.whenIdle();
        const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
          'vscode.executeDocumentSymbolProvider',
          article,
        );
        return s && s.length > 0 ? s : undefined;
      }, 'symbols once desk/monday matches the glob');
      assert.ok(symbols.some((s) => s.name === 'People' || s.name === 'Places'));
    } finally {
      await config.update('corpusFolders', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(fileUri('desk'), { recursive: true });
    }
  });
});
