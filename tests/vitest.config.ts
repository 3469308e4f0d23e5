import { defineConfig } from 'vitest/config';
import { ALONE } from './vitest.alone.config.js';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Load-measuring tests run alone afterwards (vitest.alone.config.ts).
    exclude: ['**/node_modules/**', ...ALONE],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
