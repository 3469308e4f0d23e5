import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The second run of `.ci/run` (issue #17): the SCIM and admin integration tests under Node 22 (the
 * `node@22` npm package), with better-sqlite3 built for Node 22 in a folder of its own, so the main
 * install (built for Node 20) is untouched. SCIMDESK_NODE22_SQLITE names that copy; every import of
 * 'better-sqlite3' in the code under test resolves to it. tests/integration/admin/runtime.test.ts
 * prints which Node and which binding actually ran.
 */
const sqlite = process.env.SCIMDESK_NODE22_SQLITE;
if (!sqlite) throw new Error('SCIMDESK_NODE22_SQLITE must name the better-sqlite3 folder built for this Node (see .ci/run)');

export default mergeConfig(
  base,
  defineConfig({
    resolve: { alias: [{ find: /^better-sqlite3$/, replacement: sqlite }] },
  }),
);
