import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';

export interface KeyRow {
  id: number;
  hash: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
}

/** `connector_keys`: hashes of the current key and, during a rotation's grace period, the previous one. */
export interface KeysRepo {
  /** Keys valid at `at`, newest first. */
  valid(at: string): KeyRow[];
  touch(id: number, at: string): void;
  /** Make `hash` the current key: purge expired keys, keep one previous key valid until `until`. */
  rotate(hash: string, at: string, until: string): void;
}

export function createKeysRepo(db: Db, uow: UnitOfWork): KeysRepo {
  const selectValid = db.prepare<[string], KeyRow>('SELECT * FROM connector_keys WHERE expires_at IS NULL OR expires_at > ? ORDER BY id DESC');
  const insert = db.prepare('INSERT INTO connector_keys (hash, created_at) VALUES (?, ?)');
  const expireCurrent = db.prepare('UPDATE connector_keys SET expires_at = ? WHERE expires_at IS NULL');
  const expireEarlier = db.prepare('UPDATE connector_keys SET expires_at = ? WHERE expires_at > ?');
  const touch = db.prepare('UPDATE connector_keys SET last_used_at = ? WHERE id = ?');
  const purge = db.prepare('DELETE FROM connector_keys WHERE expires_at IS NOT NULL AND expires_at <= ?');
  return {
    valid: (at) => (uow.beforeRead(), selectValid.all(at)),
    // Once a minute at most (connector-keys.ts): joins the turn's batch like any write.
    touch: (id, at) => uow.write(() => void touch.run(at, id)),
    rotate: (hash, at, until) =>
      uow.write(() => {
        purge.run(at);
        expireEarlier.run(at, at); // only one previous key survives a rotation
        expireCurrent.run(until);
        insert.run(hash, at);
      }),
  };
}
