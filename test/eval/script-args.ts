/** Shared by the evaluation and benchmark scripts: command-line options and where the repository is. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above the running script holding package.json. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The value after `--name`; undefined when absent or when the next word is another option. */
export function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  // `npm run eval:ner` without a file leaves `--file` followed by the next option
  return value === undefined || value.startsWith('--') ? undefined : value;
}

/** Up to `count` items spread evenly over the list (not just the first ones). */
export function sample<T>(list: readonly T[], count: number): T[] {
  return list.length <= count
    ? [...list]
    : Array.from({ length: count }, (_, i) => list[Math.floor((i * list.length) / count)]!);
}
