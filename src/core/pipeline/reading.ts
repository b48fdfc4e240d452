/**
 * Reading a corpus folder: each article's text (or why it is skipped), corpus.yaml's text, and
 * what the index shows of an article besides its analysis. Both the plain pipeline and the
 * incremental corpus read through these.
 */
import type { CorpusReader, Logger } from '../ports';
import type { Finding } from './findings';
import { decodeArticle } from './text/decode';
import { decodedLength, decodeLegacy } from './text/legacy-encoding';
import { encodingNote } from './text/encoding-names';
import { MANIFEST_FILE, type Manifest, type ManifestDocument } from './manifest/manifest';
import { fileKey } from './text/article-files';
import type { Published } from './dates/published';
import type { DocumentData } from './corpus-data';

/**
 * Articles larger than this are skipped with a finding (1 MB: forty times the longest article of
 * the BBC News set, and about 2 s of analysis).
 */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

/**
 * One article's text, from the editor's unsaved copy or from the reader. Undefined when it is
 * skipped, with a log line: gone (renamed or deleted); or, with a finding too, unreadable, too
 * large or not text.
 */
export async function readArticle(
  reader: CorpusReader,
  path: string,
  unsaved: string | undefined,
  maxBytes: number,
  logger: Logger,
  skip: (f: Finding) => void,
  note: (f: Finding) => void = () => {},
): Promise<string | undefined> {
  const refuse = (message: string): undefined => {
    skip(articleFinding(path, 'unreadable-file', `skipped: ${message}`));
    logger.warn(`${path}: ${message}; skipped`);
    return undefined;
  };
  if (unsaved !== undefined) {
    // a UTF-16 unit takes at most 3 bytes in UTF-8, so only long texts need counting
    const size = unsaved.length * 3 > maxBytes ? utf8Length(unsaved) : 0;
    return size > maxBytes ? refuse(tooLarge(size, maxBytes)) : unsaved;
  }
  let bytes: Uint8Array | undefined;
  try {
    bytes = await reader.read(path);
  } catch (error) {
    return refuse(`could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (bytes === undefined) {
    logger.info(`${path}: not in the folder any more (renamed or deleted); skipped`);
    return undefined;
  }
  if (bytes.length > maxBytes) return refuse(tooLarge(bytes.length, maxBytes));
  const decoded = decodeText(bytes, path, note, logger);
  return decoded.ok ? decoded.text : refuse(decoded.message);
}

/**
 * A file's text: UTF-8 or UTF-16 (decode.ts), else, when it holds no NUL, a legacy encoding
 * guessed as VS Code guesses it. A guessed encoding is told in a note at the first character it
 * decided, and in the log.
 */
function decodeText(
  bytes: Uint8Array,
  path: string,
  note: (f: Finding) => void,
  logger: Logger,
): { ok: true; text: string } | { ok: false; message: string } {
  const decoded = decodeArticle(bytes);
  let told: { text: string; encoding: string; at: number; why: string };
  if (decoded.ok && !decoded.guessed) return decoded;
  if (decoded.ok)
    told = { ...decoded, encoding: decoded.encoding.toUpperCase(), at: 0, why: 'it has no byte-order mark' };
  else if (decoded.problem === 'not-utf8') {
    const legacy = decodeLegacy(bytes);
    const at = decodedLength(bytes, decoded.offset, legacy.encoding);
    told = { ...legacy, at, why: `not valid UTF-8 from byte ${decoded.offset}` };
  } else return decoded;
  const message = encodingNote(told.encoding, told.why);
  note({
    code: 'legacy-encoding',
    severity: 'info',
    message,
    file: path,
    span: { start: told.at, end: Math.min(told.at + 1, told.text.length) },
  });
  logger.info(`${path}: ${message}`);
  return { ok: true, text: told.text };
}

/** corpus.yaml's text; a manifest that cannot be read or decoded is a finding, and counts as empty. */
export async function readManifest(
  reader: CorpusReader,
  logger: Logger,
  findings: Finding[],
): Promise<string | undefined> {
  let problem: string;
  try {
    const bytes = await reader.read(MANIFEST_FILE);
    if (bytes === undefined) return undefined;
    const decoded = decodeText(bytes, MANIFEST_FILE, (f) => findings.push(f), logger);
    if (decoded.ok) return decoded.text;
    problem = decoded.message;
  } catch (error) {
    problem = `could not be read (${error instanceof Error ? error.message : String(error)})`;
  }
  findings.push({
    ...articleFinding(MANIFEST_FILE, 'unreadable-file', `ignored: ${MANIFEST_FILE} ${problem}`),
    severity: 'error',
  });
  logger.warn(`${MANIFEST_FILE} ${problem}; ignored`);
  return '';
}

function tooLarge(bytes: number, maxBytes: number): string {
  const mb = (n: number): string => `${(n / 1048576).toFixed(n < 1048576 ? 2 : 1)} MB`;
  return `${mb(bytes)} is over the ${mb(maxBytes)} limit for one article`;
}

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 && i + 1 < text.length ? (i++, 4) : 3;
  }
  return n;
}

export function articleFinding(file: string, code: Finding['code'], message: string): Finding {
  return { code, severity: 'warning', message, file, span: { start: 0, end: 0 } };
}

export function firstLine(text: string): string | undefined {
  const line = /[^\r\n]*\S[^\r\n]*/.exec(text)?.[0];
  return line?.trim().slice(0, 160);
}

/** The publication day of an article, when it is known to the day. */
export function publishedDay(published: Published | null): string | null {
  const interval = published?.interval;
  return interval && interval.from === interval.to ? interval.from : null;
}

/** corpus.yaml's entries for files that are neither in the folder nor skipped (`present`), in any Unicode form. */
export function missingFiles(manifest: Manifest, present: Iterable<string>): Finding[] {
  if (manifest.documents.length === 0) return [];
  const files = new Set<string>();
  for (const file of present) files.add(fileKey(file));
  return manifest.documents
    .filter((d) => !files.has(fileKey(d.file)))
    .map((d) => ({
      code: 'missing-file',
      severity: 'warning',
      message: `\`${d.file}\` is not in this corpus folder`,
      file: MANIFEST_FILE,
      span: d.fileSpan,
    }));
}

/** Findings about one article's text and analysis: it is empty, or its analysis failed (`failure`). */
export function articleFindings(path: string, text: string, failure: string | undefined): Finding[] {
  const out: Finding[] = [];
  if (!/\S/.test(text))
    out.push({ ...articleFinding(path, 'empty-file', 'this article is empty'), severity: 'info' });
  if (failure) out.push(articleFinding(path, 'analysis-failed', `could not be analysed: ${failure}`));
  return out;
}

/** What corpus.yaml and the text give an article's document: title (corpus.yaml's, else the first line, else the path), outlet, author, url. */
export function shownFields(
  path: string,
  entry: ManifestDocument | undefined,
  firstLineOfText: string | null,
): Pick<DocumentData, 'title' | 'outlet' | 'author' | 'url'> {
  return {
    title: entry?.title ?? firstLineOfText ?? path,
    outlet: entry?.outlet ?? null,
    author: entry?.author ?? null,
    url: entry?.url ?? null,
  };
}
