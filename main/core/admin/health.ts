import type { Health } from '../../../shared/api/health.js';
import type { Core } from '../create-core.js';

/** Log operations that are reads: they never decide whether a member's deprovisioning is blocked. */
const READ_OPS = "'lookup', 'list', 'read', 'discovery'";

/**
 * Members still refused a deprovisioning: the member's latest write-side log row is the blocked
 * deactivation. The log is read through its index of write-side rows (provisioning_log_subject_writes,
 * migration 0007), whose WHERE is the `NOT IN (READ_OPS)` term below, word for word. `+m.id` drops
 * the column's affinity, which would otherwise keep SQLite off an index on an expression and make it
 * scan the whole log for every member holding assets.
 */
export const BLOCKED_SQL = `SELECT count(*) AS n FROM members m
  WHERE m.lifecycle = 'present' AND m.active = 1
    AND EXISTS (SELECT 1 FROM checkouts c WHERE c.member_id = m.id AND c.checked_in_at IS NULL)
    AND (SELECT l.operation FROM provisioning_log l WHERE coalesce(l.member_id, l.user_name) = +m.id AND l.member_id = m.id
         AND l.operation NOT IN (${READ_OPS}) ORDER BY l.id DESC LIMIT 1) = 'blocked-deactivation'`;

/** GET /api/health: cheap aggregate queries, each served by an index. */
export function createHealth(core: Core): () => Health {
  const { db } = core;
  // Auth failures and rate limiting may come from anyone on the network, not the IdP.
  const last = db.prepare<[], { at: string; client: string }>(
    "SELECT at, client FROM provisioning_log WHERE operation NOT IN ('auth-failure', 'rate-limited') ORDER BY id DESC LIMIT 1",
  );
  const counts = db.prepare<[string], { n: number; failed: number | null }>(
    "SELECT count(*) AS n, sum(result = 'failure') AS failed FROM provisioning_log INDEXED BY provisioning_log_at WHERE at >= ?",
  );
  const blocked = db.prepare<[], { n: number }>(BLOCKED_SQL);
  const leavers = db.prepare<[], { n: number }>(
    `SELECT count(*) AS n FROM members m WHERE m.leaver_holding_assets = 1
       AND EXISTS (SELECT 1 FROM checkouts c WHERE c.member_id = m.id AND c.checked_in_at IS NULL)`,
  );
  return () => {
    core.log.flush();
    const l = last.get();
    const c = counts.get(new Date(core.now().getTime() - 86_400_000).toISOString());
    const pages = db.pragma('page_count', { simple: true }) as number;
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    return {
      scimEnabled: core.settings.get().scimEnabled,
      lastRequestAt: l?.at ?? null,
      lastClient: l?.client ?? null,
      requests24h: c?.n ?? 0,
      failures24h: c?.failed ?? 0,
      blockedDeprovisionings: blocked.get()?.n ?? 0,
      leaversHoldingAssets: leavers.get()?.n ?? 0,
      dbSizeBytes: pages * pageSize,
    };
  };
}
