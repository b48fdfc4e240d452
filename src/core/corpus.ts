/**
 * The core's one entry point. `createCorpus` wires the pipeline
 *   reader → documents → sentences → mentions → entities → dates → events → conflicts
 * and returns an index that answers the editor's questions from lookup tables.
 */
import type { CorpusReader, Logger } from './ports';
import { nullLogger } from './ports';
import type { Finding } from './findings';
import { createDocument, type CorpusDocument } from './text/document';
import { decodeArticle } from './text/decode';
import { splitSentences, type Sentence } from './text/sentences';
import { EMPTY_MANIFEST, MANIFEST_FILE, parseManifest } from './manifest/manifest';
import { detectMentions, type Mention } from './entities/mentions';
import { resolveEntities } from './entities/entities';
import { findDates, type DateExpression } from './dates/date-expressions';
import { publicationDate, type Published } from './dates/published';
import { findReports, groupEvents } from './events/events';
import { findConflicts, sourceName, staleDecisions } from './conflicts/conflicts';
import { createIndex, type CorpusIndex, type DocumentData, type IndexData } from './corpus-index';

export { createIndex, type CorpusIndex, type DocumentData, type IndexData, type IndexedDocument, type MentionHit } from './corpus-index';

export interface CorpusOptions {
  /**
   * Articles larger than this are skipped with a finding (default 1 MB: forty times the longest
   * article of the BBC News set, and about 5 s of analysis, which every re-analysis repeats).
   */
  readonly maxArticleBytes?: number;
}

export interface CorpusInit {
  readonly reader: CorpusReader;
  readonly logger?: Logger;
  readonly options?: CorpusOptions;
}

export interface Corpus {
  /**
   * Analyses the corpus from scratch. `overlay` supplies unsaved editor text for some paths.
   * Never rejects on bad input (those become findings).
   */
  analyse(overlay?: ReadonlyMap<string, string>, signal?: { readonly cancelled: boolean }): Promise<IndexData>;
  /** `analyse` followed by `createIndex`. */
  index(overlay?: ReadonlyMap<string, string>, signal?: { readonly cancelled: boolean }): Promise<CorpusIndex>;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;

export function createCorpus(init: CorpusInit): Corpus {
  const logger = init.logger ?? nullLogger;
  const maxBytes = init.options?.maxArticleBytes ?? DEFAULT_MAX_BYTES;
  const corpus: Corpus = {
    async index(overlay, signal) {
      return createIndex(await corpus.analyse(overlay, signal));
    },
    async analyse(overlay = new Map(), signal) {
      const t0 = performance.now();
      const findings: Finding[] = [];
      let manifest = EMPTY_MANIFEST;
      const manifestText = overlay.get(MANIFEST_FILE) ?? (await readManifest(init.reader, logger, findings));
      if (manifestText !== undefined) manifest = parseManifest(manifestText);
      findings.push(...manifest.findings);

      const paths = [...new Set(await init.reader.list())].filter((p) => p !== MANIFEST_FILE).sort();
      const present = new Set(paths);
      for (const d of manifest.documents) {
        if (!present.has(d.file)) findings.push({ code: 'missing-file', severity: 'warning', message: `\`${d.file}\` is not in this corpus folder`, file: MANIFEST_FILE, span: d.fileSpan });
      }
      const meta = new Map(manifest.documents.map((d) => [d.file, d]));

      const analysed: { doc: CorpusDocument; sentences: Sentence[]; mentions: Mention[]; published: Published | undefined }[] = [];
      const pause = pacer();
      for (const path of paths) {
        if (signal?.cancelled) break;
        await pause();
        const text = await readArticle(init.reader, path, overlay.get(path), maxBytes, logger, findings);
        if (text === undefined) continue;
        if (text.trim() === '') findings.push({ ...articleFinding(path, 'empty-file', 'this article is empty'), severity: 'info' });
        const doc = createDocument(path, text);
        try {
          const sentences = splitSentences(text);
          const mentions = detectMentions(doc, sentences);
          const published = publicationDate(doc, sentences, meta.get(path)?.published);
          analysed.push({ doc, sentences, mentions, published });
        } catch (error) {
          logger.error(`analysis of ${path} failed`, error);
          findings.push(articleFinding(path, 'analysis-failed', `could not be analysed: ${error instanceof Error ? error.message : String(error)}`));
          analysed.push({ doc, sentences: [], mentions: [], published: undefined });
        }
      }

      const entities = resolveEntities(analysed, manifest.entities);
      const documents: DocumentData[] = analysed.map(({ doc, sentences, published }) => {
        const m = meta.get(doc.id);
        let dates: DateExpression[] = [];
        try {
          dates = findDates(doc, sentences, published?.interval);
        } catch (error) {
          logger.error(`date analysis of ${doc.id} failed`, error);
        }
        return {
          id: doc.id,
          text: doc.text,
          title: m?.title ?? firstLine(doc.text) ?? doc.id,
          published: published ?? null,
          outlet: m?.outlet ?? null,
          author: m?.author ?? null,
          url: m?.url ?? null,
          sentences,
          dates,
        };
      });
      const reports = findReports(analysed.map(({ doc }, i) => ({ doc, sentences: documents[i]!.sentences, dates: documents[i]!.dates })), entities);
      const events = groupEvents(reports, entities, manifest.distinct.map((d) => d.reports));
      const byId = new Map(documents.map((d) => [d.id, d]));
      const conflicts = findConflicts(events, (id) => sourceName(byId.get(id) ?? { id, outlet: null, title: id }), manifest.dismissed);
      findings.push(...staleDecisions(manifest, reports));
      logger.info(`indexed ${documents.length} articles: ${entities.length} entities, ${documents.reduce((n, d) => n + d.dates.length, 0)} dates, ${events.length} events, ${conflicts.length} conflicts in ${Math.round(performance.now() - t0)} ms`);
      return { documents, entities, events, conflicts, findings, manifest, manifestText: manifestText ?? '' };
    },
  };
  return corpus;
}

/**
 * One article's text, from the editor's unsaved copy or from the reader. Undefined when it is
 * skipped, with a log line: gone since `list()` (renamed or deleted while indexing); or, with a
 * finding too, unreadable, too large or not text.
 */
async function readArticle(reader: CorpusReader, path: string, unsaved: string | undefined, maxBytes: number, logger: Logger, findings: Finding[]): Promise<string | undefined> {
  const skip = (message: string): undefined => {
    findings.push(articleFinding(path, 'unreadable-file', `skipped: ${message}`));
    logger.warn(`${path}: ${message}; skipped`);
    return undefined;
  };
  if (unsaved !== undefined) {
    // a UTF-16 unit takes at most 3 bytes in UTF-8, so only long texts need counting
    const size = unsaved.length * 3 > maxBytes ? utf8Length(unsaved) : 0;
    return size > maxBytes ? skip(tooLarge(size, maxBytes)) : unsaved;
  }
  let bytes: Uint8Array | undefined;
  try {
    bytes = await reader.read(path);
  } catch (error) {
    return skip(`could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
  if (bytes === undefined) {
    logger.info(`${path}: gone since the folder was listed (renamed or deleted while indexing); skipped`);
    return undefined;
  }
  if (bytes.length > maxBytes) return skip(tooLarge(bytes.length, maxBytes));
  const decoded = decodeArticle(bytes);
  return decoded.ok ? decoded.text : skip(decoded.message);
}

/** corpus.yaml's text; a manifest that cannot be read or decoded is a finding, and counts as empty. */
async function readManifest(reader: CorpusReader, logger: Logger, findings: Finding[]): Promise<string | undefined> {
  let problem: string;
  try {
    const bytes = await reader.read(MANIFEST_FILE);
    if (bytes === undefined) return undefined;
    const decoded = decodeArticle(bytes);
    if (decoded.ok) return decoded.text;
    problem = decoded.message;
  } catch (error) {
    problem = `could not be read (${error instanceof Error ? error.message : String(error)})`;
  }
  findings.push({ ...articleFinding(MANIFEST_FILE, 'unreadable-file', `ignored: ${MANIFEST_FILE} ${problem}`), severity: 'error' });
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

function articleFinding(file: string, code: Finding['code'], message: string): Finding {
  return { code, severity: 'warning', message, file, span: { start: 0, end: 0 } };
}

function firstLine(text: string): string | undefined {
  const line = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '');
  return line?.trim().slice(0, 160);
}

/**
 * Lets other work run (a cancellation, the next request of a worker) about every 20 ms. Yielding
 * after every file cost 1 ms each (timers are clamped): 12 s for 10,000 empty files.
 */
function pacer(): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < 20) return;
    await new Promise((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
}
