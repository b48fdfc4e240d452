import type { CorpusIndex } from '../../src/core/incremental/corpus';
import { MANIFEST_FILE } from '../../src/core/pipeline/text/article-files';

/**
 * Every span the index holds, checked against the text it points into: inside the text, and
 * slicing to exactly the text it reports. Returns one line per broken span (empty when all hold).
 * Findings on corpus.yaml are checked against `manifestText` when given (the index does not keep it).
 */
export function spanProblems(index: CorpusIndex, manifestText?: string): string[] {
  const problems: string[] = [];
  const textOf = (file: string): string | undefined =>
    file === MANIFEST_FILE ? manifestText : index.document(file)?.text;
  const check = (
    what: string,
    file: string,
    span: { start: number; end: number },
    expected?: string,
  ): void => {
    const text = textOf(file);
    if (text === undefined) return void problems.push(`${what}: no such file ${file}`);
    const { start, end } = span;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
      return void problems.push(`${what} in ${file}: [${start}, ${end}) is outside 0..${text.length}`);
    }
    if (expected !== undefined && text.slice(start, end) !== expected) {
      problems.push(
        `${what} in ${file}: [${start}, ${end}) is ${JSON.stringify(text.slice(start, end))}, not ${JSON.stringify(expected)}`,
      );
    }
  };
  for (const d of index.documents) {
    for (const s of d.sentences) check('sentence', d.id, s);
    for (const x of d.dates) check('date', d.id, x, x.text);
  }
  for (const e of index.entities)
    for (const m of e.mentions) check(`mention of ${e.name}`, m.document, m, m.text);
  for (const ev of index.events) {
    for (const r of ev.reports) {
      check('event report', r.document, r);
      if (r.date) check('event report date', r.document, r.date, r.date.text);
      check('event predicate', r.document, r.predicate, r.predicate.text);
      for (const q of r.quantities) check('quantity', r.document, q, q.text);
    }
  }
  for (const c of index.conflicts)
    for (const r of c.reports) check(`${c.kind} conflict`, r.document, r, r.text);
  for (const f of index.findings) {
    // a skipped article has no text: its findings stand at its start
    if (f.file === MANIFEST_FILE) {
      if (manifestText !== undefined) check(`finding ${f.code}`, f.file, f.span);
    } else if (index.document(f.file)) check(`finding ${f.code}`, f.file, f.span);
    else if (f.span.start !== 0 || f.span.end !== 0)
      problems.push(`finding ${f.code} on ${f.file}, which has no text, is not at 0`);
  }
  return problems;
}
