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
    item.text = service.indexing
      ? `$(sync~spin) ${indexes.length ? text : 'Corpus: indexing…'}`
      : `$(book) ${text}`;
    item.tooltip = 'Corpus Navigator: click for the timeline';
    item.show();
  };
  const sub = service.onDidChange(refresh);
  refresh();
  return vscode.Disposable.from(item, sub);
}
