/**
 * The `corpusNavigator.corpusFolders` setting: folders to treat as corpora even without a
 * corpus.yaml. Each entry is a folder (relative to its workspace folder, or absolute) or a glob
 * naming folders (`news/*` makes every folder inside news/ a corpus of its own).
 */
import * as vscode from 'vscode';

export const CORPUS_FOLDERS_SETTING = 'corpusFolders';
const GLOB_CHARS = /[*?[\]{}]/;

/** True when some workspace folder's setting holds a glob (new folders may then match it). */
export function hasCorpusGlobs(): boolean {
  return entries().some(({ entry }) => GLOB_CHARS.test(entry));
}

/** The folders the setting names; globs expand to the folders holding articles that match them. */
export async function configuredCorpusFolders(exclude: string): Promise<vscode.Uri[]> {
  const roots: vscode.Uri[] = [];
  for (const { folder, entry } of entries()) {
    const path = entry.replace(/\\/g, '/').replace(/\/+$/, '');
    if (!GLOB_CHARS.test(path)) {
      roots.push(path.startsWith('/') ? vscode.Uri.file(path) : vscode.Uri.joinPath(folder.uri, path));
      continue;
    }
    // Search from the glob's fixed leading folders; a folder matches when an article lies directly in it.
    const segments = path.split('/');
    const fixed = segments.findIndex((s) => GLOB_CHARS.test(s));
    const prefix = segments.slice(0, fixed).join('/');
    const base = path.startsWith('/')
      ? vscode.Uri.file(prefix || '/')
      : vscode.Uri.joinPath(folder.uri, prefix);
    const pattern = `${segments.slice(fixed).join('/')}/*.{txt,md,markdown}`;
    for (const file of await vscode.workspace.findFiles(new vscode.RelativePattern(base, pattern), exclude))
      roots.push(vscode.Uri.joinPath(file, '..'));
  }
  return roots;
}

function entries(): { folder: vscode.WorkspaceFolder; entry: string }[] {
  return (vscode.workspace.workspaceFolders ?? []).flatMap((folder) =>
    vscode.workspace
      .getConfiguration('corpusNavigator', folder.uri)
      .get<unknown[]>(CORPUS_FOLDERS_SETTING, [])
      .filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '')
      .map((entry) => ({ folder, entry: entry.trim() })),
  );
}
