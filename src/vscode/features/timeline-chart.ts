/**
 * Corpus: Open Timeline Chart: a webview panel drawing a corpus's events on a time axis (the
 * script is src/webview/timeline-chart.ts, bundled into dist/webview/). The panel follows every
 * re-index, opens an article at a report's sentence on a click, and keeps its selection in step
 * with the Timeline view's. Article text reaches the webview only as JSON data in messages.
 */
import * as vscode from 'vscode';
import type { CorpusService, CorpusState } from '../corpus-service';
import { buildChartData, reportSentence } from '../../core/index/chart-data';
import type { FromChart, ToChart } from '../../webview/chart-protocol';
import type { TimelineNode } from './event-tree';
import { Commands } from '../commands';

/** The webview panel's type id (VS Code restores panels by it). */
const PANEL_TYPE = 'corpusNavigator.timelineChart';

/** The Timeline view, whose selection the chart follows and reveals. */
export interface TimelineRows {
  readonly provider: { getChildren(node?: TimelineNode): TimelineNode[] };
  readonly view: vscode.TreeView<TimelineNode>;
}

/** What the chart last reported drawing (counted in its DOM), for tests and the log. */
export interface ChartDrawn {
  readonly corpus: string;
  readonly events: number;
  readonly reports: number;
  readonly lanes: number;
  readonly ms: number;
}

/** The chart panel: one at a time, shown again when its command runs again. */
export class TimelineChart implements vscode.Disposable {
  readonly #service: CorpusService;
  readonly #extensionUri: vscode.Uri;
  readonly #log: vscode.LogOutputChannel;
  readonly #timeline: TimelineRows;
  readonly #onDidDraw = new vscode.EventEmitter<ChartDrawn>();
  readonly #disposables: vscode.Disposable[] = [this.#onDidDraw];
  #panel: vscode.WebviewPanel | undefined;
  #corpus: string | undefined;
  #ready = false;
  #drawn: ChartDrawn | undefined;
  #selected: string | undefined;

  /** Fires each time the chart has drawn. */
  readonly onDidDraw = this.#onDidDraw.event;

  constructor(
    service: CorpusService,
    extensionUri: vscode.Uri,
    log: vscode.LogOutputChannel,
    timeline: TimelineRows,
  ) {
    this.#service = service;
    this.#extensionUri = extensionUri;
    this.#log = log;
    this.#timeline = timeline;
    this.#disposables.push(
      service.onDidChange(() => this.#post()),
      timeline.view.onDidChangeSelection((e) => {
        const node = e.selection[0];
        const event = node?.kind === 'report' ? node.parent : node;
        if (event?.kind !== 'event' || !this.#panel) return;
        const root = event.corpus.root.toString();
        if (root !== this.#corpus) {
          this.#corpus = root;
          this.#post();
        }
        if (this.#selected === event.entry.key) return;
        this.#selected = event.entry.key;
        this.#send({ type: 'select', key: event.entry.key });
      }),
    );
  }

  /** What the chart last drew, if it is open. */
  get drawn(): ChartDrawn | undefined {
    return this.#panel ? this.#drawn : undefined;
  }

  /** Opens the chart (or brings it forward) on a corpus: the given root, the active article's, else the first. */
  open(root?: string): void {
    this.#corpus = root ?? this.#pickCorpus()?.root.toString();
    if (this.#panel) {
      this.#panel.reveal();
      this.#post();
      return;
    }
    const dist = vscode.Uri.joinPath(this.#extensionUri, 'dist', 'webview');
    const media = vscode.Uri.joinPath(this.#extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(PANEL_TYPE, 'Timeline Chart', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [dist, media],
      retainContextWhenHidden: true,
    });
    panel.iconPath = vscode.Uri.joinPath(media, 'corpus.svg');
    panel.webview.html = html(panel.webview, dist, media);
    this.#panel = panel;
    this.#ready = false;
    this.#drawn = undefined;
    panel.onDidDispose(() => {
      this.#panel = undefined;
      this.#ready = false;
    });
    panel.webview.onDidReceiveMessage((m: FromChart) => this.#receive(m));
  }

  #pickCorpus(): CorpusState | undefined {
    const indexed = this.#service.corpora.filter((c) => c.index);
    const active = vscode.window.activeTextEditor?.document.uri;
    const here = active && this.#service.locate(active);
    return (here && indexed.find((c) => c === here.corpus)) ?? indexed[0];
  }

  #current(): CorpusState | undefined {
    return (
      this.#service.corpora.find((c) => c.root.toString() === this.#corpus && c.index) ?? this.#pickCorpus()
    );
  }

  #send(message: ToChart): void {
    if (this.#panel && this.#ready) void this.#panel.webview.postMessage(message);
  }

  #post(): void {
    const corpus = this.#current();
    if (!this.#panel || !this.#ready || !corpus?.index) return;
    this.#corpus = corpus.root.toString();
    const t0 = performance.now();
    const data = buildChartData(corpus.index);
    this.#panel.title = `Timeline Chart: ${nameOf(corpus)}`;
    this.#send({
      type: 'data',
      corpus: this.#corpus,
      corpora: this.#service.corpora
        .filter((c) => c.index)
        .map((c) => ({ root: c.root.toString(), name: nameOf(c) })),
      data,
    });
    this.#log.info(
      `timeline chart: ${data.events.length} events of ${nameOf(corpus)} in ${(performance.now() - t0).toFixed(1)} ms`,
    );
  }

  #receive(m: FromChart): void {
    const corpus = this.#current();
    switch (m.type) {
      case 'ready':
        this.#ready = true;
        this.#post();
        if (this.#selected) this.#send({ type: 'select', key: this.#selected });
        return;
      case 'open':
        if (corpus)
          void vscode.commands.executeCommand(
            Commands.openLocation,
            corpus.root.toString(),
            m.document,
            m.start,
            m.end,
          );
        return;
      case 'select':
        this.#selected = m.key;
        void this.#reveal(m.key);
        return;
      case 'sentence':
        this.#send({
          type: 'sentence',
          id: m.id,
          text: corpus?.index ? reportSentence(corpus.index, m.document, m.start, m.end) : '',
        });
        return;
      case 'corpus':
        this.#corpus = m.root;
        this.#post();
        return;
      case 'drawn':
        this.#drawn = {
          corpus: this.#corpus ?? '',
          events: m.events,
          reports: m.reports,
          lanes: m.lanes,
          ms: m.ms,
        };
        this.#onDidDraw.fire(this.#drawn);
        return;
    }
  }

  /** Reveals an event in the Timeline view, if the view shows it (its filter may hide it). */
  async #reveal(key: string): Promise<void> {
    const find = (nodes: readonly TimelineNode[]): TimelineNode | undefined => {
      for (const n of nodes) {
        if (n.kind === 'event') {
          if (n.entry.key === key && n.corpus.root.toString() === this.#corpus) return n;
          continue;
        }
        const hit = find(n.children);
        if (hit) return hit;
      }
      return undefined;
    };
    const node = find(this.#timeline.provider.getChildren());
    if (!node) return;
    try {
      await this.#timeline.view.reveal(node, { select: true, focus: false, expand: false });
    } catch (error) {
      this.#log.warn(`timeline chart: could not reveal ${key} in the Timeline view: ${String(error)}`);
    }
  }

  dispose(): void {
    this.#panel?.dispose();
    for (const d of this.#disposables) d.dispose();
  }
}

function nameOf(corpus: CorpusState): string {
  const rel = vscode.workspace.asRelativePath(corpus.root, false);
  return rel === corpus.root.fsPath ? (corpus.root.path.split('/').pop() ?? rel) : rel;
}

/** The page: a strict Content-Security-Policy (the bundled script by its nonce, styles from the extension only). */
function html(webview: vscode.Webview, dist: vscode.Uri, media: vscode.Uri): string {
  const nonce = [...crypto.getRandomValues(new Uint8Array(18))]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'timeline-chart.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(media, 'timeline-chart.css'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Timeline Chart</title>
</head>
<body>
<div id="toolbar" role="toolbar" aria-label="Timeline chart">
  <select id="corpus" aria-label="Corpus" hidden></select>
  <label>Lanes <select id="lanes"><option value="source">by source</option><option value="entity">by entity</option></select></label>
  <label>Entity <select id="entity" aria-label="Filter by entity"></select></label>
  <label>Source <select id="source" aria-label="Filter by source"></select></label>
  <label>Action <select id="action" aria-label="Filter by kind of action"></select></label>
  <button id="fit" title="Show every event (0)">Fit</button>
  <span id="status" aria-live="polite"></span>
</div>
<div id="legend" aria-hidden="true">
  <span><svg width="12" height="12"><circle class="legend-point" cx="6" cy="6" r="5"/></svg> a day</span>
  <span><svg width="22" height="12"><rect class="legend-bar" x="1" y="2" width="20" height="8" rx="3"/></svg> a month, season or year</span>
  <span><svg width="12" height="12"><circle class="legend-undated" cx="6" cy="6" r="4.5"/></svg> undated in this source</span>
  <span><svg width="12" height="12"><circle class="legend-warning" cx="6" cy="6" r="5"/></svg> sources disagree</span>
  <span>Wheel: zoom · drag: pan · ←/→: events · Enter: open</span>
</div>
<div id="axis"></div>
<div id="scroller" tabindex="0" aria-label="Events by lane; arrow keys move between events, Enter opens the article"></div>
<div id="tooltip" role="tooltip" hidden></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

/** The chart's command and panel. */
export function registerTimelineChart(
  service: CorpusService,
  extensionUri: vscode.Uri,
  log: vscode.LogOutputChannel,
  timeline: TimelineRows,
): vscode.Disposable & { readonly chart: TimelineChart } {
  const chart = new TimelineChart(service, extensionUri, log, timeline);
  const disposable = vscode.Disposable.from(
    chart,
    vscode.commands.registerCommand(Commands.openTimelineChart, (root?: string) => chart.open(root)),
  );
  return Object.assign(disposable, { chart });
}
