import * as assert from 'node:assert/strict';
import {
  BLOCK_FULL,
  GROUPING,
  groupReports,
  type GroupingContext,
} from '../../src/core/pipeline/events/coreference';
import type { EventReport } from '../../src/core/pipeline/events/reports';
import { ReportGrouper } from '../../src/core/incremental/report-grouper';

// Random corpora of reports, edited article by article: after every edit the incremental grouping
// must equal grouping from scratch. Few actions, people and words, so blocks grow past BLOCK_FULL
// and their time order (which pairs a large block's reports) shifts with each edit.

const ACTIONS = ['meet', 'arrest', 'say'];
const PEOPLE = ['holm', 'marsh', 'berg'];
const WORDS = ['harbour', 'talks', 'police', 'union', 'minister', 'border', 'court', 'fire', 'workers'];

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

interface Article {
  readonly id: string;
  readonly text: string;
  readonly published: string | null;
  readonly reports: EventReport[];
}

function article(id: string, next: () => number, count: number): Article {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const sentences: string[] = [];
  const reports: EventReport[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 3 }, () => pick(WORDS));
    const action = pick(ACTIONS);
    const sentence = `${words.join(' ')} ${action}ed there.`;
    const people = [...new Set(Array.from({ length: Math.floor(next() * 3) }, () => pick(PEOPLE)))];
    const dated = next() < 0.7;
    const day = `2025-03-${String(1 + Math.floor(next() * 20)).padStart(2, '0')}`;
    const span = { start: at, end: at + sentence.length };
    reports.push({
      ...span,
      document: id,
      clause: span,
      predicate: { start: at, end: at + 3, text: action, noun: false },
      date: dated
        ? {
            start: at,
            end: at + 2,
            text: day,
            kind: 'point',
            from: day,
            to: day,
            granularity: 'day',
            anchor: null,
            sentence: i,
            forward: false,
          }
        : null,
      dateForm: dated ? 'explicit' : 'none',
      action,
      statement: action === 'say',
      plan: false,
      passive: false,
      entities: people,
      actors: people,
      agents: people.slice(0, 1),
      objects: people.slice(1),
      word: action,
      venue: next() < 0.2 ? 'oslo' : null,
      repeat: false,
      ordinal: null,
      quantities: [],
    });
    sentences.push(sentence);
    at += sentence.length + 1;
  }
  return { id, text: sentences.join(' '), published: next() < 0.8 ? '2025-03-25' : null, reports };
}

function contextOf(articles: readonly Article[]): GroupingContext {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return { text: (id) => byId.get(id)?.text ?? '', published: (id) => byId.get(id)?.published ?? null };
}

const shape = (groups: readonly (readonly EventReport[])[]): string[][] =>
  groups.map((g) => g.map((r) => `${r.document}:${r.start}`));

suite('incremental event grouping equals grouping from scratch', function () {
  this.timeout(120_000);
  for (const seed of [1, 2, 3, 4, 5]) {
    test(`seed ${seed}: 40 edits (an article rewritten, removed or added), blocks past ${BLOCK_FULL}`, () => {
      const next = random(seed);
      let articles: Article[] = Array.from({ length: 80 }, (_, i) =>
        article(`a${String(i).padStart(2, '0')}.txt`, next, 2 + Math.floor(next() * 10)),
      );
      const grouper = new ReportGrouper(GROUPING);
      let largest = 0;
      for (let step = 0; step <= 40; step++) {
        if (step > 0) {
          const roll = next();
          const at = Math.floor(next() * articles.length);
          if (roll < 0.6) articles[at] = article(articles[at]!.id, next, 1 + Math.floor(next() * 10));
          else if (roll < 0.8 && articles.length > 2) articles.splice(at, 1);
          else articles.push(article(`b${step}.txt`, next, 1 + Math.floor(next() * 10)));
          articles = [...articles].sort((x, y) => (x.id < y.id ? -1 : 1));
        }
        const reports = articles.flatMap((a) => a.reports);
        const context = contextOf(articles);
        const blocks = new Map<string, number>();
        for (const r of reports)
          for (const p of r.actors) blocks.set(`${r.action}|${p}`, (blocks.get(`${r.action}|${p}`) ?? 0) + 1);
        largest = Math.max(largest, ...blocks.values());
        assert.deepEqual(
          shape(grouper.group(reports, context)),
          shape(groupReports(reports, context)),
          `step ${step}`,
        );
      }
      assert.ok(largest > BLOCK_FULL, `the largest block holds ${largest} reports`);
    });
  }

  test('the same reports again give the same groups, of the same report objects', () => {
    const next = random(9);
    const articles = Array.from({ length: 6 }, (_, i) => article(`a${i}.txt`, next, 6));
    const reports = articles.flatMap((a) => a.reports);
    const grouper = new ReportGrouper(GROUPING);
    const first = grouper.group(reports, contextOf(articles));
    const again = grouper.group(reports, contextOf(articles));
    assert.deepEqual(again, first);
    assert.ok(again.every((g, i) => g.every((r, j) => r === first[i]![j])));
  });
});
