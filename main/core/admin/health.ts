import type { Health } from '../../../shared/api/health.js';
import type { Core } from '../create-core.js';
import { BY_EPOCH, epochsDownTo, IN_EPOCH } from './log-query.js';

/** Log operations that are reads: they never decide whether a member's deprovisioning is blocked. */
const READ_OPS = "'lookup', 'list', 'read', 'discovery'";

/**
 * A member is still refused a deprovisioning when its latest write-side log row is the refused
 * deactivation. Asked in two steps, neither of which needs a random-key index on every log row
 * (migration 0007): the active asset holders with their latest refusal (one seek each in the
 * partial index of refusals)…
 */
export const BLOCKED_HOLDERS_SQL = `SELECT id AS memberId, blockedId FROM (
  SELECT m.id, (SELECT max(l.id) FROM provisioning_log l INDEXED BY provisioning_log_blocked
                WHERE l.operation = 'blocked-deactivation' AND l.member_id = m.id) AS blockedId
  FROM members m
  WHERE m.lifecycle = 'present' AND m.active = 1
    AND EXISTS (SELECT 1 FROM checkouts c WHERE c.member_id = m.id AND c.checked_in_at IS NULL))
  WHERE blockedId IS NOT NULL`;
/**
 * …then, for each, whether a write-side row of that member came later: only the epochs since the
 * refusal are read. The coalesce term is the index key; `member_id` keeps rows that merely sent the
 * member's id as a userName out.
 */
export const LATER_WRITE_SQL = `${epochsDownTo('@after')} SELECT 1 FROM ${BY_EPOCH}
  WHERE ${IN_EPOCH} AND coalesce(member_id, user_name) = @member AND member_id = @member AND id > @after AND operation NOT IN (${READ_OPS}) LIMIT 1`;

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
  const holders = db.prepare<[], { memberId: string; blockedId: number }>(BLOCKED_HOLDERS_SQL);
  const laterWrite = db.prepare<[{ after: number; member: string }], 1>(LATER_WRITE_SQL).pluck();
  const blocked = (): number => holders.all().filter((h) => laterWrite.get({ after: h.blockedId, member: h.memberId }) === undefined).length;
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
      blockedDeprovisionings: blocked(),
      leaversHoldingAssets: leavers.get()?.n ?? 0,
      dbSizeBytes: pages * pageSize,
    };
  };
}
