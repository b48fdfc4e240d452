import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, eventually, fileUri, hoverText, positionOf } from './helpers';

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

  test('"Tikhanovsky" in 003 is the person also written Tsikhanouski and Syarhei, with each source listed', async () => {
    const uri = fileUri('seeds', '003_e4f82bba94b819c4.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, positionOf(doc, 'Tikhanovsky', 3));
    assert.match(text, /_person_/);
    assert.match(text, /Siarhei Tsikhanouski/);
    assert.match(text, /Syarhei/);
    assert.match(text, /Mentions\*\* \(\d+ in 3 sources\)/);
    assert.doesNotMatch(
      text,
      /Also: [^\n]*Tsikhanouskaya/,
      'his wife is another person (she may appear in his description)',
    );
  });

  test('a date shows the interval it resolves to', async () => {
    const uri = fileUri('seeds', '003_e4f82bba94b819c4.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, positionOf(doc, 'June 21', 2));
    assert.match(text, /June 21\*\* → June 21, 2025 · `2025-06-21` _\(day\)_/);
  });

  test('plain words get no hover', async () => {
    const uri = fileUri('seeds', '003_e4f82bba94b819c4.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(await hoverText(uri, positionOf(doc, 'isolation', 2)), '');
  });

  test('a .txt file outside every corpus is left alone', async () => {
    const uri = fileUri('notes.txt');
    await vscode.workspace.fs.writeFile(
      uri,
      new TextEncoder().encode('Alexander Lukashenko met Keith Kellogg.\n'),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'plaintext');
    assert.equal(await hoverText(uri, positionOf(doc, 'Lukashenko', 2)), '');
  });

  test('corpus articles open as Corpus Article, so the news grammar applies', async () => {
    const doc = await vscode.workspace.openTextDocument(fileUri('seeds', '001_1807f2970d4fd1ea.txt'));
    await vscode.window.showTextDocument(doc);
    const deadline = Date.now() + 10_000;
    while (vscode.window.activeTextEditor?.document.languageId !== 'corpus-article' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'corpus-article');
  });

  test('mixed and lone-CR line endings: hovers still find the name the editor shows', async () => {
    const uri = fileUri('hostile', 'mixed-endings.txt');
    await vscode.workspace.fs.writeFile(
      uri,
      new TextEncoder().encode(
        'Mixed endings\rFirst line.\r\nSecond line.\nOn May 4, 2025, Keith Kellogg met Alexander Lukashenko in Minsk.\r',
      ),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = await eventually(async () => {
      const t = await hoverText(uri, positionOf(doc, 'Kellogg', 2));
      return /Keith Kellogg/.test(t) ? t : undefined;
    }, 'a hover in a file with mixed line endings');
    assert.match(text, /_person_/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri);
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
