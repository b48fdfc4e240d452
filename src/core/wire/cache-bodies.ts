/**
 * The bodies of the cache files beside the analyses: a cross-source snapshot and the stored
 * texts. Each opens with its JSON framed (its byte length, a newline, the JSON), then raw bytes:
 * the snapshot's runs of numbers, or the texts in UTF-8.
 */

/**
 * Articles' texts as read from their files, each with the file's stamp taken before reading it
 * (`CorpusReader.stamp`) and its `contentKey`: the first reading of a corpus takes the text of a
 * file whose stamp is the same, without reading or hashing it. Lists by place, in path order.
 */
export interface StoredTexts {
  readonly paths: readonly string[];
  readonly stamps: readonly string[];
  readonly keys: readonly string[];
  readonly texts: readonly string[];
}

const UTF8 = new TextEncoder();
const LATIN1 = new TextDecoder('latin1');

/**
 * A snapshot's body: its JSON framed (see `framed`), then its runs of numbers one after another as
 * 32-bit integers (in the machine's byte order: the cache is the machine's); in the JSON each run
 * (an Int32Array) is `{ "int32": [first, count] }`, counted in numbers from the start of the runs.
 */
export function encodeSnapshot(value: unknown): Uint8Array[] {
  const runs: Int32Array[] = [];
  let at = 0;
  const json = JSON.stringify(value, (_key, v: unknown) => {
    if (!(v instanceof Int32Array)) return v;
    runs.push(v);
    at += v.length;
    return { int32: [at - v.length, v.length] };
  });
  const numbers = new Int32Array(at);
  at = 0;
  for (const run of runs) {
    numbers.set(run, at);
    at += run.length;
  }
  return framed(json, new Uint8Array(numbers.buffer));
}

/** A snapshot's body read: its JSON (runs still as `{ int32: [first, count] }`) and all its numbers. Throws when it is not one. */
export function decodeSnapshot(body: Uint8Array): { value: unknown; numbers: Int32Array } {
  const { value, rest } = unframed(body, 'a snapshot body');
  if (rest.length % 4 !== 0) throw new Error('not a snapshot body');
  const numbers = new Int32Array(rest.length / 4);
  new Uint8Array(numbers.buffer).set(rest);
  return { value, numbers };
}

/** A body that opens with JSON: its byte length and a newline, the JSON, then `rest` (parts to write one after another, never joined). */
function framed(json: string, ...rest: Uint8Array[]): Uint8Array[] {
  const head = UTF8.encode(json);
  return [UTF8.encode(`${head.length}\n`), head, ...rest];
}

/** A `framed` body's JSON, parsed, and the bytes after it; throws when the body is not `what`. */
function unframed(body: Uint8Array, what: string): { value: unknown; rest: Uint8Array } {
  const newline = body.indexOf(10);
  const length = Number(LATIN1.decode(body.subarray(0, Math.max(newline, 0))));
  if (newline < 0 || !Number.isInteger(length) || newline + 1 + length > body.length)
    throw new Error(`not ${what}`);
  return {
    value: JSON.parse(new TextDecoder().decode(body.subarray(newline + 1, newline + 1 + length))),
    rest: body.subarray(newline + 1 + length),
  };
}

/** A copy of the run `ref` (`{ int32: [first, count] }`) of a snapshot's numbers (a view would take all of them along when posted); throws when it is not one. */
export function numbersAt(numbers: Int32Array, ref: unknown, name: string): Int32Array {
  const run = (ref as { int32?: unknown } | null)?.int32;
  const [first, count] = Array.isArray(run) ? (run as unknown[]) : [];
  if (
    !Number.isInteger(first) ||
    !Number.isInteger(count) ||
    (first as number) < 0 ||
    (count as number) < 0 ||
    (first as number) + (count as number) > numbers.length
  )
    throw new Error(`${name} of the snapshot are not numbers it has`);
  return numbers.slice(first as number, (first as number) + (count as number));
}

/**
 * Stored texts as a body: a JSON list framed (see `framed`: paths, stamps, keys and each text's
 * length in UTF-8 bytes), then the texts one after another in UTF-8 (written as parts: the texts
 * are never copied into one string).
 */
export function encodeTexts(texts: StoredTexts): Uint8Array[] {
  const encoded = texts.texts.map((t) => UTF8.encode(t));
  const bytes = encoded.map((e) => e.length);
  return framed(
    JSON.stringify({ paths: texts.paths, stamps: texts.stamps, keys: texts.keys, bytes }),
    ...encoded,
  );
}

/** Stored texts read (see `encodeTexts`); throws when the body is not that. */
export function decodeTexts(body: Uint8Array): StoredTexts {
  const { value, rest } = unframed(body, 'stored texts');
  const { paths, stamps, keys, bytes } = value as Record<string, unknown>;
  const strings = (list: unknown): list is string[] =>
    Array.isArray(list) &&
    list.length === (paths as unknown[]).length &&
    list.every((x) => typeof x === 'string');
  if (
    !Array.isArray(paths) ||
    !strings(paths) ||
    !strings(stamps) ||
    !strings(keys) ||
    !Array.isArray(bytes) ||
    bytes.length !== paths.length ||
    !bytes.every((n) => Number.isInteger(n) && n >= 0)
  )
    throw new Error('the list of stored texts is not one');
  if ((bytes as number[]).reduce((a, b) => a + b, 0) !== rest.length)
    throw new Error('the stored texts are not as long as their list says');
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let at = 0;
  const texts = (bytes as number[]).map((n) => decoder.decode(rest.subarray(at, (at += n))));
  return { paths, stamps, keys, texts };
}
