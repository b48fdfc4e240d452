/**
 * Where the corpora of the workspace are: folders holding a corpus.yaml, plus the folders the
 * `corpusNavigator.corpusFolders` setting names, and the files each one holds.
 */
import * as vscode from 'vscode';
import { isSkippedName, MANIFEST_FILE } from '../core/pipeline/text/article-files';
import { linkedPathReason } from '../node/files';
import { configuredCorpusFolders, hasCorpusGlobs } from './corpus-folders';

/** Folders no corpus looks into. */
export const EXCLUDE = '{**/node_modules/**,**/.git/**}';

/** The files a corpus may hold, as a watcher glob. */
export const CORPUS_FILES = '**/*.{txt,md,markdown,yaml}';

/** Every corpus root of the workspace, by its URI string. */
export async function findCorpusRoots(): Promise<Map<string, vscode.Uri>> {
  const roots = new Map<string, vscode.Uri>();
  for (const uri of await vscode.workspace.findFiles(`**/${MANIFEST_FILE}`, EXCLUDE)) {
    const root = vscode.Uri.joinPath(uri, '..');
    // the search follows symbolic links: a folder reached through one is not the workspace's
    const top = vscode.workspace.getWorkspaceFolder(uri)?.uri;
    if (uri.scheme === 'file' && top && linkedPathReason(root.fsPath, root.fsPath, top.fsPath) !== null)
      continue;
    // a corpus in a dot-folder is skipped, as the CLI skips the articles in one
    if (top && relativeId(top, root).split('/').some(isSkippedName)) continue;
    roots.set(root.toString(), root);
  }
  for (const root of await configuredCorpusFolders(EXCLUDE)) roots.set(root.toString(), root);
  return roots;
}

/**
 * True when an article outside every corpus may belong to a new one: its folder may match a
 * corpusFolders glob, or a folder above it holds a corpus.yaml whose own event the file watcher
 * never sent (a file created together with its folder can go unreported).
 */
export async function mayStartCorpus(uri: vscode.Uri): Promise<boolean> {
  return hasCorpusGlobs() || (await manifestAbove(uri));
}

/** A file's id in the corpus at `root`: its path relative to the root, with `/` separators. */
export function relativeId(root: vscode.Uri, uri: vscode.Uri): string {
  return uri.path.slice(root.path.replace(/\/$/, '').length + 1);
}

/** True when the file's folder, or one above it in its workspace folder, holds a corpus.yaml. */
async function manifestAbove(uri: vscode.Uri): Promise<boolean> {
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
