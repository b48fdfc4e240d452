/**
 * Events at scale: reports and their grouping on synthetic articles (template news sentences
 * with known names and dates, so the name tagger does not run), at 1×, 2× and 4× the size. Both
 * should grow about linearly: reports are found article by article, and grouping pairs only
 * reports that share a blocking key, a large block each with its neighbours in time.
 *
 *   npx esbuild test/bench/events.ts --bundle --platform=node --outfile=out/bench/events.js && node out/bench/events.js [--articles 2000] [--people 400]
 */
import { createDocument } from '../../src/core/pipeline/text/document';
import { splitSentences } from '../../src/core/pipeline/text/sentences';
import type { DateExpression } from '../../src/core/pipeline/dates/date-expressions';
import type { Entity, EntityMention } from '../../src/core/pipeline/entities/entities';
import { placedMentions, eventsOf, type EventInput } from '../../src/core/pipeline/events/events';
import { reportsOf } from '../../src/core/pipeline/events/reports';
import { findPredicates } from '../../src/core/pipeline/events/predicates';
import { option } from '../eval/script-args';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const PLACES = Array.from({ length: 60 }, (_, i) => `City${i}`);
const TEMPLATES = [
  'On {date}, {a} met {b} in {p}.',
  'On {date}, {a} visited {p} and met with {b}.',
  '{a} and {b} spoke by phone on {date}.',
  'On {date}, {a} said that {b} had closed the border with {p}.',
  'In a statement, {a} praised {b}, saying the talks were useful.',
  'On {date}, {a} freed 12 prisoners in {p}, according to {b}.',
];

/** A deterministic pseudo-random sequence (the same articles on every run). */
function rng(seed: number): () => number {
  // mulberry32: 32-bit integer arithmetic, so no precision is lost
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpus(articles: number, people: number): { inputs: EventInput[]; entities: Entity[] } {
  const PEOPLE = Array.from(
    { length: people },
    (_, i) => `Person${String.fromCharCode(65 + (i % 26))}${i} Surname${i}`,
  );
  const rand = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const mentions = new Map<string, EntityMention[]>();
  const inputs: EventInput[] = [];
  for (let n = 0; n < articles; n++) {
    const id = `a${n}.txt`;
    let text = 'Headline\n';
    const dates: DateExpression[] = [];
    const names: { start: number; end: number; name: string }[] = [];
    for (let k = 0; k < 20; k++) {
      const month = Math.floor(rand() * 12);
      const day = 1 + Math.floor(rand() * 28);
      const year = 2015 + Math.floor(rand() * 10);
      const date = `${MONTHS[month]} ${day}, ${year}`;
      const parts: Record<string, string> = { date, a: pick(PEOPLE), b: pick(PEOPLE), p: pick(PLACES) };
      let sentence = pick(TEMPLATES);
      for (const key of ['date', 'a', 'b', 'p']) {
        const at = sentence.indexOf(`{${key}}`);
        if (at < 0) continue;
        const start = text.length + at;
        sentence = sentence.replace(`{${key}}`, parts[key]!);
        const end = start + parts[key]!.length;
        if (key === 'date') {
          const iso = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          dates.push({
            start,
            end,
            text: date,
            kind: 'point',
            from: iso,
            to: iso,
            granularity: 'day',
            anchor: null,
            sentence: 0,
            forward: false,
          });
        } else names.push({ start, end, name: parts[key]! });
      }
      text += `${sentence} `;
    }
    const doc = createDocument(id, text);
    const sentences = splitSentences(text);
    // recompute offsets from the text itself: substitution order may differ from reading order
    const found: { start: number; end: number; name: string }[] = [];
    for (const { name } of names) {
      for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1))
        found.push({ start: at, end: at + name.length, name });
    }
    for (const f of found) {
      const list = mentions.get(f.name) ?? [];
      list.push({ document: id, start: f.start, end: f.end, text: f.name });
      mentions.set(f.name, list);
    }
    const located = dates.map((d) => {
      const start = text.indexOf(d.text);
      const s = sentences.find((x) => x.start <= start && start < x.end);
      return { ...d, start, end: start + d.text.length, sentence: s?.index ?? 0 };
    });
    const excluded = [...found, ...located].sort((a, b) => a.start - b.start);
    inputs.push({
      doc,
      sentences,
      dates: located,
      predicates: findPredicates(text, sentences, excluded),
      published: null,
    });
  }
  const entities: Entity[] = [...mentions].map(([name, ms]) => ({
    id: name.toLowerCase().replace(/\s+/g, '-'),
    type: name.startsWith('City') ? 'place' : 'person',
    name,
    aliases: [],
    description: null,
    descriptionSource: null,
    mentions: [...new Map(ms.map((m) => [`${m.document}:${m.start}`, m])).values()].sort(
      (a, b) => a.document.localeCompare(b.document) || a.start - b.start,
    ),
  }));
  return { inputs, entities };
}

const base = Number(option('--articles') ?? 2000);
// News names more people as it grows: by default one person per five articles; --people N fixes
// the population instead (then each person's reports per time window grow with the corpus).
const fixed = option('--people');
console.log('articles  people  reports  events      reports ms     grouping ms');
for (const factor of [1, 2, 4]) {
  const people = fixed ? Number(fixed) : Math.max(50, Math.round((base * factor) / 5));
  const { inputs, entities } = corpus(base * factor, people);
  const t0 = performance.now();
  const mentions = placedMentions(entities);
  const reports = inputs.flatMap((input) => reportsOf(input, mentions.get(input.doc.id) ?? []));
  const t1 = performance.now();
  const events = eventsOf(reports, inputs, entities);
  const t2 = performance.now();
  console.log(
    `${String(inputs.length).padStart(8)}  ${String(people).padStart(6)}  ${String(reports.length).padStart(7)}  ${String(events.length).padStart(6)}  ${(t1 - t0).toFixed(0).padStart(14)}  ${(t2 - t1).toFixed(0).padStart(14)}`,
  );
}
