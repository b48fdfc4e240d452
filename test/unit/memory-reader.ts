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
