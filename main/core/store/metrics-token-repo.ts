import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';

export interface MetricsTokenRow {
  readonly hash: string;
  readonly created_at: string;
}

/** `metrics_token`: the hash of the one metrics token (migration 0008), if any. */
export interface MetricsTokenRepo {
  get(): MetricsTokenRow | undefined;
  /** Replace the token: the previous one stops working at once. */
  set(hash: string, at: string): void;
}

export function createMetricsTokenRepo(db: Db, uow: UnitOfWork): MetricsTokenRepo {
  const select = db.prepare<[], MetricsTokenRow>('SELECT hash, created_at FROM metrics_token WHERE id = 1');
  const upsert = db.prepare('INSERT INTO metrics_token (id, hash, created_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET hash = excluded.hash, created_at = excluded.created_at');
  return {
    get: () => (uow.beforeRead(), select.get()),
    set: (hash, at) => uow.write(() => void upsert.run(hash, at)),
  };
}
