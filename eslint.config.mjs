// ESLint flat config: `npm run lint` (quick, before a commit) and `npm run lint:types` (what npm test runs).
// - typescript-eslint's recommended set on src/, test/ and scripts/.
// - `lint:types` adds the type-aware rules for what the compiler lets through: a promise nobody
//   awaits or catches, a promise where a callback's result is ignored, `await` on a non-promise.
//   They need the whole TypeScript program (about 80 s of CPU here against 20 s without); npm test
//   runs this set only (scripts/run-tests.sh), so the plain set stays the quick one for editing.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const typed = process.env.MHA_LINT_TYPES === '1';

// Node's globals for the plain JavaScript files (TypeScript checks names in .ts files itself).
const node = Object.fromEntries(
  ['console', 'process', 'require', 'module', 'exports', '__dirname', '__filename', 'Buffer', 'URL', 'URLSearchParams', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'AbortController', 'AbortSignal', 'TextEncoder', 'TextDecoder', 'fetch', 'structuredClone', 'performance', 'globalThis']
    .map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', 'sim/**', '.stryker-tmp/**', 'reports/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks a parameter an interface requires and this implementation does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { globals: node } },
  // UI tests hand functions to the browser page (page.evaluate), where `document` is the page's.
  { files: ['test/ui/**/*.mjs'], languageOptions: { globals: { document: 'readonly', window: 'readonly' } } },
  // CommonJS files (mocha's reporter) may require().
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  ...(typed
    ? [{
      files: ['src/**/*.ts', 'test/**/*.ts'],
      languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-misused-promises': 'error',
        '@typescript-eslint/await-thenable': 'error',
      },
    }]
    : []),
);
