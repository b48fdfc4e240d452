#!/usr/bin/env node
/**
 * `npm run bench` (not part of npm test): speed and memory on real data from ../shared/data.
 * Today: entity recognition on bbc-news (test/bench/ner.ts). Prints a table and writes it to
 * docs/bench.md, which the README quotes.
 */
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await esbuild.build({ bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', absWorkingDir: root, entryPoints: { ner: 'test/bench/ner.ts' }, outdir: 'out/bench' });
const json = join(root, 'out', 'bench', 'ner.json');
const run = spawnSync(process.execPath, [join(root, 'out', 'bench', 'ner.js'), ...process.argv.slice(2), '--json', json], { cwd: root, encoding: 'utf8' });
process.stdout.write(run.stdout);
process.stderr.write(run.stderr);
if (run.status !== 0) process.exit(run.status ?? 1);
if (!run.stdout.includes('bench skipped:')) {
  const when = new Date().toISOString().slice(0, 10);
  writeFileSync(join(root, 'docs', 'bench.md'), `# Benchmarks (${when}, this machine: 2 cores)\n\n\`npm run bench\` on ../shared/data/bbc-news:\n\n| measure | value |\n| --- | --- |\n${run.stdout.trim().split('\n').map((l) => `| ${l.slice(0, 46).trim()} | ${l.slice(46).trim()} |`).join('\n')}\n`);
  console.log(`\nwritten to docs/bench.md (${JSON.parse(readFileSync(json, 'utf8')).articles} articles)`);
}
