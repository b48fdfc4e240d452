/** The status bar item: "Corpus: 5 articles · N entities · N events · N conflicts"; a click shows the timeline. */
import * as vscode from 'vscode';
import type { CorpusService } from '../corpus-service';
import { Commands } from '../commands';

export function registerStatusBar(service: CorpusService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(
    'corpusNavigator.status',
    vscode.StatusBarAlignment.Left,
    10,
  );
  item.name = 'Corpus Navigator';
  item.command = Commands.showTimeline;
  const refresh = (): void => {
    const indexes = service.corpora.flatMap((c) => (c.index ? [c.index] : []));
    if (service.corpora.length === 0) {
      item.hide();
      return;
    }
    const sum = (f: (i: (typeof indexes)[number]) => number): number => indexes.reduce((n, i) => n + f(i), 0);
    const text = `Corpus: ${sum((i) => i.documents.length)} articles · ${sum((i) => i.entities.length)} entities · ${sum((i) => i.events.length)} events · ${sum((i) => i.conflicts.length)} conflicts`;
    const p = service.progress;
    const reading = p ? `Corpus: indexing, ${p.done} of ${p.total} articles read` : 'Corpus: indexing…';
    item.text = service.indexing
      ? `$(sync~spin) ${indexes.length && !p ? text : reading}`
      : `$(book) ${text}`;
    item.tooltip = 'Corpus Navigator: click for the timeline';
    // the spinning icon alone would say "busy" only to those who see it
    item.accessibilityInformation = { label: service.indexing ? reading : text };
    item.show();
  };
  const sub = vscode.Disposable.from(service.onDidChange(refresh), service.onDidProgress(refresh));
  refresh();
  return vscode.Disposable.from(item, sub);
}
