/**
 * The per-article analyses of a corpus kept on disk between sessions, so reopening an unchanged
 * corpus skips the per-article stage. One file per corpus: a header line (format, analyser
 * version, SHA-1 of the body, entry count) and a JSON body of [key, analysis] pairs. A file of
 * another analyser version is ignored; a damaged one (bad header, checksum or JSON) is reported
 * and rebuilt. Writes go to a temporary file renamed into place, so a crash never leaves half a cache.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ArticleAnalysis } from '../core/article';
import type { AnalysisCache } from '../core/corpus';
import type { Logger } from '../core/ports';

const FORMAT = 'corpus-navigator-analysis-cache/1';

interface Header {
  readonly format: string;
  readonly analyser: string;
  readonly sha1: string;
  readonly entries: number;
}

/** What loading found. */
export type CacheLoad = 'loaded' | 'absent' | 'other-version' | 'damaged';

export class FileAnalysisCache implements AnalysisCache {
  readonly #file: string;
  readonly #version: string;
  readonly #logger: Logger;
  #entries = new Map<string, ArticleAnalysis>();
  /** Keys asked for or stored since loading: what the next save keeps. */
  readonly #used = new Set<string>();
  #dirty = false;
  #state: CacheLoad = 'absent';

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
    return this.#entries.size;
  }

  /** Reads the file; never throws (a problem means an empty cache, rebuilt on the next save). */
  load(): CacheLoad {
    this.#entries = new Map();
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.#file);
    } catch {
      return (this.#state = 'absent');
    }
    const newline = bytes.indexOf(10);
    try {
      if (newline < 0) throw new Error('no header line');
      const header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Header;
      if (header.format !== FORMAT) throw new Error(`unknown format ${JSON.stringify(header.format)}`);
      if (header.analyser !== this.#version) {
        this.#logger.info(`analysis cache ${this.#file} is from another version of the analyser; it will be rebuilt`);
        this.#dirty = true;
        return (this.#state = 'other-version');
      }
      const body = bytes.subarray(newline + 1);
      if (createHash('sha1').update(body).digest('hex') !== header.sha1) throw new Error('checksum mismatch');
      const pairs = JSON.parse(body.toString('utf8')) as [string, ArticleAnalysis][];
      if (!Array.isArray(pairs) || pairs.length !== header.entries) throw new Error('wrong entry count');
      this.#entries = new Map(pairs);
      return (this.#state = 'loaded');
    } catch (error) {
      this.#logger.warn(`analysis cache ${this.#file} is damaged (${error instanceof Error ? error.message : String(error)}); it will be rebuilt`);
      this.#entries = new Map();
      this.#dirty = true;
      return (this.#state = 'damaged');
    }
  }

  get(key: string): ArticleAnalysis | undefined {
    const hit = this.#entries.get(key);
    if (hit) this.#used.add(key);
    return hit;
  }

  set(key: string, analysis: ArticleAnalysis): void {
    this.#entries.set(key, analysis);
    this.#used.add(key);
    this.#dirty = true;
  }

  /** Writes the entries used since loading (others belong to texts no longer in the corpus). */
  save(): void {
    if (!this.#dirty) return;
    const pairs = [...this.#used].flatMap((k) => {
      const a = this.#entries.get(k);
      return a ? [[k, a] as const] : [];
    });
    const body = Buffer.from(JSON.stringify(pairs), 'utf8');
    const header: Header = { format: FORMAT, analyser: this.#version, sha1: createHash('sha1').update(body).digest('hex'), entries: pairs.length };
    const tmp = `${this.#file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.#file), { recursive: true });
      writeFileSync(tmp, Buffer.concat([Buffer.from(JSON.stringify(header) + '\n', 'utf8'), body]));
      renameSync(tmp, this.#file);
      this.#dirty = false;
    } catch (error) {
      rmSync(tmp, { force: true });
      this.#logger.warn(`analysis cache ${this.#file} could not be written (${error instanceof Error ? error.message : String(error)})`);
    }
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
