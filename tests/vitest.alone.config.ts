import { defineConfig } from 'vitest/config';

/**
 * Tests that measure while they run (issue #15: the anonymous flood's folder growth, with its lookup
 * p99 printed; 1,000 PATCH operations under 50 ms, a bound 80× below what the old code took): run
 * after the main suite, one file at a time, so no other test file competes for the two CPU cores.
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
