/** Corpus: Export Timeline…: a format, a file, and the core's export written there (src/core/index/exports.ts). */
import * as vscode from 'vscode';
import type { CorpusService } from '../corpus-service';
import {
  EXPORT_EXTENSIONS,
  EXPORT_FORMATS,
  exportTimeline,
  type ExportFormat,
} from '../../core/index/exports';
import { Commands } from '../commands';

const LABELS: Record<ExportFormat, { label: string; detail: string; filter: string }> = {
  markwhen: { label: 'markwhen', detail: 'Plain text for markwhen.com and its editors', filter: 'markwhen' },
  timelinejs: { label: 'TimelineJS', detail: 'JSON for Knight Lab’s TimelineJS', filter: 'JSON' },
  csv: { label: 'CSV', detail: 'One row per report, for spreadsheets and pandas', filter: 'CSV' },
  ics: { label: 'iCalendar', detail: 'All-day events for a calendar application', filter: 'iCalendar' },
};

export function registerExportTimeline(
  service: CorpusService,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  return vscode.commands.registerCommand(
    Commands.exportTimeline,
    async (format?: ExportFormat, target?: vscode.Uri): Promise<vscode.Uri | undefined> => {
      const corpora = service.corpora.filter((c) => c.index);
      const active = vscode.window.activeTextEditor?.document.uri;
      const here = active ? service.locate(active)?.corpus : undefined;
      const corpus = corpora.find((c) => c === here) ?? corpora[0];
      if (!corpus?.index) {
        void vscode.window.showInformationMessage('No corpus is indexed yet.');
        return undefined;
      }
      const chosen =
        format ??
        (
          await vscode.window.showQuickPick(
            EXPORT_FORMATS.map((f) => ({ ...LABELS[f], format: f })),
            { title: 'Export Timeline', placeHolder: 'Format' },
          )
        )?.format;
      if (!chosen) return undefined;
      const name = corpus.root.path.split('/').pop() || 'corpus';
      // In restricted mode only the person at the save dialog picks where the file goes, never a command argument.
      const uri =
        (vscode.workspace.isTrusted ? target : undefined) ??
        (await vscode.window.showSaveDialog({
          title: 'Export Timeline',
          defaultUri: vscode.Uri.joinPath(corpus.root, '..', `${name}-timeline.${EXPORT_EXTENSIONS[chosen]}`),
          filters: { [LABELS[chosen].filter]: [EXPORT_EXTENSIONS[chosen]] },
        }));
      if (!uri) return undefined;
      const text = exportTimeline(corpus.index, chosen, { title: name, now: new Date().toISOString() });
      try {
        await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      } catch (error) {
        log.error(`export: could not write ${uri.toString()}`, error);
        void vscode.window.showErrorMessage(`Could not write ${vscode.workspace.asRelativePath(uri)}.`);
        return undefined;
      }
      log.info(`export: ${chosen} to ${uri.toString()} (${text.length} characters)`);
      void vscode.window.showInformationMessage(`Timeline exported as ${LABELS[chosen].label}.`);
      return uri;
    },
  );
}
