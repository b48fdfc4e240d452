/**
 * Keeps the index of every corpus in the workspace current: it follows files and edits, debounces
 * them, and asks the indexing thread for updates. Where the corpora are is corpus-discovery.ts's
 * job; talking to the thread is index-client.ts's.
 */
import * as vscode from 'vscode';
import { createIndex, type CorpusIndex } from '../core/index/corpus-index';
import type { IndexDelta } from '../core/wire/index-delta';
import { isArticlePath, isCorpusFile, MANIFEST_FILE } from '../core/pipeline/text/article-files';
import { decodeArticle } from '../core/pipeline/text/decode';
import { showsIndexedText } from '../core/index/shown-text';
import type { IndexRequest } from '../node/index-protocol';
import { contentKey } from '../core/pipeline/text/content-key';
import { CORPUS_FILES, findCorpusRoots, mayStartCorpus, relativeId } from './corpus-discovery';
import { IndexClient } from './index-client';

/** One corpus folder and its latest index. */
export interface CorpusState {
  readonly root: vscode.Uri;
  index: CorpusIndex | undefined;
}

/** Where a text document sits in a corpus. */
export interface CorpusLocation {
  readonly corpus: CorpusState;
  readonly index: CorpusIndex;
  /** The document's id in the corpus (path relative to the root). */
  readonly id: string;
}

const EDIT_DEBOUNCE_MS = 400;
const FILE_DEBOUNCE_MS = 200;

export class CorpusService implements vscode.Disposable {
  readonly #log: vscode.LogOutputChannel;
  readonly #client: IndexClient;
  readonly #corpora = new Map<string, CorpusState>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #onDidChange = new vscode.EventEmitter<CorpusState | undefined>();
  readonly #onDidProgress = new vscode.EventEmitter<void>();
  readonly #disposables: vscode.Disposable[] = [this.#onDidChange, this.#onDidProgress];
  #progressCount: { readonly done: number; readonly total: number } | undefined;
  readonly #storage: vscode.Uri | undefined;
  readonly #progress = new Map<number, vscode.Progress<{ message?: string }>>();
  /** The request of each corpus the worker is working on. */
  readonly #inFlight = new Map<CorpusState, number>();
  /** Files changed since the last update, per corpus. */
  readonly #changed = new Map<string, Set<string>>();
  #running = 0;
  // Analyses of one corpus may overlap (an edit lands while one runs): only the newest result is kept.
  readonly #generation = new WeakMap<CorpusState, { requested: number; applied: number }>();
  #idle: Promise<void> = Promise.resolve();
  #discovering: Promise<void> = Promise.resolve();
  #queuedDiscovery: Promise<void> | undefined;

  /** Fires after a corpus was (re)indexed, or when indexing starts (with undefined). */
  readonly onDidChange = this.#onDidChange.event;
  /** Fires as the indexing thread reads articles, and when it is done (`progress` is then undefined). */
  readonly onDidProgress = this.#onDidProgress.event;

  /** `storage` is where analyses are cached between sessions (the extension's workspace storage). */
  constructor(log: vscode.LogOutputChannel, workerPath: string, storage: vscode.Uri | undefined) {
    this.#log = log;
    this.#storage = storage;
    this.#client = new IndexClient(workerPath, {
      onProgress: (id, done, total) => {
        this.#progress.get(id)?.report({ message: `${done} of ${total} articles` });
        this.#progressCount = { done, total };
        this.#onDidProgress.fire();
      },
      onRestart: (error) => {
        this.#log.error(`index worker failed: ${error.stack ?? error.message}`);
        // the new worker knows no corpus: the next request of each must be a full index
        for (const c of this.#corpora.values()) c.index = undefined;
      },
      onLog: (lines) => {
        for (const [level, message] of lines) this.#log[level](message);
      },
      onMismatch: (corpus, message) =>
        this.#log.warn(`${corpus}: ${message}; asking the indexing thread for a full copy`),
    });
    const watcher = vscode.workspace.createFileSystemWatcher(CORPUS_FILES);
    const onFile = (uri: vscode.Uri): void => {
      // A corpus.yaml may make or unmake a corpus, and changes the one it belongs to.
      if (uri.path.endsWith('/' + MANIFEST_FILE)) void this.discover();
      this.#schedule(uri, FILE_DEBOUNCE_MS);
    };
    // an article outside every corpus may belong to a new one
    const onArticle = (uri: vscode.Uri): void => {
      if (!this.#corpusOf(uri) && isArticlePath(uri.path)) void this.#discoverIfNew(uri);
      else onFile(uri);
    };
    this.#disposables.push(
      watcher,
      watcher.onDidCreate(onArticle),
      watcher.onDidChange(onArticle),
      watcher.onDidDelete(onFile),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.#schedule(e.document.uri, EDIT_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.isDirty) this.#schedule(d.uri, FILE_DEBOUNCE_MS);
      }),
      // an article whose editor text differs from what was analysed (line endings) is analysed again
      vscode.workspace.onDidOpenTextDocument((d) => {
        const at = this.locate(d.uri);
        const indexed = at?.index.document(at.id);
        if (indexed && !showsIndexedText(indexed.text, d.getText())) this.#schedule(d.uri, FILE_DEBOUNCE_MS);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.discover()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('corpusNavigator')) void this.discover();
      }),
    );
  }

  /** Every corpus found so far. */
  get corpora(): CorpusState[] {
    return [...this.#corpora.values()];
  }

  /** Articles read of those to read while an index runs; undefined when none runs or before the first count. */
  get progress(): { readonly done: number; readonly total: number } | undefined {
    return this.#progressCount;
  }

  /** True while an analysis runs. */
  get indexing(): boolean {
    return this.#running > 0;
  }

  /** Resolves when no analysis is running or scheduled. */
  async whenIdle(): Promise<void> {
    for (;;) {
      const current = this.#idle;
      await current;
      if (current === this.#idle && this.#timers.size === 0 && this.#running === 0) return;
      if (this.#timers.size > 0) await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** The corpus a document belongs to, with its id there; undefined for files outside every corpus. */
  locate(uri: vscode.Uri): CorpusLocation | undefined {
    const corpus = this.#corpusOf(uri);
    if (!corpus?.index) return undefined;
    const id = relativeId(corpus.root, uri);
    return { corpus, index: corpus.index, id };
  }

  /** True when the file lies in a corpus folder, even before that corpus is indexed. */
  contains(uri: vscode.Uri): boolean {
    return this.#corpusOf(uri) !== undefined;
  }

  /** The URI of a document id in a corpus. */
  uriOf(corpus: CorpusState, id: string): vscode.Uri {
    return vscode.Uri.joinPath(corpus.root, ...id.split('/'));
  }

  /** Finds the corpus folders and indexes every one. */
  async discover(): Promise<void> {
    // One discovery at a time (an older one finishing late must not drop a corpus a newer one
    // found); requests made while one waits to start share it.
    if (this.#queuedDiscovery) return this.#queuedDiscovery;
    const run = this.#discovering.then(() => {
      this.#queuedDiscovery = undefined;
      return this.#discover();
    });
    this.#queuedDiscovery = run;
    this.#discovering = run.catch(() => undefined);
    // counted as work in progress, so whenIdle() also waits for corpora still being found
    this.#idle = this.#idle.then(() => run.catch(() => undefined));
    await run;
  }

  /** Discovers again when an article outside every corpus may belong to a new one. */
  async #discoverIfNew(uri: vscode.Uri): Promise<void> {
    if (await mayStartCorpus(uri)) await this.discover();
  }

  async #discover(): Promise<void> {
    const roots = await findCorpusRoots();
    for (const key of [...this.#corpora.keys()]) {
      if (roots.has(key)) continue;
      this.#corpora.delete(key);
      this.#client.tell({ type: 'drop', corpus: key });
    }
    const added: CorpusState[] = [];
    for (const [key, root] of roots) {
      if (!this.#corpora.has(key)) {
        const state: CorpusState = { root, index: undefined };
        this.#corpora.set(key, state);
        added.push(state);
      }
    }
    this.#log.info(
      `corpora: ${[...roots.values()].map((r) => vscode.workspace.asRelativePath(r)).join(', ') || 'none'}`,
    );
    await Promise.all(added.map((c) => this.reindex(c)));
    if (added.length === 0) this.#onDidChange.fire(undefined);
  }

  /** Re-analyses one corpus, or all of them. */
  async reindex(corpus?: CorpusState): Promise<void> {
    const targets = corpus ? [corpus] : this.corpora;
    const run = Promise.all(targets.map((c) => this.#index(c))).then(() => undefined);
    this.#idle = this.#idle.then(() => run);
    await run;
  }

  /** Indexes a corpus: everything (`paths` undefined) or only the files that changed. */
  async #index(corpus: CorpusState, paths?: readonly string[]): Promise<void> {
    this.#running++;
    this.#onDidChange.fire(undefined);
    const generation = this.#generation.get(corpus) ?? { requested: 0, applied: 0 };
    this.#generation.set(corpus, generation);
    const mine = ++generation.requested;
    const label = vscode.workspace.asRelativePath(corpus.root);
    // a newer request makes an older one of the same corpus pointless
    const previous = this.#inFlight.get(corpus);
    if (previous !== undefined && paths === undefined) this.#client.tell({ type: 'cancel', id: previous });
    try {
      const t0 = Date.now();
      const overlay = await this.#overlay(corpus, paths);
      let request: IndexRequest;
      const id = this.#client.nextId();
      this.#inFlight.set(corpus, id);
      if (paths === undefined || !corpus.index) {
        request = {
          type: 'index',
          id,
          corpus: corpus.root.toString(),
          root: corpus.root.fsPath,
          overlay,
          cacheFile: this.#cacheFile(corpus),
        };
      } else {
        request = { type: 'update', id, corpus: corpus.root.toString(), paths, overlay };
      }
      const response = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Corpus: indexing ${label}` },
        (progress) => {
          this.#progress.set(id, progress);
          return this.#client.ask(request).finally(() => this.#progress.delete(id));
        },
      );
      if (this.#inFlight.get(corpus) === id) this.#inFlight.delete(corpus);
      for (const [level, message] of response.log) this.#log[level](message);
      if (response.cancelled) return;
      if (!response.data) throw new Error(response.error ?? 'the analysis stopped without a result');
      // every delta is applied, in the order they come, or the next one would not fit
      const t1 = performance.now();
      const received = await this.#client.receive(corpus.root.toString(), response.data, () =>
        this.#overlay(corpus, undefined),
      );
      if (mine < generation.applied) return;
      generation.applied = mine;
      corpus.index = createIndex(received.data, corpus.index, { mentionTable: received.mentionTable });
      const handOverMs = performance.now() - t1;
      const s = response.stats;
      this.#log.info(
        `${label}: ${paths ? `${paths.length} changed file(s)` : `${received.data.documents.length} articles`} indexed in ${Date.now() - t0} ms (` +
          (s
            ? `${s.analysed} articles analysed, ${s.fromCache} from the cache, cross-source stage ${Math.round(s.crossSourceMs)} ms, `
            : '') +
          `hand-over ${Math.round(handOverMs)} ms: ${changedCount(response.data)})`,
      );
    } catch (error) {
      this.#log.error(
        `indexing ${label} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      void vscode.window
        .showErrorMessage(`Corpus Navigator could not index ${label}. See the log for details.`, 'Show Log')
        .then((a) => {
          if (a) this.#log.show();
        });
    } finally {
      this.#running--;
      if (this.#running === 0 && this.#progressCount) {
        this.#progressCount = undefined;
        this.#onDidProgress.fire();
      }
      this.#onDidChange.fire(corpus);
    }
  }

  /**
   * Editor text the analysis must use instead of the file: unsaved text, and saved articles whose
   * editor text differs from their bytes (VS Code normalises mixed line endings), so offsets
   * follow the editor. A binary file stays refused whatever the editor made of it.
   */
  async #overlay(corpus: CorpusState, paths: readonly string[] | undefined): Promise<[string, string][]> {
    const overlay: [string, string][] = [];
    const wanted = paths && new Set(paths);
    for (const doc of vscode.workspace.textDocuments) {
      if (this.#corpusOf(doc.uri) !== corpus || doc.uri.scheme !== corpus.root.scheme) continue;
      const id = relativeId(corpus.root, doc.uri);
      if ((wanted && !wanted.has(id)) || !isCorpusFile(id)) continue;
      if (doc.isDirty) {
        overlay.push([id, doc.getText()]);
        continue;
      }
      try {
        const decoded = decodeArticle(await vscode.workspace.fs.readFile(doc.uri));
        // a file in a legacy encoding is analysed as the editor shows it when the editor decoded
        // it otherwise than the guess did (the user chose another encoding); one shown as UTF-8
        // is left to the guess (see showsIndexedText)
        const otherwiseShown =
          !decoded.ok &&
          decoded.problem === 'not-utf8' &&
          !/^utf/.test(doc.encoding ?? 'utf8') &&
          corpus.index?.document(id)?.text !== doc.getText();
        if ((decoded.ok && decoded.text !== doc.getText()) || otherwiseShown)
          overlay.push([id, doc.getText()]);
      } catch {
        // gone: the analysis will find that out itself
      }
    }
    return overlay;
  }

  /** Where a corpus's analyses are cached between sessions (undefined: no storage, no cache). */
  #cacheFile(corpus: CorpusState): string | undefined {
    if (!this.#storage) return undefined;
    const name =
      corpus.root.path
        .replace(/[^\p{L}\p{N}]+/gu, '-')
        .replace(/^-+|-+$/g, '')
        .slice(-60) || 'corpus';
    return vscode.Uri.joinPath(
      this.#storage,
      `analysis-${name}-${contentKey(corpus.root.toString()).slice(0, 8)}.json`,
    ).fsPath;
  }

  #corpusOf(uri: vscode.Uri): CorpusState | undefined {
    let best: CorpusState | undefined;
    for (const c of this.#corpora.values()) {
      const root = c.root.path.replace(/\/$/, '') + '/';
      if (
        uri.scheme === c.root.scheme &&
        uri.path.startsWith(root) &&
        (!best || root.length > best.root.path.length)
      )
        best = c;
    }
    return best;
  }

  /** Collects a changed file; after `delay` without further changes its corpus is updated. */
  #schedule(uri: vscode.Uri, delay: number): void {
    const corpus = this.#corpusOf(uri);
    const id = corpus && relativeId(corpus.root, uri);
    if (!corpus || !id || !isCorpusFile(id)) return;
    const key = corpus.root.toString();
    const changed = this.#changed.get(key) ?? new Set<string>();
    changed.add(id);
    this.#changed.set(key, changed);
    clearTimeout(this.#timers.get(key));
    this.#timers.set(
      key,
      setTimeout(() => {
        this.#timers.delete(key);
        this.#changed.delete(key);
        const run = this.#index(corpus, [...changed].sort());
        this.#idle = this.#idle.then(() => run);
      }, delay),
    );
  }

  dispose(): void {
    for (const t of this.#timers.values()) clearTimeout(t);
    // letting each corpus go writes what its cache has not written yet; the thread then stops
    for (const key of this.#corpora.keys()) this.#client.tell({ type: 'drop', corpus: key });
    this.#client.dispose();
    for (const d of this.#disposables) d.dispose();
  }
}

/** How much of a delta is new, for the log. */
function changedCount(delta: IndexDelta): string {
  const sent = (items: readonly object[]): number =>
    items.reduce<number>((n, x) => n + (Array.isArray(x) ? 0 : 1), 0);
  return delta.base === null
    ? 'full copy'
    : `${sent(delta.documents)} documents, ${sent(delta.entities)} entities and ${sent(delta.events)} events sent`;
}
