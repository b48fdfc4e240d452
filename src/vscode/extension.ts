/** Corpus Navigator: wires the core's index to the editor's features. Each feature lives in features/. */
import * as vscode from 'vscode';
import { CorpusService } from './corpus-service';
import { registerEntityHover } from './features/entity-hover';
import { registerCorpusDiagnostics } from './features/corpus-diagnostics';
import { registerConflictActions } from './features/conflict-actions';
import { registerStatusBar } from './features/status-bar';
import { registerCorpusCommands } from './features/corpus-commands';
import { registerArticleLanguage } from './features/article-language';
import { registerEntityDefinition } from './features/entity-definition';
import { registerEntityReferences } from './features/entity-references';
import { registerCorpusSymbols } from './features/corpus-symbols';
import { registerGoToEntity } from './features/go-to-entity';
import { registerEntitySemanticTokens } from './features/entity-semantic-tokens';
import { registerCreateManifest } from './features/create-manifest';
import { registerEventTree, type EventTreeProvider } from './features/event-tree';
import { registerTimelineChart, type TimelineChart } from './features/timeline-chart';
import { registerExportTimeline } from './features/export-timeline';
import { registerEntityTree, type EntityTreeProvider } from './features/entity-tree';
import { registerEntityMerge } from './features/entity-merge';
import { registerWalkthrough } from './features/walkthrough';
import { registerLegacyEncoding } from './features/legacy-encoding';

/** What the extension exports, for tests and other extensions. */
export interface CorpusNavigatorApi {
  /** Resolves when every corpus is indexed and no re-index is pending. */
  whenIdle(): Promise<void>;
  /** The Timeline view's data provider (the integration tests drive it). */
  readonly timeline: EventTreeProvider;
  /** The timeline chart's panel (the integration tests read what it drew). */
  readonly chart: TimelineChart;
  /** The Entities view's data provider. */
  readonly entities: EntityTreeProvider;
}

export function activate(context: vscode.ExtensionContext): CorpusNavigatorApi {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('Corpus Navigator', { log: true });
  const storage = context.storageUri ?? context.globalStorageUri;
  const service = new CorpusService(
    log,
    vscode.Uri.joinPath(context.extensionUri, 'dist', 'index-worker.js').fsPath,
    storage,
  );
  context.subscriptions.push(
    log,
    service,
    registerEntityHover(service),
    registerLegacyEncoding(service, log),
    registerCorpusDiagnostics(service),
    registerConflictActions(service, log),
    registerStatusBar(service),
    registerCorpusCommands(service, log),
    registerArticleLanguage(service),
    registerEntityDefinition(service),
    registerEntityReferences(service),
    registerCorpusSymbols(service),
    registerGoToEntity(service),
    registerEntitySemanticTokens(service),
    registerCreateManifest(service, log),
    registerEntityMerge(service, log),
    registerWalkthrough(service),
  );
  const timeline = registerEventTree(service);
  const chart = registerTimelineChart(service, context.extensionUri, log, timeline);
  context.subscriptions.push(chart, registerExportTimeline(service, log));
  const entities = registerEntityTree(service);
  context.subscriptions.push(timeline, entities);
  log.info(`activated in ${(performance.now() - t0).toFixed(1)} ms; indexing starts`);
  const ready = service.discover();
  return {
    whenIdle: async () => {
      await ready;
      await service.whenIdle();
    },
    timeline: timeline.provider,
    chart: chart.chart,
    entities: entities.provider,
  };
}

export function deactivate(): void {}
