/** What each bundle holds: the extension host loads none of the language analysis. */
import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
// loaded from node_modules at run time: esbuild's API cannot itself be bundled into the tests
const { build } = createRequire(join(ROOT, 'package.json'))('esbuild') as typeof import('esbuild');

suite('bundles', function () {
  this.timeout(60_000);

  test('the extension host bundle holds no tagger, lexicon, date rules or encoding tables', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'src', 'vscode', 'extension.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['vscode'],
      write: false,
      metafile: true,
      logLevel: 'silent',
      outfile: 'extension.js',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((f) => f.endsWith('src/vscode/extension.ts')));
    const heavy = inputs.filter((f) =>
      /pipeline\/(?:words|entities\/tagger|events|dates\/date-rules)|jschardet|iconv-lite|compromise/.test(f),
    );
    assert.deepEqual(heavy, []);
  });
});
