/** Whether an open editor holds the text an article's index was made from. */

/**
 * Whether the editor shows the text that was analysed: the same text, or, for an article in a
 * legacy encoding that the editor decoded as UTF-8, the same text with a replacement character
 * for each byte the guessed encoding decoded (so every offset is the same).
 */
export function showsIndexedText(indexed: string, shown: string): boolean {
  if (indexed === shown) return true;
  if (indexed.length !== shown.length) return false;
  for (let i = 0; i < shown.length; i++)
    if (shown.charCodeAt(i) !== indexed.charCodeAt(i) && shown.charCodeAt(i) !== 0xfffd) return false;
  return true;
}
