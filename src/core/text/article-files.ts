/** Which files of a corpus folder are articles. */

/** Plain text and Markdown; `corpus.yaml` and everything else is not an article. */
export const ARTICLE_PATTERN = /\.(?:txt|md|markdown)$/i;

export function isArticlePath(path: string): boolean {
  return ARTICLE_PATTERN.test(path);
}
