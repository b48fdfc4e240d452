#!/usr/bin/env node
/**
 * `npm run bench` (not part of npm test): speed and memory on real data from ../shared/data.
 *   test/bench/index.ts  indexing at scale: cold, warm, update, hover/definition, memory, activation
 *   test/bench/ner.ts    entity recognition alone
 *   test/bench/chart.ts  the timeline chart's data and the exports
 * Prints the tables and writes them to docs/bench.md, which the README quotes.
 *   node scripts/bench.mjs [--sizes 1,5] [--dir <bbc-news folder>]
 */
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// the extension's bundles: the index bench times activation and runs dist/article-worker.js
spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
await esbuild.build({
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  absWorkingDir: root,
  outdir: 'out/bench',
  entryPoints: { ner: 'test/bench/ner.ts', index: 'test/bench/index.ts', chart: 'test/bench/chart.ts' },
});

const tables = [];
for (const name of ['index', 'ner', 'chart']) {
  const json = join(root, 'out', 'bench', `${name}.json`);
  console.log(`━━ ${name}`);
  rmSync(json, { force: true });
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', join(root, 'out', 'bench', `${name}.js`), ...process.argv.slice(2), '--json', json],
    { cwd: root, stdio: 'inherit' },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
  if (!existsSync(json)) continue; // skipped: no data
  tables.push({ name, result: JSON.parse(readFileSync(json, 'utf8')) });
}
if (tables.length > 0) {
  const when = new Date().toISOString().slice(0, 10);
  const md = [
    `# Benchmarks (${when}, this machine: ${availableParallelism()} cores)`,
    '',
    '`npm run bench` on ../shared/data/bbc-news.',
    '',
  ];
  for (const { name, result } of tables) {
    md.push(
      `## ${{ index: 'Indexing at scale (test/bench/index.ts)', ner: 'Entity recognition alone (test/bench/ner.ts)', chart: 'Timeline chart and exports (test/bench/chart.ts)' }[name]}`,
      '',
      '| measure | value |',
      '| --- | --- |',
    );
    const rows = result.rows ?? Object.entries(result.table ?? {});
    for (const [k, v] of rows) md.push(`| ${k} | ${v} |`);
    md.push('');
  }
  writeFileSync(join(root, 'docs', 'bench.md'), md.join('\n'));
  console.log('\nwritten to docs/bench.md');
}
