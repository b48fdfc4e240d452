/**
 * Articles in a legacy encoding (Windows-1252, ISO-8859-2, KOI8-R, Shift_JIS…), as VS Code reads
 * them with `files.autoGuessEncoding`: jschardet guesses the encoding from the first 64 KB, and
 * iconv-lite decodes it. Old news archives are full of such files.
 */
import { detect } from 'jschardet';
import { decode, encodingExists } from 'iconv-lite';
import { encodingId } from './encoding-names';

/** VS Code guesses from this many bytes. */
const GUESS_BYTES = 64 * 1024;

/** Guesses that are no legacy encoding: the bytes were already found not to be these. */
const NOT_LEGACY = new Set(['ascii', 'utf8', 'utf16le', 'utf16be', 'utf32le', 'utf32be']);

/**
 * The Windows code page of Western Europe: what unlabelled English news is when no guess is
 * made, and what browsers take unlabelled pages for (the WHATWG default for English).
 */
const FALLBACK = 'windows-1252';

/** Bytes that are not UTF-8, decoded in the legacy encoding they most likely are, and its name. */
export function decodeLegacy(bytes: Uint8Array): { readonly text: string; readonly encoding: string } {
  const encoding = guessEncoding(bytes.subarray(0, GUESS_BYTES)) ?? FALLBACK;
  return {
    text: decode(bytes as Buffer, encodingId(encoding)),
    encoding: encoding.replace(/^windows/, 'Windows'),
  };
}

/** How many UTF-16 units the first `byteOffset` bytes decode to in `encoding`. */
export function decodedLength(bytes: Uint8Array, byteOffset: number, encoding: string): number {
  return decode(bytes.subarray(0, byteOffset) as Buffer, encodingId(encoding)).length;
}

function guessEncoding(head: Uint8Array): string | undefined {
  // jschardet reads a "binary string": one character per byte
  let binary = '';
  for (let i = 0; i < head.length; i += 8192)
    binary += String.fromCharCode(...head.subarray(i, Math.min(i + 8192, head.length)));
  const guessed = detect(binary).encoding;
  if (!guessed) return undefined;
  const name = encodingId(guessed);
  return NOT_LEGACY.has(name) || !encodingExists(name) ? undefined : guessed;
}
