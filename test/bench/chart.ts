/**
 * The timeline chart and the exports on the BBC corpus: the time to build the chart's data (what
 * the extension does before posting it to the webview), its JSON size, and each export's time
 * and size. Writes { rows } to --json for scripts/bench.mjs.
 *   node out/bench/chart.js [--dir <bbc-news>] [--json <out.json>]
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createCorpus } from '../../src/core/incremental/corpus';
import { buildChartData } from '../../src/core/index/chart-data';
import { EXPORT_FORMATS, exportTimeline } from '../../src/core/index/exports';
import { diskReader } from '../../src/node/disk-reader';

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const root = resolve(__dirname, '..', '..');
const dir = resolve(option('--dir') ?? join(root, '..', 'shared', 'data', 'bbc-news'));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  if (!existsSync(dir)) {
    console.log(`chart bench: no data at ${dir}; skipped`);
    return;
  }
  const index = await createCorpus({ reader: diskReader(dir) }).index();
  const rows: [string, string][] = [];
  const times: number[] = [];
  let json = '';
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const data = buildChartData(index);
    json = JSON.stringify(data);
    times.push(performance.now() - t0);
  }
  const data = buildChartData(index);
  const reports = data.events.reduce((n, e) => n + e.reports.length, 0);
  rows.push(
    ['corpus', `${index.documents.length} articles, ${data.events.length} dated events, ${reports} reports`],
    ['chart data: build + JSON, median of 7', `${median(times).toFixed(1)} ms`],
    ['chart payload (JSON)', `${(json.length / 1024 / 1024).toFixed(2)} MB`],
  );
  for (const format of EXPORT_FORMATS) {
    const t0 = performance.now();
    const text = exportTimeline(index, format, { title: 'bbc-news', now: '2026-01-01T00:00:00Z' });
    rows.push([
      `export ${format}`,
      `${(performance.now() - t0).toFixed(0)} ms, ${(text.length / 1024 / 1024).toFixed(2)} MB`,
    ]);
  }
  for (const [k, v] of rows) console.log(`${k.padEnd(42)} ${v}`);
  const out = option('--json');
  if (out) writeFileSync(out, JSON.stringify({ rows }, null, 2));
}

void main();
