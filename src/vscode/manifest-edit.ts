/**
 * Writing corpus.yaml from the editor: the conflict quick fixes and the entity merge and split
 * commands share it. The text is read as the user sees it (the editor's, when open); an edit
 * goes through a WorkspaceEdit when the file is open (undoable, saved if it was saved), else to
 * disk after a last check that the file did not change. Nothing is written in Restricted Mode.
 */
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import type { CorpusService, CorpusState } from './corpus-service';
import type { DecisionEdit } from '../core/pipeline/manifest/decisions';
import { MANIFEST_FILE } from '../core/pipeline/text/article-files';
import { linkedPathReason } from '../node/files';

/** What corpus.yaml held when it was read. */
export interface ManifestStamp {
  readonly sha256: string;
  readonly mtime: number | null;
}

/** corpus.yaml as the user sees it, with its stamp and whether it starts with a BOM. */
export interface ManifestRead {
  readonly uri: vscode.Uri;
  readonly text: string;
  readonly bom: boolean;
  readonly stamp: ManifestStamp;
  /** Why the file is neither read nor written (it is, or sits under, a link), or null. */
  readonly refused: string | null;
}

/** Why corpus.yaml under `root` must not be read or written through links, or null when it may. */
function linkReason(root: vscode.Uri, uri: vscode.Uri): string | null {
  if (uri.scheme !== 'file') return null;
  const top = vscode.workspace.getWorkspaceFolder(root)?.uri.fsPath ?? root.fsPath;
  return linkedPathReason(root.fsPath, uri.fsPath, top);
}

/** corpus.yaml as the user sees it (the editor's text when it is open). A missing file reads as ''. */
export async function readManifest(root: vscode.Uri): Promise<ManifestRead> {
  const uri = vscode.Uri.joinPath(root, MANIFEST_FILE);
  const refused = linkReason(root, uri);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let text = refused ? '' : open?.getText();
  let bom = false;
  if (text === undefined) {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      text = new TextDecoder().decode(bytes);
    } catch {
      text = '';
    }
  }
  return {
    uri,
    text,
    bom,
    stamp: {
      sha256: createHash('sha256').update(text).digest('hex'),
      mtime: refused ? null : await stat(uri),
    },
    refused,
  };
}

/**
 * Writes `compute`'s edit of corpus.yaml, read now, and re-indexes the corpus. `expected` is the
 * stamp the user's decision was made on: when the file changed since, nothing is written.
 * Resolves true when the change is recorded (or already was); says why not otherwise.
 */
export async function writeManifest(
  service: CorpusService,
  log: vscode.LogOutputChannel,
  corpus: CorpusState,
  compute: (text: string) => DecisionEdit,
  what: string,
  expected?: ManifestStamp,
): Promise<boolean> {
  const refuse = (message: string): false => {
    log.warn(`corpus.yaml not changed: ${message}`);
    void vscode.window.showWarningMessage(`Corpus Navigator: ${message}`);
    return false;
  };
  if (!vscode.workspace.isTrusted)
    return refuse('corpus.yaml is not written in Restricted Mode. Trust this workspace to record this.');
  const now = await readManifest(corpus.root);
  if (now.refused) return refuse(`corpus.yaml is not written through a symbolic link (${now.refused}).`);
  if (expected && (now.stamp.sha256 !== expected.sha256 || now.stamp.mtime !== expected.mtime))
    return refuse('corpus.yaml changed since this was offered, so nothing was written. Try again.');
  const result = compute(now.text);
  if (!result.ok) return refuse(result.reason);
  if (result.edit === null) {
    void vscode.window.showInformationMessage(`Corpus Navigator: already recorded in corpus.yaml (${what}).`);
    return true;
  }
  const { uri } = now;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    // the user's editor holds the text: edit it there (undoable), and save it if it was saved
    const wasDirty = open.isDirty;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      uri,
      new vscode.Range(open.positionAt(result.edit.start), open.positionAt(result.edit.end)),
      result.edit.insert,
    );
    if (!(await vscode.workspace.applyEdit(edit)))
      return refuse('the editor did not accept the change to corpus.yaml.');
    if (!wasDirty && !(await open.save())) return refuse('corpus.yaml could not be saved.');
  } else {
    // the last moment to notice a change on disk (a pull, another editor)
    if ((await stat(uri)) !== now.stamp.mtime)
      return refuse(
        'corpus.yaml changed on disk while it was being written, so nothing was written. Try again.',
      );
    await vscode.workspace.fs.writeFile(
      uri,
      new TextEncoder().encode((now.bom ? '\ufeff' : '') + result.text),
    );
  }
  log.info(`corpus.yaml: recorded ${what}`);
  vscode.window.setStatusBarMessage(`Corpus: recorded in corpus.yaml (${what})`, 4000);
  await service.reindex(corpus);
  return true;
}

async function stat(uri: vscode.Uri): Promise<number | null> {
  try {
    return (await vscode.workspace.fs.stat(uri)).mtime;
  } catch {
    return null;
  }
}
