/** The palette commands: reindex, the readable report, the log, and opening a span of an article. */
import * as vscode from 'vscode';
import type { CorpusService } from '../corpus-service';
import { Commands } from '../commands';
import { toRange } from '../convert';
import { formatReport } from '../../core/report';

export function registerCorpusCommands(service: CorpusService, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.reindex, async () => {
      log.info('reindex requested');
      await service.discover();
      await service.reindex();
    }),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
    vscode.commands.registerCommand(Commands.showReport, async () => {
      await service.whenIdle();
      const reports = service.corpora.flatMap((c) => (c.index ? [`# ${vscode.workspace.asRelativePath(c.root)}\n\n${formatReport(c.index)}`] : []));
      if (reports.length === 0) {
        void vscode.window.showInformationMessage('No corpus here yet: a corpus is a folder holding a corpus.yaml.');
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ content: reports.join('\n'), language: 'plaintext' });
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand(Commands.openLocation, async (root: string, document: string, start: number, end: number) => {
      const corpus = service.corpora.find((c) => c.root.toString() === root);
      if (!corpus?.index) return;
      const range = toRange(corpus.index, document, { start, end });
      await vscode.window.showTextDocument(service.uriOf(corpus, document), { selection: range });
    }),
  );
}
