/**
 * Names of text encodings, and the note that tells an article was read in a guessed one. Apart
 * from the decoding itself (legacy-encoding.ts), so that the editor can read the note cheaply.
 */

/** jschardet's names that iconv-lite and VS Code spell otherwise (VS Code maps the first two too). */
const OTHER_NAMES: Record<string, string> = { ibm866: 'cp866', big5: 'cp950', xmaccyrillic: 'maccyrillic' };

/** An encoding's name as iconv-lite and VS Code's `files.encoding` spell it ("Windows-1252" → "windows1252"). */
export function encodingId(name: string): string {
  const plain = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  return OTHER_NAMES[plain] ?? plain;
}

/** The message of a `legacy-encoding` note. */
export function encodingNote(encoding: string, why: string): string {
  return `read as ${encoding} (${why}); save it as UTF-8 to be sure of its characters`;
}

/** The encoding a `legacy-encoding` note names. */
export function encodingOfNote(message: string): string | undefined {
  return /^read as (\S+) \(/.exec(message)?.[1];
}
