/**
 * The core's one entry point. `createCorpus` wires the pipeline
 *   reader → documents → sentences → mentions → entities → dates → events → conflicts
 * and returns an index that answers the editor's questions from lookup tables.
 *
 * Two stages: the per-article one (article.ts: sentences, mentions, dates; the expensive part)
 * and the cross-source one (entities, events, conflicts). A corpus remembers each article's
 * analysis while its text is unchanged, so re-analysing after an edit redoes one article plus the
 * cross-source stage; an `ArticleAnalyser` may run the per-article stage in parallel, and an
 * `AnalysisCache` may keep it across sessions.
 */
import type { CorpusReader, Logger } from '../ports';
import { nullLogger } from '../ports';
import type { Finding } from '../pipeline/findings';
import { createDocument } from '../pipeline/text/document';
import { contentKey } from '../pipeline/text/content-key';
import {
  DEFAULT_MAX_BYTES,
  articleFindings as findingsAbout,
  firstLine,
  missingFiles,
  publishedDay,
  readArticle,
  readManifest,
  shownFields,
} from '../pipeline/reading';
import { fileKey } from '../pipeline/text/article-files';
import {
  EMPTY_MANIFEST,
  MANIFEST_FILE,
  parseManifest,
  type Manifest,
  type ManifestDocument,
} from '../pipeline/manifest/manifest';
import type { Entity, EntityInput } from '../pipeline/entities/entities';
import { EntityResolver } from './entity-resolver';
import type { CorpusEvent, EventInput, EventReport } from '../pipeline/events/events';
import { adoptEvents, EventGrouper, keepUnchangedEvents } from './event-grouper';
import { ReportFinder } from './report-finder';
import { staleDecisions } from '../pipeline/conflicts/conflicts';
import { sourceName, type Conflict } from '../pipeline/conflicts/wording';
import { ConflictFinder } from './conflict-finder';
import {
  analyseArticle,
  articleKey,
  keyOf,
  textKeyOf,
  type ArticleAnalysis,
  type ArticleJob,
} from '../pipeline/article';
import { createIndex, type CorpusIndex, type DocumentData, type IndexData } from '../index/corpus-index';
import {
  lazyDocuments,
  packDocumentLists,
  packEntities,
  unpackEntities,
  type PackedDocumentLists,
  type PackedEntities,
  type PackedMentions,
} from '../wire/index-pack';
import type { Published } from '../pipeline/dates/published';
import type { StoredTexts } from '../wire/cache-bodies';

export type { StoredTexts } from '../wire/cache-bodies';
import { LazyFields } from '../index/lazy-fields';

export {
  createIndex,
  type CorpusIndex,
  type DocumentData,
  type IndexData,
  type IndexedDocument,
  type MentionHit,
} from '../index/corpus-index';
export { analyseArticle, articleKey, type ArticleAnalysis, type ArticleJob } from '../pipeline/article';

export interface CorpusOptions {
  /**
   * Articles larger than this are skipped with a finding (default 1 MB: forty times the longest
   * article of the BBC News set, and about 2 s of analysis).
   */
  readonly maxArticleBytes?: number;
}

/** Runs the per-article stage on many articles (for example on a pool of worker threads). */
export type ArticleAnalyser = (
  jobs: readonly ArticleJob[],
  signal?: CancelSignal,
) => Promise<ArticleAnalysis[]>;

/** Per-article analyses kept across sessions, by `articleKey`; optionally the last cross-source result too. */
export interface AnalysisCache {
  /** The analysis kept under `key` for `text` (the text the key was made of). */
  get(key: string, text: string): ArticleAnalysis | undefined;
  set(key: string, analysis: ArticleAnalysis, text: string): void;
  /** No article has the text of `key` any more (it was edited, or removed): the cache may let its entry go. */
  retire?(key: string): void;
  /** Articles have the texts of `keys` (their analyses not yet asked for): the cache keeps their entries. */
  keep?(keys: Iterable<string>): void;
  /** The cross-source result kept under `key` (see `CrossSourceSnapshot`), if any. */
  snapshot?(key: string): CrossSourceSnapshot | undefined;
  /**
   * Offers the latest cross-source result; `make` is called only when it is written, and gives
   * undefined when the corpus has been read again since (the result may no longer be its state's).
   */
  keepSnapshot?(make: () => CrossSourceSnapshot | undefined): void;
  /** The articles' texts kept from an earlier session (see `StoredTexts`), if any. */
  texts?(): StoredTexts | undefined;
  /** Offers the articles' texts as read from their files now, for the next time the snapshot is written; `make` is called only then. */
  keepTexts?(make: () => StoredTexts): void;
}

/**
 * What the cross-source stage found for one exact state of a corpus: the same manifest text and
 * the same articles (paths and `articleKey`s), whose combination is `key`; and what the index
 * shows of each article's analysis. Reopening a corpus in that state takes it, without reading
 * the articles' analyses or working the result out: both are done in the background by
 * `prepare`, ready for the first edit.
 */
export interface CrossSourceSnapshot {
  readonly key: string;
  /** The entities with empty mention lists: their mentions are packed in `mentions`, against the articles' texts in path order. */
  readonly entities: readonly Entity[];
  readonly mentions: PackedMentions<ArrayLike<number>>;
  /** The articles' sentences, dates and publication dates, in path order, and the articles whose analysis failed (by place, with why). */
  readonly documents: PackedDocumentLists<ArrayLike<number>> & {
    readonly published: readonly (Published | null)[];
    readonly failed: readonly (readonly [number, string])[];
  };
  readonly events: readonly CorpusEvent[];
  readonly conflicts: readonly Conflict[];
  /** Findings about corpus.yaml decisions that match no report. */
  readonly stale: readonly Finding[];
}

/** What the cross-source stage gives. */
type CrossSourceResult = Omit<CrossSourceSnapshot, 'key' | 'mentions' | 'documents'>;

export interface CancelSignal {
  readonly cancelled: boolean;
}

export interface CorpusInit {
  readonly reader: CorpusReader;
  readonly logger?: Logger;
  readonly options?: CorpusOptions;
  readonly analyser?: ArticleAnalyser;
  readonly cache?: AnalysisCache;
}

/** What an analysis did, for logs and benchmarks. */
export interface AnalysisStats {
  readonly articles: number;
  /** Articles analysed this time (the rest were unchanged or came from the cache). */
  readonly analysed: number;
  readonly fromCache: number;
  readonly articleMs: number;
  readonly crossSourceMs: number;
}

export interface Corpus {
  /**
   * Lists and reads the whole corpus and analyses what changed since the last call (everything,
   * the first time). `overlay` supplies unsaved editor text for some paths. Never rejects on bad
   * input (those become findings). When cancelled, resolves with what was analysed so far.
   */
  analyse(overlay?: ReadonlyMap<string, string>, signal?: CancelSignal): Promise<IndexData>;
  /**
   * Re-reads only `paths` (articles or corpus.yaml; a path the reader no longer has is removed)
   * and redoes the cross-source stage. `overlay` as for `analyse`. Falls back to `analyse` the first time.
   */
  update(
    paths: readonly string[],
    overlay?: ReadonlyMap<string, string>,
    signal?: CancelSignal,
  ): Promise<IndexData>;
  /** `analyse` followed by `createIndex`. */
  index(overlay?: ReadonlyMap<string, string>, signal?: CancelSignal): Promise<CorpusIndex>;
  /**
   * After an analysis that took its result from a snapshot, reads the articles' analyses from the
   * cache (making again any it has not) and works out the resolution the next update builds on,
   * so the first edit is not slow. Resolves with whether there was anything to do; the result
   * stays what the snapshot said. (An update or analysis does this first if it was not done.)
   */
  prepare(signal?: CancelSignal): Promise<boolean>;
  /** Figures of the last analysis. */
  readonly stats: AnalysisStats | undefined;
  /**
   * The packing `entities` were unpacked from, when they are the entities of a result taken from
   * a snapshot (once: it is then let go, being as large as the mentions).
   */
  takePackedEntities(entities: readonly Entity[]): PackedEntities | undefined;
}

/** One article as the corpus holds it. */
interface Slot {
  readonly text: string;
  readonly key: string;
  /** The file's stamp when its text was read from it (undefined: the editor's unsaved text, or a file the reader cannot vouch for). */
  stamp?: string;
  /** Undefined after a warm start until `ensureAnalyses` reads it from the cache (or makes it again). */
  analysis: ArticleAnalysis | undefined;
  /** Until then, why its analysis failed (as the snapshot says), if it did. */
  failure?: string;
  /** What the cross-source stage reads of it; made the first time it is needed. */
  input?: EntityInput & EventInput;
  /** What the index shows of it, kept while corpus.yaml's entry for it says the same. */
  data?: DocumentData;
  /** Its first non-blank line (the title when corpus.yaml gives none); null when it has none. */
  firstLine?: string | null;
}

/** An article's text as read (or as the editor gives it), with its key and its file's stamp. */
interface Reading {
  readonly path: string;
  readonly text: string;
  readonly key: string;
  readonly stamp: string | undefined;
}

/** The text kept for a path whose file has `stamp` now, with its `contentKey`; undefined when none is kept for that stamp. */
type KeptTexts = (path: string, stamp: string) => { readonly text: string; readonly key: string } | undefined;

export function createCorpus(init: CorpusInit): Corpus {
  const logger = init.logger ?? nullLogger;
  const maxBytes = init.options?.maxArticleBytes ?? DEFAULT_MAX_BYTES;
  const analyser = init.analyser ?? analyseInProcess;
  const slots = new Map<string, Slot>();
  /** How many articles have each text (`articleKey`): set and taken out with the slots, by setSlot and dropSlot. */
  const keyCounts = new Map<string, number>();
  /** Paths read but not analysed (unreadable, too large, not text), with why. */
  const skipped = new Map<string, Finding>();
  /** Articles read in a guessed encoding: a note each, kept while their text is the one read. */
  const notes = new Map<string, Finding>();
  let manifestText: string | undefined;
  let manifest: Manifest = EMPTY_MANIFEST;
  /** corpus.yaml's entry of each article, by path. */
  let meta = new Map<string, ManifestDocument>();
  /** corpus.yaml's entry for an article, whatever Unicode form either gives its name in. */
  const entryOf = (path: string): ManifestDocument | undefined => meta.get(fileKey(path));
  let manifestReadFindings: Finding[] = [];
  let loaded = false;
  let stats: AnalysisStats | undefined;
  /**
   * The last combination: the paths of `slots` sorted, their documents and inputs in that order,
   * and each path's place there (patched while the set of articles stays; undone when corpus.yaml is read again).
   */
  let built:
    | {
        readonly order: readonly string[];
        readonly documents: readonly DocumentData[];
        readonly inputs: readonly (EntityInput & EventInput)[];
        readonly at: ReadonlyMap<string, number>;
      }
    | undefined;
  /** Paths whose slot was set or removed since the last combination. */
  const changedSlots = new Set<string>();
  /** Findings about single articles (empty, failed), by path. */
  const articleFindings = new Map<string, Finding[]>();
  /** Whether the resolver holds the corpus (false until the first cross-source stage that is not a snapshot). */
  let resolved = false;
  /** The events of the last cross-source stage (unchanged ones are kept as the same objects). */
  let lastEvents: readonly CorpusEvent[] = [];
  /** Counts the readings of the corpus (a snapshot offered is its reading's only until the next). */
  let generation = 0;
  /** The snapshot the last result came from, until the resolution is worked out. */
  let fromSnapshot: CrossSourceResult | undefined;
  /** A snapshot the last reading of the articles found for their state, for the cross-source stage to take. */
  let pendingSnapshot: CrossSourceResult | undefined;
  /** Whether some slot's analysis is still in the cache (since a snapshot was taken). */
  let unread = false;
  /** The entities of the last result taken from a snapshot, with the packing they came from. */
  let snapshotEntities: { readonly of: readonly Entity[]; readonly packed: PackedEntities } | undefined;
  const resolver = new EntityResolver();
  const reportFinder = new ReportFinder();
  const eventGrouper = new EventGrouper();
  const conflictFinder = new ConflictFinder();

  async function loadManifest(overlay: ReadonlyMap<string, string>): Promise<void> {
    manifestReadFindings = [];
    manifestText =
      overlay.get(MANIFEST_FILE) ?? (await readManifest(init.reader, logger, manifestReadFindings));
    manifest = manifestText !== undefined ? parseManifest(manifestText) : EMPTY_MANIFEST;
    meta = new Map(manifest.documents.map((d) => [fileKey(d.file), d]));
    built = undefined; // titles and sources may have changed for any article
  }

  /**
   * Reads `paths` and analyses those whose text or declared date changed. `mayTakeSnapshot`:
   * when the cache keeps a snapshot of the corpus in the state read (and nothing is resolved yet),
   * the articles' analyses are left in the cache for now and the snapshot is taken.
   */
  async function refresh(
    paths: readonly string[],
    overlay: ReadonlyMap<string, string>,
    signal: CancelSignal | undefined,
    mayTakeSnapshot = false,
    kept?: KeptTexts,
  ): Promise<void> {
    const t0 = performance.now();
    pendingSnapshot = undefined;
    const read: Reading[] = [];
    const pause = pacer();
    /** Keys of texts articles had before this reading. */
    const former: string[] = [];
    /** Whether a text was read from its file, or a file's stamp changed (the texts kept for the next session are out of date). */
    let moved = false;
    for (const path of paths) {
      if (signal?.cancelled) return;
      await pause();
      skipped.delete(path);
      const before = slots.get(path);
      const unsaved = overlay.get(path);
      const stamp = unsaved === undefined ? init.reader.stamp?.(path) : undefined;
      // a file whose stamp is the one its text was read with has that text: taken unread
      const known =
        stamp === undefined
          ? undefined
          : before?.stamp === stamp
            ? { text: before.text, key: textKeyOf(before.key) }
            : kept?.(path, stamp);
      // (a text taken by stamp passed the size check when it was read, from the same bytes: its UTF-8 length may differ from theirs)
      if (!known) notes.delete(path);
      const text = known
        ? known.text
        : await readArticle(
            init.reader,
            path,
            unsaved,
            maxBytes,
            logger,
            (f) => skipped.set(path, f),
            (f) => notes.set(path, f),
          );
      if (text === undefined) {
        if (dropSlot(path)) changedSlots.add(path);
        if (before !== undefined) former.push(before.key);
        continue;
      }
      const declaredPublished = entryOf(path)?.published;
      const key = known ? keyOf(known.key, declaredPublished) : articleKey({ text, declaredPublished });
      // the kept texts are out of date only where a file was read (a text taken by stamp is kept with it)
      if (stamp !== undefined && !known) moved = true;
      if (before?.key === key) {
        before.stamp = stamp;
        continue;
      }
      if (before !== undefined) former.push(before.key);
      read.push({ path, text, key, stamp });
    }
    if (moved) init.cache?.keepTexts?.(storedTexts);
    if (mayTakeSnapshot && !resolved && takeSnapshot(read)) {
      retire(former);
      stats = {
        articles: 0,
        analysed: 0,
        fromCache: read.length,
        articleMs: performance.now() - t0,
        crossSourceMs: 0,
      };
      return;
    }
    const jobs: { job: ArticleJob; key: string; stamp: string | undefined }[] = [];
    let fromCache = 0;
    for (const { path, text, key, stamp } of read) {
      const cached = init.cache?.get(key, text);
      if (cached) {
        setSlot(path, { text, key, stamp, analysis: cached });
        changedSlots.add(path);
        fromCache++;
      } else {
        jobs.push({
          job: { id: path, text, declaredPublished: entryOf(path)?.published },
          key,
          stamp,
        });
      }
    }
    const results = await analyser(
      jobs.map((j) => j.job),
      signal,
    );
    results.forEach((analysis, i) => {
      const { job, key, stamp } = jobs[i]!;
      setSlot(job.id, { text: job.text, key, stamp, analysis });
      changedSlots.add(job.id);
      if (!analysis.failure) init.cache?.set(key, analysis, job.text);
    });
    retire(former);
    stats = {
      articles: 0,
      analysed: results.length,
      fromCache,
      articleMs: performance.now() - t0,
      crossSourceMs: 0,
    };
  }

  /** Texts articles had before a reading (`former` keys) that no article has now: the cache may let them go. */
  function retire(former: readonly string[]): void {
    if (!init.cache?.retire) return;
    for (const key of former) if (!keyCounts.has(key)) init.cache.retire(key);
  }

  /** Puts an article's slot in, counting its key. */
  function setSlot(path: string, slot: Slot): void {
    dropSlot(path);
    slots.set(path, slot);
    keyCounts.set(slot.key, (keyCounts.get(slot.key) ?? 0) + 1);
  }

  /** Takes an article's slot out (whether it had one), counting its key. */
  function dropSlot(path: string): boolean {
    const slot = slots.get(path);
    if (!slot) return false;
    slots.delete(path);
    const n = keyCounts.get(slot.key)! - 1;
    if (n > 0) keyCounts.set(slot.key, n);
    else keyCounts.delete(slot.key);
    return true;
  }

  /**
   * Takes the snapshot the cache keeps for the corpus with the texts just `read` (its other
   * articles as they are), if there is one and it fits: the articles read get slots whose
   * analyses stay in the cache, and every article the snapshot's document. False (nothing changed) otherwise.
   */
  function takeSnapshot(read: readonly Reading[]): boolean {
    if (!init.cache?.snapshot) return false;
    const state = new Map<string, Pick<Slot, 'text' | 'key' | 'firstLine'>>(slots);
    for (const { path, text, key } of read) state.set(path, { text, key });
    const order = [...state.keys()].sort();
    const kept = init.cache.snapshot(snapshotKeyOf(order.map((path) => [path, state.get(path)!.key])));
    if (!kept) return false;
    let documents: DocumentData[];
    let result: CrossSourceResult;
    try {
      const { published, failed } = kept.documents;
      if (published.length !== order.length)
        throw new Error(`${published.length} publication dates for ${order.length} articles`);
      if (
        !failed.every(
          ([i, why]) => Number.isInteger(i) && i >= 0 && i < order.length && typeof why === 'string',
        )
      )
        throw new Error('a failed article that is not one');
      documents = lazyDocuments(
        order.map((path, i) => ({
          id: path,
          text: state.get(path)!.text,
          published: published[i]!,
          ...shown(path, state.get(path)!),
        })),
        kept.documents,
        { check: true },
      );
      result = fromStored(kept, documents);
    } catch (error) {
      logger.warn(
        `the cross-source snapshot does not fit the corpus (${error instanceof Error ? error.message : String(error)}); it is worked out again`,
      );
      return false;
    }
    const failed = new Map(kept.documents.failed.map(([i, why]) => [order[i], why]));
    for (const { path, text, key, stamp } of read) {
      setSlot(path, {
        text,
        key,
        stamp,
        analysis: undefined,
        failure: failed.get(path),
        firstLine: state.get(path)!.firstLine,
      });
      changedSlots.add(path);
    }
    order.forEach((path, i) => {
      slots.get(path)!.data = documents[i];
    });
    init.cache.keep?.(order.map((path) => state.get(path)!.key));
    pendingSnapshot = result;
    unread = read.length > 0;
    return true;
  }

  /** After a warm start: each article's analysis from the cache, or made again where the cache has none that fits. */
  async function ensureAnalyses(): Promise<void> {
    if (!unread) return;
    const missing: { readonly job: ArticleJob; readonly slot: Slot }[] = [];
    const pause = pacer();
    // an article whose failure is not the one the snapshot said (a passing one) has its document
    // and findings made again from the analysis at the next combination
    const settle = (path: string, slot: Slot, analysis: ArticleAnalysis): void => {
      slot.analysis = analysis;
      if (analysis.failure !== slot.failure) {
        changedSlots.add(path);
        slot.data = undefined;
      }
      slot.failure = undefined;
    };
    for (const [path, slot] of slots) {
      if (slot.analysis) continue;
      await pause();
      const cached = init.cache?.get(slot.key, slot.text);
      if (cached) settle(path, slot, cached);
      else
        missing.push({
          job: { id: path, text: slot.text, declaredPublished: entryOf(path)?.published },
          slot,
        });
    }
    if (missing.length > 0) {
      logger.info(`${missing.length} articles had no usable analysis in the cache; analysed again`);
      const results = await analyser(missing.map((m) => m.job));
      results.forEach((analysis, i) => {
        const { job, slot } = missing[i]!;
        settle(job.id, slot, analysis);
        if (!analysis.failure) init.cache?.set(slot.key, analysis, slot.text);
      });
    }
    unread = [...slots.values()].some((slot) => !slot.analysis);
  }

  /** The texts of the articles whose text is their file's (not the editor's), with the stamps they were read with. */
  function storedTexts(): StoredTexts {
    const kept = {
      paths: [] as string[],
      stamps: [] as string[],
      keys: [] as string[],
      texts: [] as string[],
    };
    for (const [path, { stamp, key, text }] of slots) {
      // a text in a guessed encoding is read again, so that its note is made again
      if (stamp === undefined || notes.has(path)) continue;
      kept.paths.push(path);
      kept.stamps.push(stamp);
      kept.keys.push(textKeyOf(key));
      kept.texts.push(text);
    }
    return kept;
  }

  /** Articles whose declared publication date changed with corpus.yaml are analysed again. */
  function redeclared(): string[] {
    return [...slots]
      .filter(
        ([path, slot]) =>
          slot.key !== articleKey({ text: slot.text, declaredPublished: entryOf(path)?.published }),
      )
      .map(([path]) => path);
  }

  /** What corpus.yaml and the text give an article's document: title (corpus.yaml's, else the first line, else the path), outlet, author, url. */
  function shown(
    path: string,
    slot: Pick<Slot, 'text' | 'firstLine'>,
  ): Pick<DocumentData, 'title' | 'outlet' | 'author' | 'url'> {
    if (slot.firstLine === undefined) slot.firstLine = firstLine(slot.text) ?? null;
    return shownFields(path, entryOf(path), slot.firstLine);
  }

  /** What the index shows of an article, the same object as last time while nothing of it changed. */
  function documentOf(path: string, slot: Slot): DocumentData {
    const { title, outlet, author, url } = shown(path, slot);
    const d = slot.data;
    if (d && d.title === title && d.outlet === outlet && d.author === author && d.url === url) return d;
    const analysis = analysisOf(slot);
    return (slot.data = {
      id: path,
      text: slot.text,
      title,
      published: analysis.published,
      outlet,
      author,
      url,
      sentences: analysis.sentences,
      dates: analysis.dates,
    });
  }

  /** What the cross-source stage reads of an article (its analysis read when first needed: it may still be in the cache). */
  function inputOf(path: string, slot: Slot): EntityInput & EventInput {
    if (slot.analysis)
      return (slot.input ??= {
        doc: createDocument(path, slot.text),
        mentions: slot.analysis.mentions,
        sentences: slot.analysis.sentences,
        dates: slot.analysis.dates,
        predicates: slot.analysis.predicates,
        published: publishedDay(slot.analysis.published),
      });
    return (slot.input ??= readOnDemand.add({ doc: createDocument(path, slot.text) }, slot) as EntityInput &
      EventInput);
  }

  /** Findings about one article: empty, or its analysis failed. */
  function articleFindingsOf(path: string, { text, analysis, failure: snapshotFailure }: Slot): Finding[] {
    // an analysis not read yet failed as the snapshot says
    const failure = analysis ? analysis.failure : snapshotFailure;
    if (failure) logger.error(`analysis of ${path} failed: ${failure}`);
    return findingsAbout(path, text, failure);
  }

  /** The articles in order, as documents and as cross-source inputs: made again only where slots changed. */
  function articles(): {
    readonly documents: readonly DocumentData[];
    readonly inputs: readonly (EntityInput & EventInput)[];
  } {
    const samePaths =
      built !== undefined && [...changedSlots].every((p) => slots.has(p) === built!.at.has(p));
    if (!built || !samePaths) {
      const order = [...slots.keys()].sort();
      articleFindings.clear();
      const documents: DocumentData[] = [];
      const inputs: (EntityInput & EventInput)[] = [];
      for (const path of order) {
        const slot = slots.get(path)!;
        const found = articleFindingsOf(path, slot);
        if (found.length > 0) articleFindings.set(path, found);
        documents.push(documentOf(path, slot));
        inputs.push(inputOf(path, slot));
      }
      built = { order, documents, inputs, at: new Map(order.map((p, i) => [p, i])) };
    } else {
      const documents = built.documents.slice();
      const inputs = built.inputs.slice();
      for (const path of changedSlots) {
        const slot = slots.get(path)!;
        const i = built.at.get(path)!;
        const found = articleFindingsOf(path, slot);
        if (found.length > 0) articleFindings.set(path, found);
        else articleFindings.delete(path);
        documents[i] = documentOf(path, slot);
        inputs[i] = inputOf(path, slot);
      }
      built = { ...built, documents, inputs };
    }
    changedSlots.clear();
    return built;
  }

  function combine(mayUseSnapshot = false): IndexData {
    const t0 = performance.now();
    const findings: Finding[] = [
      ...manifestReadFindings,
      ...manifest.findings,
      ...missingFiles(manifest, [...slots.keys(), ...skipped.keys()]),
    ];
    for (const f of skipped.values()) findings.push(f);
    for (const path of [...notes.keys()].sort()) findings.push(notes.get(path)!);
    const { documents, inputs } = articles();
    for (const path of [...articleFindings.keys()].sort()) findings.push(...articleFindings.get(path)!);
    const { entities, events, conflicts, stale } = crossSource(inputs, mayUseSnapshot);
    findings.push(...stale);
    const crossSourceMs = performance.now() - t0;
    stats = {
      ...(stats ?? { analysed: 0, fromCache: 0, articleMs: 0 }),
      articles: documents.length,
      crossSourceMs,
    };
    logger.info(
      `indexed ${documents.length} articles (${stats.analysed} analysed in ${Math.round(stats.articleMs)} ms, ${stats.fromCache} from the cache): ` +
        `${entities.length} entities, ${events.length} events, ${conflicts.length} conflicts; cross-source stage ${Math.round(crossSourceMs)} ms`,
    );
    return { documents, entities, events, conflicts, findings, manifest, manifestText: manifestText ?? '' };
  }

  /** A kept snapshot as a result. Throws when its mentions do not fit the articles. */
  function fromStored(
    { key: _key, mentions, documents: _documents, entities, ...rest }: CrossSourceSnapshot,
    documents: readonly DocumentData[],
  ): CrossSourceResult {
    const unpacked = unpackEntities(entities, mentions, documents);
    snapshotEntities = { of: unpacked, packed: { entities, spans: mentions, documents } };
    return { ...rest, entities: unpacked };
  }

  /** The state of the corpus a snapshot is kept for: manifest text, paths and article keys. */
  function snapshotKey(): string {
    return snapshotKeyOf(built!.order.map((p) => [p, slots.get(p)!.key]));
  }

  function snapshotKeyOf(keys: readonly (readonly [string, string])[]): string {
    return contentKey([manifestText ?? '', ...keys.map(([path, key]) => `${path}\u0000${key}`)].join('\n'));
  }

  /** The cross-source stage (or its snapshot, when the corpus is as it was and nothing is resolved yet). */
  function crossSource(
    inputs: readonly (EntityInput & EventInput)[],
    mayUseSnapshot: boolean,
    offer = true,
  ): CrossSourceResult {
    if (mayUseSnapshot && !resolved && pendingSnapshot) {
      fromSnapshot = pendingSnapshot;
      pendingSnapshot = undefined;
      logger.info('cross-source result taken from the snapshot of the last session');
      return fromSnapshot;
    }
    let entities = resolver.resolve(inputs, manifest.entities);
    resolved = true;
    const adopting = fromSnapshot;
    fromSnapshot = undefined;
    // the objects handed out before stay the same where nothing changed: the editor is sent only what did
    if (adopting) entities = resolver.adopt(adopting.entities);
    const reports = reportFinder.find(inputs, (id) => resolver.mentionsOf(id), resolver.touched);
    const grouped = eventGrouper.group(
      reports,
      inputs,
      entities,
      manifest.distinct.map((d) => d.reports),
    );
    const swap = new Map<EventReport, EventReport>();
    const events = (lastEvents = adopting
      ? adoptEvents(adopting.events, grouped, swap)
      : keepUnchangedEvents(lastEvents, grouped));
    reportFinder.adopt(swap);
    const conflicts = conflictFinder.find(
      events,
      swap.size > 0 ? reports.map((r) => swap.get(r) ?? r) : reports,
      (id) => sourceName(slots.get(id)?.data ?? { id, outlet: null, title: id }),
      manifest.dismissed,
      (id) => slots.get(id)?.data?.published ?? null,
      (id) => resolver.entity(id)?.name ?? id,
      (id) => slots.get(id)?.text ?? '',
    );
    const result = { entities, events, conflicts, stale: staleDecisions(manifest, reports) };
    const at = generation;
    const { documents, order } = built!;
    // made only when written (the articles' analyses are those of this reading while the generation is)
    const failed = (): [number, string][] =>
      order.flatMap((path, i): [number, string][] => {
        const why = slots.get(path)!.analysis?.failure;
        return why ? [[i, why]] : [];
      });
    if (offer)
      init.cache?.keepSnapshot?.(() =>
        generation === at ? toStored(snapshotKey(), result, documents, failed()) : undefined,
      );
    return result;
  }

  const corpus: Corpus = {
    get stats() {
      return stats;
    },
    takePackedEntities(entities) {
      const kept = snapshotEntities;
      snapshotEntities = undefined;
      return kept?.of === entities ? kept.packed : undefined;
    },
    async prepare(signal) {
      if (!fromSnapshot || signal?.cancelled) return false;
      const t0 = performance.now();
      await ensureAnalyses();
      if (!fromSnapshot) return false; // resolved meanwhile
      crossSource(built!.inputs, false, false); // the same result as the snapshot's
      logger.info(`resolution prepared for the next edit in ${Math.round(performance.now() - t0)} ms`);
      return true;
    },
    async index(overlay, signal) {
      return createIndex(await corpus.analyse(overlay, signal));
    },
    async analyse(overlay = new Map(), signal) {
      generation++;
      await ensureAnalyses();
      await loadManifest(overlay);
      const paths = [...new Set(await init.reader.list())].filter((p) => p !== MANIFEST_FILE).sort();
      const listed = new Set(paths);
      for (const path of [...slots.keys()]) {
        if (listed.has(path)) continue;
        dropSlot(path);
        changedSlots.add(path);
      }
      for (const path of [...skipped.keys()]) if (!listed.has(path)) skipped.delete(path);
      for (const path of [...notes.keys()]) if (!listed.has(path)) notes.delete(path);
      // the first reading takes the texts of files unchanged since the last session as kept then
      await refresh(paths, overlay, signal, true, loaded ? undefined : keptTexts(init.cache?.texts?.()));
      loaded = !signal?.cancelled;
      return combine(true);
    },
    async update(paths, overlay = new Map(), signal) {
      if (!loaded) return corpus.analyse(overlay, signal);
      generation++;
      await ensureAnalyses();
      const articles = new Set(paths.filter((p) => p !== MANIFEST_FILE));
      if (paths.includes(MANIFEST_FILE)) {
        await loadManifest(overlay);
        for (const path of redeclared()) articles.add(path);
      }
      await refresh([...articles].sort(), overlay, signal);
      return combine();
    },
  };
  return corpus;
}

/** Looks up stored texts by path and stamp. */
function keptTexts(stored: StoredTexts | undefined): KeptTexts | undefined {
  if (!stored) return undefined;
  const at = new Map(stored.paths.map((path, i) => [path, i]));
  return (path, stamp) => {
    const i = at.get(path);
    return i !== undefined && stored.stamps[i] === stamp
      ? { text: stored.texts[i]!, key: stored.keys[i]! }
      : undefined;
  };
}

/** What the cross-source stage reads of an article whose analysis may still be in the cache. */
const readOnDemand = new LazyFields<Slot>({
  mentions: (slot) => analysisOf(slot).mentions,
  sentences: (slot) => analysisOf(slot).sentences,
  dates: (slot) => analysisOf(slot).dates,
  predicates: (slot) => analysisOf(slot).predicates,
  published: (slot) => publishedDay(analysisOf(slot).published),
});

/** A slot's analysis; `ensureAnalyses` has read every one before anything needs it. */
function analysisOf(slot: Slot): ArticleAnalysis {
  if (!slot.analysis) throw new Error("an article's analysis was needed before it was read from the cache");
  return slot.analysis;
}

/** A result as a snapshot keeps it, with the documents' lists: the mentions, sentences and dates packed. */
function toStored(
  key: string,
  { entities, ...rest }: CrossSourceResult,
  documents: readonly DocumentData[],
  failed: readonly (readonly [number, string])[],
): CrossSourceSnapshot {
  const packed = packEntities(entities, documents);
  return {
    key,
    ...rest,
    entities: packed.entities,
    mentions: packed.spans,
    documents: { ...packDocumentLists(documents), published: documents.map((d) => d.published), failed },
  };
}

/** The per-article stage in this thread, one article after another, pausing now and then. */
async function analyseInProcess(
  jobs: readonly ArticleJob[],
  signal?: CancelSignal,
): Promise<ArticleAnalysis[]> {
  const out: ArticleAnalysis[] = [];
  const pause = pacer();
  for (const job of jobs) {
    if (signal?.cancelled) break;
    await pause();
    out.push(analyseArticle(job));
  }
  return out;
}

/**
 * Lets other work run (a cancellation, the next request of a worker) about every 20 ms, not after
 * every file, because timers are clamped to a millisecond or more.
 */
function pacer(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < 20) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}
