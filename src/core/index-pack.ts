/**
 * A full copy of analysed data in a form that crosses threads quickly. A structured clone copies
 * objects one property at a time: the hundreds of thousands of sentences and entity mentions of
 * a large corpus took most of the 1.5 s the first hand-over to the editor cost at 11,125
 * articles. Packed, they are a few typed arrays (copied as blocks), and the receiving side makes
 * the objects again in plain code, which is many times faster than the clone's.
 */
import type { DocumentData, IndexData } from './corpus-index';
import type { Entity, EntityMention } from './entities/entities';
import type { Sentence } from './text/sentences';

/** `IndexData` with the documents' sentences and the entities' mentions packed (structured-clone safe). */
export interface PackedIndexData extends Omit<IndexData, 'documents' | 'entities'> {
  /** The documents with empty sentence lists. */
  readonly documents: readonly DocumentData[];
  /** The entities with empty mention lists. */
  readonly entities: readonly Entity[];
  readonly spans: PackedSpans;
}

/** The spans of a full copy (see `packIndexData`). */
export interface PackedSpans {
  /** Each document's number of sentences, in order. */
  readonly sentenceCounts: Int32Array;
  /** start, end, index of each sentence, document after document. */
  readonly sentences: Int32Array;
  /** Each entity's number of mentions, in order. */
  readonly mentionCounts: Int32Array;
  /** document (a number in `documentIds`), start, end of each mention, entity after entity. */
  readonly mentions: Int32Array;
  /** The documents mentions are in: first every document's id in order, then any other. */
  readonly documentIds: readonly string[];
  /** Mentions whose text is not their document's text from start to end, by mention number. */
  readonly mentionTexts: readonly (readonly [number, string])[];
}

export function packIndexData(data: IndexData): PackedIndexData {
  const { documents, entities, ...rest } = data;
  const sentenceCounts = new Int32Array(documents.length);
  const sentences = new Int32Array(3 * documents.reduce((n, d) => n + d.sentences.length, 0));
  let s = 0;
  documents.forEach((d, i) => {
    sentenceCounts[i] = d.sentences.length;
    for (const x of d.sentences) {
      sentences[s++] = x.start;
      sentences[s++] = x.end;
      sentences[s++] = x.index;
    }
  });
  const documentIds = documents.map((d) => d.id);
  const numbers = new Map(documentIds.map((id, i) => [id, i]));
  const texts = new Map(documents.map((d) => [d.id, d.text]));
  const mentionCounts = new Int32Array(entities.length);
  const mentions = new Int32Array(3 * entities.reduce((n, e) => n + e.mentions.length, 0));
  const mentionTexts: [number, string][] = [];
  let m = 0;
  entities.forEach((e, i) => {
    mentionCounts[i] = e.mentions.length;
    for (const x of e.mentions) {
      let n = numbers.get(x.document);
      if (n === undefined) {
        n = documentIds.push(x.document) - 1;
        numbers.set(x.document, n);
      }
      if (texts.get(x.document)?.slice(x.start, x.end) !== x.text) mentionTexts.push([m / 3, x.text]);
      mentions[m++] = n;
      mentions[m++] = x.start;
      mentions[m++] = x.end;
    }
  });
  return {
    ...rest,
    documents: documents.map((d) => ({ ...d, sentences: [] })),
    entities: entities.map((e) => ({ ...e, mentions: [] })),
    spans: { sentenceCounts, sentences, mentionCounts, mentions, documentIds, mentionTexts },
  };
}

export function unpackIndexData(packed: PackedIndexData): IndexData {
  const { documents, entities, spans, ...rest } = packed;
  const { sentenceCounts, sentences, mentionCounts, mentions, documentIds, mentionTexts } = spans;
  let s = 0;
  const docs = documents.map((d, i): DocumentData => {
    const list: Sentence[] = new Array(sentenceCounts[i]!);
    for (let k = 0; k < list.length; k++, s += 3) list[k] = { start: sentences[s]!, end: sentences[s + 1]!, index: sentences[s + 2]! };
    return { ...d, sentences: list };
  });
  const texts = new Map(docs.map((d) => [d.id, d.text]));
  const textOf = documentIds.map((id) => texts.get(id) ?? '');
  const odd = new Map(mentionTexts);
  let m = 0;
  const ents = entities.map((e, i): Entity => {
    const list: EntityMention[] = new Array(mentionCounts[i]!);
    for (let k = 0; k < list.length; k++, m += 3) {
      const n = mentions[m]!;
      const start = mentions[m + 1]!;
      const end = mentions[m + 2]!;
      list[k] = { document: documentIds[n]!, start, end, text: odd.size > 0 && odd.has(m / 3) ? odd.get(m / 3)! : textOf[n]!.slice(start, end) };
    }
    return { ...e, mentions: list };
  });
  return { ...rest, documents: docs, entities: ents };
}
