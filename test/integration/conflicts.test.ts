import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activate, eventually, fileUri, hoverText, type Api } from './helpers';

/** The demo corpus (examples/conflicts, copied into the test workspace as conflicts/). */
const DEMO = 'conflicts';
const CONFLICT_CODES = ['date-conflict', 'quantity-conflict'];

interface Shown {
  readonly file: string;
  readonly text: string;
  readonly diagnostic: vscode.Diagnostic;
}

async function textAt(uri: vscode.Uri, range: vscode.Range): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return doc.getText(range);
}

/** The conflict diagnostics the Problems panel holds for the demo corpus. */
function conflictDiagnostics(): [vscode.Uri, vscode.Diagnostic][] {
  const folder = fileUri(DEMO).path + '/';
  return vscode.languages
    .getDiagnostics()
    .filter(([uri]) => uri.path.startsWith(folder))
    .flatMap(([uri, ds]) =>
      ds
        .filter((d) => CONFLICT_CODES.includes(String(d.code)))
        .map((d): [vscode.Uri, vscode.Diagnostic] => [uri, d]),
    );
}

async function shown(): Promise<Shown[]> {
  const out: Shown[] = [];
  for (const [uri, d] of conflictDiagnostics())
    out.push({ file: uri.path.split('/').pop()!, text: await textAt(uri, d.range), diagnostic: d });
  return out.sort((a, b) => `${a.file} ${a.text}`.localeCompare(`${b.file} ${b.text}`));
}

/** The conflict diagnostic on `text` in `file`, once it shows. */
function diagnosticOn(file: string, text: string, code = 'date-conflict'): Promise<vscode.Diagnostic> {
  const uri = fileUri(DEMO, file);
  return eventually(async () => {
    for (const d of vscode.languages.getDiagnostics(uri))
      if (d.code === code && (await textAt(uri, d.range)) === text) return d;
    return undefined;
  }, `a ${code} diagnostic on “${text}” in ${file}`);
}

async function quickFixes(file: string, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    fileUri(DEMO, file),
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return actions.filter((a) => a.diagnostics?.some((d) => d.code === diagnostic.code) ?? true);
}

async function run(action: vscode.CodeAction | undefined): Promise<unknown> {
  assert.ok(action?.command, 'the quick fix has a command');
  if (action.edit) await vscode.workspace.applyEdit(action.edit);
  return vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

const read = async (uri: vscode.Uri): Promise<string> =>
  new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
const write = (uri: vscode.Uri, text: string): Thenable<void> =>
  vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));

/** Every line of `before` is still in `after`, in order: comments and formatting kept. */
function keepsEveryLine(before: string, after: string): void {
  const lines = after.split('\n');
  let at = 0;
  for (const line of before.split('\n')) {
    const found = lines.indexOf(line, at);
    assert.ok(found >= 0, `the line “${line}” is still in corpus.yaml`);
    at = found + 1;
  }
}

suite('conflicts between sources: Problems panel and quick fixes', () => {
  let api: Api;
  let manifest: vscode.Uri;
  let original: string;
  suiteSetup(async () => {
    api = await activate();
    manifest = fileUri(DEMO, 'corpus.yaml');
    original = await read(manifest);
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await write(manifest, original);
    await vscode.workspace
      .getConfiguration('corpusNavigator.conflicts')
      .update('scope', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace
      .getConfiguration('corpusNavigator.conflicts')
      .update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    await api.whenIdle();
  });

  test('every planted conflict is a warning in the Problems panel, for articles never opened', async () => {
    const folder = fileUri(DEMO).path + '/';
    assert.deepEqual(
      vscode.workspace.textDocuments
        .filter((d) => d.uri.path.startsWith(folder) && d.uri.path.endsWith('.txt'))
        .map((d) => d.uri.path),
      [],
      'no demo article is loaded',
    );
    await eventually(
      () => (conflictDiagnostics().length >= 11 ? true : undefined),
      'the conflict diagnostics of the demo corpus',
    );
    const all = await shown();
    assert.deepEqual(
      all.map((s) => `${s.file} “${s.text}” ${s.diagnostic.code}`),
      [
        'bergen-observer.txt “3 patrol vessels” quantity-conflict',
        'bergen-observer.txt “June 3” date-conflict',
        'coastal-wire.txt “April 20” date-conflict',
        'coastal-wire.txt “March 3” date-conflict',
        'eu-affairs.txt “5 patrol vessels” quantity-conflict',
        'fisheries-weekly.txt “early April” date-conflict',
        'fisheries-weekly.txt “May” date-conflict',
        'harbour-herald.txt “14 Scottish fishermen” quantity-conflict',
        'harbour-herald.txt “March 3” date-conflict',
        'nordic-ledger.txt “16 Scottish fishermen” quantity-conflict',
        'nordic-ledger.txt “March 5” date-conflict',
      ],
    );
    for (const s of all) {
      assert.equal(s.diagnostic.source, 'Corpus Navigator');
      assert.equal(s.diagnostic.severity, vscode.DiagnosticSeverity.Warning, `${s.file} “${s.text}”`);
    }
  });

  test('the message names each other source and what it says; related information points at each other report', async () => {
    const d = await diagnosticOn('nordic-ledger.txt', 'March 5');
    assert.match(d.message, /The Harbour Herald dates this meeting March 3/);
    assert.match(d.message, /Coastal Wire dates this meeting March 3/);
    const related = await Promise.all(
      (d.relatedInformation ?? []).map(
        async (r) =>
          `${r.location.uri.path.split('/').pop()} “${await textAt(r.location.uri, r.location.range)}” ${r.message}`,
      ),
    );
    assert.deepEqual(related.sort(), [
      'coastal-wire.txt “March 3” Coastal Wire: “March 3” (2025-03-03)',
      'harbour-herald.txt “March 3” The Harbour Herald: “March 3” (2025-03-03)',
    ]);
    const q = await diagnosticOn('harbour-herald.txt', '14 Scottish fishermen', 'quantity-conflict');
    assert.match(
      q.message,
      /^Nordic Ledger counts 16 Scottish fishermen in this detention\. Both name Norwegian Coast Guard and Svalbard$/,
    );
  });

  test('the date hover marks the conflicting source, not a mere difference of precision', async () => {
    const ledger = await vscode.workspace.openTextDocument(fileUri(DEMO, 'nordic-ledger.txt'));
    const onMarch5 = await hoverText(ledger.uri, ledger.positionAt(ledger.getText().indexOf('March 5') + 2));
    assert.match(onMarch5, /harbour-herald\.txt.*“March 3”.*⚠ conflicts/);
    const observer = await vscode.workspace.openTextDocument(fileUri(DEMO, 'bergen-observer.txt'));
    const onJune = await hoverText(
      observer.uri,
      observer.positionAt(observer.getText().indexOf('In June') + 4),
    );
    assert.match(onJune, /June 21/, "the other source's date is listed");
    assert.doesNotMatch(onJune, /⚠|may conflict/);
  });

  test('settings: open files only, off, and the severity', async () => {
    const config = (): vscode.WorkspaceConfiguration =>
      vscode.workspace.getConfiguration('corpusNavigator.conflicts');
    const onFile = (file: string): number =>
      vscode.languages
        .getDiagnostics(fileUri(DEMO, file))
        .filter((d) => CONFLICT_CODES.includes(String(d.code))).length;
    await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument(fileUri(DEMO, 'bergen-observer.txt')),
    );
    await config().update('scope', 'openFiles', vscode.ConfigurationTarget.Workspace);
    // eu-affairs.txt was never opened, bergen-observer.txt is
    await eventually(
      () => (onFile('eu-affairs.txt') === 0 && onFile('bergen-observer.txt') === 2 ? true : undefined),
      'conflicts on open files only',
    );
    await config().update('scope', 'off', vscode.ConfigurationTarget.Workspace);
    await eventually(
      () => (conflictDiagnostics().length === 0 ? true : undefined),
      'no conflict diagnostics',
    );
    await config().update('scope', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('severity', 'error', vscode.ConfigurationTarget.Workspace);
    await eventually(() => {
      const all = conflictDiagnostics();
      return all.length === 11 && all.every(([, d]) => d.severity === vscode.DiagnosticSeverity.Error)
        ? true
        : undefined;
    }, 'every conflict as an error');
    await config().update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    await eventually(
      () =>
        conflictDiagnostics().every(([, d]) => d.severity === vscode.DiagnosticSeverity.Warning)
          ? true
          : undefined,
      'warnings again',
    );
  });

  test('"Open the other report" opens it with the other date selected', async () => {
    const d = await diagnosticOn('nordic-ledger.txt', 'March 5');
    const opens = (await quickFixes('nordic-ledger.txt', d)).filter((a) =>
      a.title.startsWith('Open the other report'),
    );
    assert.deepEqual(opens.map((a) => a.title).sort(), [
      'Open the other report: Coastal Wire, “March 3”',
      'Open the other report: The Harbour Herald, “March 3”',
    ]);
    await run(opens.find((a) => a.title.includes('Harbour Herald')));
    const editor = await eventually(() => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith('/harbour-herald.txt') ? e : undefined;
    }, 'harbour-herald.txt in the editor');
    assert.equal(editor.document.getText(editor.selection), 'March 3');
  });

  test('"Not the same event" records the pair under distinct:, keeps every comment, and the conflict goes', async () => {
    const d = await diagnosticOn('bergen-observer.txt', 'June 3');
    const fix = (await quickFixes('bergen-observer.txt', d)).find((a) =>
      a.title.startsWith('Not the same event'),
    );
    assert.equal(fix?.title, 'Not the same event as Fisheries Weekly’s report (record in corpus.yaml)');
    assert.equal(await run(fix), true);
    const after = await read(manifest);
    assert.match(after, /\ndistinct:\n {2}- bergen-observer\.txt: June 3\n {4}fisheries-weekly\.txt: May\n/);
    keepsEveryLine(original, after);
    assert.equal(after.split('\n').length, original.split('\n').length + 2, 'two lines added, nothing else');
    await eventually(
      () =>
        vscode.languages
          .getDiagnostics(fileUri(DEMO, 'bergen-observer.txt'))
          .some((x) => x.code === 'date-conflict')
          ? undefined
          : true,
      'the conflict to go',
    );
    assert.equal(vscode.languages.getDiagnostics(manifest).length, 0, 'corpus.yaml has no problems');
  });

  test('"Dismiss this conflict" records it under dismissed: and the conflict goes', async () => {
    const d = await diagnosticOn('coastal-wire.txt', 'April 20');
    const fix = (await quickFixes('coastal-wire.txt', d)).find((a) =>
      a.title.startsWith('Dismiss this conflict'),
    );
    assert.equal(fix?.title, 'Dismiss this conflict with Fisheries Weekly (record in corpus.yaml)');
    const before = await read(manifest);
    assert.equal(await run(fix), true);
    const after = await read(manifest);
    assert.match(
      after,
      /\ndismissed:\n {2}- coastal-wire\.txt: April 20\n {4}fisheries-weekly\.txt: early April\n/,
    );
    keepsEveryLine(before, after);
    await eventually(
      () =>
        vscode.languages
          .getDiagnostics(fileUri(DEMO, 'coastal-wire.txt'))
          .some((x) => x.range.isEqual(d.range))
          ? undefined
          : true,
      'the conflict to go',
    );
    assert.ok(
      vscode.languages
        .getDiagnostics(fileUri(DEMO, 'nordic-ledger.txt'))
        .some((x) => x.code === 'date-conflict'),
      'other conflicts stay',
    );
  });

  test('a corpus.yaml changed on disk after the quick fix was offered is left alone', async () => {
    const d = await diagnosticOn('harbour-herald.txt', '14 Scottish fishermen', 'quantity-conflict');
    const fix = (await quickFixes('harbour-herald.txt', d)).find((a) =>
      a.title.startsWith('Dismiss this conflict'),
    );
    const changed = (await read(manifest)) + '# edited by a colleague\n';
    await write(manifest, changed);
    assert.equal(await run(fix), false, 'the quick fix refuses');
    assert.equal(await read(manifest), changed, 'corpus.yaml is as the colleague left it');
    await api.whenIdle();
    assert.ok(
      vscode.languages
        .getDiagnostics(fileUri(DEMO, 'harbour-herald.txt'))
        .some((x) => x.code === 'quantity-conflict'),
      'the conflict is still shown',
    );
    // offered again, it works on the new text
    const again = (await quickFixes('harbour-herald.txt', d)).find((a) =>
      a.title.startsWith('Dismiss this conflict'),
    );
    assert.equal(await run(again), true);
    const final = await read(manifest);
    assert.match(
      final,
      /\n {2}- harbour-herald\.txt: 14 Scottish fishermen\n {4}nordic-ledger\.txt: 16 Scottish fishermen\n/,
    );
    keepsEveryLine(changed, final);
  });

  test('a corpus.yaml linked to a file outside the workspace is never written by a quick fix (issue 22)', async () => {
    // the fixes are offered on the real file; by the time they run it has become a link to a file
    // outside, with the same text and times (so only the link can refuse them)
    const d = await diagnosticOn('nordic-ledger.txt', 'March 5');
    const fixes = (await quickFixes('nordic-ledger.txt', d)).filter(
      (a) => a.title.startsWith('Dismiss this conflict') || a.title.startsWith('Not the same event'),
    );
    assert.ok(fixes.length >= 2, 'the fixes are offered');
    const real = manifest.fsPath;
    const kept = readFileSync(real, 'utf8');
    const times = statSync(real);
    const outsideDir = mkdtempSync(join(tmpdir(), 'cnav-linked-'));
    const outside = join(outsideDir, 'corpus.yaml');
    writeFileSync(outside, kept);
    utimesSync(outside, times.atime, times.mtime);
    unlinkSync(real);
    symlinkSync(outside, real);
    try {
      for (const fix of fixes) assert.equal(await run(fix), false, `${fix.title}: refused`);
      assert.equal(readFileSync(outside, 'utf8'), kept, 'the file outside is untouched');
    } finally {
      unlinkSync(real);
      writeFileSync(real, kept);
      rmSync(outsideDir, { recursive: true, force: true });
    }
    await vscode.commands.executeCommand('corpusNavigator.reindex');
    await api.whenIdle();
  });
});
