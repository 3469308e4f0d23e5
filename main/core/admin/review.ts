import { REVIEW_GROUP_CHANGES_SHOWN } from '../../../shared/api/refresh.js';
import type {
  ReviewChangesPage,
  ReviewGroup,
  ReviewGroupsPage,
  ReviewGroupsQuery,
  ReviewChangesQuery,
  ReviewProblem,
  ReviewProblemsPage,
  ReviewProblemsQuery,
  ReviewSummary,
} from '../../../shared/api/refresh.js';
import type { AssetsRepo } from '../store/assets-repo.js';
import type { ReviewRepo } from '../store/review-repo.js';
import type { ProblemRow } from '../store/review-problems-repo.js';
import type { GroupFold, GroupMemberFold } from '../store/review-group-changes-repo.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { InvalidInputError, NotFoundError } from './errors.js';
import { recommendedAction } from './log-advice.js';
import { netChanges } from './review-fold.js';
import type { ReviewIndexer } from './review-indexer.js';

/** Windows a request reads into the review itself before answering; the rest follows in the background. */
const CATCH_UP_STEPS = 10;
/** Role groups listed in the summary. */
const ROLE_GROUPS = 20;

export interface ReviewService {
  /** Counts of what changed and what needs the admin since the last acknowledgement. */
  summary(): ReviewSummary;
  changes(q: ReviewChangesQuery): ReviewChangesPage;
  groups(q: ReviewGroupsQuery): ReviewGroupsPage;
  problems(q: ReviewProblemsQuery): ReviewProblemsPage;
  problem(id: number): ReviewProblem;
  /** Record that the admin saw the review up to `toLogId` (one INSERT); open problems stay open. */
  acknowledge(toLogId: number): ReviewSummary;
  /** Close an open problem with the admin's reason; it stays closed when the IdP retries. */
  dismiss(id: number, reason: string): void;
  /** Close an open problem fixed by an admin action (`by` says which). */
  resolve(id: number, by: string): void;
  /** Standing blocked deprovisionings, every standing problem (health badge, Setup), and the notices since the last acknowledgement. */
  openCounts(): { blockedDeprovisionings: number; needsAction: number; notices: number };
}

export interface ReviewDeps {
  readonly uow: UnitOfWork;
  readonly reviews: ReviewRepo;
  readonly indexer: ReviewIndexer;
  readonly assets: Pick<AssetsRepo, 'heldBy'>;
  readonly now: () => Date;
}

/** A group's net change as the admin reads it: its own fields, then the members who joined or left (a bounded list, all counted). */
export function toReviewGroup(f: GroupFold, moved: ReadonlyArray<GroupMemberFold>): ReviewGroup {
  const shown = moved.slice(0, REVIEW_GROUP_CHANGES_SHOWN).map((m) => ({ field: `member:${m.userName}`, old: m.firstOld, new: m.lastNew }));
  return {
    groupId: f.groupId,
    displayName: f.displayName,
    kind: f.kind ?? 'updated',
    changes: [...netChanges(f.changes), ...shown],
    joined: f.joined,
    left: f.left,
    omitted: Math.max(0, f.joined + f.left - shown.length),
    lastAt: f.lastAt,
    logId: f.lastId,
  };
}

const FALLBACK_ACTION = 'Create the role, then give it to the members who asked for it; or keep the fallback role and dismiss this.';

export function createReviewService(deps: ReviewDeps): ReviewService {
  const { reviews } = deps;
  const { problems } = reviews;
  const ackPoint = (): number => reviews.lastAcknowledged()?.toLogId ?? 0;
  /**
   * Before any read: fold what the log has grown by (a bounded number of windows) and commit it, so
   * the review's own tables are read committed like every other repository (README, Architecture).
   */
  const fresh = (): number => {
    const pending = deps.indexer.catchUp(CATCH_UP_STEPS);
    reviews.beforeRead();
    return pending;
  };

  const toProblem = (p: ProblemRow & { standing: number }): ReviewProblem => ({
    id: p.id,
    operation: p.operation as ReviewProblem['operation'],
    memberId: p.member_id,
    userName: p.user_name,
    groupName: p.group_name,
    detail: p.detail,
    action:
      p.operation === 'role-fallback'
        ? FALLBACK_ACTION
        : (recommendedAction({ operation: p.operation, result: 'failure', status: p.status, scimType: p.scim_type, method: p.method }) ?? 'See the log entry.'),
    firstAt: p.first_at,
    at: p.at,
    attempts: p.attempts,
    logId: p.log_id,
    requestedRole: p.requested_role,
    assets: p.operation === 'blocked-deactivation' && p.member_id ? deps.assets.heldBy(p.member_id).map((a) => ({ id: a.assetId, tag: a.tag, name: a.name })) : [],
    standing: p.standing === 1,
  });

  function summary(): ReviewSummary {
    const pendingLogRows = fresh();
    const ack = reviews.lastAcknowledged();
    const fromLogId = ack?.toLogId ?? 0;
    const byKind = reviews.changes.counts(fromLogId);
    const groupsByKind = reviews.groupChanges.counts(fromLogId);
    const standing = problems.standingCounts() as ReviewSummary['needsAction']['byOperation'];
    const missingRoles = problems.roleCounts('rejected-role', ROLE_GROUPS).filter((r) => r.roleExists === 0);
    return {
      fromLogId,
      toLogId: Math.max(reviews.foldedTo(), fromLogId),
      since: ack?.at ?? null,
      lastAcknowledged: ack ? { at: ack.at, by: ack.by } : null,
      pendingLogRows,
      changes: { total: byKind.reduce((n, k) => n + k.count, 0), byKind },
      groups: { total: groupsByKind.reduce((n, k) => n + k.count, 0), byKind: groupsByKind },
      needsAction: { total: standing.reduce((n, k) => n + k.count, 0), byOperation: standing, missingRoles: missingRoles.map(({ value, count }) => ({ value, count })) },
      fallbacks: {
        total: problems.openCount('role-fallback'),
        roles: problems.roleCounts('role-fallback', ROLE_GROUPS).map((r) => ({ value: r.value, count: r.count, roleExists: r.roleExists === 1 })),
      },
      waiting: problems.waitingCount(),
      notices: problems.notices(fromLogId).map((n) => ({
        operation: n.operation,
        count: n.attempts,
        lastAt: n.at,
        detail: n.detail,
        action: recommendedAction({ operation: n.operation, result: 'failure', status: n.status, scimType: n.scim_type, method: n.method }) ?? 'See the log.',
      })),
    };
  }

  return {
    summary,
    changes(q) {
      fresh();
      const rows = reviews.changes.page({ ack: ackPoint(), kind: q.kind, query: q.query?.trim() || undefined, beforeId: q.cursor === undefined ? undefined : Number(q.cursor), limit: q.limit + 1 });
      const page = rows.slice(0, q.limit);
      return {
        rows: page.map((f) => ({
          memberId: f.memberId,
          userName: f.userName,
          displayName: f.currentDisplayName ?? f.displayName,
          kind: f.kind ?? 'updated',
          changes: netChanges(f.changes),
          currentRole: f.currentRole,
          lastAt: f.lastAt,
          logId: f.lastId,
        })),
        nextCursor: rows.length > q.limit ? String(page[page.length - 1]?.lastId ?? '') : null,
      };
    },
    groups(q) {
      fresh();
      const ack = ackPoint();
      const rows = reviews.groupChanges.page(ack, q.cursor === undefined ? undefined : Number(q.cursor), q.limit + 1);
      const page = rows.slice(0, q.limit);
      const moved = (f: GroupFold) => reviews.groupChanges.movedMembers(f.groupId, ack, REVIEW_GROUP_CHANGES_SHOWN);
      return { rows: page.map((f) => toReviewGroup(f, moved(f))), nextCursor: rows.length > q.limit ? String(page[page.length - 1]?.lastId ?? '') : null };
    },
    problems(q) {
      fresh();
      const rows = problems.page({ state: q.state, operation: q.operation, role: q.role, beforeId: q.cursor === undefined ? undefined : Number(q.cursor), limit: q.limit + 1 });
      const page = rows.slice(0, q.limit);
      return { rows: page.map(toProblem), nextCursor: rows.length > q.limit ? String(page[page.length - 1]?.id ?? '') : null };
    },
    problem(id) {
      reviews.beforeRead();
      const p = problems.byId(id);
      if (!p) throw new NotFoundError('problem-not-found', `There is no review problem with id ${id}.`);
      return toProblem(p);
    },
    acknowledge(toLogId) {
      const from = ackPoint();
      if (toLogId > reviews.maxLogId()) throw new InvalidInputError('invalid-review', `Log row ${toLogId} does not exist yet; refresh the review and acknowledge what it shows.`);
      if (toLogId > from) {
        deps.uow.write(() => {
          reviews.acknowledge(from, toLogId, deps.now().toISOString());
          // The review has usually read on since the admin looked: folds touched after `toLogId` mix
          // what was acknowledged with what was not. They are dropped and read again from there.
          if (reviews.foldedTo() > toLogId) {
            reviews.changes.dropAfter(toLogId);
            reviews.groupChanges.dropAfter(toLogId);
            reviews.setFoldedTo(toLogId);
          }
        });
      }
      return summary();
    },
    dismiss(id, reason) {
      reviews.beforeRead();
      const p = problems.byId(id);
      if (!p || p.state !== 'open') throw new NotFoundError('problem-not-found', `There is no open review problem with id ${id}; it may have been resolved already.`);
      deps.uow.write(() => problems.dismiss(id, reason, deps.now().toISOString()));
    },
    resolve(id, by) {
      deps.uow.write(() => problems.resolve(id, by, deps.now().toISOString()));
    },
    openCounts() {
      fresh();
      const standing = problems.standingCounts();
      return {
        blockedDeprovisionings: standing.find((s) => s.value === 'blocked-deactivation')?.count ?? 0,
        needsAction: standing.reduce((n, s) => n + s.count, 0),
        notices: problems.notices(ackPoint()).length,
      };
    },
  };
}
