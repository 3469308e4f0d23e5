import type { FieldChange, LogRow } from '../../../shared/api/log-events.js';
import type { Review } from '../../../shared/api/refresh.js';
import type { AssetsRepo } from '../store/assets-repo.js';
import type { LogReadRepo } from '../store/log-read-repo.js';
import type { MembersRepo } from '../store/members-repo.js';
import type { ReviewRepo } from '../store/review-repo.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { InvalidInputError } from './errors.js';
import { recommendedAction } from './log-advice.js';

type ReviewMember = Review['members'][number];
type ReviewGroup = Review['groups'][number];
type ReviewRefusal = Review['refused'][number];


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

/**
 * The net effect of one group's writes in the window: created (later changes fold into it), deleted
 * (created and deleted in the window: left out), else updated with the changes whose first old
 * value differs from their last new one (a member who joined and left again nets to nothing).
 */
export function foldGroups(rows: ReadonlyArray<LogRow>): { groups: ReviewGroup[]; lastWrite: Map<string, number> } {
  const folds = new Map<string, { ops: string[]; name: string | null; changes: Map<string, { old: string | null; new: string | null }>; lastAt: string; lastId: number }>();
  for (const row of rows) {
    if (row.groupId === null) continue;
    let f = folds.get(row.groupId);
    if (!f) folds.set(row.groupId, (f = { ops: [], name: row.groupName, changes: new Map(), lastAt: row.at, lastId: row.id }));
    f.ops.push(row.operation);
    f.name = row.groupName ?? f.name;
    f.lastAt = row.at;
    f.lastId = row.id;
    for (const c of row.changes) {
      const prev = f.changes.get(c.field);
      if (prev) prev.new = c.new;
      else f.changes.set(c.field, { old: c.old, new: c.new });
    }
  }
  const groups: ReviewGroup[] = [];
  const lastWrite = new Map<string, number>();
  for (const [groupId, f] of folds) {
    lastWrite.set(`group:${groupId}`, f.lastId);
    const changes = [...f.changes].filter(([, c]) => c.old !== c.new).map(([field, c]) => ({ field, ...c }));
    const [first, last] = [f.ops[0], f.ops[f.ops.length - 1]];
    const kind = last === 'group-delete' ? (first === 'group-create' ? undefined : 'deleted') : first === 'group-create' ? 'created' : changes.length > 0 ? 'updated' : undefined;
    if (kind) groups.push({ groupId, displayName: f.name, kind, changes, lastAt: f.lastAt });
  }
  groups.sort((a, b) => (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0));
  return { groups, lastWrite };
}

export interface ReviewService {
  /** Everything the IdP changed or had refused since the last acknowledged review. */
  review(): Review;
  /** Record that the admin saw the review up to `toLogId`; a stale (already covered) id changes nothing. */
  acknowledge(toLogId: number): Review;
}

export interface ReviewDeps {
  readonly uow: UnitOfWork;
  readonly reviews: ReviewRepo;
  readonly log: Pick<LogReadRepo, 'maxId'>;
  readonly members: Pick<MembersRepo, 'byId'>;
  readonly assets: Pick<AssetsRepo, 'heldBy'>;
  readonly now: () => Date;
}

export function createReviewService(deps: ReviewDeps): ReviewService {
  const { reviews } = deps;
  function foldMembers(from: number, to: number): { members: ReviewMember[]; lastWrite: Map<string, number> } {
    const folds = new Map<string, Fold>();
    for (const row of reviews.writesBetween(from, to)) {
      if (row.memberId === null) continue;
      let f = folds.get(row.memberId);
      if (!f) folds.set(row.memberId, (f = { memberId: row.memberId, userName: row.userName, ops: [], changes: new Map(), lastAt: row.at, lastId: row.id, lastOffId: 0 }));
      f.ops.push(row.operation);
      f.userName = row.userName ?? f.userName;
      f.lastAt = row.at;
      f.lastId = row.id;
      if (row.operation === 'deactivate' || row.operation === 'delete') f.lastOffId = row.id;
      for (const c of row.changes) {
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
      members.push({ memberId: f.memberId, userName: f.userName, displayName: deps.members.byId(f.memberId)?.display_name ?? null, kind, changes: net, lastAt: f.lastAt });
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
    const latest = new Map<string, LogRow>();
    for (const row of reviews.refusalsBetween(from, to)) {
      if (row.operation === 'error' && row.method === 'GET') continue;
      const who = row.operation === 'auth-failure' ? '' : (row.memberId ?? (row.groupId ? `group:${row.groupId}` : `user:${row.userName?.toLowerCase() ?? ''}`));
      latest.set(`${row.operation}|${who}`, row);
    }
    const out: ReviewRefusal[] = [];
    for (const r of latest.values()) {
      const resolvedBy =
        r.operation === 'blocked-deactivation'
          ? (lastWrite.get(`off:${r.memberId ?? ''}`) ?? 0)
          : r.groupId !== null && r.memberId === null
            ? (lastWrite.get(`group:${r.groupId}`) ?? 0)
            : Math.max(lastWrite.get(r.memberId ?? '') ?? 0, lastWrite.get(`user:${r.userName?.toLowerCase() ?? ''}`) ?? 0);
      if (resolvedBy > r.id) continue;
      out.push({
        logId: r.id,
        memberId: r.memberId,
        userName: r.userName,
        groupName: r.groupName,
        operation: r.operation,
        detail: r.detail,
        action: recommendedAction(r) ?? 'See the log entry for details.',
        at: r.at,
        assets: r.operation === 'blocked-deactivation' && r.memberId ? deps.assets.heldBy(r.memberId).map((a) => ({ tag: a.tag, name: a.name })) : [],
      });
    }
    return out.sort((a, b) => b.logId - a.logId);
  }

  function review(): Review {
    const ack = reviews.lastAcknowledged();
    const fromLogId = ack?.toLogId ?? 0;
    const toLogId = Math.max(deps.log.maxId(), fromLogId);
    const { members, lastWrite } = foldMembers(fromLogId, toLogId);
    const groups = foldGroups(reviews.groupWritesBetween(fromLogId, toLogId));
    return {
      fromLogId,
      toLogId,
      since: ack?.at ?? null,
      members,
      groups: groups.groups,
      refused: foldRefusals(fromLogId, toLogId, new Map([...lastWrite, ...groups.lastWrite])),
      lastAcknowledged: ack ? { at: ack.at, by: ack.by } : null,
    };
  }

  return {
    review,
    acknowledge(toLogId) {
      const from = reviews.lastAcknowledged()?.toLogId ?? 0;
      if (toLogId > deps.log.maxId()) throw new InvalidInputError('invalid-review', `Log row ${toLogId} does not exist yet; refresh the review and acknowledge what it shows.`);
      if (toLogId > from) deps.uow.write(() => reviews.acknowledge(from, toLogId, deps.now().toISOString()));
      return review();
    },
  };
}
