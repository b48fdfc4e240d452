import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, fileUri, hoverText, positionOf } from './helpers';

suite('hover cards on the seeds', () => {
  suiteSetup(activate);
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('a surname shows the person, its type and the sources that mention it', async () => {
    const uri = fileUri('seeds', '003_e4f82bba94b819c4.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, positionOf(doc, 'Lukashenko', 3, 2));
    assert.match(text, /\*\*Alexander Lukashenko\*\* · _person_/);
    assert.match(text, /Mentions\*\* \(\d+ in 5 sources\)/);
    assert.match(text, /Belarus Courts U\\\.S\\\. in High\\-Stakes Pivot From Moscow/);
  });

  test('a date shows the interval it resolves to', async () => {
    const uri = fileUri('seeds', '003_e4f82bba94b819c4.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, positionOf(doc, 'June 21', 2));
    assert.match(text, /June 21\*\* → 2025\\-06\\-21 _\(day\)_/);
  });

  test('plain words get no hover', async () => {
    const uri = fileUri('seeds', '003_e4f82bba94b819c4.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(await hoverText(uri, positionOf(doc, 'isolation', 2)), '');
  });

  test('a .txt file outside every corpus is left alone', async () => {
    const uri = fileUri('notes.txt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('Alexander Lukashenko met Keith Kellogg.\n'));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'plaintext');
    assert.equal(await hoverText(uri, positionOf(doc, 'Lukashenko', 2)), '');
  });

  test('corpus articles open as Corpus Article, so the news grammar applies', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('seeds', '001_1807f2970d4fd1ea.txt'));
    await vscode.window.showTextDocument(doc);
    const deadline = Date.now() + 10_000;
    while (vscode.window.activeTextEditor?.document.languageId !== 'corpus-article' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'corpus-article');
  });

  test('article text cannot inject links, images or commands into a hover', async () => {
    const uri = fileUri('hostile', 'inject.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, positionOf(doc, 'Lukashenko', 2));
    assert.match(text, /Alexander Lukashenko/);
    assert.doesNotMatch(text, /\]\(command:workbench/);
    assert.doesNotMatch(text, /!\[img\]\(/);
    assert.doesNotMatch(text, /<b>/);
  });
});
