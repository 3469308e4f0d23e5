import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyRow, KeysRepo } from '../store/keys-repo.js';

/** A fresh connector key: 32 random bytes, URL-safe base64 (43 chars). Shown once, stored only as a hash. */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 is enough here: the secret has 256 bits of entropy, so there is nothing to brute-force.
 * One-shot `hash` (no Hash object): this runs on every SCIM request.
 */
export const hashSecret = (secret: string): Buffer => hash('sha256', secret, 'buffer');

export interface ConnectorKeyInfo {
  readonly createdAt: string | null;
  readonly lastUsedAt: string | null;
  readonly hasKey: boolean;
}

/** Stores connector-key hashes: one current key plus, during a rotation grace period, the previous one. */
export interface ConnectorKeys {
  /** Constant-time check of a presented bearer token against every valid key. */
  verify(presented: string): boolean;
  /** Replace the current key (the old one stays valid for `graceMinutes`); returns the new secret once. */
  rotate(graceMinutes: number, secret?: string): { secret: string; createdAt: string; previousValidUntil: string | null };
  info(): ConnectorKeyInfo;
}

export function createConnectorKeys(repo: KeysRepo, now: () => Date = () => new Date()): ConnectorKeys {
  // Valid hashes are cached: verify() runs on every SCIM request and must not hit the disk.
  let cache: { rows: KeyRow[]; hashes: Buffer[]; until: number } | undefined;
  const lastTouched = new Map<number, number>();
  function valid(): NonNullable<typeof cache> {
    const t = now().getTime();
    if (!cache || t >= cache.until) {
      const rows = repo.valid(now().toISOString());
      const expiries = rows.map((r) => (r.expires_at ? Date.parse(r.expires_at) : Infinity));
      cache = { rows, hashes: rows.map((r) => Buffer.from(r.hash, 'hex')), until: Math.min(t + 60_000, ...expiries) };
    }
    return cache;
  }

  return {
    verify(presented) {
      const h = hashSecret(presented);
      const { rows, hashes } = valid();
      let matched = -1;
      // Compare against every key without early exit so timing does not reveal which one matched.
      hashes.forEach((stored, i) => {
        if (timingSafeEqual(stored, h)) matched = i;
      });
      const row = rows[matched];
      if (!row) return false;
      const t = now().getTime();
      // Record last use at most once a minute: a write per request would cost the hot path an fsync.
      if (t - (lastTouched.get(row.id) ?? 0) > 60_000) {
        lastTouched.set(row.id, t);
        repo.touch(row.id, now().toISOString());
        row.last_used_at = now().toISOString();
      }
      return true;
    },
    rotate(graceMinutes, secret = generateSecret()) {
      const at = now();
      const createdAt = at.toISOString();
      const until = graceMinutes > 0 ? new Date(at.getTime() + graceMinutes * 60_000).toISOString() : createdAt;
      const hadKey = valid().rows.some((r) => r.expires_at === null);
      repo.rotate(hashSecret(secret).toString('hex'), createdAt, until);
      cache = undefined;
      return { secret, createdAt, previousValidUntil: hadKey && graceMinutes > 0 ? until : null };
    },
    info() {
      const current = valid().rows.find((r) => r.expires_at === null);
      return { hasKey: current !== undefined, createdAt: current?.created_at ?? null, lastUsedAt: current?.last_used_at ?? null };
    },
  };
}
