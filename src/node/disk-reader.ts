/** The one CorpusReader over a folder on disk, for the CLI, the indexing thread and tests. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusReader } from '../core/ports';
import { isArticlePath, isSkippedName } from '../core/pipeline/text/article-files';
import { fileStamp, linkedFolder, pathsUnder, readUnlinked } from './files';

/** How a disk reader lists and what it says about files it will not read. */
export interface DiskReaderOptions {
  /** The files to list, as the editor found them (read at each listing); undefined: walk the folder. */
  readonly files?: ReadonlySet<string>;
  /** Told of each file not read because it is a symbolic link, which may point outside the folder. */
  readonly onLink?: (path: string) => void;
}

/** Reads the articles under `root`; a symbolic link is never listed, nor followed when asked for by name. */
export function diskReader(root: string, { files, onLink }: DiskReaderOptions = {}): CorpusReader {
  const full = pathsUnder(root);
  return {
    list: async () => (files ? [...files] : listCorpusFiles(root, onLink)),
    async read(path) {
      // synchronous: one small file at a time, it is several times faster than the promise API
      const bytes = linkedFolder(root, path) ? 'link' : readUnlinked(full(path));
      if (bytes !== 'link') return bytes;
      onLink?.(path);
      return undefined;
    },
    stamp: (path) => fileStamp(full(path)),
  };
}

/**
 * The article paths under `root`, relative to it, by the rule of `isCorpusFile`; a symbolic link
 * is never entered (`onLink` is told of one that may be an article or a folder). Synchronous,
 * which lists thousands of files several times faster.
 */
export function listCorpusFiles(root: string, onLink?: (path: string) => void): string[] {
  const out: string[] = [];
  const visit = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (isSkippedName(entry.name)) continue;
      if (entry.isSymbolicLink() && (isArticlePath(entry.name) || !entry.name.includes('.')))
        onLink?.(prefix + entry.name);
      if (entry.isDirectory()) visit(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile() && isArticlePath(entry.name)) out.push(prefix + entry.name);
    }
  };
  visit(root, '');
  return out;
}
