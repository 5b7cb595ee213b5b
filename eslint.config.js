// Lint rules, including the layering rule from STYLE.md: shared imports nothing of ours; renderer and preload
// import only shared; main imports shared and db; db imports only db.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const layer = (files, forbidden, message) => ({
  files,
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message })) }],
  },
});

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  layer(
    ['src/shared/**'],
    ['**/main/**', '**/renderer/**', '**/preload/**', '**/db/**', 'electron', 'node:*', 'better-sqlite3'],
    'src/shared is the contract: it imports nothing from main, preload, renderer, db or Node.',
  ),
  layer(
    ['src/renderer/**'],
    ['**/main/**', '**/preload/**', '**/db/**', 'electron', 'node:*', 'better-sqlite3', 'kysely'],
    'The renderer talks to main only through window.magnum; import from src/shared only.',
  ),
  layer(
    ['src/preload/**'],
    ['**/main/**', '**/renderer/**', '**/db/**', 'node:*', 'better-sqlite3'],
    'The preload imports only src/shared and electron.',
  ),
  layer(
    ['src/main/**'],
    ['**/renderer/**', '**/preload/**'],
    'The main process imports src/shared and db only.',
  ),
  layer(['db/**'], ['**/src/**'], 'db/ is the schema layer: it imports nothing from src/.'),
);
