/**
 * "Corpus: Merge Entities…" and "Corpus: Split Entity…": a person's correction of the entity
 * resolution, recorded in corpus.yaml so it travels with the corpus. A merge adds the other
 * entity's names to the kept one's `aliases:`, a split adds names to its `never:` (each gets a
 * cluster of its own). One small edit, comments kept, never in Restricted Mode (manifest-edit.ts).
 */
import * as vscode from 'vscode';
import type { CorpusService, CorpusState } from '../corpus-service';
import type { Entity } from '../../core/pipeline/entities/entities';
import { recordEntityNames } from '../../core/pipeline/manifest/entity-edits';
import { Commands } from '../commands';
import { writeManifest } from '../manifest-edit';
import { TYPE_ICON } from './go-to-entity';
import type { EntityNode } from './entity-tree';

interface Picked {
  readonly corpus: CorpusState;
  readonly entity: Entity;
}

/** An entity given as an Entities row, an entity id, or else the one under the cursor. */
function given(service: CorpusService, arg: unknown): Picked | undefined {
  if (arg && typeof arg === 'object' && 'kind' in arg) {
    const node = arg as EntityNode;
    if (node.kind === 'entity' || node.kind === 'source' || node.kind === 'mention')
      return { corpus: node.corpus, entity: node.entity };
  }
  if (typeof arg === 'string') {
    for (const corpus of service.corpora) {
      const entity = corpus.index?.entity(arg);
      if (entity) return { corpus, entity };
    }
    return undefined;
  }
  const editor = vscode.window.activeTextEditor;
  const at = editor && service.locate(editor.document.uri);
  const hit = at?.index.entityAt(at.id, editor!.document.offsetAt(editor!.selection.active));
  return hit && at ? { corpus: at.corpus, entity: hit.entity } : undefined;
}

async function pick(
  service: CorpusService,
  title: string,
  placeHolder: string,
  only?: CorpusState,
  except?: Entity,
): Promise<Picked | undefined> {
  const items = service.corpora.flatMap((corpus) =>
    corpus.index && (!only || corpus === only)
      ? corpus.index.entities
          .filter((e) => e.id !== except?.id)
          .map((entity) => ({
            corpus,
            entity,
            label: `$(${TYPE_ICON[entity.type]}) ${entity.name}`,
            description: [entity.type, ...entity.aliases].join(' · '),
            detail: `${entity.mentions.length} mention${entity.mentions.length === 1 ? '' : 's'}`,
          }))
      : [],
  );
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder, matchOnDescription: true });
  return chosen && { corpus: chosen.corpus, entity: chosen.entity };
}

export function registerEntityMerge(service: CorpusService, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.mergeEntities, async (keepArg?: unknown, otherArg?: unknown) => {
      await service.whenIdle();
      const keep =
        given(service, keepArg) ?? (await pick(service, 'Merge Entities (1/2)', 'The entity to keep'));
      if (!keep) return false;
      const other =
        (otherArg !== undefined ? given(service, otherArg) : undefined) ??
        (await pick(
          service,
          'Merge Entities (2/2)',
          `The entity that is ${keep.entity.name} too`,
          keep.corpus,
          keep.entity,
        ));
      if (!other || other.entity.id === keep.entity.id) return false;
      const names = [other.entity.name, ...other.entity.aliases];
      return writeManifest(
        service,
        log,
        keep.corpus,
        (text) => recordEntityNames(text, keep.entity, 'aliases', names),
        `${other.entity.name} merged into ${keep.entity.name}`,
      );
    }),
    vscode.commands.registerCommand(Commands.splitEntity, async (arg?: unknown, namesArg?: unknown) => {
      await service.whenIdle();
      const target = given(service, arg) ?? (await pick(service, 'Split Entity', 'The entity to split'));
      if (!target) return false;
      const { entity } = target;
      let names = Array.isArray(namesArg) ? namesArg.filter((n): n is string => typeof n === 'string') : [];
      if (names.length === 0) {
        if (entity.aliases.length === 0) {
          void vscode.window.showInformationMessage(
            `Corpus Navigator: ${entity.name} has only one name; there is nothing to split off.`,
          );
          return false;
        }
        const counts = new Map<string, number>();
        for (const m of entity.mentions) counts.set(m.text, (counts.get(m.text) ?? 0) + 1);
        const chosen = await vscode.window.showQuickPick(
          entity.aliases.map((name) => ({
            label: name,
            description: `${counts.get(name) ?? 0} mention${counts.get(name) === 1 ? '' : 's'}`,
          })),
          {
            title: `Split ${entity.name}`,
            placeHolder: `The names that are not ${entity.name} (they become entities of their own)`,
            canPickMany: true,
          },
        );
        names = chosen?.map((c) => c.label) ?? [];
      }
      if (names.length === 0) return false;
      return writeManifest(
        service,
        log,
        target.corpus,
        (text) => recordEntityNames(text, entity, 'never', names),
        `${names.join(', ')} split from ${entity.name}`,
      );
    }),
  );
}
