/** Problems panel: corpus.yaml and article findings, and conflicts between sources, for the whole corpus. */
import * as vscode from 'vscode';
import type { CorpusService } from '../corpus-service';
import { toDiagnostic, toRange } from '../convert';

export function registerCorpusDiagnostics(service: CorpusService): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('corpus-navigator');
  const refresh = (): void => {
    collection.clear();
    for (const corpus of service.corpora) {
      const index = corpus.index;
      if (!index) continue;
      const byFile = new Map<string, vscode.Diagnostic[]>();
      const add = (file: string, d: vscode.Diagnostic): void => {
        byFile.set(file, [...(byFile.get(file) ?? []), d]);
      };
      for (const f of index.findings) add(f.file, toDiagnostic(index, f));
      for (const c of index.conflicts) {
        for (const r of c.reports) {
          const d = new vscode.Diagnostic(toRange(index, r.document, r), c.message, vscode.DiagnosticSeverity.Warning);
          d.source = 'Corpus Navigator';
          d.code = c.kind === 'date' ? 'date-conflict' : 'quantity-conflict';
          d.relatedInformation = c.reports
            .filter((o) => o !== r)
            .map((o) => new vscode.DiagnosticRelatedInformation(new vscode.Location(service.uriOf(corpus, o.document), toRange(index, o.document, o)), `${index.document(o.document)?.title ?? o.document}: “${o.text}”`));
          add(r.document, d);
        }
      }
      for (const [file, list] of byFile) collection.set(service.uriOf(corpus, file), list);
    }
  };
  const sub = service.onDidChange((c) => { if (c) refresh(); });
  refresh();
  return vscode.Disposable.from(collection, sub);
}
