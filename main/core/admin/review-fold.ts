import type { FieldChange } from '../../../shared/api/log-events.js';
import type { ProblemOperation, ReviewGroupKind, ReviewKind } from '../../../shared/api/refresh.js';
import type { MemberFold } from '../store/review-changes-repo.js';
import type { GroupFold, GroupMemberFold } from '../store/review-group-changes-repo.js';
import type { ReviewLogRow } from '../store/review-repo.js';

/** The parts of a log row the fold reads (the row as review-repo.ts reads it, without the answer's status). */
export type FoldRow = Omit<ReviewLogRow, 'status' | 'scimType'>;

/** Fields whose old and new value differ: what the admin is shown. */
export const netChanges = (changes: ReadonlyArray<FieldChange>): FieldChange[] => changes.filter((c) => c.old !== c.new);

/**
 * The net effect of one member's successful writes in the window:
 * - ends with delete → `deleted`, except created and deleted in the same window → nothing;
 * - starts with create → `created` (later updates fold into it);
 * - any revive → `revived`;
 * - active went true → false → `deactivated`; false → true → `reactivated`;
 * - otherwise `updated` with the fields whose first old value differs from their last new value,
 *   so deactivate-then-reactivate with nothing else changed nets to nothing.
 */
export function netKind(firstOp: string, lastOp: string, revived: boolean, net: ReadonlyArray<FieldChange>): ReviewKind | null {
  if (lastOp === 'delete') return firstOp === 'create' ? null : 'deleted';
  if (firstOp === 'create') return 'created';
  if (revived) return 'revived';
  const active = net.find((c) => c.field === 'active');
  if (active?.old === 'true' && active.new === 'false') return 'deactivated';
  if (active?.old === 'false' && active.new === 'true') return 'reactivated';
  return net.length > 0 ? 'updated' : null;
}

/** Merge a later change set into a folded one: first old value, last new value (and last request). */
export function mergeChanges(folded: ReadonlyArray<FieldChange>, later: ReadonlyArray<FieldChange>): FieldChange[] {
  const byField = new Map(folded.map((c) => [c.field, c]));
  for (const c of later) {
    const prev = byField.get(c.field);
    const old = prev ? prev.old : c.old;
    byField.set(c.field, c.requested === undefined ? { field: c.field, old, new: c.new } : { field: c.field, old, new: c.new, requested: c.requested });
  }
  return [...byField.values()];
}

/**
 * Fold a successful write into the member's fold, or start one (`prev` undefined: the first write
 * since the last acknowledgement). `displayName` is the member's current one when the changes do
 * not name it.
 */
export function foldWrite(prev: MemberFold | undefined, row: FoldRow, changes: ReadonlyArray<FieldChange>, displayName: () => string | null): MemberFold {
  const merged = prev ? mergeChanges(prev.changes, changes) : [...changes];
  const firstOp = prev?.firstOp ?? row.operation;
  const revived = (prev?.revived ?? false) || row.operation === 'revive';
  const named = changes.find((c) => c.field === 'displayName');
  return {
    memberId: row.memberId ?? '',
    userName: row.userName ?? prev?.userName ?? null,
    displayName: named ? named.new : (prev?.displayName ?? displayName()),
    firstId: prev?.firstId ?? row.id,
    lastId: row.id,
    lastAt: row.at,
    firstOp,
    lastOp: row.operation,
    revived,
    changes: merged,
    kind: netKind(firstOp, row.operation, revived, netChanges(merged)),
  };
}

/**
 * The net effect of one IdP group's writes in the window: created (later changes fold into it),
 * deleted (created and deleted in the window: nothing), else updated with the changes whose first
 * old value differs from their last new one (a member who joined and left again nets to nothing).
 */
export function netGroupKind(firstOp: string, lastOp: string, hasNetChange: boolean): ReviewGroupKind | null {
  if (lastOp === 'group-delete') return firstOp === 'group-create' ? null : 'deleted';
  if (firstOp === 'group-create') return 'created';
  return hasNetChange ? 'updated' : null;
}

/** Whether a member's first and last place in a group since the acknowledgement make a join or a leave. */
const moveOf = (m: Pick<GroupMemberFold, 'firstOld' | 'lastNew'> | undefined): 'joined' | 'left' | null =>
  m === undefined ? null : m.firstOld === null && m.lastNew !== null ? 'joined' : m.firstOld !== null && m.lastNew === null ? 'left' : null;

/**
 * Fold a successful group write into the group's fold, or start one. The group's own fields fold
 * into its change set; each `member:<userName>` line folds into that member's row (`member` reads
 * it, the result lists what to store), and the net joins and leaves are counted as they change, so
 * a write costs what it carries, not the size of the group.
 */
export function foldGroupWrite(
  prev: GroupFold | undefined,
  row: FoldRow & { readonly groupId: string },
  changes: ReadonlyArray<FieldChange>,
  member: (userName: string) => GroupMemberFold | undefined,
): { fold: GroupFold; members: GroupMemberFold[] } {
  const fields = changes.filter((c) => !c.field.startsWith('member:'));
  const merged = prev ? mergeChanges(prev.changes, fields) : [...fields];
  const count = { joined: prev?.joined ?? 0, left: prev?.left ?? 0 };
  const members: GroupMemberFold[] = [];
  for (const c of changes) {
    if (!c.field.startsWith('member:')) continue;
    const userName = c.field.slice('member:'.length);
    const before = member(userName);
    const after: GroupMemberFold = { userName, firstOld: before ? before.firstOld : c.old, lastNew: c.new };
    const [was, now] = [moveOf(before), moveOf(after)];
    if (was) count[was]--;
    if (now) count[now]++;
    members.push(after);
  }
  const firstOp = prev?.firstOp ?? row.operation;
  const fold: GroupFold = {
    groupId: row.groupId,
    displayName: row.groupName ?? prev?.displayName ?? null,
    firstId: prev?.firstId ?? row.id,
    lastId: row.id,
    lastAt: row.at,
    firstOp,
    lastOp: row.operation,
    changes: merged,
    joined: count.joined,
    left: count.left,
    kind: netGroupKind(firstOp, row.operation, netChanges(merged).length + count.joined + count.left > 0),
  };
  return { fold, members };
}

/** `group:<id>`: the subject of a refused request about an IdP group. */
export const groupSubject = (groupId: string): string => `group:${groupId}`;

/** A refusal (or fallback) as the review keeps it. */
export interface ProblemKey {
  readonly key: string;
  readonly operation: ProblemOperation | 'auth-failure';
  /** The member id, `user:<userName>` for a refused create, or '' when it is about no member. */
  readonly subject: string;
  /** Stays open across acknowledgements (about one member); auth failures and the like do not. */
  readonly sticky: boolean;
  readonly requestedRole: string | null;
}

const REFUSALS = new Set(['blocked-deactivation', 'rejected-role', 'error', 'auth-failure']);

/** `user:<userName, lower case>`: the subject of rows without a member (a refused create). */
export const userSubject = (userName: string): string => `user:${userName.toLowerCase()}`;

/** The role name in a "do not provision" refusal (role-map.ts words it). */
export function requestedRoleOf(detail: string | null): string | null {
  const m = /^Role "(.+)" does not exist in SCIM Desk\./s.exec(detail ?? '');
  return m?.[1] ?? null;
}

/** The problem a refused request is, or undefined (successes, failed reads, rate limiting). */
export function problemOf(row: FoldRow): ProblemKey | undefined {
  if (row.result !== 'failure' || !REFUSALS.has(row.operation)) return undefined;
  if (row.operation === 'error' && row.method === 'GET') return undefined;
  const operation = row.operation as ProblemKey['operation'];
  const subject =
    operation === 'auth-failure' ? '' : (row.memberId ?? (row.groupId !== null ? groupSubject(row.groupId) : row.userName ? userSubject(row.userName) : ''));
  return {
    key: `${operation}|${subject}`,
    operation,
    subject,
    sticky: operation !== 'auth-failure' && subject !== '',
    requestedRole: operation === 'rejected-role' ? requestedRoleOf(row.detail) : null,
  };
}

/** The fallback a successful write reports: the role change that names the role asked for. */
export function fallbackOf(row: FoldRow, changes: ReadonlyArray<FieldChange>): ProblemKey | undefined {
  const role = changes.find((c) => c.field === 'role');
  if (!role?.requested || !row.memberId) return undefined;
  return { key: `role-fallback|${row.memberId}`, operation: 'role-fallback', subject: row.memberId, sticky: true, requestedRole: role.requested };
}

/** Whether a successful write's role change decided the role anew (so an earlier fallback no longer holds). */
export const decidesRole = (changes: ReadonlyArray<FieldChange>): boolean => changes.some((c) => c.field === 'role' && c.requested === undefined);

/**
 * The member's problems a successful write of it resolves:
 * - a write the IdP retried (create, update, replace…) resolves its refusals (`rejected-role`,
 *   `error`); a blocked deactivation only when the member ended up out of service (deactivated or
 *   deleted), not because some other attribute changed meanwhile;
 * - a group push (`group-membership`) is not the member's request going through: it resolves
 *   nothing but a role fallback its role change overrides;
 * - any write whose role was decided anew resolves a role fallback.
 */
export function resolvedByWrite(operation: string, changes: ReadonlyArray<FieldChange>): ProblemOperation[] {
  const fallback: ProblemOperation[] = decidesRole(changes) ? ['role-fallback'] : [];
  if (operation === 'group-membership') return fallback;
  const isOut = operation === 'deactivate' || operation === 'delete' || changes.some((c) => c.field === 'active' && c.new === 'false');
  return ['rejected-role', 'error', ...(isOut ? (['blocked-deactivation'] as const) : []), ...fallback];
}

/** A group's refusals a successful write of the group resolves. */
export const RESOLVED_BY_GROUP_WRITE: ReadonlyArray<ProblemOperation> = ['error'];
