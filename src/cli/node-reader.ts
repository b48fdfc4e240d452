/** A CorpusReader over a folder on disk, for the CLI (and tests). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusReader } from '../core/ports';
import { isArticlePath } from '../core/text/article-files';
import { fileStamp, pathsUnder, readUnlinked } from '../node/files';

const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode']);

export function folderReader(root: string): CorpusReader {
  const full = pathsUnder(root);
  return {
    async list() {
      const out: string[] = [];
      // synchronous, as reading is: a folder of thousands of articles is listed several times faster
      // (each path made from its folder's, not worked out from the root: at ten thousand files that was most of the listing)
      const walk = (dir: string, prefix: string): void => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
          if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
          else if (entry.isFile() && isArticlePath(entry.name)) out.push(prefix + entry.name);
        }
      };
      walk(root, '');
      return out;
    },
    async read(path) {
      // synchronous: one small file at a time, it is several times faster than the promise API;
      // a symbolic link is never listed, nor read when asked for by name
      const bytes = readUnlinked(full(path));
      return bytes === 'link' ? undefined : bytes;
    },
    stamp: (path) => fileStamp(full(path)),
  };
}
