/** The palette commands: reindex, the readable report, the log, and opening a span of an article. */
import * as vscode from 'vscode';
import type { CorpusService } from '../corpus-service';
import { Commands } from '../commands';
import { toRange } from '../convert';
import { formatReport } from '../../core/index/report';

const REPORT_URI = vscode.Uri.from({ scheme: 'corpus-report', path: '/Corpus Report' });

export function registerCorpusCommands(
  service: CorpusService,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  const changed = new vscode.EventEmitter<vscode.Uri>();
  const reports: vscode.TextDocumentContentProvider = {
    onDidChange: changed.event,
    provideTextDocumentContent: () =>
      service.corpora
        .flatMap((c) =>
          c.index ? [`# ${vscode.workspace.asRelativePath(c.root)}\n\n${formatReport(c.index)}`] : [],
        )
        .join('\n'),
  };
  return vscode.Disposable.from(
    changed,
    vscode.commands.registerCommand(Commands.reindex, async () => {
      log.info('reindex requested');
      await service.discover();
      await service.reindex();
    }),
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
    vscode.workspace.registerTextDocumentContentProvider(REPORT_URI.scheme, reports),
    service.onDidChange((c) => {
      if (c) changed.fire(REPORT_URI);
    }),
    vscode.commands.registerCommand(Commands.showReport, async () => {
      await service.whenIdle();
      if (!service.corpora.some((c) => c.index)) {
        void vscode.window.showInformationMessage(
          'No corpus here yet: a corpus is a folder holding a corpus.yaml.',
        );
        return;
      }
      // one read-only document, refreshed with the index: no pile of unsaved Untitled tabs
      await vscode.window.showTextDocument(REPORT_URI, { preview: true });
    }),
    vscode.commands.registerCommand(
      Commands.openLocation,
      async (root: string, document: string, start: number, end: number) => {
        const corpus = service.corpora.find((c) => c.root.toString() === root);
        if (!corpus?.index) return;
        const range = toRange(corpus.index, document, { start, end });
        await vscode.window.showTextDocument(service.uriOf(corpus, document), { selection: range });
      },
    ),
  );
}
