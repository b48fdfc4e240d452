/** The readable report printed by `corpus-nav report`; every text from the corpus in it is `printable`. */
import type { CorpusIndex } from './corpus-index';
import { printable as p } from './printable';

const MAIN_ENTITIES = 15;

export function formatReport(index: CorpusIndex): string {
  const out: string[] = [];
  const title = (id: string): string => p(index.document(id)?.title ?? id);
  out.push(
    `Corpus: ${index.documents.length} articles · ${index.entities.length} entities · ${index.events.length} events · ${index.conflicts.length} conflicts`,
    '',
  );
  out.push('ARTICLES');
  for (const d of index.documents) {
    const pub = d.published
      ? `${d.published.date}${d.published.from === 'manifest' ? '' : ` (${d.published.from})`}`
      : 'date unknown';
    out.push(
      `  ${p(d.id)}  ${pub}`,
      `      ${p(d.title)}${d.outlet ? ` — ${p(d.outlet)}` : ''}${d.author ? `, by ${p(d.author)}` : ''}`,
    );
  }
  out.push('', 'MAIN ENTITIES');
  for (const e of index.entities.slice(0, MAIN_ENTITIES)) {
    const docs = new Set(e.mentions.map((m) => m.document)).size;
    out.push(
      `  ${p(e.name).padEnd(34)} ${e.type.padEnd(13)} ${String(e.mentions.length).padStart(4)} mentions in ${docs} article${docs === 1 ? '' : 's'}`,
    );
    if (e.description) out.push(`      ${p(e.description)}`);
  }
  out.push('', 'TIMELINE');
  const events = index.events
    .filter((e) => e.from !== null)
    .sort((a, b) => (a.from! < b.from! ? -1 : a.from! > b.from! ? 1 : 0));
  for (const ev of events) {
    const when = ev.from === ev.to ? ev.from : `${ev.from} … ${ev.to}`;
    out.push(`  ${when}  ${p(ev.summary)}`);
    for (const r of ev.reports)
      out.push(`      ${r.date ? `“${p(r.date.text)}”` : '(undated here)'} — ${title(r.document)}`);
  }
  out.push('', 'CONFLICTS');
  if (index.conflicts.length === 0) out.push('  none found');
  for (const c of index.conflicts) out.push(`  [${c.kind}, ${c.severity}] ${p(c.message)}`);
  return out.join('\n') + '\n';
}
