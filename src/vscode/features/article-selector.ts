/** The documents our language features apply to; each provider then checks that the file lies in a corpus. */
import type * as vscode from 'vscode';

export const ARTICLE_SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', language: 'corpus-article' },
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'file', language: 'markdown' },
];
