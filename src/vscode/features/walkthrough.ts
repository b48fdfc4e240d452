/**
 * The commands behind the first-run walkthrough's steps that no other feature offers: open an
 * article at a name and show its hover card; open a report that conflicts with another source,
 * with the Problems panel beside it.
 */
import * as vscode from 'vscode';
import type { CorpusService } from '../corpus-service';
import { Commands } from '../commands';
import { toRange } from '../convert';

export function registerWalkthrough(service: CorpusService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.hoverName, async () => {
      await service.whenIdle();
      for (const corpus of service.corpora) {
        const index = corpus.index;
        // the most-named entity: its first mention is a good first hover
        const entity = index && [...index.entities].sort((a, b) => b.mentions.length - a.mentions.length)[0];
        const first = entity?.mentions[0];
        if (!index || !first) continue;
        const range = toRange(index, first.document, first);
        await vscode.window.showTextDocument(service.uriOf(corpus, first.document), {
          selection: new vscode.Range(range.start, range.start),
        });
        await vscode.commands.executeCommand('editor.action.showHover');
        return true;
      }
      void vscode.window.showInformationMessage(
        'Corpus Navigator: no names found yet. Is there a corpus.yaml?',
      );
      return false;
    }),
    vscode.commands.registerCommand(Commands.readConflict, async () => {
      await service.whenIdle();
      for (const corpus of service.corpora) {
        const conflict = corpus.index?.conflicts[0];
        const report = conflict?.reports[0];
        if (!corpus.index || !report) continue;
        await vscode.window.showTextDocument(service.uriOf(corpus, report.document), {
          selection: toRange(corpus.index, report.document, report),
        });
        await vscode.commands.executeCommand('workbench.actions.view.problems', { preserveFocus: true });
        return true;
      }
      void vscode.window.showInformationMessage(
        'Corpus Navigator: the sources of this corpus do not disagree anywhere. `examples/conflicts` has some.',
      );
      return false;
    }),
  );
}
