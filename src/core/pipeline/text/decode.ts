/** Turns a file's bytes into text, or says why it cannot be read as an article. */

/** Why a file is not an article we can index. */
export type DecodeProblem = 'binary' | 'not-utf8';

export type DecodeResult =
  | {
      readonly ok: true;
      readonly text: string;
      readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
      /** UTF-16 read without a byte-order mark, from the pattern of its NUL bytes. */
      readonly guessed?: true;
    }
  | {
      readonly ok: false;
      readonly problem: DecodeProblem;
      readonly message: string;
      readonly offset: number;
    };

/**
 * Decodes UTF-8 (with or without BOM), UTF-16 with a BOM, and UTF-16 without one where its NUL
 * bytes leave no doubt. Anything else that is not valid UTF-8 is `not-utf8` (reading.ts then
 * guesses a legacy encoding) or `binary`.
 */
export function decodeArticle(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
  const probe = Math.min(bytes.length, 8192);
  const i = bytes.subarray(0, probe).indexOf(0); // a native search: every article of a corpus is probed
  if (i >= 0) {
    const order = surelyUtf16(bytes, probe);
    if (order) {
      const decoded = decodeUtf16(bytes, order, 0);
      if (decoded.ok) return { ...decoded, guessed: true };
    }
    const hint = looksUtf16(bytes, probe) ? ' or UTF-16 without a byte-order mark; save it as UTF-8' : '';
    return {
      ok: false,
      problem: 'binary',
      message: `looks binary${hint} (a NUL byte at byte ${i})`,
      offset: i,
    };
  }
  try {
    const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
    return { ok: true, text, encoding: 'utf-8' };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return {
      ok: false,
      problem: 'not-utf8',
      message: `is not valid UTF-8 (first bad byte at ${offset}); save it as UTF-8`,
      offset,
    };
  }
}

/** The byte offset of the first malformed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n =
      b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return bytes.length;
}

/**
 * UTF-16 after its byte-order mark. Binary files can begin with the same two bytes, so malformed
 * UTF-16 (an odd length, a lone surrogate) or a NUL character means binary, not text.
 */
function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', start = 2): DecodeResult {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(start));
  } catch {
    return {
      ok: false,
      problem: 'binary',
      message: `starts like ${encoding.toUpperCase()} but is not valid ${encoding.toUpperCase()}; looks binary`,
      offset: 2,
    };
  }
  const nul = text.indexOf('\0');
  if (nul >= 0)
    return {
      ok: false,
      problem: 'binary',
      message: `looks binary (a NUL character at byte ${start + 2 * nul})`,
      offset: start + 2 * nul,
    };
  return { ok: true, text, encoding };
}

/**
 * The byte order of UTF-16 without a byte-order mark, when there is no doubt: an even length, and
 * nine in ten of the probed characters of the Latin-1 range (a NUL high byte), with no NUL in the
 * other half of any character. Text in other scripts, or any doubt, stays refused.
 */
function surelyUtf16(bytes: Uint8Array, probe: number): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length % 2 !== 0 || probe < 16) return undefined;
  const nuls = [0, 0];
  const units = Math.floor(probe / 2);
  for (let i = 0; i < units * 2; i++) if (bytes[i] === 0) nuls[i % 2]!++;
  const [even, odd] = nuls as [number, number];
  if (odd >= units * 0.9 && even === 0) return 'utf-16le';
  if (even >= units * 0.9 && odd === 0) return 'utf-16be';
  return undefined;
}

/** Most NUL bytes at the same parity: text in UTF-16 that lost its byte-order mark. */
function looksUtf16(bytes: Uint8Array, probe: number): boolean {
  const nuls = [0, 0];
  for (let i = 0; i < probe; i++) if (bytes[i] === 0) nuls[i % 2]!++;
  const [even, odd] = nuls as [number, number];
  return Math.max(even, odd) >= probe / 4 && Math.min(even, odd) <= Math.max(even, odd) / 20;
}
