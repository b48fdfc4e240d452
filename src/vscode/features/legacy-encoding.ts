/**
 * An article read in a guessed legacy encoding is shown in that encoding: the editor would
 * otherwise decode it as UTF-8, with replacement characters, and its text (and every offset
 * after the first such character) would differ from the analysis.
 */
import * as vscode from 'vscode';
import type { CorpusService } from '../corpus-service';
import type { CorpusIndex } from '../../core/index/corpus-index';
import { encodingId, encodingOfNote } from '../../core/pipeline/text/encoding-names';

export function registerLegacyEncoding(
  service: CorpusService,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  // each document is reopened at most once in each encoding: the user may choose another
  const tried = new Set<string>();
  // the encoding of each article read in a guessed one, found once per index (not per document)
  const guesses = new WeakMap<CorpusIndex, ReadonlyMap<string, string>>();
  const guessesOf = (index: CorpusIndex): ReadonlyMap<string, string> => {
    let found = guesses.get(index);
    if (!found) {
      const map = new Map<string, string>();
      for (const f of index.findings) {
        const encoding = f.code === 'legacy-encoding' ? encodingOfNote(f.message) : undefined;
        if (encoding) map.set(f.file, encoding);
      }
      guesses.set(index, (found = map));
    }
    return found;
  };
  const reopen = async (doc: vscode.TextDocument): Promise<void> => {
    const at = service.locate(doc.uri);
    if (!at || doc.isDirty) return;
    const guessed = guessesOf(at.index).get(at.id);
    if (!guessed) return;
    const encoding = encodingId(guessed);
    const key = `${doc.uri.toString()} ${encoding}`;
    if (encodingId(doc.encoding ?? 'utf8') === encoding || tried.has(key)) return;
    tried.add(key);
    try {
      await vscode.workspace.openTextDocument(doc.uri, { encoding });
      log.info(`${at.id}: shown as ${guessed}, the encoding it was read in`);
    } catch (error) {
      log.warn(
        `${at.id}: could not be shown as ${guessed}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  const all = (): void => {
    for (const doc of vscode.workspace.textDocuments) void reopen(doc);
  };
  all();
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument((doc) => void reopen(doc)),
    service.onDidChange((corpus) => {
      if (corpus) all();
    }),
  );
}
