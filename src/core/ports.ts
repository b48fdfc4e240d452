/** The ports through which the core reaches the outside world. Adapters implement them. */

/** Read access to one corpus folder. Paths are relative to the corpus root, with `/` separators. */
export interface CorpusReader {
  /** Lists the article files of the corpus (relative paths, `corpus.yaml` excluded), in any order. */
  list(): Promise<string[]>;
  /** Reads one file's raw bytes; resolves `undefined` when the file does not exist. */
  read(path: string): Promise<Uint8Array | undefined>;
  /**
   * Optional: what the file's state is now, as a short string (its identity, size and times) got
   * without reading it, that differs whenever its bytes may have changed; undefined when it cannot
   * vouch for that (no plain file there, or one changed so recently that a further change might not
   * show in its times). Asked before `read`, so a text is never older than the stamp kept with it:
   * while a file's stamp stays, the text last read of it is taken without reading it again.
   */
  stamp?(path: string): string | undefined;
}

/** Where the core reports what it did and what went wrong. */
export interface Logger {
  /** Progress worth recording (what was indexed, timings). */
  info(message: string): void;
  /** A problem the user may want to know about; indexing goes on. */
  warn(message: string): void;
  /** A failure of the core itself (a bug), with the error when there is one. */
  error(message: string, error?: unknown): void;
}

/** A logger that drops everything; for tests and quiet CLI runs. */
export const nullLogger: Logger = { info() {}, warn() {}, error() {} };
