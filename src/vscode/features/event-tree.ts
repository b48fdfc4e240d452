/**
 * The Timeline view: each corpus's dated events by year and month. An event expands to its
 * reports (one per source: title, the date as written, the sentence; selecting one opens the
 * article at that sentence) and the entities taking part. The view can be filtered by entity and
 * follows every re-index, keeping rows' ids (and so their expansion) stable.
 */
import * as vscode from 'vscode';
import { viewState, type ViewState } from '../view-state';
import type { CorpusService, CorpusState } from '../corpus-service';
import type { CorpusIndex } from '../../core/index/corpus-index';
import type { Entity } from '../../core/pipeline/entities/entities';
import type { EntityType } from '../../core/pipeline/manifest/manifest';
import type { EventReport } from '../../core/pipeline/events/events';
import type { Conflict } from '../../core/pipeline/conflicts/wording';
import { buildTimeline, eventCounts, type Timeline, type TimelineEntry } from '../../core/index/timeline';
import { Commands } from '../commands';
import { escapeMarkdown } from '../convert';
import { formatDate, isoRange } from '../../core/index/date-format';

/** The view's id (package.json `contributes.views`). */
export const TIMELINE_VIEW = 'corpusNavigator.timeline';
/** Context keys the manifest's `when` clauses read. */
const FILTERED_KEY = 'corpusNavigator.timelineFiltered';
const STATE_KEY = 'corpusNavigator.timelineState';

/** Why the view is empty, if it is: each state has its own `viewsWelcome` text. */
export type TimelineState = ViewState<'noEvents'>;

/** The entity the timeline is filtered by. */
export interface TimelineFilter {
  readonly entity: string;
  readonly name: string;
}

interface NodeBase {
  /** Stable across re-indexing: VS Code keeps a row's expansion by this id. */
  readonly id: string;
  readonly parent: TimelineNode | undefined;
  readonly children: TimelineNode[];
  readonly corpus: CorpusState;
}

/** A row of the Timeline view. */
export type TimelineNode =
  | (NodeBase & { readonly kind: 'corpus'; readonly timeline: Timeline })
  | (NodeBase & { readonly kind: 'year'; readonly year: string; readonly count: number })
  | (NodeBase & {
      readonly kind: 'month';
      readonly key: string;
      readonly month: number;
      readonly count: number;
    })
  | (NodeBase & { readonly kind: 'undated'; readonly count: number })
  | (NodeBase & { readonly kind: 'event'; readonly index: CorpusIndex; readonly entry: TimelineEntry })
  | (NodeBase & {
      readonly kind: 'report';
      readonly index: CorpusIndex;
      readonly report: EventReport;
      readonly conflicts: readonly Conflict[];
    })
  | (NodeBase & { readonly kind: 'participants'; readonly entities: readonly Entity[] })
  | (NodeBase & { readonly kind: 'participant'; readonly entity: Entity });

const MONTHS = [
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
const TYPE_ICONS: Record<EntityType, string> = {
  person: 'person',
  organization: 'organization',
  place: 'location',
  other: 'tag',
};
const TYPE_ORDER: readonly EntityType[] = ['person', 'organization', 'other', 'place'];
const WARNING = new vscode.ThemeColor('list.warningForeground');
const INFO = new vscode.ThemeColor('notificationsInfoIcon.foreground');
const MAX_SENTENCE = 160;

/** The Timeline view's data: rebuilt from the indexes after every re-index, filtered by entity on request. */
export class EventTreeProvider implements vscode.TreeDataProvider<TimelineNode>, vscode.Disposable {
  readonly #service: CorpusService;
  readonly #onDidChangeTreeData = new vscode.EventEmitter<TimelineNode | undefined>();
  readonly #subscription: vscode.Disposable;
  #roots: TimelineNode[] = [];
  #filter: TimelineFilter | undefined;
  #state: TimelineState = 'indexing';
  #shown = 0;
  #total = 0;

  readonly onDidChangeTreeData = this.#onDidChangeTreeData.event;

  constructor(service: CorpusService) {
    this.#service = service;
    // Until the service reports, corpora are still being looked for: the view says so, not "no corpus".
    void vscode.commands.executeCommand('setContext', STATE_KEY, this.#state);
    void vscode.commands.executeCommand('setContext', FILTERED_KEY, false);
    this.#subscription = service.onDidChange(() => this.refresh());
  }

  /** The entity the view is filtered by, if any. */
  get filter(): TimelineFilter | undefined {
    return this.#filter;
  }

  /** Why the view is empty, or `ready`. */
  get state(): TimelineState {
    return this.#state;
  }

  /** Events shown (after the filter) and events in every corpus. */
  get counts(): { readonly shown: number; readonly total: number } {
    return { shown: this.#shown, total: this.#total };
  }

  /** Shows only the events an entity takes part in; undefined shows every event again. */
  setFilter(filter: TimelineFilter | undefined): void {
    this.#filter = filter;
    void vscode.commands.executeCommand('setContext', FILTERED_KEY, filter !== undefined);
    this.refresh();
  }

  /** Rebuilds the rows from the current indexes. */
  refresh(): void {
    const indexed = this.#service.corpora.flatMap((corpus) =>
      corpus.index ? [{ corpus, index: corpus.index }] : [],
    );
    const built = indexed.map(({ corpus, index }) => ({
      corpus,
      index,
      timeline: buildTimeline(
        index.events,
        index.conflicts,
        this.#filter ? { entity: this.#filter.entity } : {},
      ),
    }));
    this.#shown = built.reduce((n, b) => n + b.timeline.shown, 0);
    this.#total = built.reduce((n, b) => n + b.timeline.total, 0);
    if (built.length === 1) {
      this.#roots = periodNodes(built[0]!.corpus, built[0]!.index, built[0]!.timeline, undefined);
    } else {
      this.#roots = built
        .filter((b) => b.timeline.shown > 0)
        .map(({ corpus, index, timeline }) => {
          const node: TimelineNode = {
            kind: 'corpus',
            id: corpus.root.toString(),
            parent: undefined,
            children: [],
            corpus,
            timeline,
          };
          node.children.push(...periodNodes(corpus, index, timeline, node));
          return node;
        });
    }
    this.#state = viewState(this.#service, indexed.length, this.#total, this.#shown, 'noEvents');
    void vscode.commands.executeCommand('setContext', STATE_KEY, this.#state);
    this.#onDidChangeTreeData.fire(undefined);
  }

  getChildren(node?: TimelineNode): TimelineNode[] {
    return node ? node.children : this.#roots;
  }

  getParent(node: TimelineNode): TimelineNode | undefined {
    return node.parent;
  }

  getTreeItem(node: TimelineNode): vscode.TreeItem {
    const expanded = vscode.TreeItemCollapsibleState.Expanded;
    switch (node.kind) {
      case 'corpus': {
        const rel = vscode.workspace.asRelativePath(node.corpus.root, false);
        const item = new vscode.TreeItem(
          rel === node.corpus.root.fsPath ? node.corpus.root.path.split('/').pop()! : rel,
          expanded,
        );
        item.description = plural(node.timeline.shown, 'event');
        item.iconPath = new vscode.ThemeIcon('library');
        return withId(item, node, 'corpus');
      }
      case 'year': {
        const item = new vscode.TreeItem(
          node.year.startsWith('-') ? node.year : String(Number(node.year)),
          expanded,
        );
        item.description = plural(node.count, 'event');
        return withId(item, node, 'year');
      }
      case 'month': {
        const item = new vscode.TreeItem(MONTHS[node.month - 1]!, expanded);
        item.description = plural(node.count, 'event');
        return withId(item, node, 'month');
      }
      case 'undated': {
        const item = new vscode.TreeItem('Undated', expanded);
        item.description = plural(node.count, 'event');
        return withId(item, node, 'undated');
      }
      case 'event':
        return eventItem(node);
      case 'report':
        return reportItem(node);
      case 'participants': {
        const item = new vscode.TreeItem('Taking part', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = node.entities.map((e) => e.name).join(', ');
        item.iconPath = new vscode.ThemeIcon('organization');
        item.tooltip =
          'The people, organisations and places named in the reports: filter the timeline by one of them';
        return withId(item, node, 'participants');
      }
      case 'participant': {
        const item = new vscode.TreeItem(node.entity.name, vscode.TreeItemCollapsibleState.None);
        item.description = node.entity.type;
        item.iconPath = new vscode.ThemeIcon(TYPE_ICONS[node.entity.type]);
        item.tooltip = `${node.entity.name} (${node.entity.type}) takes part in this event`;
        return withId(item, node, 'participant');
      }
    }
  }

  /** Every entity that takes part in an event, with how many, over all corpora (merged by id). */
  entities(): { readonly entity: Entity; readonly events: number }[] {
    const merged = new Map<string, { entity: Entity; events: number }>();
    for (const { index } of this.#service.corpora) {
      if (!index) continue;
      for (const [id, n] of eventCounts(index.events)) {
        const entity = index.entity(id);
        if (!entity) continue;
        const cur = merged.get(id);
        merged.set(id, { entity: cur?.entity ?? entity, events: (cur?.events ?? 0) + n });
      }
    }
    return [...merged.values()].sort(
      (a, b) => b.events - a.events || a.entity.name.localeCompare(b.entity.name),
    );
  }

  dispose(): void {
    this.#subscription.dispose();
    this.#onDidChangeTreeData.dispose();
  }
}

/** The Timeline view and its commands. `view` lets the timeline chart reveal and follow its selection; `provider` is exposed to the integration tests through the extension's API. */
export function registerEventTree(service: CorpusService): vscode.Disposable & {
  readonly provider: EventTreeProvider;
  readonly view: vscode.TreeView<TimelineNode>;
} {
  const provider = new EventTreeProvider(service);
  const view = vscode.window.createTreeView(TIMELINE_VIEW, {
    treeDataProvider: provider,
    showCollapseAll: true,
  });
  const describe = (): void => {
    const { filter, counts } = provider;
    view.description = filter?.name;
    view.message =
      filter && counts.shown > 0
        ? `Events with ${filter.name}: ${counts.shown} of ${counts.total}`
        : undefined;
  };
  const show = (): Thenable<unknown> => vscode.commands.executeCommand(`${TIMELINE_VIEW}.focus`);
  const disposable = vscode.Disposable.from(
    provider,
    view,
    provider.onDidChangeTreeData(describe),
    vscode.commands.registerCommand(Commands.showTimeline, show),
    vscode.commands.registerCommand(Commands.filterTimeline, async (arg?: string | TimelineNode) => {
      const filter =
        typeof arg === 'string'
          ? byId(provider, arg)
          : arg?.kind === 'participant'
            ? { entity: arg.entity.id, name: arg.entity.name }
            : await pickEntity(
                provider,
                arg?.kind === 'event'
                  ? arg.entry.event.entities
                  : arg?.kind === 'participants'
                    ? arg.entities.map((e) => e.id)
                    : undefined,
              );
      if (filter === undefined) return;
      provider.setFilter(filter ?? undefined);
      await show();
    }),
    vscode.commands.registerCommand(Commands.clearTimelineFilter, () => provider.setFilter(undefined)),
  );
  return Object.assign(disposable, { provider, view });
}

/** The filter for an entity id (from a hover link); the id itself names it when no corpus knows it any more. */
function byId(provider: EventTreeProvider, id: string): TimelineFilter {
  const found = provider.entities().find((e) => e.entity.id === id);
  return { entity: id, name: found?.entity.name ?? id };
}

/** Asks for an entity; `null` means "clear the filter", undefined that the pick was dismissed. */
async function pickEntity(
  provider: EventTreeProvider,
  only: readonly string[] | undefined,
): Promise<TimelineFilter | null | undefined> {
  type Item = vscode.QuickPickItem & { readonly filter: TimelineFilter | null };
  const items: Item[] = provider
    .entities()
    .filter((e) => !only || only.includes(e.entity.id))
    .map(({ entity, events }) => ({
      label: `$(${TYPE_ICONS[entity.type]}) ${entity.name}`,
      description: `${entity.type} · ${plural(events, 'event')}`,
      filter: { entity: entity.id, name: entity.name },
    }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No entity takes part in a dated event yet.');
    return undefined;
  }
  const current = provider.filter;
  if (current)
    items.unshift({
      label: '$(clear-all) Show every event',
      description: `now: ${current.name}`,
      filter: null,
    });
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Filter Timeline by Entity',
    placeHolder: 'Show only the events this entity takes part in',
    matchOnDescription: true,
  });
  return picked?.filter;
}

/** Year and month rows (and an "Undated" row) of one corpus's timeline. */
function periodNodes(
  corpus: CorpusState,
  index: CorpusIndex,
  timeline: Timeline,
  parent: TimelineNode | undefined,
): TimelineNode[] {
  const root = corpus.root.toString();
  const out: TimelineNode[] = [];
  for (const y of timeline.years) {
    const year: TimelineNode = {
      kind: 'year',
      id: `${root}|${y.year}`,
      parent,
      children: [],
      corpus,
      year: y.year,
      count: y.months.reduce((n, m) => n + m.entries.length, 0),
    };
    for (const m of y.months) {
      const month: TimelineNode = {
        kind: 'month',
        id: `${root}|${m.key}`,
        parent: year,
        children: [],
        corpus,
        key: m.key,
        month: m.month,
        count: m.entries.length,
      };
      month.children.push(...m.entries.map((entry) => eventNode(corpus, index, entry, month)));
      year.children.push(month);
    }
    out.push(year);
  }
  if (timeline.undated.length > 0) {
    const undated: TimelineNode = {
      kind: 'undated',
      id: `${root}|undated`,
      parent,
      children: [],
      corpus,
      count: timeline.undated.length,
    };
    undated.children.push(...timeline.undated.map((entry) => eventNode(corpus, index, entry, undated)));
    out.push(undated);
  }
  return out;
}

function eventNode(
  corpus: CorpusState,
  index: CorpusIndex,
  entry: TimelineEntry,
  parent: TimelineNode,
): TimelineNode {
  const id = `${corpus.root.toString()}|event|${entry.key}`;
  const node: TimelineNode = { kind: 'event', id, parent, children: [], corpus, index, entry };
  // one row per source: its report in a conflict, else its dated one, else its first
  const rows = new Map<string, { report: EventReport; conflicts: Conflict[] }>();
  const rank = (x: { report: EventReport; conflicts: readonly Conflict[] }): number =>
    (x.conflicts.length > 0 ? 2 : 0) + (x.report.date ? 1 : 0);
  for (const report of entry.event.reports) {
    const conflicts = entry.conflicts.filter((c) =>
      c.reports.some((r) => r.document === report.document && r.start < report.end && report.start < r.end),
    );
    const held = rows.get(report.document);
    if (!held || rank({ report, conflicts }) > rank(held)) rows.set(report.document, { report, conflicts });
  }
  for (const { report, conflicts } of rows.values()) {
    node.children.push({
      kind: 'report',
      id: `${id}|${report.document}|${report.start}`,
      parent: node,
      children: [],
      corpus,
      index,
      report,
      conflicts,
    });
  }
  // one row below the reports, so a long list of names never pushes the next events away; who acted first, then where
  const entities = entry.event.entities
    .flatMap((entityId) => index.entity(entityId) ?? [])
    .sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type));
  if (entities.length > 0) {
    const group: TimelineNode = {
      kind: 'participants',
      id: `${id}|entities`,
      parent: node,
      children: [],
      corpus,
      entities,
    };
    group.children.push(
      ...entities.map((entity): TimelineNode => ({
        kind: 'participant',
        id: `${id}|entity|${entity.id}`,
        parent: group,
        children: [],
        corpus,
        entity,
      })),
    );
    node.children.push(group);
  }
  return node;
}

function eventItem(node: Extract<TimelineNode, { kind: 'event' }>): vscode.TreeItem {
  const { event, conflicts } = node.entry;
  const item = new vscode.TreeItem(event.summary, vscode.TreeItemCollapsibleState.Collapsed);
  item.description = formatDate(event, vscode.env.language);
  item.iconPath = conflictIcon(conflicts) ?? new vscode.ThemeIcon('calendar');
  item.accessibilityInformation = {
    label: `${event.summary}, ${item.description || 'no date'}, ${plural(event.reports.length, 'source')}${conflictWords(conflicts)}`,
  };
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(event.summary)}**\n\n`);
  md.appendMarkdown(
    `${escapeMarkdown(formatDate(event, vscode.env.language) || 'no date')}${event.from ? ` · \`${isoRange(event)}\`` : ''} · ${plural(event.reports.length, 'source')}\n\n`,
  );
  const names = event.entities
    .map((id) => node.index.entity(id)?.name)
    .filter((n): n is string => n !== undefined);
  if (names.length > 0) md.appendMarkdown(`With ${names.map(escapeMarkdown).join(', ')}\n\n`);
  appendConflicts(md, conflicts);
  md.supportThemeIcons = true;
  item.tooltip = md;
  return withId(item, node, conflicts.length > 0 ? 'event.conflict' : 'event');
}

function reportItem(node: Extract<TimelineNode, { kind: 'report' }>): vscode.TreeItem {
  const { report, index } = node;
  const doc = index.document(report.document);
  const sentence = (doc?.text.slice(report.start, report.end) ?? '').replace(/\s+/g, ' ').trim();
  // the date as written leads: it is what sources disagree on, and stays visible when a long title is cut
  const item = new vscode.TreeItem(
    `${report.date ? `“${report.date.text}”` : 'undated here'} · ${doc?.title ?? report.document}${report.plan ? ' · planned' : ''}`,
    vscode.TreeItemCollapsibleState.None,
  );
  item.description = sentence.length > MAX_SENTENCE ? `${sentence.slice(0, MAX_SENTENCE - 1)}…` : sentence;
  item.iconPath = conflictIcon(node.conflicts) ?? new vscode.ThemeIcon('quote');
  item.accessibilityInformation = {
    label: `${String(item.label)}${conflictWords(node.conflicts)}: ${sentence}`,
  };
  const md = new vscode.MarkdownString();
  md.supportThemeIcons = true;
  md.appendMarkdown(
    `**${escapeMarkdown(doc?.title ?? report.document)}**${doc?.published ? ` · ${escapeMarkdown(doc.published.date)}` : ''}\n\n`,
  );
  md.appendMarkdown(`${escapeMarkdown(sentence)}\n\n`);
  if (report.date) {
    const when = formatDate(report.date, vscode.env.language);
    md.appendMarkdown(
      `“${escapeMarkdown(report.date.text)}” → ${escapeMarkdown(when || 'no date')}${report.date.from ? ` · \`${isoRange(report.date)}\`` : ''}\n\n`,
    );
  } else md.appendMarkdown('This source does not date it; the others do.\n\n');
  appendConflicts(md, node.conflicts);
  item.tooltip = md;
  item.command = {
    command: Commands.openLocation,
    title: 'Open the Report',
    arguments: [node.corpus.root.toString(), report.document, report.start, report.end],
  };
  return withId(item, node, node.conflicts.length > 0 ? 'report.conflict' : 'report');
}

/** What the conflict icon says, in words, for a screen reader. */
function conflictWords(conflicts: readonly Conflict[]): string {
  if (conflicts.some((c) => c.severity === 'warning')) return ', sources disagree';
  return conflicts.length > 0 ? ', sources may disagree' : '';
}

/** A warning sign where sources disagree; an info sign where the disagreement may have an innocent reading. */
function conflictIcon(conflicts: readonly Conflict[]): vscode.ThemeIcon | undefined {
  if (conflicts.some((c) => c.severity === 'warning')) return new vscode.ThemeIcon('warning', WARNING);
  return conflicts.length > 0 ? new vscode.ThemeIcon('info', INFO) : undefined;
}

function appendConflicts(md: vscode.MarkdownString, conflicts: readonly Conflict[]): void {
  for (const c of conflicts) {
    md.appendMarkdown(
      `$(${c.severity === 'warning' ? 'warning' : 'info'}) ${escapeMarkdown(c.message)}${c.note ? ` (${escapeMarkdown(c.note)})` : ''}\n\n`,
    );
  }
}

function withId(item: vscode.TreeItem, node: TimelineNode, contextValue: string): vscode.TreeItem {
  item.id = node.id;
  item.contextValue = contextValue;
  return item;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
