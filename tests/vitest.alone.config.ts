import { defineConfig } from 'vitest/config';

/**
 * The tests issue #15 asks to measure time (the anonymous flood's lookup p99, 1,000 PATCH operations
 * under 50 ms): run after the main suite, one file at a time, so no other test file competes for
 * the two CPU cores while they measure.
 */
export const ALONE = ['tests/integration/reliability/anonymous-flood.test.ts', 'tests/unit/core/scim/patch-limits.test.ts'];

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ALONE,
    testTimeout: 120_000,
    hookTimeout: 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
