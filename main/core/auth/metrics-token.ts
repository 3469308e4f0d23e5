import { timingSafeEqual } from 'node:crypto';
import type { MetricsTokenRepo } from '../store/metrics-token-repo.js';
import { generateSecret, hashSecret } from './connector-keys.js';

export interface MetricsTokenInfo {
  readonly hasToken: boolean;
  readonly createdAt: string | null;
}

/**
 * The bearer that guards `GET /metrics` (issue #17). Kept like the connector key: a random 256-bit
 * secret shown once, stored only as its SHA-256 hash, compared in constant time. There is no
 * "last used" time: a scrape every 15 s must not cost a database write.
 */
export interface MetricsToken {
  verify(presented: string): boolean;
  /** Store a new token (generated unless given) and return it; the previous one stops working. */
  rotate(secret?: string): { secret: string; createdAt: string };
  info(): MetricsTokenInfo;
}

export function createMetricsToken(repo: MetricsTokenRepo, now: () => Date = () => new Date()): MetricsToken {
  // Cached: verify() runs on every scrape. undefined = not loaded yet, null = no token.
  let cached: { hash: Buffer; createdAt: string } | null | undefined;
  const current = () => {
    if (cached === undefined) {
      const row = repo.get();
      cached = row ? { hash: Buffer.from(row.hash, 'hex'), createdAt: row.created_at } : null;
    }
    return cached;
  };
  return {
    verify(presented) {
      const c = current();
      // Off until a token exists: nothing matches.
      return c !== null && timingSafeEqual(c.hash, hashSecret(presented));
    },
    rotate(secret = generateSecret()) {
      const createdAt = now().toISOString();
      repo.set(hashSecret(secret).toString('hex'), createdAt);
      cached = undefined;
      return { secret, createdAt };
    },
    info() {
      const c = current();
      return { hasToken: c !== null, createdAt: c?.createdAt ?? null };
    },
  };
}
