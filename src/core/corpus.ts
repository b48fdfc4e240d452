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
  /** Articles larger than this are skipped with a finding (default 5 MB). */
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

const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

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
      const manifestText = overlay.get(MANIFEST_FILE) ?? (await readText(init.reader, MANIFEST_FILE));
      if (manifestText !== undefined) manifest = parseManifest(manifestText);
      findings.push(...manifest.findings);

      const paths = (await init.reader.list()).filter((p) => p !== MANIFEST_FILE).sort();
      const present = new Set(paths);
      for (const d of manifest.documents) {
        if (!present.has(d.file)) findings.push({ code: 'missing-file', severity: 'warning', message: `\`${d.file}\` is not in this corpus folder`, file: MANIFEST_FILE, span: d.fileSpan });
      }
      const meta = new Map(manifest.documents.map((d) => [d.file, d]));

      const analysed: { doc: CorpusDocument; sentences: Sentence[]; mentions: Mention[]; published: Published | undefined }[] = [];
      for (const path of paths) {
        if (signal?.cancelled) break;
        await yieldToEventLoop();
        let text = overlay.get(path);
        if (text === undefined) {
          const bytes = await init.reader.read(path);
          if (bytes === undefined) continue; // deleted while indexing
          if (bytes.length > maxBytes) {
            findings.push(articleFinding(path, 'unreadable-file', `skipped: ${(bytes.length / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB limit for one article`));
            continue;
          }
          const decoded = decodeArticle(bytes);
          if (!decoded.ok) {
            findings.push(articleFinding(path, 'unreadable-file', `skipped: ${decoded.message}`));
            logger.warn(`${path} ${decoded.message}; skipped`);
            continue;
          }
          text = decoded.text;
        }
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

async function readText(reader: CorpusReader, path: string): Promise<string | undefined> {
  const bytes = await reader.read(path);
  if (bytes === undefined) return undefined;
  const d = decodeArticle(bytes);
  return d.ok ? d.text : '';
}

function articleFinding(file: string, code: Finding['code'], message: string): Finding {
  return { code, severity: 'warning', message, file, span: { start: 0, end: 0 } };
}

function firstLine(text: string): string | undefined {
  const line = text.split(/\r\n|\r|\n/).find((l) => l.trim() !== '');
  return line?.trim().slice(0, 160);
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
