/**
 * Cross-document event coreference measured on ECB+ (default ../shared/data/ecbplus, one folder
 * a topic with its *.txt articles, corpus.yaml and gold.json; see that folder's README.md).
 *
 * Each topic is indexed by the product itself, `node dist/cli.js index <topic> --json` (two at a
 * time), and its events' reports are mapped onto the gold event mentions:
 *   - a report with a `predicate` ({start, end, text}: the word(s) naming the happening) covers the
 *     gold mentions of its article that overlap the predicate;
 *   - a report without one covers at most one gold mention lying inside its [start, end) sentence
 *     span: one with a cross-document chain (non-null crossDocCluster) before one without, then
 *     the earliest;
 *   - a gold mention is covered by at most one report: reports are taken in article order by
 *     position, and the first takes it.
 *
 * The measures: two covered mentions in different articles are linked when their reports are in
 * one product event. The first figure (the issue's) counts links between reports that overlap gold
 * mentions: its gold pairs are the cross-article pairs of covered mentions sharing a chain. The
 * second is stricter:
 * two gold mentions in different articles belong together when they share a
 * crossDocCluster (all gold mentions count, covered or not, so a happening the product never
 * reports is recall lost). Pairwise precision = right links / links, recall = right links / gold
 * pairs, F1 their harmonic mean; also restricted to mentions in ECB+'s fully annotated ("selected")
 * sentences, and at the granularity of (article, chain) units, where a chain mentioned ten times
 * in each of two articles weighs one pair rather than a hundred (a unit pair is linked when some
 * report pair links them). A chain reaching 2+ articles is "linked" when at least one right link
 * joins two of its articles. Besides: reports and events, reports per article, the share of events
 * that are bare statements (`action`/`kind` a statement kind where the product gives one, else a
 * summary saying "makes a statement"), reports covering no gold mention, and a few false and missed
 * links spread over the topics. Figures for the tune half (odd topics), the test half (even
 * topics) and all; this is a coarse yardstick (ECB+ marks every verb-like happening, the product
 * reports only dated ones), meant to move when grouping improves, not to compare with ECB+ papers.
 *
 *   node out/eval/events.js [--dir <folder>] [--topics 1,3,5] [--json <out.json>]
 * Exits 1 when the CLI fails on a topic (named), 0 otherwise, whatever the figures.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { option, repoRoot, sample } from './script-args';
import {
  EXAMPLES,
  evaluateTopic,
  figuresOf,
  print,
  type Example,
  type Gold,
  type IndexJson,
  type TopicResult,
} from './event-links';

const CONCURRENCY = 2;

/** Runs the CLI on a topic folder and parses its JSON. */
function indexTopic(cli: string, folder: string): Promise<IndexJson> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      [cli, 'index', folder, '--json'],
      { maxBuffer: 512 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `${error.message.split('\n')[0]}${stderr ? `\n${stderr.trim().split('\n').slice(-5).join('\n')}` : ''}`,
            ),
          );
          return;
        }
        try {
          resolvePromise(JSON.parse(stdout) as IndexJson);
        } catch (e) {
          reject(new Error(`unreadable JSON: ${(e as Error).message}`));
        }
      },
    );
  });
}

/** Up to `count` examples taking them round-robin over the topics, so they spread. */
function spread(byTopic: readonly Example[][], count: number): Example[] {
  const lists = sample(
    byTopic.filter((l) => l.length > 0),
    count,
  );
  const out: Example[] = [];
  for (let round = 0; out.length < count && lists.some((l) => l.length > round); round++) {
    for (const l of lists) if (out.length < count && l[round]) out.push(l[round]!);
  }
  return out;
}

async function main(): Promise<void> {
  const root = repoRoot();
  const dir = resolve(option('--dir') ?? join(root, '..', 'shared', 'data', 'ecbplus'));
  const jsonOut = option('--json');
  const wanted = option('--topics')
    ?.split(',')
    .map((t) => Number(t.trim()));
  if (wanted?.some((t) => !Number.isInteger(t)))
    throw new Error('--topics takes topic numbers such as 1,3,5');
  const folders = existsSync(dir)
    ? readdirSync(dir)
        .map((f) => ({ f, n: Number(/^topic(\d+)$/.exec(f)?.[1]) }))
        .filter(
          ({ f, n }) =>
            Number.isInteger(n) && existsSync(join(dir, f, 'gold.json')) && (!wanted || wanted.includes(n)),
        )
        .sort((a, b) => a.n - b.n)
    : [];
  if (folders.length === 0) {
    console.log(`events: skipped: data not found (${dir}${wanted ? `, topics ${wanted.join(',')}` : ''})`);
    if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ skipped: 'data not found', dir }));
    return;
  }
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: build first (npm run eval:events builds it)`);

  const t0 = performance.now();
  const results: (TopicResult | undefined)[] = new Array(folders.length);
  const failed: { topic: number; error: string }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < folders.length; i = next++) {
      const { f, n } = folders[i]!;
      const folder = join(dir, f);
      try {
        const gold = JSON.parse(readFileSync(join(folder, 'gold.json'), 'utf8')) as Gold;
        const index = await indexTopic(cli, folder);
        results[i] = evaluateTopic(folder, { ...gold, topic: n }, index);
      } catch (error) {
        failed.push({ topic: n, error: (error as Error).message });
        console.error(`events: topic ${n} failed: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const done = results.filter((r): r is TopicResult => r !== undefined);
  const counts = done.map((r) => r.counts);
  const overall = figuresOf(counts);
  const tune = figuresOf(counts.filter((t) => t.topic % 2 === 1));
  const test = figuresOf(counts.filter((t) => t.topic % 2 === 0));

  console.log(
    `events: ECB+ ${done.length} topics indexed by dist/cli.js in ${seconds.toFixed(1)} s (${dir})`,
  );
  console.log(
    'per topic: reports/events, right/predicted cross-article pairs of gold pairs, linked of chains in 2+ articles',
  );
  console.log(
    counts
      .map(
        (t) =>
          `  t${t.topic}: ${t.reports}/${t.events}, ${t.pairwise.correct}/${t.pairwise.predicted} of ${t.pairwise.gold}, ${t.chainsLinked}/${t.chains2}`,
      )
      .join('\n'),
  );
  console.log('');
  print('tune half (odd topics)', tune);
  print('test half (even topics)', test);
  print('all', overall);

  const falseLinks = spread(
    done.map((r) => r.falseLinks),
    EXAMPLES / 2,
  );
  const missedLinks = spread(
    done.map((r) => r.missedLinks),
    EXAMPLES - falseLinks.length,
  );
  const listExamples = (title: string, list: readonly Example[]): void => {
    console.log(`\n${title}:`);
    for (const e of list) console.log(`  topic ${e.topic}:\n${e.lines.map((l) => `    ${l}`).join('\n')}`);
  };
  listExamples('false links (one product event, different gold chains)', falseLinks);
  listExamples('missed links (one gold chain, not in one product event)', missedLinks);
  if (failed.length > 0)
    console.error(`\nevents: the CLI failed on topic(s) ${failed.map((f) => f.topic).join(', ')}`);

  if (jsonOut) {
    writeFileSync(
      jsonOut,
      JSON.stringify(
        {
          dir,
          seconds,
          topics: counts.map((t) => t.topic),
          failed,
          overall,
          tune,
          test,
          examples: { falseLinks, missedLinks },
        },
        null,
        2,
      ),
    );
  }
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
