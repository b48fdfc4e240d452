/**
 * The Entities view: each corpus's people, organisations (outlets apart), places and other names,
 * with mention and source counts, sorted and filtered on request. An entity expands to its
 * mentions grouped by article, each labelled by its sentence (selecting one opens it there). The
 * view follows the cursor: the entity under it in an article is revealed and selected.
 */
import * as vscode from 'vscode';
import { viewState, type ViewState } from '../view-state';
import type { CorpusService, CorpusState } from '../corpus-service';
import type { CorpusIndex, EntitySource } from '../../core/index/corpus-index';
import type { Entity, EntityMention } from '../../core/pipeline/entities/entities';
import { Commands } from '../commands';
import { escapeMarkdown } from '../convert';
import { ARTICLE_SELECTOR } from './article-selector';
import { TYPE_ICON } from './go-to-entity';

/** The view's id (package.json `contributes.views`). */
export const ENTITIES_VIEW = 'corpusNavigator.entities';
const STATE_KEY = 'corpusNavigator.entitiesState';
const FILTERED_KEY = 'corpusNavigator.entitiesFiltered';
const MAX_SENTENCE = 160;

/** How entities are ordered within a group. */
export type EntitySort = 'mentions' | 'sources' | 'name';
/** Why the view is empty, if it is (each state has its own `viewsWelcome`). */
export type EntitiesState = ViewState<'noEntities'>;

/** A group of the view: the entity types, with organisations that are outlets of articles apart. */
export type EntityGroup = 'person' | 'organization' | 'outlet' | 'place' | 'other';
const GROUPS: readonly { readonly group: EntityGroup; readonly label: string; readonly icon: string }[] = [
  { group: 'person', label: 'People', icon: TYPE_ICON.person },
  { group: 'organization', label: 'Organisations', icon: TYPE_ICON.organization },
  { group: 'outlet', label: 'Outlets', icon: 'broadcast' },
  { group: 'place', label: 'Places', icon: TYPE_ICON.place },
  { group: 'other', label: 'Other names', icon: TYPE_ICON.other },
];

interface NodeBase {
  /** Stable across re-indexing: VS Code keeps a row's expansion and selection by this id. */
  readonly id: string;
  readonly parent: EntityNode | undefined;
  readonly corpus: CorpusState;
}

/** A row of the Entities view. */
export type EntityNode =
  | (NodeBase & { readonly kind: 'corpus'; readonly index: CorpusIndex; readonly count: number })
  | (NodeBase & {
      readonly kind: 'group';
      readonly index: CorpusIndex;
      readonly group: EntityGroup;
      readonly entities: readonly Entity[];
    })
  | (NodeBase & {
      readonly kind: 'entity';
      readonly index: CorpusIndex;
      readonly entity: Entity;
      readonly sources: number;
    })
  | (NodeBase & {
      readonly kind: 'source';
      readonly index: CorpusIndex;
      readonly entity: Entity;
      readonly source: EntitySource;
    })
  | (NodeBase & {
      readonly kind: 'mention';
      readonly index: CorpusIndex;
      readonly entity: Entity;
      readonly mention: EntityMention;
    });

/** The Entities view's data: rebuilt from the indexes after every re-index. */
export class EntityTreeProvider implements vscode.TreeDataProvider<EntityNode>, vscode.Disposable {
  readonly #service: CorpusService;
  readonly #onDidChangeTreeData = new vscode.EventEmitter<EntityNode | undefined>();
  readonly #subscription: vscode.Disposable;
  #roots: EntityNode[] = [];
  /** Entity rows by corpus and entity id, for revealing the one under the cursor. */
  #byEntity = new Map<string, Extract<EntityNode, { kind: 'entity' }>>();
  #children = new Map<string, EntityNode[]>();
  #filter = '';
  #sort: EntitySort = 'mentions';
  #state: EntitiesState = 'indexing';
  #shown = 0;
  #total = 0;

  readonly onDidChangeTreeData = this.#onDidChangeTreeData.event;

  constructor(service: CorpusService) {
    this.#service = service;
    void vscode.commands.executeCommand('setContext', STATE_KEY, this.#state);
    void vscode.commands.executeCommand('setContext', FILTERED_KEY, false);
    this.#subscription = service.onDidChange(() => this.refresh());
  }

  /** The text entities are filtered by ('' for none). */
  get filter(): string {
    return this.#filter;
  }

  get sort(): EntitySort {
    return this.#sort;
  }

  get state(): EntitiesState {
    return this.#state;
  }

  /** Entities shown (after the filter) and entities in every corpus. */
  get counts(): { readonly shown: number; readonly total: number } {
    return { shown: this.#shown, total: this.#total };
  }

  /** Shows only entities one of whose names matches `text` (case and accents ignored); '' shows all. */
  setFilter(text: string): void {
    this.#filter = text.trim();
    void vscode.commands.executeCommand('setContext', FILTERED_KEY, this.#filter !== '');
    this.refresh();
  }

  setSort(sort: EntitySort): void {
    this.#sort = sort;
    this.refresh();
  }

  /** Rebuilds the rows from the current indexes. */
  refresh(): void {
    this.#byEntity = new Map();
    this.#children = new Map();
    const indexed = this.#service.corpora.flatMap((corpus) =>
      corpus.index ? [{ corpus, index: corpus.index }] : [],
    );
    this.#shown = 0;
    this.#total = 0;
    const perCorpus = indexed.map(({ corpus, index }) => {
      const entities = this.#filter
        ? index.findEntities(this.#filter).map((m) => m.entity)
        : [...index.entities];
      this.#shown += entities.length;
      this.#total += index.entities.length;
      return { corpus, index, entities };
    });
    if (perCorpus.length === 1) {
      const { corpus, index, entities } = perCorpus[0]!;
      this.#roots = this.#groups(corpus, index, entities, undefined);
    } else {
      this.#roots = perCorpus
        .filter((c) => c.entities.length > 0)
        .map(({ corpus, index, entities }) => {
          const node: EntityNode = {
            kind: 'corpus',
            id: `${corpus.root.toString()}`,
            parent: undefined,
            corpus,
            index,
            count: entities.length,
          };
          this.#children.set(node.id, this.#groups(corpus, index, entities, node));
          return node;
        });
    }
    this.#state = viewState(this.#service, indexed.length, this.#total, this.#shown, 'noEntities');
    void vscode.commands.executeCommand('setContext', STATE_KEY, this.#state);
    this.#onDidChangeTreeData.fire(undefined);
  }

  #groups(
    corpus: CorpusState,
    index: CorpusIndex,
    entities: readonly Entity[],
    parent: EntityNode | undefined,
  ): EntityNode[] {
    const outlets = new Set(index.documents.flatMap((d) => (d.outlet ? [d.outlet.toLowerCase()] : [])));
    const groupOf = (e: Entity): EntityGroup =>
      e.type === 'organization' && [e.name, ...e.aliases].some((n) => outlets.has(n.toLowerCase()))
        ? 'outlet'
        : e.type;
    const sources = new Map(entities.map((e) => [e.id, index.sourcesOf(e.id).length]));
    const collator = new Intl.Collator(vscode.env.language, { sensitivity: 'base' });
    const order = (a: Entity, b: Entity): number =>
      this.#sort === 'name'
        ? collator.compare(a.name, b.name)
        : this.#sort === 'sources'
          ? sources.get(b.id)! - sources.get(a.id)! ||
            b.mentions.length - a.mentions.length ||
            collator.compare(a.name, b.name)
          : b.mentions.length - a.mentions.length ||
            sources.get(b.id)! - sources.get(a.id)! ||
            collator.compare(a.name, b.name);
    const nodes: EntityNode[] = [];
    for (const { group } of GROUPS) {
      const members = entities.filter((e) => groupOf(e) === group);
      if (members.length === 0) continue;
      // a filter keeps the order of its matches (best first); otherwise the chosen sort applies
      if (!this.#filter) members.sort(order);
      const node: EntityNode = {
        kind: 'group',
        id: `${corpus.root.toString()}|group|${group}`,
        parent,
        corpus,
        index,
        group,
        entities: members,
      };
      const children = members.map((entity) => {
        const child = {
          kind: 'entity' as const,
          id: `${corpus.root.toString()}|entity|${entity.id}`,
          parent: node,
          corpus,
          index,
          entity,
          sources: sources.get(entity.id)!,
        };
        this.#byEntity.set(`${corpus.root.toString()}|${entity.id}`, child);
        return child;
      });
      this.#children.set(node.id, children);
      nodes.push(node);
    }
    return nodes;
  }

  /** The row of an entity, if the view shows it. */
  entityNode(corpus: CorpusState, entityId: string): EntityNode | undefined {
    return this.#byEntity.get(`${corpus.root.toString()}|${entityId}`);
  }

  getChildren(node?: EntityNode): EntityNode[] {
    if (!node) return this.#roots;
    const known = this.#children.get(node.id);
    if (known) return known;
    if (node.kind === 'entity') {
      const children = node.index.sourcesOf(node.entity.id).map((source): EntityNode => ({
        kind: 'source',
        id: `${node.id}|${source.document}`,
        parent: node,
        corpus: node.corpus,
        index: node.index,
        entity: node.entity,
        source,
      }));
      this.#children.set(node.id, children);
      return children;
    }
    if (node.kind === 'source') {
      const children = node.index
        .mentionsOf(node.entity.id, node.source.document)
        .map((mention): EntityNode => ({
          kind: 'mention',
          id: `${node.id}|${mention.start}`,
          parent: node,
          corpus: node.corpus,
          index: node.index,
          entity: node.entity,
          mention,
        }));
      this.#children.set(node.id, children);
      return children;
    }
    return [];
  }

  getParent(node: EntityNode): EntityNode | undefined {
    return node.parent;
  }

  getTreeItem(node: EntityNode): vscode.TreeItem {
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.kind) {
      case 'corpus': {
        const rel = vscode.workspace.asRelativePath(node.corpus.root, false);
        const label = rel === node.corpus.root.fsPath ? node.corpus.root.path.split('/').pop()! : rel;
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = plural(node.count, 'entity', 'entities');
        item.iconPath = new vscode.ThemeIcon('library');
        item.accessibilityInformation = { label: `Corpus ${label}, ${item.description}` };
        return withId(item, node, 'corpus');
      }
      case 'group': {
        const g = GROUPS.find((x) => x.group === node.group)!;
        const item = new vscode.TreeItem(g.label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = String(node.entities.length);
        item.iconPath = new vscode.ThemeIcon(g.icon);
        item.tooltip =
          node.group === 'outlet'
            ? 'Organisations that publish articles of this corpus (an article’s outlet)'
            : undefined;
        item.accessibilityInformation = {
          label: `${g.label}: ${plural(node.entities.length, 'entity', 'entities')}`,
        };
        return withId(item, node, 'group');
      }
      case 'entity': {
        const { entity, sources } = node;
        const item = new vscode.TreeItem(entity.name, collapsed);
        const counts = `${plural(entity.mentions.length, 'mention')} · ${plural(sources, 'source')}`;
        item.description = counts;
        item.iconPath = new vscode.ThemeIcon(TYPE_ICON[entity.type]);
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`**${escapeMarkdown(entity.name)}** · _${entity.type}_\n\n`);
        if (entity.description) md.appendMarkdown(`${escapeMarkdown(entity.description)}\n\n`);
        if (entity.aliases.length > 0)
          md.appendMarkdown(`Also: ${entity.aliases.map(escapeMarkdown).join(', ')}\n\n`);
        md.appendMarkdown(counts);
        item.tooltip = md;
        // the type is said in words, not only by the icon
        item.accessibilityInformation = {
          label: `${entity.name}, ${entity.type}, ${counts.replace(' · ', ', ')}${entity.aliases.length ? `, also ${entity.aliases.join(', ')}` : ''}`,
        };
        return withId(item, node, 'entity');
      }
      case 'source': {
        const doc = node.index.document(node.source.document);
        const title = doc?.title || node.source.document;
        const item = new vscode.TreeItem(title, collapsed);
        item.description = plural(node.source.count, 'mention');
        item.iconPath = new vscode.ThemeIcon('file-text');
        item.tooltip = `${node.source.document}${doc?.outlet ? ` · ${doc.outlet}` : ''}`;
        item.accessibilityInformation = {
          label: `${title}: ${plural(node.source.count, 'mention')} of ${node.entity.name}`,
        };
        return withId(item, node, 'source');
      }
      case 'mention': {
        const { mention, index } = node;
        const doc = index.document(mention.document);
        const s = index.sentenceAt(mention.document, mention.start);
        const sentence = (doc?.text.slice(s?.start ?? mention.start, s?.end ?? mention.end) ?? '')
          .replace(/\s+/g, ' ')
          .trim();
        const label = sentence.length > MAX_SENTENCE ? `${sentence.slice(0, MAX_SENTENCE - 1)}…` : sentence;
        // the name is highlighted in the sentence where it starts within the shown part
        const at = s ? doc!.text.slice(s.start, mention.start).replace(/\s+/g, ' ').trimStart().length : -1;
        const highlights: [number, number][] =
          at >= 0 && at + mention.text.length <= label.length ? [[at, at + mention.text.length]] : [];
        const item = new vscode.TreeItem({ label, highlights }, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('quote');
        item.tooltip = `“${mention.text}” in ${doc?.title ?? mention.document}`;
        item.accessibilityInformation = {
          label: `${mention.text} in: ${sentence}`,
        };
        item.command = {
          command: Commands.openLocation,
          title: 'Open the Mention',
          arguments: [node.corpus.root.toString(), mention.document, mention.start, mention.end],
        };
        return withId(item, node, 'mention');
      }
    }
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#onDidChangeTreeData.dispose();
  }
}

/** The Entities view, its filter and sort commands, and following the cursor. */
export function registerEntityTree(
  service: CorpusService,
): vscode.Disposable & { readonly provider: EntityTreeProvider } {
  const provider = new EntityTreeProvider(service);
  const view = vscode.window.createTreeView(ENTITIES_VIEW, {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  const describe = (): void => {
    const { filter, counts } = provider;
    const progress = service.progress;
    view.description = filter ? `“${filter}”` : undefined;
    view.message = progress
      ? `Indexing: ${progress.done} of ${progress.total} articles read${counts.total ? ` · ${plural(counts.total, 'entity', 'entities')} so far` : ''}`
      : filter && counts.shown > 0
        ? `Entities matching “${filter}”: ${counts.shown} of ${counts.total}`
        : undefined;
  };
  const follow = async (editor: vscode.TextEditor | undefined): Promise<void> => {
    if (!editor || !view.visible || vscode.languages.match(ARTICLE_SELECTOR, editor.document) === 0) return;
    const at = service.locate(editor.document.uri);
    if (!at) return;
    const hit = at.index.entityAt(at.id, editor.document.offsetAt(editor.selection.active));
    const node = hit && provider.entityNode(at.corpus, hit.entity.id);
    if (node) await view.reveal(node, { select: true, focus: false, expand: false });
  };
  const sorts: { label: string; sort: EntitySort; description: string }[] = [
    { label: 'By mentions', sort: 'mentions', description: 'most mentioned first' },
    { label: 'By sources', sort: 'sources', description: 'named by most articles first' },
    { label: 'By name', sort: 'name', description: 'alphabetical' },
  ];
  const disposable = vscode.Disposable.from(
    provider,
    view,
    provider.onDidChangeTreeData(describe),
    service.onDidProgress(describe),
    vscode.window.onDidChangeTextEditorSelection((e) => void follow(e.textEditor)),
    view.onDidChangeVisibility(() => void follow(vscode.window.activeTextEditor)),
    vscode.commands.registerCommand(Commands.showEntities, () =>
      vscode.commands.executeCommand(`${ENTITIES_VIEW}.focus`),
    ),
    vscode.commands.registerCommand(Commands.filterEntities, async (text?: string) => {
      const value =
        typeof text === 'string'
          ? text
          : await vscode.window.showInputBox({
              title: 'Filter Entities',
              prompt: 'Entities one of whose names contains this (case and accents ignored); empty shows all',
              value: provider.filter,
            });
      if (value === undefined) return;
      provider.setFilter(value);
    }),
    vscode.commands.registerCommand(Commands.clearEntitiesFilter, () => provider.setFilter('')),
    vscode.commands.registerCommand(Commands.sortEntities, async (sort?: EntitySort) => {
      const picked =
        sort ??
        (
          await vscode.window.showQuickPick(
            sorts.map((s) => ({ ...s, picked: s.sort === provider.sort })),
            { title: 'Sort Entities' },
          )
        )?.sort;
      if (picked) provider.setSort(picked);
    }),
  );
  describe();
  return Object.assign(disposable, { provider });
}

function withId(item: vscode.TreeItem, node: EntityNode, contextValue: string): vscode.TreeItem {
  item.id = node.id;
  item.contextValue = contextValue;
  return item;
}

function plural(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
