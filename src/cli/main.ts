/** corpus-nav: the command-line face of the core. Prints the index as JSON or a readable report. */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { createCorpus, type CorpusIndex } from '../core/incremental/corpus';
import { toJsonV1 } from '../core/index/contract';
import type { Logger } from '../core/ports';
import { diskReader } from '../node/disk-reader';
import { formatReport } from '../core/index/report';
import { printable } from '../core/index/printable';
import { EXPORT_FORMATS, exportTimeline, type ExportFormat } from '../core/index/exports';

const USAGE = `Usage: corpus-nav <command> [FOLDER] [options]

Commands:
  index [FOLDER] [--json]   analyse the corpus; --json prints the whole index (contract version 1)
  report [FOLDER]           a readable summary: articles, main entities, timeline, conflicts
  export [FOLDER] --format markwhen|timelinejs|csv|ics
                            the timeline for another tool, on stdout: markwhen text, TimelineJS
                            JSON, CSV (one row per report) or iCalendar

FOLDER defaults to seeds/. Problems in corpus.yaml and articles go to stderr as FILE:LINE:COL messages.
Options: --verbose (log progress to stderr), -h/--help, -v/--version`;

async function main(argv: string[]): Promise<number> {
  const format = takeOption(argv, '--format');
  if (format === null) return fail(`--format needs a value: ${EXPORT_FORMATS.join(', ')}`);
  const flags = new Set(
    argv.filter((a) => a.startsWith('-')).map((a) => (a === '-h' ? '--help' : a === '-v' ? '--version' : a)),
  );
  const args = argv.filter((a) => !a.startsWith('-'));
  if (flags.has('--version')) {
    process.stdout.write('corpus-nav 0.1.0\n');
    return 0;
  }
  if (flags.has('--help')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (args.length === 0) return fail(`a command is needed\n\n${USAGE}`);
  const known = new Set(['--json', '--verbose']);
  const unknown = [...flags].filter((f) => !known.has(f));
  if (unknown.length > 0) return fail(`unknown option ${unknown.join(', ')}\n\n${USAGE}`);
  if (args.length > 2)
    return fail(
      `unexpected argument ${args
        .slice(2)
        .map((a) => `"${a}"`)
        .join(', ')}: one corpus folder at a time\n\n${USAGE}`,
    );
  const [command, folderArg = 'seeds'] = args;
  if (command !== 'index' && command !== 'report' && command !== 'export')
    return fail(`unknown command "${command}"\n\n${USAGE}`);
  if ((command === 'export') !== (format !== undefined))
    return fail(
      command === 'export' ? `export needs --format: ${EXPORT_FORMATS.join(', ')}` : '--format is for export',
    );
  if (format !== undefined && !(EXPORT_FORMATS as readonly string[]).includes(format))
    return fail(`unknown format "${format}": one of ${EXPORT_FORMATS.join(', ')}`);
  const folder = resolve(folderArg);
  if (!existsSync(folder)) return fail(`corpus folder not found: ${folder}`);
  if (!statSync(folder).isDirectory()) return fail(`not a folder: ${folder}`);

  const logger: Logger = {
    info: (m) => {
      if (flags.has('--verbose')) process.stderr.write(`info: ${printable(m)}\n`);
    },
    warn: (m) => {
      if (flags.has('--verbose')) process.stderr.write(`warning: ${printable(m)}\n`);
    },
    error: (m, e) =>
      process.stderr.write(`error: ${printable(m)}${e instanceof Error ? `: ${e.stack}` : ''}\n`),
  };
  // a link is never followed (it may lead outside the folder), and never passed over in silence
  const onLink = (path: string): void => {
    process.stderr.write(
      `${printable(folderArg.replace(/\/$/, ''))}/${printable(path)}: warning: a symbolic link; not read\n`,
    );
  };
  const index = await createCorpus({ reader: diskReader(folder, { onLink }), logger }).index();
  printFindings(index, folderArg);
  if (command === 'export') {
    const out = exportTimeline(index, format as ExportFormat, {
      title: basename(folder),
      now: new Date().toISOString(),
    });
    // redirected, the format is written as it is; on a terminal, text from the corpus cannot act on it
    process.stdout.write(process.stdout.isTTY ? out.replace(/[^\r\n]+/g, (line) => printable(line)) : out);
  } else if (command === 'index' && flags.has('--json'))
    process.stdout.write(JSON.stringify(toJsonV1(index), null, 2) + '\n');
  else if (command === 'index')
    process.stdout.write(
      `${index.documents.length} articles, ${index.entities.length} entities, ${index.events.length} events, ${index.conflicts.length} conflicts (use --json for the index)\n`,
    );
  else process.stdout.write(formatReport(index));
  return 0;
}

/** Removes `--name value` or `--name=value` from argv: its value, undefined when absent, null when it has none. */
function takeOption(argv: string[], name: string): string | undefined | null {
  const at = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (at < 0) return undefined;
  const [arg] = argv.splice(at, 1) as [string];
  if (arg.includes('=')) return arg.slice(name.length + 1) || null;
  const value = argv[at];
  if (value === undefined || value.startsWith('-')) return null;
  argv.splice(at, 1);
  return value;
}

function printFindings(index: CorpusIndex, folder: string): void {
  for (const f of index.findings) {
    const p = index.positionAt(f.file, f.span.start);
    process.stderr.write(
      `${printable(folder.replace(/\/$/, ''))}/${printable(f.file)}:${p.line + 1}:${p.character + 1}: ${f.severity}: ${printable(f.message)} [${f.code}]\n`,
    );
  }
}

function fail(message: string): number {
  process.stderr.write(`corpus-nav: ${printable(message)}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `corpus-nav: could not index the corpus: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
