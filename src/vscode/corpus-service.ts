/**
 * Finds the corpora in the workspace (folders holding a corpus.yaml, plus configured folders),
 * keeps each one's index current with the user's edits, and runs the analysis in a worker thread.
 */
import * as vscode from 'vscode';
import { Worker } from 'node:worker_threads';
import { createIndex, type CorpusIndex } from '../core/index/corpus-index';
import {
  applyIndexDelta,
  IndexDeltaMismatch,
  type IndexDelta,
  type IndexRevision,
} from '../core/wire/index-delta';
import { isArticlePath, MANIFEST_FILE } from '../core/pipeline/text/article-files';
import { decodeArticle } from '../core/pipeline/text/decode';
import type { IndexRequest, IndexResponse } from '../node/index-protocol';
import { contentKey } from '../core/pipeline/text/content-key';
import { configuredCorpusFolders, hasCorpusGlobs } from './corpus-folders';

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
const EXCLUDE = '{**/node_modules/**,**/.git/**}';

export class CorpusService implements vscode.Disposable {
  readonly #log: vscode.LogOutputChannel;
  readonly #workerPath: string;
  readonly #corpora = new Map<string, CorpusState>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #onDidChange = new vscode.EventEmitter<CorpusState | undefined>();
  readonly #onDidProgress = new vscode.EventEmitter<void>();
  readonly #disposables: vscode.Disposable[] = [this.#onDidChange, this.#onDidProgress];
  #progressCount: { readonly done: number; readonly total: number } | undefined;
  readonly #storage: vscode.Uri | undefined;
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, (r: Extract<IndexResponse, { type: 'done' }>) => void>();
  readonly #progress = new Map<number, vscode.Progress<{ message?: string }>>();
  /** The request of each corpus the worker is working on. */
  readonly #inFlight = new Map<CorpusState, number>();
  /** Files changed since the last update, per corpus. */
  readonly #changed = new Map<string, Set<string>>();
  #running = 0;
  // Analyses of one corpus may overlap (an edit lands while one runs): only the newest result is kept.
  readonly #generation = new WeakMap<CorpusState, { requested: number; applied: number }>();
  /** Each corpus's data as the worker last sent it, which its next delta completes. */
  readonly #received = new WeakMap<CorpusState, IndexRevision>();
  /** Full copies asked for after a delta that did not fit, per corpus. */
  readonly #resyncs = new Map<CorpusState, Promise<IndexRevision>>();
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
    this.#workerPath = workerPath;
    this.#storage = storage;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{txt,md,markdown,yaml}');
    const onFile = (uri: vscode.Uri): void => {
      // A corpus.yaml may make or unmake a corpus, and changes the one it belongs to.
      if (uri.path.endsWith('/' + MANIFEST_FILE)) void this.discover();
      this.#schedule(uri, FILE_DEBOUNCE_MS);
    };
    // An article outside every corpus may belong to a new one: its folder may match a
    // corpusFolders glob, or hold a corpus.yaml whose own event the file watcher never sent (a
    // file created together with its folder can go unreported).
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
        if (indexed && indexed.text !== d.getText()) this.#schedule(d.uri, FILE_DEBOUNCE_MS);
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
    if (hasCorpusGlobs() || (await this.#manifestAbove(uri))) await this.discover();
  }

  /** True when the file's folder, or one above it in its workspace folder, holds a corpus.yaml. */
  async #manifestAbove(uri: vscode.Uri): Promise<boolean> {
    const top = vscode.workspace.getWorkspaceFolder(uri)?.uri.path.replace(/\/$/, '');
    if (top === undefined) return false;
    for (
      let dir = vscode.Uri.joinPath(uri, '..');
      dir.path.startsWith(top);
      dir = vscode.Uri.joinPath(dir, '..')
    ) {
      try {
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, MANIFEST_FILE));
        return true;
      } catch {
        // none here; look further up
      }
      if (dir.path === top) break;
    }
    return false;
  }

  async #discover(): Promise<void> {
    const roots = new Map<string, vscode.Uri>();
    for (const uri of await vscode.workspace.findFiles(`**/${MANIFEST_FILE}`, EXCLUDE)) {
      const root = vscode.Uri.joinPath(uri, '..');
      roots.set(root.toString(), root);
    }
    for (const root of await configuredCorpusFolders(EXCLUDE)) roots.set(root.toString(), root);
    for (const key of [...this.#corpora.keys()]) {
      if (roots.has(key)) continue;
      this.#corpora.delete(key);
      this.#worker?.postMessage({ type: 'drop', corpus: key } satisfies IndexRequest);
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
    if (previous !== undefined && paths === undefined)
      this.#worker?.postMessage({ type: 'cancel', id: previous } satisfies IndexRequest);
    try {
      const t0 = Date.now();
      const overlay = await this.#overlay(corpus, paths);
      let request: IndexRequest;
      const id = this.#nextId++;
      this.#inFlight.set(corpus, id);
      if (paths === undefined || !corpus.index) {
        const uris = await vscode.workspace.findFiles(
          new vscode.RelativePattern(corpus.root, '**/*.{txt,md,markdown,yaml}'),
          EXCLUDE,
        );
        const files = uris
          .map((u) => relativeId(corpus.root, u))
          .filter((f) => f === MANIFEST_FILE || isArticlePath(f));
        request = {
          type: 'index',
          id,
          corpus: corpus.root.toString(),
          root: corpus.root.fsPath,
          files,
          overlay,
          cacheFile: this.#cacheFile(corpus),
        };
      } else {
        request = { type: 'update', id, corpus: corpus.root.toString(), paths, overlay };
      }
      const response = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Corpus: indexing ${label}` },
        (progress) => this.#send(request, progress),
      );
      if (this.#inFlight.get(corpus) === id) this.#inFlight.delete(corpus);
      for (const [level, message] of response.log) this.#log[level](message);
      if (response.cancelled) return;
      if (!response.data) throw new Error(response.error ?? 'the analysis stopped without a result');
      // every delta is applied, in the order they come, or the next one would not fit
      const t1 = performance.now();
      const received = await this.#receive(corpus, response.data, label);
      if (mine < generation.applied) return;
      generation.applied = mine;
      corpus.index = createIndex(received.data, corpus.index, { mentionTable: received.mentionTable });
      const handOverMs = performance.now() - t1;
      const s = response.stats;
      this.#log.info(
        `${label}: ${paths ? `${paths.length} changed file(s)` : `${request.type === 'index' ? request.files.length : 0} files`} indexed in ${Date.now() - t0} ms (` +
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
   * follow the editor. A file that is not valid UTF-8 stays refused whatever the editor made of it.
   */
  async #overlay(corpus: CorpusState, paths: readonly string[] | undefined): Promise<[string, string][]> {
    const overlay: [string, string][] = [];
    const wanted = paths && new Set(paths);
    for (const doc of vscode.workspace.textDocuments) {
      if (this.#corpusOf(doc.uri) !== corpus || doc.uri.scheme !== corpus.root.scheme) continue;
      const id = relativeId(corpus.root, doc.uri);
      if ((wanted && !wanted.has(id)) || (id !== MANIFEST_FILE && !isArticlePath(id))) continue;
      if (doc.isDirty) {
        overlay.push([id, doc.getText()]);
        continue;
      }
      try {
        const decoded = decodeArticle(await vscode.workspace.fs.readFile(doc.uri));
        if (decoded.ok && decoded.text !== doc.getText()) overlay.push([id, doc.getText()]);
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

  /** Completes a delta from the worker with the corpus's data held here; asks for a full copy when it completes another revision. */
  async #receive(corpus: CorpusState, delta: IndexDelta, label: string): Promise<IndexRevision> {
    try {
      const received = applyIndexDelta(this.#received.get(corpus), delta);
      this.#received.set(corpus, received);
      return received;
    } catch (error) {
      if (!(error instanceof IndexDeltaMismatch)) throw error;
      this.#log.warn(`${label}: ${error.message}; asking the indexing thread for a full copy`);
      this.#received.delete(corpus);
      return this.#resync(corpus);
    }
  }

  /** The corpus's latest data, sent whole; deltas that do not fit while it is on its way wait for the same copy. */
  #resync(corpus: CorpusState): Promise<IndexRevision> {
    let pending = this.#resyncs.get(corpus);
    if (!pending) {
      pending = this.#overlay(corpus, undefined)
        .then((overlay) =>
          this.#send({ type: 'resend', id: this.#nextId++, corpus: corpus.root.toString(), overlay }),
        )
        .then((r) => {
          for (const [level, message] of r.log) this.#log[level](message);
          if (!r.data) throw new Error(r.error ?? 'the indexing thread sent no full copy');
          const received = applyIndexDelta(undefined, r.data);
          this.#received.set(corpus, received);
          return received;
        })
        .finally(() => this.#resyncs.delete(corpus));
      this.#resyncs.set(corpus, pending);
    }
    return pending;
  }

  #send(
    request: Extract<IndexRequest, { type: 'index' | 'update' | 'resend' }>,
    progress?: vscode.Progress<{ message?: string }>,
  ): Promise<Extract<IndexResponse, { type: 'done' }>> {
    if (!this.#worker) {
      const worker = new Worker(this.#workerPath);
      worker.on('message', (r: IndexResponse) => {
        if (r.type === 'progress') {
          this.#progress.get(r.id)?.report({ message: `${r.done} of ${r.total} articles` });
          this.#progressCount = { done: r.done, total: r.total };
          this.#onDidProgress.fire();
          return;
        }
        this.#pending.get(r.id)?.(r);
        this.#pending.delete(r.id);
        this.#progress.delete(r.id);
      });
      worker.on('error', (error) => {
        this.#log.error(`index worker failed: ${error.stack ?? error.message}`);
        for (const [id, resolve] of this.#pending)
          resolve({ type: 'done', id, error: error.message, log: [] });
        this.#pending.clear();
        this.#worker = undefined;
        // the new worker knows no corpus: the next request of each must be a full index
        for (const c of this.#corpora.values()) {
          c.index = undefined;
          this.#received.delete(c);
        }
      });
      worker.unref();
      this.#worker = worker;
    }
    return new Promise((resolve) => {
      this.#pending.set(request.id, resolve);
      if (progress) this.#progress.set(request.id, progress);
      this.#worker!.postMessage(request);
    });
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
    if (!corpus || !id || (id !== MANIFEST_FILE && !isArticlePath(id))) return;
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
    const worker = this.#worker;
    if (worker) {
      // letting each corpus go writes what its cache has not written yet; the thread then stops
      // (after a second at most, so a busy thread never holds up the window's closing)
      for (const key of this.#corpora.keys())
        worker.postMessage({ type: 'drop', corpus: key } satisfies IndexRequest);
      setTimeout(() => void worker.terminate(), 1000).unref();
    }
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

function relativeId(root: vscode.Uri, uri: vscode.Uri): string {
  return uri.path.slice(root.path.replace(/\/$/, '').length + 1);
}
