/**
 * Problems panel: corpus.yaml and article findings, and conflicts between sources. Conflicts are
 * shown for the whole corpus (or only open files, or not at all: `corpusNavigator.conflicts.scope`)
 * at the severity the user chose (`corpusNavigator.conflicts.severity`); a conflict the core
 * marks uncertain is shown one step lower.
 */
import * as vscode from 'vscode';
import type { CorpusService, CorpusState } from '../corpus-service';
import type { CorpusIndex } from '../../core/index/corpus-index';
import {
  messageFor,
  sourceName,
  type Conflict,
  type ConflictReport,
} from '../../core/pipeline/conflicts/wording';
import { toDiagnostic, toRange } from '../convert';

export const CONFLICT_SOURCE = 'Corpus Navigator';
export const CONFLICT_CODES = { date: 'date-conflict', quantity: 'quantity-conflict' } as const;

type Scope = 'corpus' | 'openFiles' | 'off';
const SEVERITIES = ['error', 'warning', 'information', 'hint'] as const;
const TO_VSCODE: Record<(typeof SEVERITIES)[number], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** One side of a conflict: the report in `document`, and the conflict it takes part in. */
export interface ConflictSide {
  readonly conflict: Conflict;
  readonly side: number;
  readonly report: ConflictReport;
}

/** The conflicts whose report in `document` covers exactly `range` (what a conflict diagnostic stands on). */
export function conflictsAt(
  index: CorpusIndex,
  document: string,
  range: vscode.Range,
  code: unknown,
): ConflictSide[] {
  const out: ConflictSide[] = [];
  for (const conflict of index.conflicts) {
    if (CONFLICT_CODES[conflict.kind] !== code) continue;
    conflict.reports.forEach((report, side) => {
      if (report.document === document && toRange(index, document, report).isEqual(range))
        out.push({ conflict, side, report });
    });
  }
  return out;
}

export function registerCorpusDiagnostics(service: CorpusService): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('corpus-navigator');
  const refresh = (): void => {
    collection.clear();
    const config = vscode.workspace.getConfiguration('corpusNavigator.conflicts');
    const scope = config.get<Scope>('scope', 'corpus');
    const chosen = config.get<string>('severity', 'warning');
    const firm = SEVERITIES.includes(chosen as never) ? (chosen as (typeof SEVERITIES)[number]) : 'warning';
    // an uncertain conflict is one step quieter than a firm one
    const severity = {
      warning: TO_VSCODE[firm],
      info: TO_VSCODE[SEVERITIES[Math.min(SEVERITIES.indexOf(firm) + 1, SEVERITIES.length - 1)]!],
    };
    const open = openInEditor();
    for (const corpus of service.corpora) {
      const index = corpus.index;
      if (!index) continue;
      const byFile = new Map<string, vscode.Diagnostic[]>();
      const add = (file: string, d: vscode.Diagnostic): void => {
        const list = byFile.get(file);
        if (list) list.push(d);
        else byFile.set(file, [d]);
      };
      for (const f of index.findings) add(f.file, toDiagnostic(index, f));
      if (scope !== 'off') {
        const shown = (document: string): boolean =>
          scope === 'corpus' || open.has(service.uriOf(corpus, document).toString());
        for (const d of conflictDiagnostics(service, corpus, index, severity))
          if (shown(d.document)) add(d.document, d.diagnostic);
      }
      for (const [file, list] of byFile) collection.set(service.uriOf(corpus, file), list);
    }
  };
  const subs = [
    service.onDidChange((c) => {
      if (c) refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('corpusNavigator.conflicts')) refresh();
    }),
    vscode.window.tabGroups.onDidChangeTabs(() => refreshForOpenFiles()),
  ];
  function refreshForOpenFiles(): void {
    if (
      vscode.workspace.getConfiguration('corpusNavigator.conflicts').get<Scope>('scope', 'corpus') ===
      'openFiles'
    )
      refresh();
  }
  refresh();
  return vscode.Disposable.from(collection, ...subs);
}

/** The files open in an editor tab (documents an extension merely loaded do not count). */
function openInEditor(): Set<string> {
  const uris = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri.toString() : undefined));
  return new Set(uris.filter((u): u is string => u !== undefined));
}

/**
 * One diagnostic per report that other sources contradict, on its date or number: the message
 * says what each other source says, and relatedInformation points at each other report.
 */
function conflictDiagnostics(
  service: CorpusService,
  corpus: CorpusState,
  index: CorpusIndex,
  severity: Record<Conflict['severity'], vscode.DiagnosticSeverity>,
): { document: string; diagnostic: vscode.Diagnostic }[] {
  const source = (id: string): string => {
    const d = index.document(id);
    return d ? sourceName(d) : id;
  };
  const sides = new Map<string, ConflictSide[]>();
  for (const conflict of index.conflicts) {
    conflict.reports.forEach((report, side) => {
      const key = `${conflict.kind}\u0000${report.document}\u0000${report.start}\u0000${report.end}`;
      sides.set(key, [...(sides.get(key) ?? []), { conflict, side, report }]);
    });
  }
  const out: { document: string; diagnostic: vscode.Diagnostic }[] = [];
  for (const list of sides.values()) {
    const { report, conflict } = list[0]!;
    const firm = list.some((s) => s.conflict.severity === 'warning');
    const message = list.map((s) => messageFor(s.conflict, s.side, source)).join('; ');
    const d = new vscode.Diagnostic(
      toRange(index, report.document, report),
      message,
      firm ? severity.warning : severity.info,
    );
    d.source = CONFLICT_SOURCE;
    d.code = CONFLICT_CODES[conflict.kind];
    d.relatedInformation = list.flatMap((s) =>
      s.conflict.reports
        .filter((_, i) => i !== s.side)
        .map(
          (o) =>
            new vscode.DiagnosticRelatedInformation(
              new vscode.Location(service.uriOf(corpus, o.document), toRange(index, o.document, o)),
              `${source(o.document)}: “${o.text}”${s.conflict.kind === 'date' ? ` (${o.value.replace('/', ' … ')})` : ''}`,
            ),
        ),
    );
    out.push({ document: report.document, diagnostic: d });
  }
  return out;
}
