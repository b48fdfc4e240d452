/**
 * Writing a decision on a conflict into corpus.yaml (`distinct:` or `dismissed:`) without
 * touching anything else in the file. The `yaml` Document API finds the section and its items
 * and renders the new entry (with whatever quoting the values need); the entry is then spliced
 * in as one small text edit, because re-printing the whole document would normalise the user's
 * spacing and move comments. The result is parsed again and checked before it is offered.
 */
import { isMap, isScalar, isSeq, parseDocument, stringify, type Node, type Pair } from 'yaml';
import { manifestRefusal, parseManifest, type DecisionSection } from './manifest';

/** One report as a decision names it: the article and the date or number as written there. */
export interface DecisionReport {
  readonly file: string;
  readonly text: string;
}

/** A single replacement in corpus.yaml: `text.slice(start, end)` becomes `insert`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly insert: string;
}

export type DecisionEdit =
  | { readonly ok: true; readonly edit: TextEdit; readonly text: string }
  | { readonly ok: true; readonly edit: null; readonly text: string; readonly already: true }
  | { readonly ok: false; readonly reason: string };

/** The edit that records `reports` under `section` in the corpus.yaml text `text`. Never throws. */
export function recordDecision(
  text: string,
  section: DecisionSection,
  reports: readonly DecisionReport[],
): DecisionEdit {
  const refusal = manifestRefusal(text);
  if (refusal) return { ok: false, reason: refusal.message };
  const before = parseManifest(text);
  if (before[section].some((d) => sameReports(d.reports, reports)))
    return { ok: true, edit: null, text, already: true };
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return { ok: false, reason: 'corpus.yaml has a syntax error; fix it first' };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const entry = (indent: string): string =>
    stringify([Object.fromEntries(reports.map((r) => [r.file, r.text]))], { lineWidth: 0 })
      .trimEnd()
      .split('\n')
      .map((line) => indent + line)
      .join(eol) + eol;

  let edit: TextEdit;
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) {
    edit = append(text, eol, `${section}:${eol}${entry('  ')}`);
  } else if (!isMap(root) || root.flow) {
    return { ok: false, reason: 'corpus.yaml is not a block mapping of sections; add the entry by hand' };
  } else {
    const pair = root.items.find((p) => isScalar(p.key) && p.key.value === section) as
      Pair<Node, Node | null> | undefined;
    if (!pair) {
      edit = append(text, eol, `${section}:${eol}${entry('  ')}`);
    } else if (pair.value === null || (isScalar(pair.value) && pair.value.value === null)) {
      // `distinct:` with nothing (or only a comment) after it: the entry goes on the next line
      const keyStart = (pair.key as Node).range![0];
      const lineEnd = lineEndAfter(text, keyStart);
      const indent = ' '.repeat(column(text, keyStart) + 2);
      edit = {
        start: lineEnd,
        end: lineEnd,
        insert: (lineEnd === text.length && !text.endsWith('\n') ? eol : '') + entry(indent),
      };
    } else if (isSeq(pair.value) && !pair.value.flow && pair.value.items.length > 0) {
      const items = pair.value.items as Node[];
      const first = items[0]!.range![0];
      const dash = text.lastIndexOf('-', first);
      const last = items.at(-1)!;
      const lineEnd = lineEndAfter(text, Math.max(last.range![1] - 1, last.range![0]));
      edit = {
        start: lineEnd,
        end: lineEnd,
        insert:
          (lineEnd === text.length && !text.endsWith('\n') ? eol : '') +
          entry(' '.repeat(column(text, dash))),
      };
    } else if (isSeq(pair.value)) {
      // a flow list (`distinct: []`): re-print that list alone
      const seq = pair.value;
      seq.items.push(doc.createNode(Object.fromEntries(reports.map((r) => [r.file, r.text]))));
      const [start, end] = seq.range!;
      edit = {
        start,
        end,
        insert: stringify(seq.toJSON(), { collectionStyle: 'flow', lineWidth: 0 }).trimEnd(),
      };
    } else {
      return { ok: false, reason: `\`${section}:\` in corpus.yaml is not a list; fix it first` };
    }
  }
  const result = text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
  // The splice must add exactly this entry and change nothing else the manifest says.
  const after = parseManifest(result);
  const unchanged = JSON.stringify(strip(before)) === JSON.stringify(strip(after, section));
  const added =
    after[section].filter((d) => sameReports(d.reports, reports)).length === 1 &&
    after[section].length === before[section].length + 1;
  if (!unchanged || !added || after.findings.length > before.findings.length) {
    return {
      ok: false,
      reason: 'the entry could not be added to corpus.yaml without changing its meaning; add it by hand',
    };
  }
  return { ok: true, edit, text: result };
}

function sameReports(a: readonly DecisionReport[], b: readonly DecisionReport[]): boolean {
  const key = (rs: readonly DecisionReport[]): string =>
    rs
      .map((r) => `${r.file}\u0000${r.text}`)
      .sort()
      .join('\u0001');
  return key(a) === key(b);
}

/** What the manifest says, without positions, and without the new entry of `section`. */
function strip(m: ReturnType<typeof parseManifest>, section?: DecisionSection): unknown {
  const decisions = (s: DecisionSection): unknown =>
    (s === section ? m[s].slice(0, -1) : m[s]).map((d) => d.reports);
  return {
    documents: m.documents.map(({ fileSpan: _, ...d }) => d),
    entities: m.entities.map(({ span: _, ...e }) => e),
    distinct: decisions('distinct'),
    dismissed: decisions('dismissed'),
  };
}

function append(text: string, eol: string, block: string): TextEdit {
  const sep = text.length === 0 ? '' : text.endsWith('\n') ? eol : eol + eol;
  return { start: text.length, end: text.length, insert: sep + block };
}

/** The offset just after the line break that ends the line holding `offset` (or the text's end). */
function lineEndAfter(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
