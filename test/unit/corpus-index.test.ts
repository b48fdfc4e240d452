import * as assert from 'node:assert/strict';
import { createIndex, type CorpusIndex, type DocumentData } from '../../src/core/index/corpus-index';
import type { Entity, EntityMention } from '../../src/core/pipeline/entities/entities';
import type { CorpusEvent, EventReport } from '../../src/core/pipeline/events/events';
import type { DateExpression } from '../../src/core/pipeline/dates/date-expressions';
import { parseManifest } from '../../src/core/pipeline/manifest/manifest';
import { splitSentences } from '../../src/core/pipeline/text/sentences';

// The index is built from hand-made analysis data, so these tests hold whatever the recognisers find.
const TEXTS: Record<string, string> = {
  'a.txt': 'Kolesnikova was jailed in 2020. Maria Kolesnikova was freed on September 11. Minsk welcomed it.',
  'b.txt': 'Kolesnikova spoke in Berlin.',
  'c.txt': 'Maria Kolesnikova arrived. Later Kolesnikova said Kolesnikova would stay. Minsk said nothing.',
};
const MANIFEST = 'entities:\n  - name: Maria Kolesnikova\n    type: person\n    aliases: [Колесникова]\n';

function mentionsOf(form: string): EntityMention[] {
  return Object.entries(TEXTS).flatMap(([document, text]) => {
    const out: EntityMention[] = [];
    for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
      // "Kolesnikova" inside "Maria Kolesnikova" belongs to the longer mention
      if (form === 'Kolesnikova' && text.slice(Math.max(0, at - 6), at) === 'Maria ') continue;
      out.push({ document, start: at, end: at + form.length, text: form });
    }
    return out;
  });
}

function byPosition(a: EntityMention, b: EntityMention): number {
  return a.document.localeCompare(b.document) || a.start - b.start;
}

const maria: Entity = {
  id: 'maria-kolesnikova',
  type: 'person',
  name: 'Maria Kolesnikova',
  aliases: ['Kolesnikova', 'Колесникова'],
  description: null,
  descriptionSource: null,
  mentions: [...mentionsOf('Maria Kolesnikova'), ...mentionsOf('Kolesnikova')].sort(byPosition),
};
const minsk: Entity = {
  id: 'minsk',
  type: 'place',
  name: 'Minsk',
  aliases: [],
  description: null,
  descriptionSource: null,
  mentions: mentionsOf('Minsk'),
};

function date(document: string, text: string, from: string): DateExpression {
  const start = TEXTS[document]!.indexOf(text);
  return {
    start,
    end: start + text.length,
    text,
    kind: 'point',
    from,
    to: from,
    granularity: 'day',
    anchor: null,
    sentence: 0,
    forward: false,
  };
}

// Only the fields the index reads; the cast keeps these fixtures independent of the rest of the event model.
function report(document: string, sentence: string, d: DateExpression): EventReport {
  const start = TEXTS[document]!.indexOf(sentence);
  return {
    document,
    start,
    end: start + sentence.length,
    clause: { start, end: start + sentence.length },
    date: d,
    action: 'release',
    entities: [maria.id],
  } as Partial<EventReport> as EventReport;
}

const freed = date('a.txt', 'September 11', '2025-09-11');
const jailed = date('a.txt', '2020', '2020-01-01');
const events: CorpusEvent[] = [
  {
    id: 'e1',
    summary: 'Maria Kolesnikova is freed',
    action: 'release',
    from: '2025-09-11',
    to: '2025-09-11',
    plan: false,
    entities: [maria.id],
    reports: [report('a.txt', 'Maria Kolesnikova was freed on September 11.', freed)],
  },
  {
    id: 'e0',
    summary: 'Maria Kolesnikova is jailed',
    action: 'arrest',
    from: '2020-01-01',
    to: '2020-12-31',
    plan: false,
    entities: [maria.id],
    reports: [report('a.txt', 'Kolesnikova was jailed in 2020.', jailed)],
  },
];

function makeIndex(): CorpusIndex {
  const documents: DocumentData[] = Object.entries(TEXTS).map(([id, text]) => ({
    id,
    text,
    title: id,
    published: null,
    outlet: null,
    author: null,
    url: null,
    sentences: splitSentences(text),
    dates: id === 'a.txt' ? [jailed, freed] : [],
  }));
  return createIndex({
    documents,
    entities: [maria, minsk],
    events,
    conflicts: [],
    findings: [],
    manifest: parseManifest(MANIFEST),
    manifestText: MANIFEST,
  });
}

suite('corpus index: the queries behind definitions, references and symbols', () => {
  const index = makeIndex();
  const where = (m: EntityMention | undefined): string => (m ? `${m.document}:${m.text}@${m.start}` : 'none');

  test('definitions: the first full-name mention of each source, full names first, then the most mentions', () => {
    assert.deepEqual(index.definitions(maria.id).map(where), [
      `c.txt:Maria Kolesnikova@0`, // full name, 3 mentions
      `a.txt:Maria Kolesnikova@${TEXTS['a.txt']!.indexOf('Maria')}`, // full name, 2 mentions (the first mention is only the surname)
      `b.txt:Kolesnikova@0`, // never the full name: its fullest form
    ]);
  });
  test('definitions leave the asking document out', () => {
    assert.deepEqual(
      index.definitions(maria.id, 'c.txt').map((m) => m.document),
      ['a.txt', 'b.txt'],
    );
    assert.deepEqual(index.definitions('no-such-entity'), []);
  });
  test('the corpus.yaml entry of a declared entity, and none for the others', () => {
    const entry = index.manifestEntry(maria.id);
    assert.equal(entry?.name, 'Maria Kolesnikova');
    assert.equal(MANIFEST.slice(entry.span.start, entry.span.start + 6), 'name: ');
    assert.equal(index.manifestEntry(minsk.id), undefined);
  });
  test("mentions of a document in text order, and one entity's mentions in one document", () => {
    assert.deepEqual(
      index.mentionsIn('c.txt').map((h) => `${h.entity.id}@${h.mention.start}`),
      [
        'maria-kolesnikova@0',
        `maria-kolesnikova@${TEXTS['c.txt']!.indexOf('Kolesnikova said')}`,
        `maria-kolesnikova@${TEXTS['c.txt']!.indexOf('Kolesnikova would')}`,
        `minsk@${TEXTS['c.txt']!.indexOf('Minsk')}`,
      ],
    );
    assert.equal(index.mentionsOf(maria.id, 'c.txt').length, 3);
    assert.equal(index.mentionsOf(maria.id, 'nowhere.txt').length, 0);
  });
  test('event reports of a document in text order; the sentence under an offset', () => {
    assert.deepEqual(
      index.eventsIn('a.txt').map((h) => h.event.id),
      ['e0', 'e1'],
    );
    assert.deepEqual(index.eventsIn('b.txt'), []);
    const s = index.sentenceAt('a.txt', TEXTS['a.txt']!.indexOf('freed'));
    assert.equal(s && TEXTS['a.txt']!.slice(s.start, s.end), 'Maria Kolesnikova was freed on September 11.');
  });

  // [query, the entity and the name it was found by, first result]
  const searches: [string, string][] = [
    ['Maria Kolesnikova', 'Maria Kolesnikova (Maria Kolesnikova)'],
    ['kolesn', 'Maria Kolesnikova (Kolesnikova)'],
    ['KOLESNIKOVA', 'Maria Kolesnikova (Kolesnikova)'],
    ['Kolesnikóva', 'Maria Kolesnikova (Kolesnikova)'],
    ['Колесн', 'Maria Kolesnikova (Колесникова)'],
    ['mar', 'Maria Kolesnikova (Maria Kolesnikova)'],
    ['mnsk', 'Minsk (Minsk)'],
    ['insk', 'Minsk (Minsk)'],
    ['Berlin', 'none'],
    ['', 'Maria Kolesnikova (Maria Kolesnikova)'],
  ];
  for (const [query, expected] of searches) {
    test(`findEntities("${query}") → ${expected}`, () => {
      const first = index.findEntities(query)[0];
      assert.equal(first ? `${first.entity.name} (${first.form})` : 'none', expected);
    });
  }
  test('an empty query lists every entity once, by its name, most mentioned first', () => {
    assert.deepEqual(
      index.findEntities('').map((m) => m.form),
      ['Maria Kolesnikova', 'Minsk'],
    );
  });
});
