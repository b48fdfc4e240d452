/** The one place where core data becomes VS Code types: spans → ranges, findings → diagnostics. */
import * as vscode from 'vscode';
import type { Span } from '../core/pipeline/text/document';
import type { Finding } from '../core/pipeline/findings';
import type { CorpusIndex } from '../core/index/corpus-index';

/** A span of an indexed document (or of corpus.yaml) as a Range. */
export function toRange(index: CorpusIndex, file: string, span: Span): vscode.Range {
  const a = index.positionAt(file, span.start);
  const b = index.positionAt(file, span.end);
  return new vscode.Range(a.line, a.character, b.line, b.character);
}

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(index: CorpusIndex, finding: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(
    toRange(index, finding.file, finding.span),
    finding.message,
    SEVERITY[finding.severity],
  );
  d.source = 'Corpus Navigator';
  d.code = finding.code;
  return d;
}

/** Escapes corpus text for Markdown: an article can never inject links, images, HTML or commands. */
export function escapeMarkdown(text: string): string {
  // `$` too: where theme icons are on, `$(alert)` in an article would draw an icon
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:$]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, ' ');
}

/** A `command:` link to one of our own commands. */
export function commandLink(label: string, command: string, args: unknown[]): string {
  // encodeURIComponent leaves ( ) ' ! * alone, and a `)` from a file name would end the link
  const query = encodeURIComponent(JSON.stringify(args)).replace(
    /[()'!*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `[${escapeMarkdown(label)}](command:${command}?${query})`;
}
