/** Which files of a corpus folder are articles, and which one is the manifest. */

/** The manifest at a corpus folder's root. */
export const MANIFEST_FILE = 'corpus.yaml';

/** Plain text and Markdown; `corpus.yaml` and everything else is not an article. */
export const ARTICLE_PATTERN = /\.(?:txt|md|markdown)$/i;

export function isArticlePath(path: string): boolean {
  return ARTICLE_PATTERN.test(path);
}
