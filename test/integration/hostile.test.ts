/**
 * Hostile input in the real editor (issue 8). Every file is written by the tests through
 * workspace.fs into corpus folders of their own, and removed afterwards.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activate, eventually, fileUri, hoverText, positionOf, type Api } from './helpers';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * The corpus folders these suites make. They are removed together after the last suite: removing
 * one just before making the next lets two corpus look-ups overlap, and the older one can then
 * drop the new corpus (a race in CorpusService.discover, reported to the lead).
 */
const CORPORA = ['hostile-markup', 'hostile-live', 'hostile-outside', 'hostile-many'] as const;

/** Deletes corpus folders and waits until the extension has let go of them (no diagnostics left). */
async function forget(api: Api, dirs: string[]): Promise<void> {
  for (const dir of dirs)
    await vscode.workspace.fs.delete(fileUri(dir), { recursive: true, useTrash: false });
  await eventually(
    async () => {
      // a reindex refreshes the Problems panel, which drops what removed corpora left there
      await vscode.commands.executeCommand('corpusNavigator.reindex');
      await api.whenIdle();
      const left = vscode.languages
        .getDiagnostics()
        .filter(([uri, d]) => d.length > 0 && dirs.some((dir) => uri.path.includes(`/${dir}/`)));
      return left.length === 0 ? true : undefined;
    },
    'the removed corpora to be forgotten',
    30_000,
  );
}

async function write(uri: vscode.Uri, content: string | Uint8Array): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? enc(content) : content);
}

/** The hover at the first occurrence of `needle` (plus `delta` characters), once it contains `expect`. */
async function hoverOnce(
  uri: vscode.Uri,
  needle: string,
  expect: RegExp,
  delta = 2,
  what = `a hover on “${needle}”`,
): Promise<string> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return eventually(
    async () => {
      const text = await hoverText(uri, positionOf(doc, needle, delta));
      return expect.test(text) ? text : undefined;
    },
    `${what} matching ${expect}`,
    30_000,
  );
}

/** The positions in Markdown source where `at` starts and is not escaped by a backslash. */
function unescaped(md: string, at: string): number[] {
  const out: number[] = [];
  for (let i = md.indexOf(at); i >= 0; i = md.indexOf(at, i + 1)) {
    let slashes = 0;
    while (i - slashes - 1 >= 0 && md[i - slashes - 1] === '\\') slashes++;
    if (slashes % 2 === 0) out.push(i);
  }
  return out;
}

/** Our own commands: the only link targets a hover may hold. */
const OURS = /^command:corpusNavigator\.[A-Za-z]+(?:\?|$)/;

/**
 * What makes Markdown live: links (only to our own commands), images, raw HTML, bare URLs that
 * would be linkified. Returns one line per problem.
 */
function liveMarkup(md: string): string[] {
  const problems: string[] = [];
  for (const i of unescaped(md, '](')) {
    const target = md.slice(i + 2, md.indexOf(')', i));
    if (!OURS.test(target)) problems.push(`a link to ${target.slice(0, 60)}`);
  }
  for (const i of unescaped(md, '![')) problems.push(`an image at ${i}: ${md.slice(i, i + 40)}`);
  for (const i of unescaped(md, '<')) problems.push(`raw HTML at ${i}: ${md.slice(i, i + 40)}`);
  for (const m of md.matchAll(/(?:https?|command|file):\/\//g))
    problems.push(`a bare URL: ${md.slice(m.index, m.index + 40)}`);
  // a command link cut short by a `)` in its arguments leaves the rest as live text
  for (const m of md.matchAll(/\]\((command:corpusNavigator\.[A-Za-z]+)\?([^)]*)\)/g)) {
    try {
      JSON.parse(decodeURIComponent(m[2]!));
    } catch {
      problems.push(`a command link cut short: ${m[0].slice(0, 60)}`);
    }
  }
  for (const i of unescaped(md, '$(')) problems.push(`a theme icon at ${i}: ${md.slice(i, i + 20)}`);
  return problems;
}

// Each line tries another way in; the corpus.yaml fields and first lines carry them into hovers.
const ATTACKS = [
  '[x](command:workbench.action.terminal.new)',
  '![img](https://example.invalid/pixel.png)',
  '<img src=x onerror=alert(1)> <b>bold</b> <a href="command:workbench.action.terminal.new">go</a>',
  '[y](command:workbench.action.terminal.new?%5B%22rm%22%5D "title")',
  '<https://example.invalid/autolink> https://example.invalid/bare',
  '[ref][1]\n\n[1]: command:workbench.action.terminal.new',
];

suite('hostile articles in the editor: no live markup in any hover', () => {
  const DIR = CORPORA[0];
  suiteSetup(async () => {
    await activate();
    await write(
      fileUri(DIR, 'corpus.yaml'),
      [
        'documents:',
        '  - file: first.txt',
        `    title: '${ATTACKS[0]} ${ATTACKS[2]}'`,
        `    outlet: '${ATTACKS[1]}'`,
        'entities:',
        '  - name: Alexander Lukashenko',
        `    description: '${ATTACKS[3]} ${ATTACKS[4]}'`,
        '',
      ].join('\n'),
    );
    await write(
      fileUri(DIR, 'first.txt'),
      `${ATTACKS[0]}\n${ATTACKS[2]} Alexander Lukashenko ${ATTACKS[1]} met Keith Kellogg in Minsk on May 3, 2025. ${ATTACKS[5]}\n`,
    );
    await write(
      fileUri(DIR, 'second.txt'),
      `${ATTACKS.join(' ')}\nAlexander Lukashenko met Keith Kellogg in Minsk on May 5, 2025. ${ATTACKS[4]}\n`,
    );
  });
  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('entity hovers: the article text shows, escaped, and nothing in it is live', async () => {
    for (const file of ['first.txt', 'second.txt']) {
      const md = await hoverOnce(fileUri(DIR, file), 'Alexander Lukashenko', /in 2 sources/, 3);
      assert.deepEqual(liveMarkup(md), [], `${file}:\n${md}`);
      assert.match(md, /workbench\\\.action\\\.terminal\\\.new/, 'the hostile title is shown as text');
      assert.match(md, /command:corpusNavigator\.openLocation\?/, 'our own links stay');
    }
  });

  test('date hovers: titles of the other sources are escaped too', async () => {
    for (const [file, date] of [
      ['first.txt', 'May 3, 2025'],
      ['second.txt', 'May 5, 2025'],
    ] as const) {
      const md = await hoverOnce(fileUri(DIR, file), date, /`2025-05-0[35]`/, 2, `the date hover in ${file}`);
      assert.deepEqual(liveMarkup(md), [], `${file}:\n${md}`);
    }
    // the date hover names the other source; with a hostile title that is where an attack would go
    const md = await hoverOnce(
      fileUri(DIR, 'second.txt'),
      'May 5, 2025',
      /terminal/,
      2,
      'the other source in the date hover',
    );
    assert.deepEqual(liveMarkup(md), [], md);
  });

  test('a `)` in a file name and `$(icon)` in the text: links stay whole, no icon is drawn (issue 22)', async () => {
    const odd = 'odd (1)www.example.invalid).txt';
    await write(
      fileUri(DIR, odd),
      'Odd $(alert) title\nAlexander Lukashenko $(terminal) met Keith Kellogg in Minsk on May 3, 2025.\n',
    );
    const md = await hoverOnce(fileUri(DIR, 'first.txt'), 'Alexander Lukashenko', /in 3 sources/, 3);
    assert.deepEqual(liveMarkup(md), [], md);
    assert.match(md, /Odd \\\$\\\(alert\\\) title/, 'the title shows, escaped');
    await vscode.workspace.fs.delete(fileUri(DIR, odd));
    await hoverOnce(fileUri(DIR, 'first.txt'), 'Alexander Lukashenko', /in 2 sources/, 3);
  });

  test('hover Markdown trusts only our own commands and renders no HTML', async () => {
    const uri = fileUri(DIR, 'first.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    await hoverOnce(uri, 'Alexander Lukashenko', /Lukashenko/, 3);
    for (const needle of ['Alexander Lukashenko', 'May 3, 2025']) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        positionOf(doc, needle, 3),
      );
      const contents = hovers
        .flatMap((h) => h.contents)
        .filter((c): c is vscode.MarkdownString => typeof c !== 'string' && 'value' in c);
      assert.ok(contents.length > 0, `a hover on ${needle}`);
      for (const c of contents) {
        assert.notEqual(c.isTrusted, true, 'never trusted wholesale');
        if (typeof c.isTrusted === 'object')
          for (const id of c.isTrusted.enabledCommands) assert.match(`command:${id}`, OURS);
        assert.ok(!c.supportHtml, 'no HTML');
      }
    }
  });
});

suite('hostile articles in the editor: files that change while the corpus is open', () => {
  const DIR = CORPORA[1];
  // the first lines differ from the titles in corpus.yaml, so a card shows which one applies
  const ARTICLE = (day: number): string =>
    `Report\nAlexander Lukashenko met Keith Kellogg in Minsk on May ${day}, 2025.\n`;
  let api: Api;
  const diagnostics = (file: string): string[] =>
    vscode.languages
      .getDiagnostics(fileUri(DIR, file))
      .map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`);

  suiteSetup(async () => {
    api = await activate();
    await write(
      fileUri(DIR, 'corpus.yaml'),
      'documents:\n  - file: a.txt\n    title: Alpha\n  - file: b.txt\n    title: Bravo\n',
    );
    await write(fileUri(DIR, 'a.txt'), ARTICLE(3));
    await write(fileUri(DIR, 'b.txt'), ARTICLE(4));
  });
  suiteTeardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test('a renamed article: hovers and corpus.yaml diagnostics follow the new name, and back', async () => {
    await hoverOnce(fileUri(DIR, 'a.txt'), 'Alexander Lukashenko', /Bravo/, 3, 'the card listing Bravo');
    await vscode.workspace.fs.rename(fileUri(DIR, 'b.txt'), fileUri(DIR, 'renamed.txt'));
    await eventually(
      () => (diagnostics('corpus.yaml').includes('missing-file 4:11') ? true : undefined),
      'missing-file on b.txt in corpus.yaml',
      30_000,
    );
    const md = await hoverOnce(
      fileUri(DIR, 'a.txt'),
      'Alexander Lukashenko',
      /Mentions\*\* \(\d+ in 2 sources\)(?![\s\S]*Bravo)/,
      3,
      'the card without Bravo',
    );
    assert.match(
      md,
      /Alpha[\s\S]*Report|Report[\s\S]*Alpha/,
      'Alpha, and the renamed file under its first line',
    );
    await hoverOnce(
      fileUri(DIR, 'renamed.txt'),
      'Keith Kellogg',
      /Keith Kellogg/,
      3,
      'a hover in the renamed file',
    );
    await vscode.workspace.fs.rename(fileUri(DIR, 'renamed.txt'), fileUri(DIR, 'b.txt'));
    await eventually(
      () => (diagnostics('corpus.yaml').length === 0 ? true : undefined),
      'corpus.yaml without problems again',
      30_000,
    );
    await hoverOnce(
      fileUri(DIR, 'a.txt'),
      'Alexander Lukashenko',
      /Bravo/,
      3,
      'the card listing Bravo again',
    );
  });

  test('a binary .txt gets its diagnostic, a Latin-1 one its note; deleting them clears both; the rest keeps working', async () => {
    await write(
      fileUri(DIR, 'image.txt'),
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    );
    await write(fileUri(DIR, 'latin1.txt'), new Uint8Array([...enc('Caf'), 0xe9, ...enc(' in Minsk')]));
    await eventually(
      () =>
        diagnostics('image.txt').includes('unreadable-file 1:1') &&
        diagnostics('latin1.txt').includes('legacy-encoding 1:4')
          ? true
          : undefined,
      'the unreadable-file and legacy-encoding diagnostics',
      30_000,
    );
    const d = vscode.languages.getDiagnostics(fileUri(DIR, 'latin1.txt'))[0]!;
    assert.match(d.message, /^read as Windows-1252 \(not valid UTF-8 from byte 3\)/);
    await hoverOnce(fileUri(DIR, 'a.txt'), 'Keith Kellogg', /Keith Kellogg/, 3);
    await vscode.workspace.fs.delete(fileUri(DIR, 'image.txt'));
    await vscode.workspace.fs.delete(fileUri(DIR, 'latin1.txt'));
    await eventually(
      () => (diagnostics('image.txt').length + diagnostics('latin1.txt').length === 0 ? true : undefined),
      'the diagnostics to go',
      30_000,
    );
  });

  test('a deleted article disappears from the hover cards; an open editor on it does no harm', async () => {
    await write(fileUri(DIR, 'c.txt'), 'Charlie\nKeith Kellogg flew to Vilnius on May 6, 2025.\n');
    await hoverOnce(fileUri(DIR, 'a.txt'), 'Keith Kellogg', /Charlie/, 3, 'the card listing Charlie');
    await vscode.window.showTextDocument(fileUri(DIR, 'c.txt'));
    await vscode.workspace.fs.delete(fileUri(DIR, 'c.txt'));
    await hoverOnce(
      fileUri(DIR, 'a.txt'),
      'Keith Kellogg',
      /in 2 sources(?![\s\S]*Charlie)/,
      3,
      'the card without Charlie',
    );
    await api.whenIdle();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('UTF-16 and CRLF: hovers land on the names; CR and mixed line endings: diagnostics on their text', async () => {
    const text = (eols: string[]): string =>
      [
        'Delta',
        'A report.',
        'Alexander Lukashenko met Keith Kellogg in Minsk on May 7, 2025.',
        'Later, Kellogg left.',
        '',
      ]
        .map((l, i) => l + (eols[i % eols.length] ?? ''))
        .join('');
    const crlf = text(['\r\n']);
    const utf16 = new Uint8Array(2 + crlf.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < crlf.length; i++)
      utf16.set([crlf.charCodeAt(i) & 0xff, crlf.charCodeAt(i) >> 8], 2 + 2 * i);
    await write(fileUri(DIR, 'utf16.txt'), utf16);
    await write(fileUri(DIR, 'crlf.txt'), crlf);
    await write(fileUri(DIR, 'cr.txt'), text(['\r']));
    await write(fileUri(DIR, 'mixed.txt'), text(['\r\n', '\r', '\n']));
    for (const file of ['utf16.txt', 'crlf.txt']) {
      const md = await hoverOnce(
        fileUri(DIR, file),
        'Kellogg left',
        /Keith Kellogg/,
        2,
        `a hover in ${file}`,
      );
      assert.match(md, /_person_/, file);
      const date = await hoverOnce(
        fileUri(DIR, file),
        'May 7, 2025',
        /`2025-05-07`/,
        2,
        `the date hover in ${file}`,
      );
      assert.match(date, /May 7, 2025/);
    }
    // The editor turns lone CRs and mixed endings into CRLF; line and column stay, so every
    // diagnostic still covers exactly its text (a date conflict with a.txt's May 3 here).
    for (const file of ['cr.txt', 'mixed.txt']) {
      const uri = fileUri(DIR, file);
      const d = await eventually(
        () => vscode.languages.getDiagnostics(uri).find((x) => x.code === 'date-conflict'),
        `a date conflict in ${file}`,
        30_000,
      );
      const doc = await vscode.workspace.openTextDocument(uri);
      assert.equal(doc.getText(d.range), 'May 7, 2025', file);
    }
  });
});

suite('hostile corpus.yaml in the editor: nothing outside the workspace is read', () => {
  const DIR = CORPORA[2];
  let api: Api;
  let outside: string;
  suiteSetup(async () => {
    api = await activate();
    // a file outside the workspace holding a name no corpus has
    outside = mkdtempSync(join(tmpdir(), 'cnav-outside-'));
    writeFileSync(
      join(outside, 'secret.txt'),
      'Secret\nZebulon Quartermaine met Keith Kellogg in Minsk on May 9, 2025.\n',
    );
    await write(
      fileUri(DIR, 'corpus.yaml'),
      [
        'documents:',
        `  - file: ${'../'.repeat(16)}${outside.replace(/^\//, '')}/secret.txt`,
        `  - file: ${outside}/secret.txt`,
        '  - file: a.txt',
        '',
      ].join('\n'),
    );
    await write(
      fileUri(DIR, 'a.txt'),
      'Alpha\nKeith Kellogg met Alexander Lukashenko in Minsk on May 3, 2025.\n',
    );
  });
  suiteTeardown(async () => {
    rmSync(outside, { recursive: true, force: true });
    await forget(api, [...CORPORA]);
  });

  test('corpus.yaml naming files outside the corpus: reported as missing, never read', async () => {
    const codes = await eventually(
      () => {
        const d = vscode.languages
          .getDiagnostics(fileUri(DIR, 'corpus.yaml'))
          .map((x) => `${x.code} ${x.range.start.line + 1}`);
        return d.length >= 2 ? d : undefined;
      },
      'missing-file diagnostics',
      30_000,
    );
    assert.deepEqual(codes.sort(), ['missing-file 2', 'missing-file 3']);
    const md = await hoverOnce(fileUri(DIR, 'a.txt'), 'Keith Kellogg', /Keith Kellogg/, 3);
    assert.doesNotMatch(md, /Secret|Quartermaine/);
  });

  test('a folder linked out of the corpus, dot-files and dot-folders: never indexed (issue 22)', async () => {
    symlinkSync(outside, join(fileUri(DIR).fsPath, 'linked'));
    await write(
      fileUri(DIR, '.drafts', 'draft.txt'),
      'Draft\nPhilomena Dotworth met Keith Kellogg in Minsk.\n',
    );
    await write(fileUri(DIR, '.note.txt'), 'Note\nPhilomena Dotworth met Keith Kellogg.\n');
    await vscode.commands.executeCommand('corpusNavigator.reindex');
    await api.whenIdle();
    const symbols = async (query: string): Promise<string[]> =>
      (
        await vscode.commands.executeCommand<vscode.SymbolInformation[]>(
          'vscode.executeWorkspaceSymbolProvider',
          query,
        )
      )
        .filter((x) => x.name.includes(query))
        .map((x) => x.location.uri.path);
    assert.ok((await symbols('Keith Kellogg')).length > 0, 'names of the corpus are found');
    assert.deepEqual(await symbols('Quartermaine'), [], 'nothing behind the link');
    assert.deepEqual(await symbols('Dotworth'), [], 'nothing from dot-files');
    const md = await hoverOnce(fileUri(DIR, 'a.txt'), 'Keith Kellogg', /Keith Kellogg/, 3);
    assert.doesNotMatch(md, /linked|drafts|note\.txt|Quartermaine|Dotworth/);
  });

  test('an article in Windows-1252: indexed with a note, shown in that encoding; hovers land on its names after the £', async () => {
    const latin = (t: string): number[] => [...t].map((c) => c.charCodeAt(0));
    const bytes = Uint8Array.from([
      ...latin('Old archive\nA '),
      0xa3, // £
      ...latin('15m deal: Keith Kellogg met Alexander Lukashenko in Minsk, at the '),
      0x93, // “
      ...latin('Caf'),
      0xe9, // é
      0x94, // ”
      ...latin(' Europa.\n'),
    ]);
    await write(fileUri(DIR, 'legacy.txt'), bytes);
    const note = await eventually(
      () =>
        vscode.languages.getDiagnostics(fileUri(DIR, 'legacy.txt')).find((d) => d.code === 'legacy-encoding'),
      'the note on legacy.txt',
      30_000,
    );
    assert.match(note.message, /^read as Windows-1252 \(not valid UTF-8 from byte 14\)/);
    assert.equal(note.severity, vscode.DiagnosticSeverity.Information);
    const doc = await vscode.workspace.openTextDocument(fileUri(DIR, 'legacy.txt'));
    await eventually(
      () => (doc.getText().includes('A £15m deal') && doc.getText().includes('“Café”') ? true : undefined),
      'the editor to show legacy.txt in Windows-1252',
      30_000,
    );
    const md = await hoverOnce(fileUri(DIR, 'legacy.txt'), 'Keith Kellogg', /Keith Kellogg/, 3);
    assert.match(md, /Old archive|legacy\.txt/);
    assert.ok(
      vscode.languages.getDiagnostics(doc.uri).some((d) => d.code === 'legacy-encoding'),
      'the note stays while the article is open',
    );
  });

  test('corpus.yaml with 20,000 problems: each one in the Problems panel (issue 22)', async () => {
    const MANY = CORPORA[3];
    const entries = Array.from({ length: 20_000 }, (_, i) => `  - file: missing-${i}.txt`);
    await write(fileUri(MANY, 'corpus.yaml'), ['documents:', ...entries, ''].join('\n'));
    await write(fileUri(MANY, 'a.txt'), 'Alpha\nKeith Kellogg met Alexander Lukashenko in Minsk.\n');
    const diagnostics = await eventually(
      () => {
        const d = vscode.languages.getDiagnostics(fileUri(MANY, 'corpus.yaml'));
        return d.length >= entries.length ? d : undefined;
      },
      '20,000 diagnostics on corpus.yaml',
      90_000,
    );
    assert.equal(diagnostics.length, entries.length);
    assert.deepEqual([...new Set(diagnostics.map((d) => d.code))], ['missing-file']);
    assert.equal(diagnostics.at(-1)!.range.start.line, entries.length);
  });
});
