// ESLint (flat config): the recommended JavaScript and typescript-eslint rules, syntax-only (not
// type-aware) so `npm run lint` stays fast; Prettier owns the formatting. `npm run lint`.
const js = require('@eslint/js');
const { defineConfig } = require('eslint/config');
const globals = require('globals');
const tseslint = require('typescript-eslint');

module.exports = defineConfig(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'data/', 'test/artifacts/', '**/*.d.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: globals.node },
    rules: {
      // Text sanitising strips control characters with regular expressions on purpose.
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['ui/**', 'server/public/**'], languageOptions: { globals: globals.browser } },
  // Commands keep their heavy imports inside run() (`require(…) as typeof import(…)`) so that
  // `sotong --help` stays fast: lazy loading is the CLI's design.
  { files: ['cli/**'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // Tests read JSON response bodies as `any`.
  { files: ['test/**', 'bench/**'], languageOptions: { globals: globals.jest }, rules: { '@typescript-eslint/no-explicit-any': 'off' } },
);
