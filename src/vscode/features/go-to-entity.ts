/** "Corpus: Go to Entity…": a quick pick of every entity (type icon, other names, mention counts) that opens its first mention. */
import * as vscode from 'vscode';
import type { CorpusService, CorpusState } from '../corpus-service';
import type { Entity } from '../../core/pipeline/entities/entities';
import type { CorpusIndex } from '../../core/index/corpus-index';
import type { EntityType } from '../../core/pipeline/manifest/manifest';
import { MANIFEST_FILE } from '../../core/pipeline/text/article-files';
import { Commands } from '../commands';
import { toRange } from '../convert';

/** The codicon shown for each entity type. */
export const TYPE_ICON: Record<EntityType, string> = {
  person: 'person',
  organization: 'organization',
  place: 'location',
  other: 'tag',
};

interface EntityItem extends vscode.QuickPickItem {
  readonly corpus: CorpusState;
  /** The index the entity came from (offsets are only valid against it). */
  readonly index: CorpusIndex;
  readonly entity: Entity;
}

export function registerGoToEntity(service: CorpusService): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.goToEntity, async () => {
    await service.whenIdle();
    const several = service.corpora.length > 1;
    const items: EntityItem[] = service.corpora.flatMap((corpus) => {
      const index = corpus.index;
      if (!index) return [];
      return index.findEntities('').map(({ entity }) => {
        const sources = new Set(entity.mentions.map((m) => m.document)).size;
        return {
          corpus,
          index,
          entity,
          label: `$(${TYPE_ICON[entity.type]}) ${entity.name}`,
          description: [entity.type, ...entity.aliases].join(' · '),
          detail: `${entity.mentions.length} mention${entity.mentions.length === 1 ? '' : 's'} in ${sources} source${sources === 1 ? '' : 's'}${several ? ` · ${vscode.workspace.asRelativePath(corpus.root)}` : ''}`,
        };
      });
    });
    if (items.length === 0) {
      void vscode.window.showInformationMessage(
        'No entities yet: a corpus is a folder holding a corpus.yaml.',
      );
      return;
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Go to Entity',
      placeHolder: 'A name, an alias or a type',
      matchOnDescription: true,
    });
    if (!picked) return;
    const { index } = picked;
    const first = picked.entity.mentions[0];
    const entry = index.manifestEntry(picked.entity.id);
    if (first)
      await vscode.window.showTextDocument(service.uriOf(picked.corpus, first.document), {
        selection: toRange(index, first.document, first),
      });
    else if (entry)
      await vscode.window.showTextDocument(service.uriOf(picked.corpus, MANIFEST_FILE), {
        selection: toRange(index, MANIFEST_FILE, entry.span),
      });
  });
}
