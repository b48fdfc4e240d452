/**
 * Semantic tokens: entity mentions in corpus articles coloured by type, in the user's theme.
 *
 * The legend uses standard token types so every theme colours them, picked for four distinct
 * colours in the default themes (Dark+/Dark Modern; Light+/Light Modern):
 *   person → `function` (yellow; brown), place → `namespace` (teal; dark cyan),
 *   organization → `enumMember` (bright blue; blue), other → `variable` (pale blue; navy).
 * None of them collides with the grammar's scopes (numbers and dates green, quotations orange).
 */
import * as vscode from 'vscode';
import type { CorpusService } from '../corpus-service';
import type { EntityType } from '../../core/pipeline/manifest/manifest';
import { toRange } from '../convert';
import { ARTICLE_SELECTOR } from './article-selector';
import { catchUp } from './current-article';

const TOKEN_TYPE: Record<EntityType, string> = {
  person: 'function',
  place: 'namespace',
  organization: 'enumMember',
  other: 'variable',
};

/** The legend: one standard token type per entity type, no modifiers. */
export const ENTITY_TOKENS_LEGEND = new vscode.SemanticTokensLegend(
  [...new Set(Object.values(TOKEN_TYPE))],
  [],
);

export function registerEntitySemanticTokens(service: CorpusService): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.DocumentSemanticTokensProvider = {
    onDidChangeSemanticTokens: changed.event,
    async provideDocumentSemanticTokens(document, token) {
      const at = await catchUp(service, document, token);
      if (token.isCancellationRequested) throw new vscode.CancellationError();
      if (!at) {
        // In a corpus but not yet analysed as it reads now: keep the previous colours until the index catches up.
        if (service.locate(document.uri)) throw new vscode.CancellationError();
        return undefined;
      }
      const builder = new vscode.SemanticTokensBuilder(ENTITY_TOKENS_LEGEND);
      const typeIndex = new Map(ENTITY_TOKENS_LEGEND.tokenTypes.map((t, i) => [t, i]));
      let done = 0;
      for (const { entity, mention } of at.index.mentionsIn(at.id)) {
        if (mention.start < done) continue; // tokens may not overlap
        done = mention.end;
        const range = toRange(at.index, at.id, mention);
        const type = typeIndex.get(TOKEN_TYPE[entity.type])!;
        // A token lies on one line: a name broken across lines becomes one token per line.
        for (let line = range.start.line; line <= range.end.line; line++) {
          const from = line === range.start.line ? range.start.character : 0;
          const to = line === range.end.line ? range.end.character : document.lineAt(line).text.length;
          if (to > from) builder.push(line, from, to - from, type, 0);
        }
      }
      return builder.build();
    },
  };
  return vscode.Disposable.from(
    changed,
    service.onDidChange((corpus) => {
      if (corpus) changed.fire();
    }),
    vscode.languages.registerDocumentSemanticTokensProvider(ARTICLE_SELECTOR, provider, ENTITY_TOKENS_LEGEND),
  );
}
