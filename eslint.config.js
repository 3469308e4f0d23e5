// Flat config. The import fences keep the core Electron-free (CONVENTIONS §1): only main/electron
// may import 'electron'; shared/ stays environment-neutral; the renderer talks HTTP only.
import tseslint from 'typescript-eslint';

const electronBan = { name: 'electron', message: 'Only main/electron/ may import electron: keep the core runnable headless.' };
const nodeBan = { group: ['node:*'], message: 'No Node built-ins here: this code also runs in the renderer.' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', '.scratch/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['main/core/**', 'main/http/**', 'main/node/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan], patterns: [{ group: ['**/electron/**'], message: 'The core must not depend on the desktop shell.' }] }] },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronBan, 'react', 'express', 'better-sqlite3'], patterns: [nodeBan, { group: ['**/main/**', '**/renderer/**'], message: 'shared/ depends on nothing of ours.' }] },
      ],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan, 'better-sqlite3', 'express'], patterns: [nodeBan, { group: ['**/main/**'], message: 'The renderer reaches the core over HTTP only.' }] }],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
);
