/**
 * The corpus location of an open article, but only when the index was built from exactly the
 * text the editor holds: offsets from an older analysis would point at the wrong words.
 */
import * as vscode from 'vscode';
import type { CorpusLocation, CorpusService } from '../corpus-service';
import { showsIndexedText } from '../../core/index/shown-text';

/** The document's location if the index matches its current (possibly unsaved) text. */
export function currentLocation(
  service: CorpusService,
  document: vscode.TextDocument,
): CorpusLocation | undefined {
  const at = service.locate(document.uri);
  if (!at) return undefined;
  const indexed = at.index.document(at.id);
  return indexed && showsIndexedText(indexed.text, document.getText()) ? at : undefined;
}

/**
 * Like `currentLocation`, but while corpora are being found or analysed (an edit, or the first
 * analysis after start-up), waits for that work, until the request is cancelled. Answers that
 * the editor caches, such as the Outline's, would otherwise stay empty. Undefined for files
 * outside every corpus.
 */
export async function catchUp(
  service: CorpusService,
  document: vscode.TextDocument,
  token: vscode.CancellationToken,
): Promise<CorpusLocation | undefined> {
  const now = currentLocation(service, document);
  if (now || token.isCancellationRequested) return now;
  let cancelled: vscode.Disposable | undefined;
  await Promise.race([
    service.whenIdle(),
    new Promise<void>((resolve) => {
      cancelled = token.onCancellationRequested(() => resolve());
    }),
  ]);
  cancelled?.dispose();
  return token.isCancellationRequested ? undefined : currentLocation(service, document);
}
