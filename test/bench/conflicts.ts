/**
 * The conflict step's share of a cold index, on real news (BBC News, 2,225 articles, as one
 * corpus): the whole index once, then `findConflicts` alone on its events, five times, in one
 * run, with the inputs the index gives it. The aim of issue 20 is at most 10 % of the cold index.
 *
 *   npx esbuild test/bench/conflicts.ts --bundle --platform=node --outfile=out/bench/conflicts.js && node out/bench/conflicts.js [--dir ../shared/data/bbc-news]
 */
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { createCorpus } from '../../src/core/incremental/corpus';
import { findConflicts } from '../../src/core/pipeline/conflicts/conflicts';
import { articleProfiles } from '../../src/core/pipeline/events/coreference';
import { diskReader } from '../../src/node/disk-reader';
import { option, repoRoot } from '../eval/script-args';

async function main(): Promise<void> {
  const dir = resolve(option('--dir') ?? join(repoRoot(), '..', 'shared', 'data', 'bbc-news'));
  if (!existsSync(dir)) {
    console.log(`skipped: data not found (${dir})`);
    return;
  }
  const t0 = performance.now();
  const index = await createCorpus({ reader: diskReader(dir) }).index();
  const cold = performance.now() - t0;
  const times: number[] = [];
  let found = 0;
  // every input the index's own conflict step reads: publication dates, names and the texts (for wording)
  const byId = new Map(index.documents.map((d) => [d.id, d]));
  const names = new Map(index.entities.map((e) => [e.id, e.name]));
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    found = findConflicts(
      index.events,
      (d) => d,
      [],
      (d) => byId.get(d)?.published ?? null,
      (id) => names.get(id) ?? id,
      articleProfiles(index.events.flatMap((e) => e.reports)),
      (d) => byId.get(d)?.text ?? '',
    ).length;
    times.push(performance.now() - t);
  }
  const median = times.sort((a, b) => a - b)[2]!;
  console.log(
    `${index.documents.length} articles, ${index.events.length} events, ${found} conflicts\n` +
      `cold index ${(cold / 1000).toFixed(1)} s; conflict step median ${median.toFixed(0)} ms = ${((100 * median) / cold).toFixed(2)} % of it`,
  );
}

void main();
