import type { FieldChange } from '../../../shared/api/log-events.js';
import type { Review } from '../../../shared/api/refresh.js';
import type { Core } from '../create-core.js';
import { InvalidInputError } from './errors.js';
import { recommendedAction } from './log-advice.js';
import { LOG_COLUMNS, toLogRow } from './log-query.js';
import type { LogDbRow } from './log-query.js';

type ReviewMember = Review['members'][number];
type ReviewRefusal = Review['refused'][number];

const WRITE_OPS = ['create', 'update', 'replace', 'deactivate', 'reactivate', 'delete', 'revive'] as const;
const REFUSAL_OPS = ['blocked-deactivation', 'rejected-role', 'error', 'auth-failure'] as const;
const list = (ops: ReadonlyArray<string>): string => ops.map((o) => `'${o}'`).join(', ');

interface Fold {
  memberId: string;
  userName: string | null;
  ops: string[];
  changes: Map<string, { old: string | null; new: string | null }>;
  lastAt: string;
  lastId: number;
  /** Id of the last successful deactivate/delete (what resolves a blocked deactivation). */
  lastOffId: number;
}

/**
 * The net effect of one member's successful writes in the window. Rules (documented for the GUI):
 * - ends with delete → `deleted`, except created and deleted in the same window → left out (net nothing);
 * - starts with create → `created` (later updates fold into it);
 * - any revive → `revived`;
 * - active went true → false → `deactivated`; false → true → `reactivated`;
 * - otherwise `updated` with the fields whose first old value differs from their last new value,
 *   so deactivate-then-reactivate with nothing else changed nets to nothing and is left out.
 */
export function netKind(ops: ReadonlyArray<string>, net: ReadonlyArray<FieldChange>): ReviewMember['kind'] | undefined {
  const first = ops[0];
  const last = ops[ops.length - 1];
  if (last === 'delete') return first === 'create' ? undefined : 'deleted';
  if (first === 'create') return 'created';
  if (ops.includes('revive')) return 'revived';
  const active = net.find((c) => c.field === 'active');
  if (active?.old === 'true' && active.new === 'false') return 'deactivated';
  if (active?.old === 'false' && active.new === 'true') return 'reactivated';
  return net.length > 0 ? 'updated' : undefined;
}

export interface ReviewService {
  /** Everything the IdP changed or had refused since the last acknowledged review. */
  review(): Review;
  /** Record that the admin saw the review up to `toLogId`; a stale (already covered) id changes nothing. */
  acknowledge(toLogId: number): Review;
}

export function createReviewService(core: Core): ReviewService {
  const { db } = core;
  const lastAck = db.prepare<[], { to_log_id: number; acknowledged_at: string; acknowledged_by: string }>('SELECT * FROM reviews ORDER BY id DESC LIMIT 1');
  const maxId = db.prepare<[], { v: number | null }>('SELECT max(id) AS v FROM provisioning_log');
  const writes = db.prepare<[number, number], LogDbRow>(
    `SELECT ${LOG_COLUMNS} FROM provisioning_log WHERE operation IN (${list(WRITE_OPS)}) AND result = 'success' AND id > ? AND id <= ? ORDER BY id`,
  );
  const refusals = db.prepare<[number, number], LogDbRow>(
    `SELECT ${LOG_COLUMNS} FROM provisioning_log WHERE operation IN (${list(REFUSAL_OPS)}) AND result = 'failure' AND id > ? AND id <= ? ORDER BY id`,
  );
  const member = db.prepare<[string], { display_name: string | null }>('SELECT display_name FROM members WHERE id = ?');
  const heldAssets = db.prepare<[string], { tag: string; name: string }>(
    'SELECT a.tag, a.name FROM checkouts c JOIN assets a ON a.id = c.asset_id WHERE c.member_id = ? AND c.checked_in_at IS NULL ORDER BY a.tag',
  );
  const insert = db.prepare("INSERT INTO reviews (from_log_id, to_log_id, acknowledged_at, acknowledged_by) VALUES (?, ?, ?, 'admin')");

  function foldMembers(from: number, to: number): { members: ReviewMember[]; lastWrite: Map<string, number> } {
    const folds = new Map<string, Fold>();
    for (const row of writes.all(from, to)) {
      if (row.member_id === null) continue;
      let f = folds.get(row.member_id);
      if (!f) folds.set(row.member_id, (f = { memberId: row.member_id, userName: row.user_name, ops: [], changes: new Map(), lastAt: row.at, lastId: row.id, lastOffId: 0 }));
      f.ops.push(row.operation);
      f.userName = row.user_name ?? f.userName;
      f.lastAt = row.at;
      f.lastId = row.id;
      if (row.operation === 'deactivate' || row.operation === 'delete') f.lastOffId = row.id;
      for (const c of toLogRow(row).changes) {
        const prev = f.changes.get(c.field);
        if (prev) prev.new = c.new;
        else f.changes.set(c.field, { old: c.old, new: c.new });
      }
    }
    const members: ReviewMember[] = [];
    const lastWrite = new Map<string, number>();
    for (const f of folds.values()) {
      lastWrite.set(f.memberId, f.lastId);
      lastWrite.set(`off:${f.memberId}`, f.lastOffId);
      if (f.userName) lastWrite.set(`user:${f.userName.toLowerCase()}`, f.lastId);
      const net = [...f.changes].filter(([, c]) => c.old !== c.new).map(([field, c]) => ({ field, ...c }));
      const kind = netKind(f.ops, net);
      if (!kind) continue;
      members.push({ memberId: f.memberId, userName: f.userName, displayName: member.get(f.memberId)?.display_name ?? null, kind, changes: net, lastAt: f.lastAt });
    }
    members.sort((a, b) => (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0));
    return { members, lastWrite };
  }

  /**
   * Refusals, one per member and kind (the IdP retries every cycle; the newest attempt is shown),
   * minus those a later successful write for the same member resolved (for a blocked deactivation:
   * a later deactivate or delete). Failed reads are not
   * refusals; auth failures collapse into one entry.
   */
  function foldRefusals(from: number, to: number, lastWrite: ReadonlyMap<string, number>): ReviewRefusal[] {
    const latest = new Map<string, LogDbRow>();
    for (const row of refusals.all(from, to)) {
      if (row.operation === 'error' && row.method === 'GET') continue;
      const who = row.operation === 'auth-failure' ? '' : (row.member_id ?? `user:${row.user_name?.toLowerCase() ?? ''}`);
      latest.set(`${row.operation}|${who}`, row);
    }
    const out: ReviewRefusal[] = [];
    for (const row of latest.values()) {
      const resolvedBy =
        row.operation === 'blocked-deactivation'
          ? (lastWrite.get(`off:${row.member_id ?? ''}`) ?? 0)
          : Math.max(lastWrite.get(row.member_id ?? '') ?? 0, lastWrite.get(`user:${row.user_name?.toLowerCase() ?? ''}`) ?? 0);
      if (resolvedBy > row.id) continue;
      const r = toLogRow(row);
      out.push({
        logId: r.id,
        memberId: r.memberId,
        userName: r.userName,
        operation: r.operation,
        detail: r.detail,
        action: recommendedAction(r) ?? 'See the log entry for details.',
        at: r.at,
        assets: r.operation === 'blocked-deactivation' && r.memberId ? heldAssets.all(r.memberId) : [],
      });
    }
    return out.sort((a, b) => b.logId - a.logId);
  }

  function review(): Review {
    core.log.flush();
    const ack = lastAck.get();
    const fromLogId = ack?.to_log_id ?? 0;
    const toLogId = Math.max(maxId.get()?.v ?? 0, fromLogId);
    const { members, lastWrite } = foldMembers(fromLogId, toLogId);
    return {
      fromLogId,
      toLogId,
      since: ack?.acknowledged_at ?? null,
      members,
      refused: foldRefusals(fromLogId, toLogId, lastWrite),
      lastAcknowledged: ack ? { at: ack.acknowledged_at, by: ack.acknowledged_by } : null,
    };
  }

  return {
    review,
    acknowledge(toLogId) {
      core.log.flush();
      const from = lastAck.get()?.to_log_id ?? 0;
      const max = maxId.get()?.v ?? 0;
      if (toLogId > max) throw new InvalidInputError('invalid-review', `Log row ${toLogId} does not exist yet; refresh the review and acknowledge what it shows.`);
      if (toLogId > from) insert.run(from, toLogId, core.now().toISOString());
      return review();
    },
  };
}
