/** Plain-text articles inside a corpus open as "Corpus Article", so the news grammar and our features apply; other .txt files are left alone. */
import * as vscode from 'vscode';
import type { CorpusService } from '../corpus-service';

export const ARTICLE_LANGUAGE = 'corpus-article';

export function registerArticleLanguage(service: CorpusService): vscode.Disposable {
  const adopt = (doc: vscode.TextDocument): void => {
    if (
      doc.languageId !== 'plaintext' ||
      doc.uri.scheme !== 'file' ||
      !doc.uri.path.toLowerCase().endsWith('.txt')
    )
      return;
    if (!service.contains(doc.uri)) return; // as soon as the folder is known to be a corpus, before indexing ends
    // the document may be closed or deleted meanwhile: nothing to adopt then
    vscode.languages.setTextDocumentLanguage(doc, ARTICLE_LANGUAGE).then(undefined, () => undefined);
  };
  const adoptAll = (): void => vscode.workspace.textDocuments.forEach(adopt);
  adoptAll();
  return vscode.Disposable.from(vscode.workspace.onDidOpenTextDocument(adopt), service.onDidChange(adoptAll));
}
