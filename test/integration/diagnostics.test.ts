import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, eventually, fileUri } from './helpers';

suite('corpus.yaml problems in the Problems panel', () => {
  suiteSetup(activate);

  test('each problem is a diagnostic at its line and column', async () => {
    const uri = fileUri('broken-manifest', 'corpus.yaml');
    const diags = await eventually(() => {
      const d = vscode.languages.getDiagnostics(uri);
      return d.length >= 4 ? d : undefined;
    }, 'diagnostics on corpus.yaml');
    const got = diags.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`).sort();
    assert.deepEqual(got, ['invalid-date 5:16', 'missing-file 7:11', 'unknown-key 6:5', 'wrong-type 11:11']);
    for (const d of diags) assert.equal(d.source, 'Corpus Navigator');
  });

  test('the rest of a broken manifest still applies', async () => {
    const uri = fileUri('broken-manifest', 'report.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      doc.positionAt(doc.getText().indexOf('Kellogg') + 2),
    );
    const text = hovers
      .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
      .join('\n');
    assert.match(text, /A report/, 'the title from corpus.yaml is used');
  });

  test('the seeds have no problems', () => {
    for (const [uri, diags] of vscode.languages.getDiagnostics()) {
      if (!uri.path.includes('/seeds/')) continue;
      assert.deepEqual(
        diags
          .filter(
            (d) =>
              d.severity <= vscode.DiagnosticSeverity.Warning &&
              d.code !== 'date-conflict' &&
              d.code !== 'quantity-conflict',
          )
          .map((d) => d.message),
        [],
        uri.path,
      );
    }
  });
});

suite('corpus.yaml edits are followed', () => {
  suiteSetup(activate);
  teardown(() => vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor'));

  test('an unsaved edit that breaks the manifest is reported at once, and fixing it clears it', async () => {
    const uri = fileUri('hostile', 'corpus.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.lineCount - 1; // the file ends with a line break: this is the empty last line
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), 'colour: blue\n'));
    const added = await eventually(
      () => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'unknown-key'),
      'an unknown-key diagnostic',
    );
    assert.equal(added.range.start.line, line);
    await editor.edit((e) => e.delete(new vscode.Range(line, 0, line + 1, 0)));
    await eventually(
      () => (vscode.languages.getDiagnostics(uri).some((d) => d.code === 'unknown-key') ? undefined : true),
      'the diagnostic to go',
    );
  });

  test('a new article file joins the corpus', async () => {
    const uri = fileUri('hostile', 'added.txt');
    await vscode.workspace.fs.writeFile(
      uri,
      new TextEncoder().encode(
        'Added later\nOn May 4, 2025, Keith Kellogg met Alexander Lukashenko in Minsk.\n',
      ),
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = await eventually(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        doc.positionAt(doc.getText().indexOf('Kellogg') + 2),
      );
      const t = hovers
        .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
        .join('\n');
      return t.includes('Keith Kellogg') ? t : undefined;
    }, 'a hover in the new article');
    assert.match(text, /_person_/);
    await vscode.workspace.fs.delete(uri);
  });
});
