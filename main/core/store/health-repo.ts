import { LOG_OPERATIONS } from '../../../shared/api/log-events.js';
import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';
import { HOLDS_ASSETS } from './assets-repo.js';
import { BY_EPOCH, epochsDownTo, IN_EPOCH } from './log-read-repo.js';

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
  WHERE m.lifecycle = 'present' AND m.active = 1 AND ${HOLDS_ASSETS('m.id')})
  WHERE blockedId IS NOT NULL`;
/**
 * …then, for each, whether a write-side row of that member came later: only the epochs since the
 * refusal are read. The coalesce term is the index key; `member_id` keeps rows that merely sent the
 * member's id as a userName out.
 */
export const LATER_WRITE_SQL = `${epochsDownTo('@after')} SELECT 1 FROM ${BY_EPOCH}
  WHERE ${IN_EPOCH} AND coalesce(member_id, user_name) = @member AND member_id = @member AND id > @after AND operation NOT IN (${READ_OPS}) LIMIT 1`;

/**
 * The newest row of any operation but auth failures and rate limiting, as one index seek per
 * operation in provisioning_log_operation (operation, id). `ORDER BY id DESC` with the exclusion as
 * a filter walked back over every refused row since the IdP's last request: after a flood of them,
 * an unbounded read on every health poll.
 */
export const LAST_IDP_REQUEST_SQL = `SELECT at, client FROM provisioning_log WHERE id = (SELECT max(m) FROM (${LOG_OPERATIONS.filter(
  (op) => op !== 'auth-failure' && op !== 'rate-limited',
)
  .map((op) => `SELECT max(id) AS m FROM provisioning_log WHERE operation = '${op}'`)
  .join(' UNION ALL ')}))`;

/** The aggregate reads behind GET /api/health, each served by an index. */
export interface HealthRepo {
  /** The newest request that was not an auth failure or rate limiting (those may come from anyone). */
  lastIdpRequest(): { at: string; client: string } | undefined;
  requestsSince(at: string): { n: number; failed: number };
  /** Members whose latest write-side row is a refused deactivation while they hold assets. */
  blockedDeprovisionings(): number;
  /** Database size in bytes (page count × page size). */
  databaseBytes(): number;
  /** Present (not deleted) members, and how many of them are active (GET /metrics). */
  memberCounts(): { total: number; active: number };
}

export function createHealthRepo(db: Db, beforeRead: UnitOfWork['beforeRead']): HealthRepo {
  const last = db.prepare<[], { at: string; client: string }>(LAST_IDP_REQUEST_SQL);
  // Both counts read the (result, id) index only, from the first row of the period on: reading
  // `result` from the table rows cost ~1 s at 200,000 rows a day (their bodies fill many pages),
  // and the GUI asks for health every few seconds while the log streams (issue #16).
  const counts = db.prepare<[string], { n: number; failed: number | null }>(
    `WITH first(id) AS (SELECT min(id) FROM provisioning_log INDEXED BY provisioning_log_at WHERE at >= ?)
     SELECT (SELECT count(*) FROM provisioning_log INDEXED BY provisioning_log_result, first WHERE result IN ('success', 'failure', 'skipped') AND provisioning_log.id >= first.id) AS n,
            (SELECT count(*) FROM provisioning_log INDEXED BY provisioning_log_result, first WHERE result = 'failure' AND provisioning_log.id >= first.id) AS failed`,
  );
  const holders = db.prepare<[], { memberId: string; blockedId: number }>(BLOCKED_HOLDERS_SQL);
  const laterWrite = db.prepare<[{ after: number; member: string }], 1>(LATER_WRITE_SQL).pluck();
  const members = db.prepare<[], { total: number; active: number | null }>("SELECT count(*) AS total, sum(active) AS active FROM members WHERE lifecycle = 'present'");
  return {
    lastIdpRequest: () => (beforeRead(), last.get()),
    requestsSince(at) {
      beforeRead();
      const c = counts.get(at);
      return { n: c?.n ?? 0, failed: c?.failed ?? 0 };
    },
    blockedDeprovisionings() {
      beforeRead();
      return holders.all().filter((h) => laterWrite.get({ after: h.blockedId, member: h.memberId }) === undefined).length;
    },
    databaseBytes: () => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number),
    memberCounts() {
      beforeRead();
      const c = members.get();
      return { total: c?.total ?? 0, active: c?.active ?? 0 };
    },
  };
}
