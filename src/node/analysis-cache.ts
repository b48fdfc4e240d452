/**
 * The per-article analyses of a corpus kept on disk between sessions, so reopening an unchanged
 * corpus skips the per-article stage. One file per corpus: a header line (format, analyser
 * version, SHA-1 of the body, entry count) and a body of one line per article: its key and its
 * analysis packed (`StoredAnalysis`: its sentences and mentions as numbers), each as JSON, a tab
 * between. `load` reads the file and checks its header; the body is checked and its lines
 * indexed when an entry is first used, and an entry parsed when first asked for (a warm start
 * uses none: the snapshot below has what it shows). A file of another analyser version or an
 * earlier format is ignored; a damaged one (bad header, checksum or line) is reported and
 * rebuilt; an entry that does not parse or does not fit its article is reported, dropped and
 * that article analysed again. Writes go to a temporary file renamed into place, so a crash never
 * leaves half a cache.
 *
 * Beside it (`<file>.snapshot`, same kind of header plus the corpus state's key) the last
 * cross-source result with the articles' sentences and dates, so reopening an unchanged corpus
 * skips the cross-source stage and reading the analyses too. Its runs of numbers (most of it)
 * follow its JSON as 32-bit integers (see `encodeSnapshot`), read many times faster than JSON.
 * Written at the same times (`<file>.texts`), when they changed: the articles' texts as read from
 * their files, with the files' stamps (`StoredTexts`), so a warm start reads one file instead of
 * every article (see `encodeTexts`).
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ArticleAnalysis } from '../core/pipeline/article';
import { packAnalysis, unpackAnalysis, type StoredAnalysis } from '../core/wire/analysis-pack';
import type { AnalysisCache, CrossSourceSnapshot } from '../core/incremental/corpus';
import {
  decodeSnapshot,
  decodeTexts,
  encodeSnapshot,
  encodeTexts,
  numbersAt,
  type StoredTexts,
} from '../core/wire/cache-bodies';
import type { Logger } from '../core/ports';

const FORMAT = 'corpus-navigator-analysis-cache/3';
const SNAPSHOT_FORMAT = 'corpus-navigator-cross-source/3';
const TEXTS_FORMAT = 'corpus-navigator-texts/1';

interface Header {
  readonly format: string;
  readonly analyser: string;
  readonly sha1: string;
  readonly entries?: number;
  /** Of a snapshot: the state of the corpus it is for. */
  readonly key?: string;
}

/** What loading found. */
export type CacheLoad = 'loaded' | 'absent' | 'other-version' | 'damaged';

export class FileAnalysisCache implements AnalysisCache {
  readonly #file: string;
  readonly #version: string;
  readonly #logger: Logger;
  /** Entries as read from the file (the JSON of a `StoredAnalysis`), until asked for. */
  #entries = new Map<string, string>();
  /** Checks and indexes the body `load` read, at the first use of an entry; with the number of entries its header gives. */
  #unread: { readonly check: () => Read<Map<string, string>>; readonly entries: number } | undefined;
  /** Entries asked for or stored: the analysis handed out (the same object each time) and its text; packed again when written. */
  readonly #live = new Map<string, { readonly analysis: ArticleAnalysis; readonly text: string }>();
  /** Keys the file held when loaded (the saved texts' analyses). */
  #fromFile = new Set<string>();
  /** Keys asked for or stored since loading: what the next save keeps. */
  readonly #used = new Set<string>();
  #dirty = false;
  #state: CacheLoad = 'absent';
  /** The latest cross-source result offered, not yet written. */
  #snapshot: (() => CrossSourceSnapshot | undefined) | undefined;
  /** The latest articles' texts offered, not yet written (with the next snapshot). */
  #texts: (() => StoredTexts) | undefined;

  /** `version` identifies the analyser (a hash of its code): analyses of another version are never used. */
  constructor(file: string, version: string, logger: Logger) {
    this.#file = file;
    this.#version = version;
    this.#logger = logger;
  }

  get state(): CacheLoad {
    return this.#state;
  }

  get size(): number {
    return this.#unread ? this.#unread.entries : this.#entries.size + this.#live.size;
  }

  /**
   * Reads the file and checks its header; never throws (a problem means an empty cache, rebuilt
   * on the next save). 'loaded' holds until the body is checked, at the first use of an entry:
   * damage found then is reported, and the state becomes 'damaged'.
   */
  load(): CacheLoad {
    this.#entries = new Map();
    this.#fromFile = new Set();
    this.#unread = undefined;
    const head = readHeader(this.#file, FORMAT, this.#version);
    if (head.state === 'loaded')
      this.#unread = {
        check: () => checkBody(head.header, head.body, parseEntries),
        entries: head.header.entries ?? 0,
      };
    else if (head.state === 'other-version')
      this.#logger.info(
        `analysis cache ${this.#file} is from another version of the analyser; it will be rebuilt`,
      );
    else if (head.state === 'damaged')
      this.#logger.warn(`analysis cache ${this.#file} is damaged (${head.problem}); it will be rebuilt`);
    this.#dirty = head.state !== 'loaded' && head.state !== 'absent';
    return (this.#state = head.state);
  }

  /** The body `load` read, checked and indexed (once, at the first use of an entry). */
  #read(): void {
    const unread = this.#unread;
    if (!unread) return;
    this.#unread = undefined;
    const read = unread.check();
    if (read.state === 'loaded') {
      this.#entries = read.value;
      this.#fromFile = new Set(read.value.keys());
      return;
    }
    this.#logger.warn(
      `analysis cache ${this.#file} is damaged (${read.state === 'damaged' ? read.problem : read.state}); it will be rebuilt`,
    );
    this.#state = 'damaged';
    this.#dirty = true;
  }

  /** The cross-source result kept for the corpus state `key`; undefined when the corpus was in another state (or nothing usable is kept). */
  snapshot(key: string): CrossSourceSnapshot | undefined {
    const file = `${this.#file}.snapshot`;
    const read = readChecked(
      file,
      SNAPSHOT_FORMAT,
      this.#version,
      (_header, body) => {
        const { value, numbers: all } = decodeSnapshot(body);
        const stored = value as Record<string, unknown>;
        const m = stored.mentions as Record<string, unknown> | undefined;
        const d = stored.documents as Record<string, unknown> | undefined;
        const packed =
          typeof m === 'object' &&
          m !== null &&
          Array.isArray(m.documentIds) &&
          Array.isArray(m.mentionTexts) &&
          typeof d === 'object' &&
          d !== null &&
          Array.isArray(d.dateStrings) &&
          Array.isArray(d.dateTexts) &&
          Array.isArray(d.published) &&
          Array.isArray(d.failed) &&
          d.failed.every((f) => Array.isArray(f));
        if (
          stored.key !== key ||
          !packed ||
          !Array.isArray(stored.entities) ||
          !Array.isArray(stored.events) ||
          !Array.isArray(stored.conflicts) ||
          !Array.isArray(stored.stale)
        )
          throw new Error('not a snapshot');
        if (!stored.entities.every(isEntity) || !stored.events.every(isEvent))
          throw new Error('an entity or event of the snapshot is not one');
        if (
          !(d.published as unknown[]).every(
            (p) =>
              p === null ||
              (typeof p === 'object' && typeof (p as Record<string, unknown>).date === 'string'),
          )
        )
          throw new Error('a publication date of the snapshot is not one');
        const numbers = (at: Record<string, unknown>, ...names: string[]): void => {
          for (const n of names) at[n] = numbersAt(all, at[n], n);
        };
        numbers(m, 'mentionCounts', 'mentions');
        numbers(d, 'sentenceCounts', 'sentences', 'dateCounts', 'dates');
        return stored as unknown as CrossSourceSnapshot;
      },
      (header) => header.key === key,
    );
    if (read.state === 'damaged')
      this.#logger.warn(`cross-source snapshot ${file} is damaged (${read.problem}); it will be rebuilt`);
    return read.state === 'loaded' ? read.value : undefined;
  }

  keepSnapshot(make: () => CrossSourceSnapshot | undefined): void {
    this.#snapshot = make;
  }

  keepTexts(make: () => StoredTexts): void {
    this.#texts = make;
  }

  /** The articles' texts written last; undefined when none are kept (or they are damaged: reported). */
  texts(): StoredTexts | undefined {
    const file = `${this.#file}.texts`;
    const read = readChecked(file, TEXTS_FORMAT, this.#version, (_header, body) => decodeTexts(body));
    if (read.state === 'damaged')
      this.#logger.warn(`stored texts ${file} are damaged (${read.problem}); the articles are read instead`);
    return read.state === 'loaded' ? read.value : undefined;
  }

  /** The analysis kept for `text` under `key`; undefined (an entry that does not fit is logged and dropped) when there is none. */
  get(key: string, text: string): ArticleAnalysis | undefined {
    this.#read();
    const live = this.#live.get(key);
    if (live) {
      this.#used.add(key);
      return live.analysis;
    }
    const hit = this.#entries.get(key);
    if (hit === undefined) return undefined;
    try {
      const analysis = unpackAnalysis(JSON.parse(hit) as StoredAnalysis, text);
      this.#entries.delete(key);
      this.#live.set(key, { analysis, text });
      this.#used.add(key);
      return analysis;
    } catch (error) {
      this.#logger.warn(
        `analysis cache ${this.#file}: the entry ${key} is damaged (${error instanceof Error ? error.message : String(error)}); the article is analysed again`,
      );
      this.#entries.delete(key);
      this.#dirty = true;
      return undefined;
    }
  }

  set(key: string, analysis: ArticleAnalysis, text: string): void {
    this.#read();
    this.#entries.delete(key);
    this.#live.set(key, { analysis, text });
    this.#used.add(key);
    this.#dirty = true;
  }

  /** Articles have the texts of `keys`: their entries are written by the next save, asked for or not. */
  keep(keys: Iterable<string>): void {
    for (const key of keys) this.#used.add(key);
  }

  /**
   * An article's text changed from the one under `key`: unless the file held it (a saved text,
   * which the article may be restored to, now or next session), its entry is dropped, so a
   * session of typing does not keep an analysis for every pause.
   */
  retire(key: string): void {
    this.#read();
    if (this.#fromFile.has(key) || !this.#used.has(key)) return;
    this.#live.delete(key);
    this.#entries.delete(key);
    this.#used.delete(key);
  }

  /** Writes the entries used or kept since loading (others belong to texts no longer in the corpus), and unless told not to the latest snapshot and texts offered. */
  save({ snapshot: withSnapshot = true }: { readonly snapshot?: boolean } = {}): void {
    this.#read();
    if (this.#dirty) {
      // entries never asked for are written as they were read
      const lines = [...this.#used].flatMap((k) => {
        const live = this.#live.get(k);
        const a = live ? JSON.stringify(packAnalysis(live.analysis, live.text)) : this.#entries.get(k);
        return a === undefined ? [] : [`${JSON.stringify(k)}\t${a}`];
      });
      if (
        writeChecked(
          this.#file,
          { format: FORMAT, analyser: this.#version, entries: lines.length },
          lines.join('\n'),
          this.#logger,
        )
      )
        this.#dirty = false;
    }
    if (!withSnapshot) return;
    const snapshot = this.#snapshot?.();
    if (snapshot) {
      if (
        writeChecked(
          `${this.#file}.snapshot`,
          { format: SNAPSHOT_FORMAT, analyser: this.#version, key: snapshot.key },
          encodeSnapshot(snapshot),
          this.#logger,
        )
      )
        this.#snapshot = undefined;
    }
    const texts = this.#texts?.();
    if (texts) {
      if (
        writeChecked(
          `${this.#file}.texts`,
          { format: TEXTS_FORMAT, analyser: this.#version, entries: texts.paths.length },
          encodeTexts(texts),
          this.#logger,
        )
      )
        this.#texts = undefined;
    }
  }
}

function isEntity(e: unknown): boolean {
  const x = e as Record<string, unknown> | null;
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.id === 'string' &&
    typeof x.name === 'string' &&
    typeof x.type === 'string' &&
    Array.isArray(x.aliases) &&
    Array.isArray(x.mentions)
  );
}

function isEvent(e: unknown): boolean {
  const x = e as Record<string, unknown> | null;
  const report = (r: unknown): boolean => {
    const y = r as Record<string, unknown> | null;
    return (
      typeof y === 'object' &&
      y !== null &&
      typeof y.document === 'string' &&
      Number.isInteger(y.start) &&
      typeof y.date === 'object' &&
      typeof y.predicate === 'object' &&
      y.predicate !== null &&
      typeof y.clause === 'object' &&
      y.clause !== null
    );
  };
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof x.id === 'string' &&
    Array.isArray(x.entities) &&
    Array.isArray(x.reports) &&
    x.reports.every(report)
  );
}

type Read<T> =
  | { readonly state: 'loaded'; readonly value: T }
  | { readonly state: 'absent' | 'other-version' }
  | { readonly state: 'damaged'; readonly problem: string };

/**
 * Reads a file of header line + body: absent, of another version, damaged (bad header, checksum
 * or body: `parse` may throw), or loaded. `wanted` may pass over a file before its body is
 * checked (it is then absent); so may `parse`, by returning undefined.
 */
function readChecked<T>(
  file: string,
  format: string,
  version: string,
  parse: (header: Header, body: Buffer) => T | undefined,
  wanted: (header: Header) => boolean = () => true,
): Read<T> {
  const head = readHeader(file, format, version, wanted);
  return head.state === 'loaded' ? checkBody(head.header, head.body, parse) : head;
}

type Head =
  | { readonly state: 'loaded'; readonly header: Header; readonly body: Buffer }
  | { readonly state: 'absent' | 'other-version' }
  | { readonly state: 'damaged'; readonly problem: string };

/** A file's header, checked, and its body, not yet: see `readChecked`. */
function readHeader(
  file: string,
  format: string,
  version: string,
  wanted: (header: Header) => boolean = () => true,
): Head {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return { state: 'absent' };
  }
  const newline = bytes.indexOf(10);
  try {
    if (newline < 0) throw new Error('no header line');
    const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Header;
    // an earlier format of the same file is another version's, not damage
    if (header.format !== format)
      return sameKind(header.format, format)
        ? { state: 'other-version' }
        : fail(`unknown format ${JSON.stringify(header.format)}`);
    if (header.analyser !== version) return { state: 'other-version' };
    if (!wanted(header)) return { state: 'absent' };
    return { state: 'loaded', header, body: bytes.subarray(newline + 1) };
  } catch (error) {
    return { state: 'damaged', problem: error instanceof Error ? error.message : String(error) };
  }
}

/** A body checked against its header's checksum and parsed. */
function checkBody<T>(
  header: Header,
  body: Buffer,
  parse: (header: Header, body: Buffer) => T | undefined,
): Read<T> {
  try {
    if (createHash('sha1').update(body).digest('hex') !== header.sha1) throw new Error('checksum mismatch');
    const value = parse(header, body);
    return value === undefined ? { state: 'absent' } : { state: 'loaded', value };
  } catch (error) {
    return { state: 'damaged', problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The analyses' body: a line per entry, its key (JSON), a tab, its analysis (JSON, parsed when asked for). */
function parseEntries(header: Header, bytes: Buffer): Map<string, string> {
  const body = bytes.toString('utf8');
  const entries = new Map<string, string>();
  for (let at = 0, line = 1; at < body.length; line++) {
    const newline = body.indexOf('\n', at);
    const end = newline < 0 ? body.length : newline;
    const tab = body.indexOf('\t', at);
    const key: unknown = tab >= 0 && tab < end ? JSON.parse(body.slice(at, tab)) : undefined;
    if (typeof key !== 'string') throw new Error(`line ${line}: an entry is not a key and an analysis`);
    entries.set(key, body.slice(tab + 1, end));
    at = end + 1;
  }
  if (entries.size !== header.entries) throw new Error('wrong entry count');
  return entries;
}

function sameKind(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.split('/')[0] === b.split('/')[0];
}

function fail(message: string): never {
  throw new Error(message);
}

/** Writes header line + body (its parts one after another) to a temporary file renamed into place; false (logged) when it could not. */
function writeChecked(
  file: string,
  header: Omit<Header, 'sha1'>,
  content: string | readonly Uint8Array[],
  logger: Logger,
): boolean {
  const parts = typeof content === 'string' ? [Buffer.from(content, 'utf8')] : content;
  const sha1 = createHash('sha1');
  for (const part of parts) sha1.update(part);
  const line = Buffer.from(JSON.stringify({ ...header, sha1: sha1.digest('hex') }) + '\n', 'utf8');
  const tmp = `${file}.${process.pid}.tmp`;
  let fd: number | undefined;
  try {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(tmp, 'w');
    for (const part of [line, ...parts]) for (let at = 0; at < part.length;) at += writeSync(fd, part, at);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
    return true;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    logger.warn(`${file} could not be written (${error instanceof Error ? error.message : String(error)})`);
    return false;
  }
}

/** The analyser's version: a hash of the code that produces the analyses (the bundled worker). */
export function analyserVersion(codeFile: string): string {
  try {
    return createHash('sha1').update(readFileSync(codeFile)).digest('hex').slice(0, 16);
  } catch {
    return 'unknown';
  }
}
