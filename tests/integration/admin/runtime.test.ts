import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { makeApp } from '../../helpers/make-app.js';
import { admin, createMember } from './helpers.js';

/**
 * Which Node and which better-sqlite3 binding these integration tests run on. `.ci/run` runs the SCIM
 * and admin tests twice, under Node 20 and Node 22 (SCIMDESK_EXPECT_NODE_MAJOR=22 with the binding
 * rebuilt in a folder of its own): the log line shows it, and the test fails if the run is not on the
 * Node it was meant for or the binding is not the one built for it.
 */
describe('runtime', () => {
  it('runs on the expected Node with a better-sqlite3 binding built for it', async () => {
    const t = makeApp();
    try {
      await createMember(t, 'runtime.check@contoso.com');
      expect((await admin(t).get('/api/members')).body.members).toHaveLength(1);
    } finally {
      t.close();
    }
    // The loaded binding (bindings() requires it through the CommonJS cache).
    const binding = Object.keys(createRequire(import.meta.url).cache).find((f) => f.endsWith('better_sqlite3.node')) ?? 'not in the require cache';
    process.stdout.write(`[runtime] node ${process.versions.node} (ABI ${process.versions.modules}), better-sqlite3 binding: ${binding}\n`);
    const expected = process.env.SCIMDESK_EXPECT_NODE_MAJOR;
    if (expected !== undefined) {
      expect(process.versions.node.split('.')[0]).toBe(expected);
      expect(binding).toContain(process.env.SCIMDESK_NODE22_SQLITE ?? '(SCIMDESK_NODE22_SQLITE unset)');
    }
  });
});
