/**
 * Quick fixes on a conflict diagnostic: open the other report; "Not the same event" and "Dismiss
 * this conflict", each recorded in corpus.yaml (`distinct:` / `dismissed:`) so the decision
 * travels with the corpus. corpus.yaml is changed by one small edit (core/manifest/decisions.ts)
 * and only if it is still what it was when the quick fix was offered. Nothing is written in
 * Restricted Mode.
 */
import * as vscode from 'vscode';
import type { CorpusService } from '../corpus-service';
import { sourceName } from '../../core/pipeline/conflicts/wording';
import { recordDecision, type DecisionReport } from '../../core/pipeline/manifest/decisions';
import type { DecisionSection } from '../../core/pipeline/manifest/manifest';
import { Commands } from '../commands';
import { ARTICLE_SELECTOR } from './article-selector';
import { CONFLICT_SOURCE, conflictsAt } from './corpus-diagnostics';
import { readManifest, writeManifest, type ManifestStamp } from '../manifest-edit';

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
      const stamp = vscode.workspace.isTrusted ? (await readManifest(at.corpus.root)).stamp : undefined;
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
  const corpus = service.corpora.find((c) => c.root.toString() === request.root);
  if (!corpus) {
    void vscode.window.showWarningMessage('Corpus Navigator: this corpus is no longer open.');
    return false;
  }
  const what = `${TITLES[request.section]}: ${request.reports.map((r) => `${r.file} “${r.text}”`).join(' / ')}`;
  return writeManifest(
    service,
    log,
    corpus,
    (text) => recordDecision(text, request.section, request.reports),
    what,
    request.read,
  );
}
