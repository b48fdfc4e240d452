/**
 * Symbols. Document Symbols (Outline, breadcrumbs, Ctrl+Shift+O): the article's entities grouped
 * by type, and its dated events. Workspace Symbols (Ctrl+T): any entity by any of its names.
 *
 * Symbol kinds are chosen for distinct icons, not for meaning (articles have no classes):
 * person → Class, organization → Struct, place → Namespace, other → Constant, event → Event;
 * the groups are Arrays.
 */
import * as vscode from 'vscode';
import type { CorpusService } from '../corpus-service';
import type { Entity } from '../../core/pipeline/entities/entities';
import type { EntityType } from '../../core/pipeline/manifest/manifest';
import type { Span } from '../../core/pipeline/text/document';
import { MANIFEST_FILE } from '../../core/pipeline/text/article-files';
import { toRange } from '../convert';
import { ARTICLE_SELECTOR } from './article-selector';
import { catchUp } from './current-article';

/** The symbol kind shown for each entity type. */
export const SYMBOL_KIND: Record<EntityType, vscode.SymbolKind> = {
  person: vscode.SymbolKind.Class,
  organization: vscode.SymbolKind.Struct,
  place: vscode.SymbolKind.Namespace,
  other: vscode.SymbolKind.Constant,
};

const GROUPS: readonly [EntityType, string][] = [
  ['person', 'People'],
  ['organization', 'Organizations'],
  ['place', 'Places'],
  ['other', 'Other names'],
];
const MAX_WORKSPACE_SYMBOLS = 200;

export function registerCorpusSymbols(service: CorpusService): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerDocumentSymbolProvider(ARTICLE_SELECTOR, {
      async provideDocumentSymbols(document, token) {
        const at = await catchUp(service, document, token);
        if (!at || token.isCancellationRequested) return undefined;
        const range = (span: Span): vscode.Range => toRange(at.index, at.id, span);
        const byEntity = new Map<Entity, number>();
        for (const { entity } of at.index.mentionsIn(at.id))
          byEntity.set(entity, (byEntity.get(entity) ?? 0) + 1);
        const symbols: vscode.DocumentSymbol[] = [];
        for (const [type, title] of GROUPS) {
          const children = [...byEntity]
            .filter(([e]) => e.type === type)
            .map(([e, count]) => {
              const first = at.index.mentionsOf(e.id, at.id)[0]!;
              return new vscode.DocumentSymbol(
                e.name,
                `${count} mention${count === 1 ? '' : 's'}`,
                SYMBOL_KIND[type],
                range(first),
                range(first),
              );
            });
          if (children.length > 0) symbols.push(group(title, children));
        }
        // dated events only: an undated report is listed when other sources date its event
        const events = at.index
          .eventsIn(at.id)
          .filter(({ event }) => event.from !== null)
          .map(({ event, report }) => {
            const anchor = report.date ?? report.predicate;
            const whole = {
              start: Math.min(report.start, anchor.start),
              end: Math.max(report.end, anchor.end),
            };
            const when =
              report.date === null
                ? 'undated here'
                : report.date.from === null
                  ? report.date.text
                  : report.date.from === report.date.to
                    ? report.date.from
                    : `${report.date.from} … ${report.date.to}`;
            return new vscode.DocumentSymbol(
              event.summary,
              when,
              vscode.SymbolKind.Event,
              range(whole),
              range(anchor),
            );
          });
        if (events.length > 0) symbols.push(group('Events', events));
        return symbols;
      },
    }),
    vscode.languages.registerWorkspaceSymbolProvider({
      provideWorkspaceSymbols(query, token) {
        const out: vscode.SymbolInformation[] = [];
        for (const corpus of service.corpora) {
          const index = corpus.index;
          if (!index || token.isCancellationRequested) continue;
          for (const { entity, form } of index.findEntities(query)) {
            // The first place this very spelling is used, so Ctrl+T on an alias lands on it.
            const target = entity.mentions.find((m) => m.text === form) ?? index.definitions(entity.id)[0];
            const entry = target ? undefined : index.manifestEntry(entity.id);
            const location = target
              ? new vscode.Location(
                  service.uriOf(corpus, target.document),
                  toRange(index, target.document, target),
                )
              : entry &&
                new vscode.Location(
                  service.uriOf(corpus, MANIFEST_FILE),
                  toRange(index, MANIFEST_FILE, entry.span),
                );
            if (!location) continue;
            const container =
              form === entity.name
                ? `${entity.type} · ${entity.mentions.length} mentions`
                : `${entity.name} · ${entity.type}`;
            out.push(new vscode.SymbolInformation(form, SYMBOL_KIND[entity.type], container, location));
            if (out.length >= MAX_WORKSPACE_SYMBOLS) return out;
          }
        }
        return out;
      },
    }),
  );
}

/** A group node spanning its children, so the Outline and breadcrumbs nest them. */
function group(title: string, children: vscode.DocumentSymbol[]): vscode.DocumentSymbol {
  const start = children.reduce(
    (a, c) => (c.range.start.isBefore(a) ? c.range.start : a),
    children[0]!.range.start,
  );
  const end = children.reduce((a, c) => (c.range.end.isAfter(a) ? c.range.end : a), children[0]!.range.end);
  const node = new vscode.DocumentSymbol(
    title,
    `${children.length}`,
    vscode.SymbolKind.Array,
    new vscode.Range(start, end),
    new vscode.Range(start, start),
  );
  node.children = children;
  return node;
}
