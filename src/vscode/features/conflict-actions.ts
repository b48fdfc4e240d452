/**
 * Quick fixes on a conflict diagnostic: open the other report; "Not the same event" and "Dismiss
 * this conflict", each recorded in corpus.yaml (`distinct:` / `dismissed:`) so the decision
 * travels with the corpus. corpus.yaml is changed by one small edit (core/manifest/decisions.ts)
 * and only if it is still what it was when the quick fix was offered. Nothing is written in
 * Restricted Mode.
 */
import * as vscode from 'vscode';
import { createHash } from 'node:crypto';
import type { CorpusService } from '../corpus-service';
import { sourceName } from '../../core/pipeline/conflicts/conflicts';
import { recordDecision, type DecisionReport } from '../../core/pipeline/manifest/decisions';
import type { DecisionSection } from '../../core/pipeline/manifest/manifest';
import { MANIFEST_FILE } from '../../core/pipeline/text/article-files';
import { Commands } from '../commands';
import { ARTICLE_SELECTOR } from './article-selector';
import { CONFLICT_SOURCE, conflictsAt } from './corpus-diagnostics';

/** What corpus.yaml held when a quick fix was offered. */
interface ManifestStamp {
  readonly sha256: string;
  readonly mtime: number | null;
}

/** The argument of Commands.decideConflict. */
export interface DecisionRequest {
  /** The corpus root, as a URI string. */
  readonly root: string;
  readonly section: DecisionSection;
  readonly reports: readonly DecisionReport[];
  readonly read: ManifestStamp;
}

const TITLES: Record<DecisionSection, string> = {
  distinct: 'not the same event',
  dismissed: 'conflict dismissed',
};

export function registerConflictActions(
  service: CorpusService,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const provider: vscode.CodeActionProvider = {
    async provideCodeActions(document, _range, context, token) {
      const at = service.locate(document.uri);
      if (!at) return [];
      const sides = context.diagnostics
        .filter((d) => d.source === CONFLICT_SOURCE)
        .flatMap((diagnostic) =>
          conflictsAt(at.index, at.id, diagnostic.range, diagnostic.code).map((s) => ({ ...s, diagnostic })),
        );
      if (sides.length === 0) return [];
      const name = (id: string): string => {
        const d = at.index.document(id);
        return d ? sourceName(d) : id;
      };
      // Restricted Mode: only what reads
      const stamp = vscode.workspace.isTrusted
        ? (await readManifest(vscode.Uri.joinPath(at.corpus.root, MANIFEST_FILE))).stamp
        : undefined;
      if (token.isCancellationRequested) return [];
      const actions: vscode.CodeAction[] = [];
      for (const { conflict, side, diagnostic } of sides) {
        const others = conflict.reports.filter((_, i) => i !== side);
        for (const other of others) {
          const open = new vscode.CodeAction(
            `Open the other report: ${name(other.document)}, “${other.text}”`,
            vscode.CodeActionKind.QuickFix,
          );
          open.command = {
            title: open.title,
            command: Commands.openLocation,
            arguments: [at.corpus.root.toString(), other.document, other.start, other.end],
          };
          open.diagnostics = [diagnostic];
          actions.push(open);
        }
        if (!stamp) continue;
        const reports = conflict.reports.map((r) => ({ file: r.document, text: r.text }));
        const who = others.map((o) => name(o.document)).join(', ');
        const decide = (section: DecisionSection, title: string): vscode.CodeAction => {
          const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
          const request: DecisionRequest = { root: at.corpus.root.toString(), section, reports, read: stamp };
          action.command = { title, command: Commands.decideConflict, arguments: [request] };
          action.diagnostics = [diagnostic];
          return action;
        };
        actions.push(
          decide('distinct', `Not the same event as ${who}’s report (record in corpus.yaml)`),
          decide('dismissed', `Dismiss this conflict with ${who} (record in corpus.yaml)`),
        );
      }
      return actions;
    },
  };
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider(ARTICLE_SELECTOR, provider, {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
    vscode.commands.registerCommand(Commands.decideConflict, (request: DecisionRequest) =>
      recordInManifest(service, log, request),
    ),
  );
}

/** Records a decision in corpus.yaml. Resolves true when it is recorded (or already was). */
async function recordInManifest(
  service: CorpusService,
  log: vscode.LogOutputChannel,
  request: DecisionRequest,
): Promise<boolean> {
  const refuse = (message: string): false => {
    log.warn(`corpus.yaml not changed: ${message}`);
    void vscode.window.showWarningMessage(`Corpus Navigator: ${message}`);
    return false;
  };
  if (!vscode.workspace.isTrusted)
    return refuse('corpus.yaml is not written in Restricted Mode. Trust this workspace to record decisions.');
  const corpus = service.corpora.find((c) => c.root.toString() === request.root);
  if (!corpus) return refuse('this corpus is no longer open.');
  const uri = vscode.Uri.joinPath(corpus.root, MANIFEST_FILE);
  const now = await readManifest(uri);
  if (now.stamp.sha256 !== request.read.sha256 || now.stamp.mtime !== request.read.mtime) {
    return refuse(
      'corpus.yaml changed since this quick fix was offered, so nothing was written. Try the quick fix again.',
    );
  }
  const result = recordDecision(now.text, request.section, request.reports);
  if (!result.ok) return refuse(result.reason);
  const what = `${TITLES[request.section]}: ${request.reports.map((r) => `${r.file} “${r.text}”`).join(' / ')}`;
  if (result.edit === null) {
    void vscode.window.showInformationMessage(`Corpus Navigator: already recorded in corpus.yaml (${what}).`);
    return true;
  }
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
        'corpus.yaml changed on disk while the decision was being written, so nothing was written. Try again.',
      );
    await vscode.workspace.fs.writeFile(
      uri,
      new TextEncoder().encode((now.bom ? '\ufeff' : '') + result.text),
    );
  }
  log.info(`corpus.yaml: recorded ${what}`);
  vscode.window.setStatusBarMessage(`Corpus: recorded in corpus.yaml (${TITLES[request.section]})`, 4000);
  await service.reindex(corpus);
  return true;
}

/** corpus.yaml as the user sees it (the editor's text when it is open), its stamp, and whether it starts with a BOM. */
async function readManifest(uri: vscode.Uri): Promise<{ text: string; bom: boolean; stamp: ManifestStamp }> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  let text = open?.getText();
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
    text,
    bom,
    stamp: { sha256: createHash('sha256').update(text).digest('hex'), mtime: await stat(uri) },
  };
}

async function stat(uri: vscode.Uri): Promise<number | null> {
  try {
    return (await vscode.workspace.fs.stat(uri)).mtime;
  } catch {
    return null;
  }
}
