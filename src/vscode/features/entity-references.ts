/**
 * Find All References (Shift+F12): every mention of the entity under the cursor in every source
 * (and its corpus.yaml entry when declarations are asked for). Document Highlight: its mentions
 * in the current article.
 */
import * as vscode from 'vscode';
import type { CorpusService } from '../corpus-service';
import { MANIFEST_FILE } from '../../core/pipeline/text/article-files';
import { toRange } from '../convert';
import { ARTICLE_SELECTOR } from './article-selector';
import { catchUp, currentLocation } from './current-article';

export function registerEntityReferences(service: CorpusService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerReferenceProvider(ARTICLE_SELECTOR, {
      async provideReferences(document, position, context, token) {
        const at = await catchUp(service, document, token);
        if (!at || token.isCancellationRequested) return undefined;
        const hit = at.index.entityAt(at.id, document.offsetAt(position));
        if (!hit) return undefined;
        const locations = hit.entity.mentions.map(
          (m) => new vscode.Location(service.uriOf(at.corpus, m.document), toRange(at.index, m.document, m)),
        );
        const entry = context.includeDeclaration ? at.index.manifestEntry(hit.entity.id) : undefined;
        if (entry)
          locations.push(
            new vscode.Location(
              service.uriOf(at.corpus, MANIFEST_FILE),
              toRange(at.index, MANIFEST_FILE, entry.span),
            ),
          );
        return locations;
      },
    }),
    vscode.languages.registerDocumentHighlightProvider(ARTICLE_SELECTOR, {
      // Highlights follow the cursor while typing: answer only from a current index, never wait.
      provideDocumentHighlights(document, position) {
        const at = currentLocation(service, document);
        const hit = at?.index.entityAt(at.id, document.offsetAt(position));
        if (!at || !hit) return undefined;
        return at.index
          .mentionsOf(hit.entity.id, at.id)
          .map(
            (m) =>
              new vscode.DocumentHighlight(toRange(at.index, at.id, m), vscode.DocumentHighlightKind.Read),
          );
      },
    }),
  );
}
