import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, eventually, fileUri, hoverText, positionOf, type Api } from './helpers';

suite('the index follows the user', () => {
  let api: Api;
  suiteSetup(async () => {
    api = await activate();
  });
  teardown(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  test('unsaved edits are indexed: a new name gets a hover card', async () => {
    const uri = fileUri('seeds', '004_efbe79ef26eea4f1.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) =>
      e.insert(
        new vscode.Position(doc.lineCount, 0),
        '\nOn May 5, 2025, Keith Kellogg met Sviatlana Tsikhanouskaya in Vilnius.\n',
      ),
    );
    assert.ok(doc.isDirty);
    const text = await eventually(async () => {
      await api.whenIdle();
      const t = await hoverText(uri, positionOf(doc, 'Keith Kellogg', 8, 0));
      return /Keith Kellogg/.test(t) ? t : undefined;
    }, 'a hover on the inserted name');
    assert.match(text, /_person_/);
  });

  test('Corpus: Reindex and the report command work from the palette', async () => {
    await vscode.commands.executeCommand('corpusNavigator.reindex');
    await vscode.commands.executeCommand('corpusNavigator.showReport');
    const report = await eventually(() => {
      const d = vscode.window.activeTextEditor?.document;
      return d?.uri.scheme === 'corpus-report' && d.getText().includes('ARTICLES') ? d.getText() : undefined;
    }, 'the report');
    assert.match(report, /Corpus: 5 articles/);
    assert.match(report, /TIMELINE/);
  });
});
