/**
 * Go to Definition (F12) and Peek (Alt+F12). On a name: the entity's defining mention in every
 * other source (best first) and its corpus.yaml entry. On a date: the other sources' reports of
 * the same event. Each target shows its whole sentence, with the name or date selected.
 */
import * as vscode from 'vscode';
import type { CorpusLocation, CorpusService } from '../corpus-service';
import type { Span } from '../../core/pipeline/text/document';
import { MANIFEST_FILE } from '../../core/pipeline/text/article-files';
import { toRange } from '../convert';
import { ARTICLE_SELECTOR } from './article-selector';
import { catchUp } from './current-article';

export function registerEntityDefinition(service: CorpusService): vscode.Disposable {
  return vscode.languages.registerDefinitionProvider(ARTICLE_SELECTOR, {
    async provideDefinition(document, position, token) {
      const at = await catchUp(service, document, token);
      if (!at || token.isCancellationRequested) return undefined;
      const offset = document.offsetAt(position);
      const hit = at.index.entityAt(at.id, offset);
      if (hit) {
        const origin = toRange(at.index, at.id, hit.mention);
        let targets = at.index.definitions(hit.entity.id, at.id);
        // Named in this article only: its own defining mention, unless that is where we stand.
        if (targets.length === 0)
          targets = at.index.definitions(hit.entity.id).filter((m) => m.start !== hit.mention.start);
        const links = targets.map((m) => link(service, at, origin, m.document, m));
        const entry = at.index.manifestEntry(hit.entity.id);
        if (entry) {
          links.push({
            originSelectionRange: origin,
            targetUri: service.uriOf(at.corpus, MANIFEST_FILE),
            targetRange: toRange(at.index, MANIFEST_FILE, entry.span),
            targetSelectionRange: toRange(at.index, MANIFEST_FILE, entry.span),
          });
        }
        return links;
      }
      const date = at.index.dateAt(at.id, offset);
      if (!date) return undefined;
      const origin = toRange(at.index, at.id, date);
      const links: vscode.LocationLink[] = [];
      const seen = new Set<string>();
      for (const { event } of at.index.eventsAtDate(at.id, date)) {
        for (const report of event.reports) {
          const target = report.date ?? report.predicate;
          const key = `${report.document}:${target.start}`;
          if (report.document === at.id || seen.has(key)) continue;
          seen.add(key);
          links.push(link(service, at, origin, report.document, target, report));
        }
      }
      return links;
    },
  });
}

/** A link to `target` in an article, showing `context` (default: the sentence around the target). */
function link(
  service: CorpusService,
  at: CorpusLocation,
  origin: vscode.Range,
  document: string,
  target: Span,
  context?: Span,
): vscode.LocationLink {
  const around = context ?? at.index.sentenceAt(document, target.start) ?? target;
  const start = Math.min(around.start, target.start);
  const end = Math.max(around.end, target.end);
  return {
    originSelectionRange: origin,
    targetUri: service.uriOf(at.corpus, document),
    targetRange: toRange(at.index, document, { start, end }),
    targetSelectionRange: toRange(at.index, document, target),
  };
}
