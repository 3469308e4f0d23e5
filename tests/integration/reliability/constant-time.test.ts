import { describe, expect, it, vi } from 'vitest';
import * as crypto from 'node:crypto';
import { join } from 'node:path';
import { createStore } from '../../../main/core/store/store.js';
import { EventBus } from '../../../main/core/events.js';
import { openDb } from '../../../main/core/store/db.js';
import { createConnectorKeys } from '../../../main/core/auth/connector-keys.js';
import { tempDir } from '../../helpers/temp-dir.js';

/**
 * The connector key check compares in constant time (issue #8): every presented token, whatever its
 * length, is hashed to 32 bytes and compared with crypto.timingSafeEqual against every valid key,
 * without an early exit, so neither length nor which key matched shows in the timing.
 */

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);

describe('connector key verification', () => {
  it('compares with timingSafeEqual on equal-length digests for tokens of any length', () => {
    const t = tempDir();
    const db = openDb(join(t.dir, 'scim-desk.db'));
    try {
      const keys = createConnectorKeys(createStore(db, { sync: () => Promise.resolve(), onRollback: () => undefined, events: new EventBus() }).keys);
      const { secret } = keys.rotate(0);
      const wrong = ['', 'a', secret.slice(0, -1), `${secret}x`, secret.toUpperCase(), 'x'.repeat(100_000), '\u0000'.repeat(43), `${secret}\u0000`];
      for (const token of wrong) {
        timingSafeEqual.mockClear();
        expect(keys.verify(token)).toBe(false);
        expect(timingSafeEqual).toHaveBeenCalledTimes(1);
        const [a, b] = timingSafeEqual.mock.calls[0] as [Buffer, Buffer];
        expect(a.length).toBe(32);
        expect(b.length).toBe(32);
      }
      timingSafeEqual.mockClear();
      expect(keys.verify(secret)).toBe(true);
      expect(timingSafeEqual).toHaveBeenCalledTimes(1);

      // During a grace period both keys are compared on every check, matched or not.
      const next = keys.rotate(10);
      for (const token of [secret, next.secret, 'nope']) {
        timingSafeEqual.mockClear();
        keys.verify(token);
        expect(timingSafeEqual).toHaveBeenCalledTimes(2);
      }
    } finally {
      db.close();
      t.cleanup();
    }
  });
});
