import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, eventually, fileUri, positionOf, type Api } from './helpers';
import { Commands } from '../../src/vscode/commands';
import type { EntityNode, EntityTreeProvider } from '../../src/vscode/features/entity-tree';

interface EntitiesApi extends Api {
  readonly entities: EntityTreeProvider;
}

type NodeOf<K extends EntityNode['kind']> = Extract<EntityNode, { kind: K }>;

suite('the Entities view, merge and split, the walkthrough', () => {
  let api: EntitiesApi;
  let tree: EntityTreeProvider;
  suiteSetup(async () => {
    api = (await activate()) as EntitiesApi;
    tree = api.entities;
  });
  teardown(async () => {
    await vscode.commands.executeCommand(Commands.clearEntitiesFilter);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** The seed corpus's rows (other corpora of the test workspace sit beside it). */
  function seeds(): EntityNode[] {
    const top = tree.getChildren();
    const corpus = top.find((n) => n.kind === 'corpus' && n.corpus.root.path.endsWith('/seeds'));
    assert.ok(corpus, 'a row for the seeds corpus');
    return tree.getChildren(corpus);
  }
  function entities(groups: EntityNode[] = seeds()): NodeOf<'entity'>[] {
    return groups
      .flatMap((g) => tree.getChildren(g))
      .filter((n): n is NodeOf<'entity'> => n.kind === 'entity');
  }
  function label(node: EntityNode): string {
    const l = tree.getTreeItem(node).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  }

  test('groups by type with counts, mentions by article labelled by their sentence', () => {
    const groups = seeds();
    const labels = groups.map(label);
    assert.ok(labels.includes('People') && labels.includes('Places'), labels.join(', '));
    const lukashenko = entities().find((e) => e.entity.name.includes('Lukashenko'));
    assert.ok(lukashenko, 'Lukashenko is listed');
    const item = tree.getTreeItem(lukashenko);
    assert.match(String(item.description), /^\d+ mentions · \d+ sources$/);
    assert.ok(item.accessibilityInformation?.label.includes('person'), 'the type is said in words');
    const sources = tree.getChildren(lukashenko);
    assert.ok(sources.length >= 2, 'several articles');
    const mentions = tree.getChildren(sources[0]);
    assert.ok(mentions.length > 0);
    const mention = tree.getTreeItem(mentions[0]!);
    assert.equal(mention.command?.command, Commands.openLocation);
    assert.ok(label(mentions[0]!).length > 20, 'a sentence as the label');
  });

  test('sorted by mentions, by name on request; filtered by a name', async () => {
    const people = () => entities(seeds().filter((g) => g.kind === 'group' && g.group === 'person'));
    const counts = people().map((e) => e.entity.mentions.length);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
    );
    await vscode.commands.executeCommand(Commands.sortEntities, 'name');
    const names = people().map((e) => e.entity.name);
    assert.deepEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' })),
    );
    await vscode.commands.executeCommand(Commands.sortEntities, 'mentions');
    await vscode.commands.executeCommand(Commands.filterEntities, 'lukash');
    assert.equal(tree.filter, 'lukash');
    const shown = entities();
    assert.ok(
      shown.length >= 1 && shown.every((e) => /lukash/i.test([e.entity.name, ...e.entity.aliases].join(' '))),
    );
    assert.ok(tree.counts.shown < tree.counts.total);
  });

  test('follows the cursor: the entity under it is found as a row', async () => {
    const uri = fileUri('seeds', '001_1807f2970d4fd1ea.txt');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, {
      selection: new vscode.Range(positionOf(doc, 'Lukashenko'), positionOf(doc, 'Lukashenko')),
    });
    await vscode.commands.executeCommand(Commands.showEntities);
    const at = (
      await eventually(
        () => vscode.extensions.getExtension('corpus-navigator.corpus-navigator')?.exports as EntitiesApi,
        'the API',
      )
    ).entities;
    const seedsCorpus = tree.getChildren().find((n) => n.corpus.root.path.endsWith('/seeds'))!.corpus;
    const hit = seedsCorpus.index!.entityAt(
      '001_1807f2970d4fd1ea.txt',
      doc.offsetAt(positionOf(doc, 'Lukashenko')),
    );
    assert.ok(hit);
    const row = at.entityNode(seedsCorpus, hit.entity.id);
    assert.ok(row, 'the entity under the cursor has a row to reveal');
    assert.equal(tree.getParent(row)?.kind, 'group');
  });

  test('merge and split are recorded in corpus.yaml as aliases and never, comments kept', async () => {
    const manifest = fileUri('seeds', 'corpus.yaml');
    const before = new TextDecoder().decode(await vscode.workspace.fs.readFile(manifest));
    const all = entities();
    const keep =
      all.find((e) => e.entity.type === 'place' && e.entity.name === 'Belarus') ??
      all.find((e) => e.entity.type === 'place')!;
    const other = all.find((e) => e.entity.type === 'place' && e.entity.id !== keep.entity.id)!;
    const merged = await vscode.commands.executeCommand<boolean>(
      Commands.mergeEntities,
      keep.entity.id,
      other.entity.id,
    );
    assert.equal(merged, true);
    const afterMerge = new TextDecoder().decode(await vscode.workspace.fs.readFile(manifest));
    assert.ok(
      afterMerge.startsWith(before.trimEnd()),
      'nothing before the new entry changed (comments kept)',
    );
    assert.match(
      afterMerge,
      new RegExp(`- name: ${keep.entity.name}[\\s\\S]*aliases:[\\s\\S]*${other.entity.name}`),
    );
    await api.whenIdle();
    await eventually(
      () =>
        entities().find(
          (e) => e.entity.name === keep.entity.name && e.entity.aliases.includes(other.entity.name),
        ),
      'the merged entity',
    );
    const split = await vscode.commands.executeCommand<boolean>(
      Commands.splitEntity,
      entities().find((e) => e.entity.name === keep.entity.name)!.entity.id,
      [other.entity.name],
    );
    assert.equal(split, true);
    const afterSplit = new TextDecoder().decode(await vscode.workspace.fs.readFile(manifest));
    assert.match(afterSplit, /never:/);
    await api.whenIdle();
    await vscode.workspace.fs.writeFile(manifest, new TextEncoder().encode(before));
    await api.whenIdle();
  });

  test("the walkthrough's commands", async () => {
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.hoverName), true);
    assert.ok(vscode.window.activeTextEditor, 'an article is open at a name');
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.readConflict), true);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && !editor.selection.isEmpty, 'a conflicting report is selected');
    await vscode.commands.executeCommand(Commands.showTimeline);
    await vscode.commands.executeCommand(Commands.showEntities);
  });
});
