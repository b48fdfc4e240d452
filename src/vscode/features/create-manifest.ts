/**
 * "Corpus: Create corpus.yaml for This Folder": scaffolds a manifest with one entry per article
 * (title from its first line), which makes the folder a corpus. Never overwrites a corpus.yaml.
 */
import * as vscode from 'vscode';
import type { CorpusService } from '../corpus-service';
import { Commands } from '../commands';
import { decodeArticle } from '../../core/pipeline/text/decode';
import { isArticlePath, MANIFEST_FILE } from '../../core/pipeline/text/article-files';
import { scaffoldManifest, type ScaffoldArticle } from '../../core/pipeline/manifest/scaffold';

const EXCLUDE = '{**/node_modules/**,**/.git/**}';

export function registerCreateManifest(
  service: CorpusService,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  return vscode.commands.registerCommand(
    Commands.createManifest,
    async (target?: vscode.Uri): Promise<vscode.Uri | undefined> => {
      if (!vscode.workspace.isTrusted) {
        void vscode.window.showWarningMessage(
          'Corpus Navigator does not write files in Restricted Mode. Trust this workspace to create a corpus.yaml.',
        );
        return undefined;
      }
      const folder = await folderFor(target);
      if (!folder) return undefined;
      const manifest = vscode.Uri.joinPath(folder, MANIFEST_FILE);
      if (await exists(manifest)) {
        void vscode.window.showInformationMessage(
          `${vscode.workspace.asRelativePath(manifest)} already exists and was left as it is.`,
        );
        await vscode.window.showTextDocument(manifest);
        return undefined;
      }
      const articles = await readArticles(folder, log);
      if (await exists(manifest)) return undefined; // created meanwhile: still never overwrite
      await vscode.workspace.fs.writeFile(manifest, new TextEncoder().encode(scaffoldManifest(articles)));
      log.info(
        `${vscode.workspace.asRelativePath(manifest)}: created with ${articles.length} article${articles.length === 1 ? '' : 's'}`,
      );
      await service.discover();
      await vscode.window.showTextDocument(manifest);
      return manifest;
    },
  );
}

/** The folder the command acts on: its argument (or that file's folder), else the active article's folder, else one the user picks. */
async function folderFor(target: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (target instanceof vscode.Uri) {
    const stat = await vscode.workspace.fs.stat(target);
    return stat.type & vscode.FileType.Directory ? target : vscode.Uri.joinPath(target, '..');
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  if (active?.scheme === 'file') return vscode.Uri.joinPath(active, '..');
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    openLabel: 'Create corpus.yaml here',
  });
  return picked?.[0];
}

/** The folder's articles (open editors' unsaved text first), leaving out sub-folders that are corpora of their own. */
async function readArticles(folder: vscode.Uri, log: vscode.LogOutputChannel): Promise<ScaffoldArticle[]> {
  const root = folder.path.replace(/\/$/, '') + '/';
  const rel = (uri: vscode.Uri): string => uri.path.slice(root.length);
  const nested = (
    await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `*/**/${MANIFEST_FILE}`), EXCLUDE)
  ).map((u) => rel(u).slice(0, -MANIFEST_FILE.length));
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  const articles: ScaffoldArticle[] = [];
  for (const uri of await vscode.workspace.findFiles(
    new vscode.RelativePattern(folder, '**/*.{txt,md,markdown}'),
    EXCLUDE,
  )) {
    const file = rel(uri);
    if (!isArticlePath(file) || nested.some((n) => file.startsWith(n))) continue;
    const doc = open.get(uri.toString());
    if (doc) {
      articles.push({ file, text: doc.getText() });
      continue;
    }
    const decoded = decodeArticle(await vscode.workspace.fs.readFile(uri));
    if (decoded.ok) articles.push({ file, text: decoded.text });
    else {
      log.warn(`${vscode.workspace.asRelativePath(uri)} ${decoded.message}; listed without a title`);
      articles.push({ file, text: '' });
    }
  }
  return articles;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
