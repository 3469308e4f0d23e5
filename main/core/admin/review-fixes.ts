import type { MemberRoles } from '../members/member-roles.js';
import type { MembersRepo } from '../store/members-repo.js';
import type { ReviewRepo } from '../store/review-repo.js';
import type { RolesRepo } from '../store/roles-repo.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { ConflictError, NotFoundError } from './errors.js';

/** Members given a role per write (each one a history entry and a new version). */
const APPLY_BATCH = 500;

/** The one-click fixes the Sync review offers on its problems (issue #16). */
export interface ReviewFixes {
  /** Give role `name` (it must exist) to the members who fell back from it; answers how many got it. */
  applyRole(name: string): { role: string; applied: number };
  /** Deactivate the member of a blocked deactivation although it holds assets, flagged as a leaver holding assets. */
  deactivateAnyway(problemId: number): void;
}

export interface ReviewFixesDeps {
  readonly uow: UnitOfWork;
  readonly reviews: Pick<ReviewRepo, 'problems' | 'beforeRead'>;
  readonly roles: Pick<RolesRepo, 'refByName'>;
  readonly members: Pick<MembersRepo, 'byId'>;
  /** Decides a member's role again by the role rules (groups, then the attribute, or the other way round). */
  readonly memberRoles: Pick<MemberRoles, 'refresh'>;
  /** The admin's deactivation (members-admin.ts), which flags a member still holding assets. */
  readonly deactivate: (memberId: string) => void;
  readonly now: () => Date;
}

export function createReviewFixes(deps: ReviewFixesDeps): ReviewFixes {
  const { problems } = deps.reviews;
  return {
    applyRole(name) {
      const role = deps.roles.refByName(name);
      if (!role) throw new NotFoundError('role-not-found', `There is no role named "${name}"; create it first.`);
      const by = `admin: gave role ${role.name}`;
      let applied = 0;
      for (;;) {
        deps.reviews.beforeRead();
        const batch = problems.forRole(role.name, ['role-fallback'], APPLY_BATCH);
        if (batch.length === 0) break;
        const at = deps.now().toISOString();
        deps.uow.write(() => {
          for (const p of batch) {
            const m = p.member_id === null ? undefined : deps.members.byId(p.member_id);
            // The role is decided again by the rules, so the role attribute now names an existing role, and
            // a role from one of the member's groups still comes first if the admin ordered it so. A
            // role-locked member keeps the role the admin chose; a deleted one is decided again on revival.
            if (m && m.lifecycle !== 'admin_deleted') {
              const { changes } = deps.memberRoles.refresh(m, { actor: 'admin', at });
              if (changes.some((c) => c.field === 'role')) applied++;
            }
            problems.resolve(p.id, by, at);
          }
        });
      }
      return { role: role.name, applied };
    },
    deactivateAnyway(problemId) {
      deps.reviews.beforeRead();
      const p = problems.byId(problemId);
      if (!p || p.state !== 'open' || p.operation !== 'blocked-deactivation' || p.member_id === null) {
        throw new NotFoundError('problem-not-found', `There is no open blocked deactivation with id ${problemId}; it may have been resolved already.`);
      }
      if (p.standing !== 1) throw new ConflictError('problem-not-standing', 'This member no longer holds assets (or is already inactive); the IdP deactivates it on its next attempt.');
      deps.deactivate(p.member_id);
      deps.uow.write(() => problems.resolve(problemId, 'admin: deactivated anyway and flagged', deps.now().toISOString()));
    },
  };
}
