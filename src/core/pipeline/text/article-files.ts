/** Which files of a corpus folder are articles, and which one is the manifest. */

/** The manifest at a corpus folder's root. */
export const MANIFEST_FILE = 'corpus.yaml';

/** Plain text and Markdown; `corpus.yaml` and everything else is not an article. */
export const ARTICLE_PATTERN = /\.(?:txt|md|markdown)$/i;

export function isArticlePath(path: string): boolean {
  return ARTICLE_PATTERN.test(path);
}

/** Folders no corpus looks into, besides every folder or file whose name starts with a dot (.git, .vscode). */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules']);

/** Whether one part of a path keeps its file out of the corpus: a dot-file or dot-folder, or a skipped folder. */
export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || SKIPPED_FOLDERS.has(name);
}

/**
 * Whether a corpus id (a `/`-separated path relative to the corpus folder) is one of its files:
 * corpus.yaml at the top, or an article no part of whose path is skipped. The CLI's walk and the
 * editor's file events are judged by this one rule.
 */
export function isCorpusFile(id: string): boolean {
  return id === MANIFEST_FILE || (isArticlePath(id) && !id.split('/').some(isSkippedName));
}

/**
 * A file name in one Unicode form (NFC), for matching corpus.yaml's names with the file
 * system's: macOS gives decomposed names ("e" and a combining accent), editors type composed ones.
 */
export function fileKey(name: string): string {
  return /[\u0080-\uffff]/.test(name) ? name.normalize('NFC') : name;
}
