/** Text from articles and corpus.yaml as a terminal may show it. */

/**
 * Control characters (C0 but tab, DEL, C1), line and paragraph separators and bidirectional
 * controls: in a terminal they clear the screen, move the cursor, recolour, start new lines or
 * reorder what follows, so that an article could forge a `FILE:LINE:COL: error` line.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with each character a terminal would act on written as an escape (`\x1b`, `\n`, `\u202e`). */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
