/**
 * Tunes the weights and thresholds of event grouping (src/core/pipeline/events/coreference.ts)
 * on the "tune" half of the ECB+ topics (odd numbers) and reports the chosen setting on the
 * "test" half (even numbers), with the measure of test/eval/events.ts. Each topic is analysed
 * once; only the grouping is redone for each setting.
 *
 *   node out/eval/tune-events.js [--dir ../shared/data/ecbplus] [--show 1_10ecb.txt] [--quick] [--set key=value,…]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCorpus } from '../../src/core/incremental/corpus';
import { diskReader } from '../../src/node/disk-reader';
import { findPredicates } from '../../src/core/pipeline/events/predicates';
import { reportsOf, type EventReport } from '../../src/core/pipeline/events/reports';
import { eventsOf, placedMentions, type EventInput } from '../../src/core/pipeline/events/events';
import { GROUPING, type GroupingParams } from '../../src/core/pipeline/events/coreference';
import type { Entity } from '../../src/core/pipeline/entities/entities';
import { evaluateTopic, figuresOf, print, type Gold, type IndexJson, type TopicCounts } from './event-links';
import { option, repoRoot } from './script-args';

interface Topic {
  readonly number: number;
  readonly dir: string;
  readonly gold: Gold;
  readonly articles: EventInput[];
  readonly entities: readonly Entity[];
  readonly reports: EventReport[];
}

async function loadTopic(dir: string): Promise<Topic> {
  const corpus = createCorpus({ reader: diskReader(dir) });
  const data = await corpus.analyse();
  const mentions = placedMentions(data.entities);
  const articles: EventInput[] = data.documents.map((d) => {
    const names = (mentions.get(d.id) ?? []).map((m) => ({ start: m.start, end: m.end }));
    return {
      doc: { id: d.id, text: d.text } as EventInput['doc'],
      sentences: d.sentences,
      dates: d.dates,
      predicates: findPredicates(d.text, d.sentences, names),
      published: d.published?.date && d.published.date.length === 10 ? d.published.date : null,
    };
  });
  const reports = articles.flatMap((a) => reportsOf(a, mentions.get(a.doc.id) ?? []));
  const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8')) as Gold;
  return { number: Number(/(\d+)$/.exec(dir)![1]), dir, gold, articles, entities: data.entities, reports };
}

function asJson(t: Topic, params: GroupingParams): IndexJson {
  const events = eventsOf(t.reports, t.articles, t.entities, { params });
  return {
    events: events.map((e) => ({
      id: e.id,
      summary: e.summary,
      action: e.action,
      reports: e.reports.map((r) => ({
        document: r.document,
        start: r.start,
        end: r.end,
        predicate: { start: r.predicate.start, end: r.predicate.end, text: r.predicate.text },
        kind: r.statement ? 'statement' : 'happening',
      })),
    })),
  } as IndexJson;
}

function evaluate(topics: readonly Topic[], params: GroupingParams): TopicCounts[] {
  return topics.map((t) => evaluateTopic(t.dir, t.gold, asJson(t, params)).counts);
}

function f1(counts: readonly TopicCounts[]): number {
  return 100 * figuresOf(counts).reportedPairs.f1;
}

async function main(): Promise<void> {
  const root = resolve(option('--dir') ?? join(repoRoot(), '..', 'shared', 'data', 'ecbplus'));
  if (!existsSync(root)) {
    console.log('skipped: data not found');
    return;
  }
  const dirs = readdirSync(root)
    .filter((d) => /^topic\d+$/.test(d))
    .map((d) => join(root, d));
  const topics: Topic[] = [];
  for (const d of dirs) topics.push(await loadTopic(d));
  const show = option('--show');
  if (show) {
    for (const t of topics)
      for (const r of t.reports.filter((x) => x.document === show))
        console.log(
          `${r.predicate.text} [${r.action}${r.statement ? ' statement' : ''}${r.plan ? ' plan' : ''}] ${r.date?.text ?? '-'} agents=${r.agents.join(',')} objects=${r.objects.join(',')} venue=${r.venue ?? ''} :: ${t.articles.find((a) => a.doc.id === show)!.doc.text.slice(r.clause.start, r.clause.end)}`,
        );
    return;
  }
  const tune = topics.filter((t) => t.number % 2 === 1);
  const test = topics.filter((t) => t.number % 2 === 0);
  console.log(`${topics.length} topics, ${topics.reduce((n, t) => n + t.reports.length, 0)} reports`);
  // --set key=value,key=value: start from the default with these changed (to try one setting)
  const start: GroupingParams = { ...GROUPING };
  for (const pair of (option('--set') ?? '').split(',').filter(Boolean)) {
    const [key, value] = pair.split('=') as [keyof GroupingParams, string];
    (start as Record<keyof GroupingParams, number>)[key] = Number(value);
  }
  let best = { params: start, f1: f1(evaluate(tune, start)) };
  console.log(`default: tune F1 ${best.f1.toFixed(1)}`);
  // coordinate ascent over a small grid, a few rounds
  const grid: Record<keyof GroupingParams, number[]> = {
    predicate: [0.5, 1, 1.5, 2],
    participants: [0, 0.5, 1, 1.5, 2],
    words: [0, 0.5, 1, 1.5, 2, 3],
    time: [0, 0.3, 0.6, 1],
    venue: [0, 0.3, 0.6],
    roles: [0, 0.5, 1, 2],
    context: [0, 0.5, 1, 2, 3],
    minContext: [0, 0.1, 0.2, 0.3, 0.4, 0.5],
    cohesion: [0, 0.1, 0.2, 0.3, 0.5, 0.7],
    threshold: [0.6, 0.8, 1, 1.2, 1.4, 1.6, 1.8, 2.2],
    sameArticleThreshold: [0.8, 1.2, 1.6, 2, 2.5, 99],
    maxGapDays: [3, 7, 14, 30],
    publishedGapDays: [15, 45, 120],
  };
  for (let round = 0; round < (process.argv.includes('--quick') ? 0 : 3); round++) {
    let changed = false;
    for (const key of Object.keys(grid) as (keyof GroupingParams)[]) {
      for (const value of grid[key]) {
        const params = { ...best.params, [key]: value };
        const score = f1(evaluate(tune, params));
        if (score > best.f1 + 0.05) {
          best = { params, f1: score };
          changed = true;
        }
      }
    }
    console.log(`round ${round + 1}: tune F1 ${best.f1.toFixed(1)} ${JSON.stringify(best.params)}`);
    if (!changed) break;
  }
  print('tune half', figuresOf(evaluate(tune, best.params)));
  if (process.argv.includes('--examples')) {
    const results = tune.map((t) => evaluateTopic(t.dir, t.gold, asJson(t, best.params)));
    const kinds = new Map<string, number>();
    for (const r of results)
      for (const e of r.falseLinks) {
        const [a, b] = e.lines;
        const sub = (l: string): string => (/^\S+ecbplus\.txt/.test(l) ? 'plus' : 'ecb');
        const key = `${a!.includes('(no chain') || b!.includes('(no chain') ? 'singleton' : 'two chains'}, ${sub(a!) === sub(b!) ? 'same subtopic' : 'across subtopics'}`;
        kinds.set(key, (kinds.get(key) ?? 0) + 1);
      }
    console.log('false links by kind:', [...kinds].map(([k, n]) => `${k}: ${n}`).join('; '));
    for (const kind of ['falseLinks', 'missedLinks'] as const) {
      console.log(`\n${kind}:`);
      for (const r of results)
        for (const e of r[kind].slice(0, 2)) console.log(`  ${e.lines.join('\n   ~ ')}`);
    }
  }
  print('test half', figuresOf(evaluate(test, best.params)));
  print('test half, default setting', figuresOf(evaluate(test, GROUPING)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
