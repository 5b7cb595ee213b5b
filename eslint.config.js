// Lint rules, including the layering rule from STYLE.md: shared imports nothing of ours; renderer and preload
// import only shared; main imports shared and db; db imports only db. Electron itself is imported only by
// src/main/electron/ (the desktop host) and src/preload/index.ts (the bridge), so everything else runs in
// plain Node or a plain browser (the browser kiosk host, the tests).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// A regex, not a group: the gitignore-style group 'electron' would also match a folder such as './electron/host'.
const ELECTRON = {
  regex: '^electron(/|$)',
  message: 'Only src/main/electron/ and src/preload/index.ts import electron.',
};

// One no-restricted-imports rule per layer. A later config object replaces an earlier one's rule for the files
// both match, so each layer lists everything it forbids, and the files allowed electron get their own object.
const layer = (files, forbidden, message, ignores = []) => ({
  files,
  ignores,
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((pattern) =>
          typeof pattern === 'string' ? { group: [pattern], message } : pattern,
        ),
      },
    ],
  },
});

const PRELOAD_FORBIDDEN = ['**/main/**', '**/renderer/**', '**/db/**', 'node:*', 'better-sqlite3'];
const PRELOAD_MESSAGE = 'The preload imports only src/shared (and, in index.ts alone, electron).';
const MAIN_FORBIDDEN = ['**/renderer/**', '**/preload/**'];
const MAIN_MESSAGE = 'The main process imports src/shared and db only.';

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
  layer(['**/*.{js,mjs,cjs,ts,tsx}'], [ELECTRON], ELECTRON.message),
  layer(
    ['src/shared/**'],
    ['**/main/**', '**/renderer/**', '**/preload/**', '**/db/**', ELECTRON, 'node:*', 'better-sqlite3'],
    'src/shared is the contract: it imports nothing from main, preload, renderer, db or Node.',
  ),
  layer(
    ['src/renderer/**'],
    ['**/main/**', '**/preload/**', '**/db/**', ELECTRON, 'node:*', 'better-sqlite3', 'kysely'],
    'The renderer talks to main only through window.magnum; import from src/shared only.',
  ),
  layer(['src/preload/index.ts'], PRELOAD_FORBIDDEN, PRELOAD_MESSAGE),
  layer(['src/preload/**'], [...PRELOAD_FORBIDDEN, ELECTRON], PRELOAD_MESSAGE, ['src/preload/index.ts']),
  layer(['src/main/electron/**'], MAIN_FORBIDDEN, MAIN_MESSAGE),
  layer(['src/main/**'], [...MAIN_FORBIDDEN, ELECTRON], MAIN_MESSAGE, ['src/main/electron/**']),
  layer(['db/**'], ['**/src/**', ELECTRON], 'db/ is the schema layer: it imports nothing from src/.'),
);
