/**
 * Entity recognition measured on CoNLL-2003 (default: the dev set, eng.testa).
 *
 * Each `-DOCSTART-` document becomes one article: tokens joined by single spaces, sentences by
 * "\n", every token's character offsets kept. All documents of the file form ONE corpus, indexed
 * by the full product pipeline (`createCorpus(...).index()`: mention detection plus corpus-wide
 * resolution, which re-reads names known from other articles), exactly as the product runs.
 *
 * Gold: IOB1 chunks (an I-X after a different tag, or a B-X, starts a new entity) of PER, LOC, ORG;
 * MISC is ignored. Predicted: every mention of an entity typed person→PER, place→LOC,
 * organization→ORG; type `other` is ignored. A prediction is correct (strict, entity-level) only
 * when document, start, end AND type equal a gold entity's. Reported: P/R/F1 per type and
 * micro-averaged over PER/LOC/ORG, plus "untyped span" P/R/F1 (the same two sets compared by
 * span only) to separate boundary errors from typing errors. Examples of errors are printed.
 *
 *   node out/eval/conll.js [--file <path>] [--limit <documents>] [--json <out.json>]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCorpus } from '../../src/core/incremental/corpus';
import type { EntityType } from '../../src/core/pipeline/manifest/manifest';
import { memoryReader } from '../unit/memory-reader';
import { option, repoRoot, sample as sampleOf } from './script-args';

type Label = 'PER' | 'LOC' | 'ORG';
const LABELS: readonly Label[] = ['PER', 'LOC', 'ORG'];
const LABEL_OF: Partial<Record<EntityType, Label>> = { person: 'PER', place: 'LOC', organization: 'ORG' };
const EXAMPLES = 10;

const sample = <T>(list: readonly T[]): T[] => sampleOf(list, EXAMPLES);

interface Span {
  readonly doc: string;
  readonly start: number;
  readonly end: number;
  readonly label: Label;
}
interface Article {
  readonly id: string;
  readonly text: string;
  readonly gold: Span[];
}
interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Parses a CoNLL-2003 file into articles with gold entity spans (IOB1). */
function parseConll(raw: string, limit: number): Article[] {
  const articles: Article[] = [];
  let lines: string[] = [];
  let gold: Span[] = [];
  let line: string[] = [];
  let open: { label: string; start: number; end: number } | undefined;
  let offset = 0; // where the next token starts in the article being read
  const id = (): string => `doc-${String(articles.length + 1).padStart(4, '0')}.txt`;
  const closeEntity = (): void => {
    if (open && (LABELS as readonly string[]).includes(open.label))
      gold.push({ doc: id(), start: open.start, end: open.end, label: open.label as Label });
    open = undefined;
  };
  const endSentence = (): void => {
    closeEntity();
    if (line.length > 0) {
      lines.push(line.join(' '));
      offset += 1;
    }
    line = [];
  };
  const endArticle = (): void => {
    endSentence();
    if (lines.length > 0) articles.push({ id: id(), text: lines.join('\n'), gold });
    lines = [];
    gold = [];
    offset = 0;
  };
  for (const row of raw.split(/\r?\n/)) {
    if (row.startsWith('-DOCSTART-')) {
      endArticle();
      if (articles.length >= limit) break;
      continue;
    }
    if (row.trim() === '') {
      endSentence();
      continue;
    }
    const cols = row.split(' ');
    const word = cols[0]!;
    const tag = cols[cols.length - 1]!;
    if (line.length > 0) offset += 1; // the space before it
    const base = offset;
    offset += word.length;
    line.push(word);
    const [prefix, label] = tag === 'O' ? ['O', ''] : (tag.split('-') as [string, string]);
    if (prefix === 'O') closeEntity();
    else if (prefix === 'B' || !open || open.label !== label) {
      closeEntity();
      open = { label, start: base, end: base + word.length };
    } else open.end = base + word.length;
  }
  if (articles.length < limit) endArticle();
  return articles;
}

function score(tp: number, fp: number, fn: number): Score {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

const pct = (x: number): string => (100 * x).toFixed(1).padStart(5);
const show = (name: string, s: Score): string =>
  `${name.padEnd(14)} P ${pct(s.precision)}  R ${pct(s.recall)}  F1 ${pct(s.f1)}   (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;

async function main(): Promise<void> {
  const file = resolve(
    option('--file') ?? join(repoRoot(), '..', 'shared', 'data', 'conll2003', 'eng.testa'),
  );
  const jsonOut = option('--json');
  if (!existsSync(file)) {
    console.log(`conll: skipped: data not found (${file})`);
    if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ skipped: 'data not found', file }));
    return;
  }
  const limit = option('--limit') === undefined ? Infinity : Number(option('--limit'));
  if (!(limit > 0)) throw new Error('--limit takes a positive number of documents');
  const articles = parseConll(readFileSync(file, 'utf8'), limit);
  const texts = new Map(articles.map((a) => [a.id, a.text]));
  const gold = articles.flatMap((a) => a.gold);

  const t0 = performance.now();
  const index = await createCorpus({ reader: memoryReader(Object.fromEntries(texts)) }).index();
  const seconds = (performance.now() - t0) / 1000;

  const predicted = new Map<string, Span>();
  for (const entity of index.entities) {
    const label = LABEL_OF[entity.type];
    if (!label) continue;
    for (const m of entity.mentions) {
      if (texts.get(m.document)?.slice(m.start, m.end) !== m.text)
        throw new Error(`offset mismatch in ${m.document} at ${m.start}: “${m.text}”`);
      predicted.set(`${m.document}:${m.start}:${m.end}:${label}`, {
        doc: m.document,
        start: m.start,
        end: m.end,
        label,
      });
    }
  }
  const pred = [...predicted.values()].sort((a, b) => a.doc.localeCompare(b.doc) || a.start - b.start);
  const typed = (s: Span): string => `${s.doc}:${s.start}:${s.end}:${s.label}`;
  const untyped = (s: Span): string => `${s.doc}:${s.start}:${s.end}`;
  const goldTyped = new Set(gold.map(typed));
  const predTyped = new Set(pred.map(typed));

  const perType = Object.fromEntries(
    LABELS.map((l) => {
      const p = pred.filter((s) => s.label === l);
      const g = gold.filter((s) => s.label === l);
      const tp = p.filter((s) => goldTyped.has(typed(s))).length;
      return [l, score(tp, p.length - tp, g.length - tp)];
    }),
  ) as Record<Label, Score>;
  const micro = score(
    ...((['tp', 'fp', 'fn'] as const).map((k) => LABELS.reduce((n, l) => n + perType[l][k], 0)) as [
      number,
      number,
      number,
    ]),
  );
  const goldSpans = new Set(gold.map(untyped));
  const predSpans = new Set(pred.map(untyped));
  const spanTp = [...predSpans].filter((k) => goldSpans.has(k)).length;
  const span = score(spanTp, predSpans.size - spanTp, goldSpans.size - spanTp);

  console.log(
    `conll: ${articles.length} documents, ${gold.length} gold PER/LOC/ORG entities, ${pred.length} predicted, indexed in ${seconds.toFixed(1)} s (${file})`,
  );
  for (const l of LABELS) console.log(show(l, perType[l]));
  console.log(show('micro P/L/O', micro));
  console.log(show('untyped span', span));

  const context = (s: Span): string => {
    const text = texts.get(s.doc)!;
    const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
    const lineEnd = text.indexOf('\n', s.end);
    const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
    const a = s.start - lineStart;
    const b = s.end - lineStart;
    return `${s.doc}: …${line.slice(Math.max(0, a - 40), a)}[${line.slice(a, b)}]${line.slice(b, b + 40)}…`;
  };
  const goldLabelAt = (s: Span): string => {
    const same = gold.find((g) => untyped(g) === untyped(s));
    if (same) return ` (gold ${same.label})`;
    const over = gold.find((g) => g.doc === s.doc && g.start < s.end && s.start < g.end);
    return over ? ` (gold overlaps “${texts.get(over.doc)!.slice(over.start, over.end)}” ${over.label})` : '';
  };
  for (const l of LABELS) {
    const fps = pred.filter((s) => s.label === l && !goldTyped.has(typed(s)));
    const fns = gold.filter((s) => s.label === l && !predTyped.has(typed(s)));
    console.log(
      `\n${l} false positives (${fps.length}; ${Math.min(EXAMPLES, fps.length)} spread over the set):`,
    );
    for (const s of sample(fps)) console.log(`  ${context(s)}${goldLabelAt(s)}`);
    console.log(
      `${l} false negatives (${fns.length}; ${Math.min(EXAMPLES, fns.length)} spread over the set):`,
    );
    for (const s of sample(fns)) {
      const p =
        pred.find((q) => untyped(q) === untyped(s)) ??
        pred.find((q) => q.doc === s.doc && q.start < s.end && s.start < q.end);
      const note = p ? ` (predicted “${texts.get(p.doc)!.slice(p.start, p.end)}” ${p.label})` : '';
      console.log(`  ${context(s)}${note}`);
    }
  }
  if (jsonOut) {
    writeFileSync(
      jsonOut,
      JSON.stringify(
        {
          file,
          documents: articles.length,
          gold: gold.length,
          predicted: pred.length,
          seconds,
          perType,
          micro,
          untypedSpan: span,
        },
        null,
        2,
      ),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
