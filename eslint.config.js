// Flat config. The import fences keep the layers of README "Architecture" apart (CONVENTIONS §1):
// only main/electron may import 'electron'; main/core knows neither Express nor the listeners nor
// start-up; the store knows no use case; shared/ stays environment-neutral; the renderer talks HTTP
// only. Type-aware rules (floating promises) run on every TypeScript project.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const electronBan = { name: 'electron', message: 'Only main/electron/ may import electron: keep the core runnable headless.' };
const nodeBan = { group: ['node:*'], message: 'No Node built-ins here: this code also runs in the renderer.' };
const desktopBan = { group: ['**/electron/**'], message: 'The core must not depend on the desktop shell.' };
/** What main/core may not import: HTTP frameworks and servers, the listeners, start-up. */
const coreBans = {
  paths: [
    electronBan,
    { name: 'express', message: 'main/core is framework-free: Express belongs in main/http.' },
    { name: 'helmet', message: 'main/core is framework-free: HTTP middleware belongs in main/http.' },
    { name: 'express-rate-limit', message: 'main/core is framework-free: HTTP middleware belongs in main/http.' },
    { name: 'node:http', message: 'main/core serves nothing itself: listeners are started in main/node.' },
    { name: 'node:https', message: 'main/core serves nothing itself: listeners are started in main/node.' },
  ],
  patterns: [
    desktopBan,
    { group: ['**/http/**', '**/http/*.js'], message: 'main/core must not depend on the HTTP layer (main/http depends on it).' },
    { group: ['**/node/**', '**/node/*.js'], message: 'main/core must not depend on start-up code (main/node depends on it).' },
  ],
};

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
    // Type information for the rules that need it (each file is checked in the project that owns it).
    files: ['**/*.ts', '**/*.tsx', '**/*.cts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    files: ['main/core/**'],
    rules: { 'no-restricted-imports': ['error', coreBans] },
  },
  {
    files: ['main/core/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...coreBans,
          patterns: [
            ...coreBans.patterns,
            {
              group: ['**/provisioning/**', '**/admin/**', '**/members/**', '**/mapping/**', '**/auth/**'],
              message: 'The store holds SQL only: use cases depend on it, never the other way.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/http/**', 'main/node/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan], patterns: [desktopBan] }] },
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
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The classic hooks rules (the compiler-oriented ones of v7 are advisory for code not built with the React Compiler).
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
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
