import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, eventually, fileUri, hoverText, positionOf, type Api } from './helpers';
import { Commands } from '../../src/vscode/commands';
import type { EventTreeProvider, TimelineNode } from '../../src/vscode/features/event-tree';

/** The extension's API as the Timeline tests see it. */
interface TimelineApi extends Api {
  readonly timeline: EventTreeProvider;
}

type Kind = TimelineNode['kind'];
type NodeOf<K extends Kind> = Extract<TimelineNode, { kind: K }>;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

suite('the Timeline view', () => {
  let api: TimelineApi;
  let tree: EventTreeProvider;
  suiteSetup(async () => {
    api = (await activate()) as TimelineApi;
    tree = api.timeline;
  });
  teardown(async () => {
    await vscode.commands.executeCommand(Commands.clearTimelineFilter);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** Every row below `nodes`, depth first, as the view would list them fully expanded. */
  function rows(nodes: readonly TimelineNode[] = tree.getChildren()): TimelineNode[] {
    return nodes.flatMap((n) => [n, ...rows(tree.getChildren(n))]);
  }
  function ofKind<K extends Kind>(kind: K, nodes?: readonly TimelineNode[]): NodeOf<K>[] {
    return rows(nodes).filter((n): n is NodeOf<K> => n.kind === kind);
  }
  /** The rows of the seed corpus (the test workspace holds other corpora beside it, each under its own row). */
  function seeds(): TimelineNode[] {
    const top = tree.getChildren();
    const corpus = top.find((n) => n.kind === 'corpus' && n.corpus.root.path.endsWith('/seeds'));
    assert.ok(corpus, `a row for the seeds corpus among ${top.map((n) => n.id).join(', ')}`);
    return tree.getChildren(corpus);
  }
  function label(node: TimelineNode): string {
    const l = tree.getTreeItem(node).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  }
  /** The September 11 meeting in Minsk that several seed articles report. */
  function coaleMeeting(): NodeOf<'event'> {
    const event = ofKind('event', seeds()).find(
      (n) =>
        n.entry.event.from?.startsWith('2025-09') &&
        ofKind('participant', [n]).some((p) => p.entity.name === 'John Coale') &&
        ofKind('report', [n]).length >= 2,
    );
    assert.ok(event, 'an event of September 2025 with John Coale, reported by two or more sources');
    return event;
  }

  test('events sit in date order under their year and month', () => {
    const years = seeds();
    assert.ok(years.length > 0, 'the seeds have dated events');
    assert.deepEqual(
      years.map((y) => y.kind),
      years.map(() => 'year'),
    );
    const yearLabels = years.map(label);
    assert.deepEqual(
      yearLabels,
      [...yearLabels].sort((a, b) => Number(a) - Number(b)),
      'years ascend',
    );
    let previous = '';
    for (const year of years as NodeOf<'year'>[]) {
      const months = tree.getChildren(year) as NodeOf<'month'>[];
      for (const month of months) {
        assert.equal(month.kind, 'month');
        assert.ok(month.key.startsWith(`${year.year}-`), `${month.key} is in ${year.year}`);
        assert.equal(label(month), MONTH_NAMES[Number(month.key.slice(5)) - 1]);
        assert.equal(tree.getParent(month), year);
        for (const event of tree.getChildren(month) as NodeOf<'event'>[]) {
          const from = event.entry.event.from!;
          assert.ok(from.startsWith(month.key), `${event.entry.event.summary} (${from}) is in ${month.key}`);
          assert.ok(from >= previous, `${from} comes after ${previous}`);
          previous = from;
        }
      }
    }
    const index = (years[0] as NodeOf<'year'>).corpus.index!;
    assert.equal(
      ofKind('event', years).length,
      index.events.filter((e) => e.from !== null).length,
      'every dated event of the corpus is on the timeline',
    );
    assert.ok(ofKind('month', years).some((m) => m.key === '2025-09' && label(m) === 'September'));
  });

  test('an event expands to one report per source: title, the date as written, the sentence', () => {
    const event = coaleMeeting();
    const reports = ofKind('report', [event]);
    assert.equal(
      new Set(reports.map((r) => r.report.document)).size,
      reports.length,
      'one report per source',
    );
    for (const r of reports) {
      const item = tree.getTreeItem(r);
      const doc = r.index.document(r.report.document)!;
      assert.equal(
        item.label,
        `${r.report.date ? `“${r.report.date.text}”` : 'undated here'} · ${doc.title}${r.report.plan ? ' · planned' : ''}`,
      );
      const sentence = doc.text.slice(r.report.start, r.report.end).replace(/\s+/g, ' ');
      assert.ok(
        sentence.startsWith(String(item.description).replace(/…$/, '')),
        `the description "${String(item.description)}" is the sentence`,
      );
      // the tooltip holds the whole sentence (escaped: compare its words)
      assert.ok(item.tooltip instanceof vscode.MarkdownString);
      const words = (t: string): string => t.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
      assert.ok(
        words(item.tooltip.value).includes(words(doc.text.slice(r.report.start, r.report.end))),
        'the tooltip has the full sentence',
      );
    }
  });

  test('selecting a report opens its article with the sentence selected', async () => {
    const report = ofKind('report', [coaleMeeting()]).at(-1)!;
    const command = tree.getTreeItem(report).command;
    assert.ok(command, 'a report row has a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = await eventually(() => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith(`/seeds/${report.report.document}`) ? e : undefined;
    }, 'the article in an editor');
    const selected = editor.document.getText(editor.selection);
    assert.equal(
      selected,
      report.index.document(report.report.document)!.text.slice(report.report.start, report.report.end),
    );
    assert.ok(
      selected.includes(report.report.date?.text ?? report.report.predicate.text),
      `the selection "${selected}" holds the date "${report.report.date?.text}"`,
    );
  });

  test('filtering by a participant from the tree keeps only its events; Clear Filter shows all again', async () => {
    const all = tree.counts.shown;
    const participant = ofKind('participant', [coaleMeeting()]).find((p) => p.entity.name === 'John Coale')!;
    // the view's inline action passes the row it sits on
    await vscode.commands.executeCommand(Commands.filterTimeline, participant);
    assert.deepEqual(tree.filter, { entity: participant.entity.id, name: 'John Coale' });
    const events = ofKind('event');
    assert.ok(events.length > 0);
    for (const e of events)
      assert.ok(
        e.entry.event.entities.includes(participant.entity.id),
        `${e.entry.event.summary} involves John Coale`,
      );
    assert.equal(
      events.length,
      participant.corpus.index!.events.filter(
        (e) => e.from !== null && e.entities.includes(participant.entity.id),
      ).length,
    );
    assert.ok(tree.counts.shown < all, 'the filter hides events');
    assert.equal(tree.counts.total, all);
    await vscode.commands.executeCommand(Commands.clearTimelineFilter);
    assert.equal(tree.filter, undefined);
    assert.equal(ofKind('event').length, all);
  });

  test('Corpus: Filter Timeline by Entity… offers the entities with events, most events first', async () => {
    const first = tree.entities()[0];
    assert.ok(first, 'some entity takes part in an event');
    const picking = vscode.commands.executeCommand(Commands.filterTimeline);
    // accept the quick pick's first row once it shows (accepting before that does nothing)
    await eventually(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return tree.filter;
    }, 'the quick pick to be accepted');
    await picking;
    assert.equal(tree.filter?.entity, first.entity.id);
    assert.ok(ofKind('event').every((e) => e.entry.event.entities.includes(first.entity.id)));
  });

  test('an entity hover links to its timeline', async () => {
    const uri = fileUri('seeds', '003_e4f82bba94b819c4.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, positionOf(doc, 'Lukashenko', 3, 2));
    const link = /\]\(command:corpusNavigator\.filterTimeline\?([^)]+)\)/.exec(text);
    assert.ok(link, `the hover links to the timeline:\n${text}`);
    const args = JSON.parse(decodeURIComponent(link[1]!)) as unknown[];
    await vscode.commands.executeCommand(Commands.filterTimeline, ...args);
    assert.equal(tree.filter?.name, 'Alexander Lukashenko');
    assert.ok(ofKind('event').length > 0);
  });

  test('an edit to an article shows on the timeline without a reload; unchanged rows keep their ids', async function () {
    this.timeout(240_000); // two analyses of the whole corpus, each up to half a minute on a loaded machine
    const before = new Set(ofKind('event', seeds()).map((n) => tree.getTreeItem(n).id));
    const uri = fileUri('seeds', '002_c31f13c431a41b4e.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    const original = doc.getText();
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) =>
      e.insert(
        new vscode.Position(doc.lineCount, 0),
        '\nOn 3 February 1989, Alexander Lukashenko met Vladimir Putin in Sochi.\n',
      ),
    );
    try {
      const added = await eventually(
        async () => {
          await api.whenIdle();
          return seeds().find((n) => n.kind === 'year' && n.year === '1989');
        },
        'a 1989 row after the edit',
        90_000,
      );
      assert.equal(seeds()[0], added, '1989 comes first');
      const after = new Set(ofKind('event', seeds()).map((n) => tree.getTreeItem(n).id));
      assert.deepEqual(
        [...before].filter((id) => !after.has(id)),
        [],
        'every earlier event keeps its id',
      );
    } finally {
      // code-server saves edits after a second (files.autoSave defaults to afterDelay in the browser), so a revert may not undo this
      await editor.edit((e) =>
        e.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original),
      );
      await doc.save();
    }
    await eventually(
      async () => {
        await api.whenIdle();
        return seeds().some((n) => n.kind === 'year' && n.year === '1989') ? undefined : true;
      },
      'the 1989 row to go when the edit is undone',
      90_000,
    );
  });

  test('an event whose sources disagree on the date carries a warning, on the event and on both reports', async () => {
    const folder = fileUri('timeline-conflict');
    const write = (name: string, text: string): Thenable<void> =>
      vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, name), new TextEncoder().encode(text));
    await write(
      'a.txt',
      'Talks in Geneva\nOn March 5, 2025, Jane Holloway met Peter Brandt in Geneva to discuss the treaty.\n',
    );
    await write(
      'b.txt',
      'Geneva meeting\nOn March 7, 2025, Jane Holloway met Peter Brandt in Geneva for talks on the treaty.\n',
    );
    await write(
      'corpus.yaml',
      [
        'documents:',
        '  - file: a.txt',
        '    published: 2025-03-10',
        '  - file: b.txt',
        '    published: 2025-03-10',
        'entities:',
        '  - name: Jane Holloway',
        '    type: person',
        '  - name: Peter Brandt',
        '    type: person',
        '',
      ].join('\n'),
    );
    try {
      await vscode.commands.executeCommand(Commands.reindex);
      const event = await eventually(async () => {
        await api.whenIdle();
        const corpus = tree
          .getChildren()
          .find((n) => n.kind === 'corpus' && n.corpus.root.path.endsWith('/timeline-conflict'));
        return corpus && ofKind('event', [corpus]).find((e) => e.entry.conflicts.length > 0);
      }, 'the new corpus with a conflicting event');
      const icon = (n: TimelineNode): string | undefined =>
        (tree.getTreeItem(n).iconPath as vscode.ThemeIcon | undefined)?.id;
      assert.equal(icon(event), 'warning');
      const reports = ofKind('report', [event]);
      assert.deepEqual(reports.map(icon), ['warning', 'warning'], 'one row per source, each marked');
      // the icon's meaning in words too, for a screen reader
      const spoken = (n: TimelineNode): string => tree.getTreeItem(n).accessibilityInformation?.label ?? '';
      assert.match(spoken(event), /, \d+ sources, sources disagree$/);
      for (const r of reports) assert.match(spoken(r), /, sources disagree: \S/);
      const calm = ofKind('event', seeds()).find((e) => e.entry.conflicts.length === 0)!;
      assert.doesNotMatch(spoken(calm), /disagree/);
      const tooltip = tree.getTreeItem(event).tooltip as vscode.MarkdownString;
      assert.match(tooltip.value, /March 5, 2025.*March 7, 2025/s);
      assert.ok(
        ofKind('event', seeds()).every((e) => e.entry.conflicts.length > 0 || icon(e) === 'calendar'),
        'events without conflicts keep the calendar icon',
      );
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true });
      await vscode.commands.executeCommand(Commands.reindex);
    }
    await eventually(async () => {
      await api.whenIdle();
      return tree
        .getChildren()
        .some((n) => n.kind === 'corpus' && n.corpus.root.path.endsWith('/timeline-conflict'))
        ? undefined
        : true;
    }, 'the deleted corpus to leave the timeline');
  });

  test('the view and its commands are contributed', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      Commands.showTimeline,
      Commands.filterTimeline,
      Commands.clearTimelineFilter,
      Commands.reindex,
    ])
      assert.ok(commands.includes(id), id);
    await vscode.commands.executeCommand(Commands.showTimeline);
    assert.equal(tree.state, 'ready');
  });
});
