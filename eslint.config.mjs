// Lint rules. The one that matters most: the core never imports `vscode`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** The core's import rule (no vscode, no adapters), plus the folders a part of the core may not reach. */
function restrictedImports(extra) {
  return {
    paths: [{ name: 'vscode', message: 'src/core is pure: no vscode imports (see docs/STYLE.md).' }],
    patterns: [
      {
        group: ['**/vscode/**', '**/cli/**', '**/node/**'],
        message: 'src/core is pure: no adapter imports (see docs/STYLE.md).',
      },
      ...(extra ? [extra] : []),
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      'test/vscode-server/**',
      '.test-artifacts/**',
      '*.vsix',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.mjs'],
    // scripts run in Node; functions passed to page.evaluate run in the browser
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', restrictedImports()],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'No hidden clock in the core: dates come from the articles.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'No hidden clock in the core: use performance.now() for timings.',
        },
      ],
    },
  },
  {
    files: ['src/core/pipeline/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        restrictedImports({
          group: ['**/index/**', '**/incremental/**', '**/wire/**'],
          message: 'pipeline/ is the plain reference: it imports nothing from index/, incremental/ or wire/.',
        }),
      ],
    },
  },
  {
    files: ['src/core/index/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        restrictedImports({
          group: ['**/wire/**'],
          message: 'index/ does not know the transport formats: it imports nothing from wire/.',
        }),
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
);
