#!/usr/bin/env node
/**
 * `npm run eval`: measures the core's extraction quality on the public data in ../shared/data.
 * Bundles test/eval/conll.ts (entity recognition, CoNLL-2003 dev set: strict entity P/R/F1) and
 * test/eval/timebank.ts (date expressions, TimeBank 1.2: span P/R/F1 and value accuracy) into
 * out/eval/, runs them one after the other, and writes their figures to .test-artifacts/eval.json.
 * Each evaluation prints "skipped: data not found" and succeeds when its data is absent.
 *
 *   node scripts/eval.mjs                      both
 *   node scripts/eval.mjs conll --limit 50     CoNLL only, first 50 documents (also --file <path>)
 *   node scripts/eval.mjs timebank             TimeBank only (also --dir <folder>, --limit <files>)
 * Arguments after the name are passed to each evaluation that runs.
 */
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const EVALS = ['conll', 'timebank'];
// Run only when named: they index every ECB+ topic with the CLI (dist/cli.js).
const NAMED_ONLY = ['events', 'conflicts'];
const argv = process.argv.slice(2);
const selected = [...EVALS, ...NAMED_ONLY].includes(argv[0]) ? [argv.shift()] : EVALS;
if (selected.some((name) => NAMED_ONLY.includes(name)))
  spawnSync(process.execPath, [join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });

await esbuild.build({
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  sourcesContent: false,
  logLevel: 'warning',
  absWorkingDir: root,
  entryPoints: Object.fromEntries(selected.map((name) => [name, `test/eval/${name}.ts`])),
  outdir: 'out/eval',
});

const figures = { date: new Date().toISOString() };
let failed = false;
for (const name of selected) {
  const json = join(root, 'out', 'eval', `${name}.json`);
  rmSync(json, { force: true });
  const t0 = performance.now();
  const { status } = spawnSync(
    process.execPath,
    ['--enable-source-maps', join(root, 'out', 'eval', `${name}.js`), ...argv, '--json', json],
    { cwd: root, stdio: 'inherit' },
  );
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  console.log(`━━ ${name}: ${status === 0 ? 'done' : 'FAILED'} in ${seconds} s\n`);
  if (status !== 0) failed = true;
  figures[name] = existsSync(json)
    ? { ...JSON.parse(readFileSync(json, 'utf8')), wallSeconds: seconds }
    : { failed: true, wallSeconds: seconds };
}

mkdirSync(join(root, '.test-artifacts'), { recursive: true });
writeFileSync(join(root, '.test-artifacts', 'eval.json'), JSON.stringify(figures, null, 2) + '\n');
console.log('figures written to .test-artifacts/eval.json');
process.exitCode = failed ? 1 : 0;
