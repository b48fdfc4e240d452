import type { CorpusReader } from '../../src/core/ports';

/** An in-memory corpus folder for tests. */
export function memoryReader(files: Record<string, string | Uint8Array>): CorpusReader {
  return {
    list: async () => Object.keys(files),
    read: async (path) => {
      const f = files[path];
      return f === undefined ? undefined : typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
  };
}

/**
 * An in-memory corpus folder whose files have stamps (`stamps[path]`; a path without one is not
 * vouched for), counting the files read.
 */
export function stampedReader(
  files: Record<string, string | Uint8Array>,
  stamps: Record<string, string>,
): CorpusReader & { readonly reads: string[] } {
  const reads: string[] = [];
  const inner = memoryReader(files);
  return {
    reads,
    list: inner.list,
    read: (path) => {
      reads.push(path);
      return inner.read(path);
    },
    stamp: (path) => (files[path] === undefined ? undefined : stamps[path]),
  };
}

/** `inner` with the editor's unsaved texts in `overlay` read in place of their files (what the corpus's `overlay` does). */
export function overlaidReader(inner: CorpusReader, overlay: ReadonlyMap<string, string>): CorpusReader {
  return {
    list: inner.list,
    read: async (path) => {
      const unsaved = overlay.get(path);
      return unsaved === undefined ? inner.read(path) : new TextEncoder().encode(unsaved);
    },
  };
}
