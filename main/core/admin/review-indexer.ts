import type { EventBus } from '../events.js';
import type { Logger } from '../logger.js';
import { parseChanges } from '../store/json-columns.js';
import type { ReviewLogRow, ReviewRepo } from '../store/review-repo.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { GROUP_WRITE_OPS } from '../store/review-repo.js';
import { RESOLVED_BY_GROUP_WRITE, fallbackOf, foldGroupWrite, foldWrite, groupSubject, problemOf, resolvedByWrite, userSubject } from './review-fold.js';
import type { ProblemKey } from './review-fold.js';

/** Log row ids read per step: one step is one bounded read and one write of at most this many rows. */
export const REVIEW_WINDOW = 2000;
/** Acknowledged rows deleted per step. */
const PRUNE_ROWS = 500;
/** New log rows are read into the review this long after they were announced (one step per turn). */
const DEBOUNCE_MS = 300;

export interface ReviewIndexer {
  /** Read new log rows into the review, at most `maxSteps` windows; returns how many log ids are left. */
  catchUp(maxSteps: number): number;
  /** Follow the log as it grows (steps run off the request path, one per event-loop turn). Returns a stopper. */
  follow(events: EventBus): () => void;
}

export interface ReviewIndexerDeps {
  readonly uow: UnitOfWork;
  readonly reviews: ReviewRepo;
  readonly logger: Logger;
}

/**
 * Keeps review_changes and review_problems (migration 0011) up to date with the provisioning log,
 * a window of {@link REVIEW_WINDOW} log ids at a time, so neither the review nor Acknowledge ever
 * reads more than a page: the work a 100,000-user first sync adds is spread over the sync itself.
 */
export function createReviewIndexer(deps: ReviewIndexerDeps): ReviewIndexer {
  const { reviews, uow } = deps;
  const { changes, problems, groupChanges } = reviews;
  const isGroupWrite = (op: string): boolean => (GROUP_WRITE_OPS as ReadonlyArray<string>).includes(op);

  function seen(p: ProblemKey, r: ReviewLogRow, ack: number): void {
    problems.seen(
      { ...p, memberId: r.memberId, userName: r.userName, groupName: r.groupName, logId: r.id, at: r.at, status: r.status, scimType: r.scimType, method: r.method, detail: r.detail },
      ack,
    );
  }

  function foldRow(r: ReviewLogRow, ack: number, state: { hasOpen: boolean }): void {
    if (r.result !== 'success') {
      const p = problemOf(r);
      if (p) {
        seen(p, r, ack);
        state.hasOpen = true;
      }
      return;
    }
    if (isGroupWrite(r.operation) && r.groupId !== null) {
      foldGroupRow({ ...r, groupId: r.groupId }, ack, state);
      return;
    }
    if (r.memberId === null) return;
    const memberId = r.memberId;
    const rowChanges = parseChanges(r.changesJson, 'provisioning_log.changes_json');
    // A create names a new member: it has no fold to continue.
    const prev = r.operation === 'create' ? undefined : changes.current(memberId, ack);
    const fold = foldWrite(prev, r, rowChanges, () => reviews.displayName(memberId));
    changes.put(fold, prev ? undefined : (r.changesJson ?? '[]'));
    if (state.hasOpen) {
      const subjects = r.userName ? [memberId, userSubject(r.userName)] : [memberId];
      problems.resolveSubjects(subjects, r.id, r.at, resolvedByWrite(r.operation, rowChanges));
    }
    const fallback = fallbackOf(r, rowChanges);
    if (fallback) {
      seen(fallback, r, ack);
      state.hasOpen = true;
    }
  }

  /** A group write: its net change, and it resolves the group's earlier refusals. */
  function foldGroupRow(r: ReviewLogRow & { readonly groupId: string }, ack: number, state: { hasOpen: boolean }): void {
    const prev = r.operation === 'group-create' ? undefined : groupChanges.current(r.groupId, ack);
    const { fold, members } = foldGroupWrite(prev, r, parseChanges(r.changesJson, 'provisioning_log.changes_json'), (userName) => groupChanges.member(r.groupId, userName, ack));
    groupChanges.put(fold);
    for (const m of members) groupChanges.putMember(r.groupId, m, r.id);
    if (state.hasOpen) problems.resolveSubjects([groupSubject(r.groupId)], r.id, r.at, RESOLVED_BY_GROUP_WRITE);
  }

  function step(ack: number, to: number): void {
    const from = reviews.foldedTo();
    const upper = Math.min(to, from + REVIEW_WINDOW);
    const rows = reviews.window(from, upper);
    uow.write(() => {
      const state = { hasOpen: problems.anyOpen() };
      for (const r of rows) foldRow(r, ack, state);
      reviews.setFoldedTo(upper);
      changes.prune(ack, PRUNE_ROWS);
      groupChanges.prune(ack, PRUNE_ROWS);
      problems.prune(ack, PRUNE_ROWS);
    });
  }

  function catchUp(maxSteps: number): number {
    const ack = reviews.lastAcknowledged()?.toLogId ?? 0;
    const to = reviews.maxLogId();
    for (let n = 0; n < maxSteps && reviews.foldedTo() < to; n++) step(ack, to);
    return Math.max(0, to - reviews.foldedTo());
  }

  return {
    catchUp,
    follow(events) {
      let timer: NodeJS.Timeout | undefined;
      let isStopped = false;
      const run = (): void => {
        timer = undefined;
        if (isStopped) return;
        try {
          // One window per turn, so SCIM requests are served in between.
          if (catchUp(1) > 0) schedule(0);
        } catch (err) {
          deps.logger.error({ err }, 'reading the provisioning log into the sync review failed; retrying on the next log row');
        }
      };
      const schedule = (ms: number): void => {
        if (timer || isStopped) return;
        timer = setTimeout(run, ms);
        timer.unref();
      };
      const off = events.on('log-row-added', () => schedule(DEBOUNCE_MS));
      schedule(0); // rows logged while the app was stopped, or before an upgrade
      return () => {
        isStopped = true;
        off();
        if (timer) clearTimeout(timer);
      };
    },
  };
}
