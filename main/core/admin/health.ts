import type { Health } from '../../../shared/api/health.js';
import type { HealthRepo } from '../store/health-repo.js';
import type { MembersRepo } from '../store/members-repo.js';

export interface HealthDeps {
  readonly health: HealthRepo;
  readonly members: Pick<MembersRepo, 'leaversHoldingAssets'>;
  /** The Sync review's standing problems: Setup's "blocked deprovisionings" and the nav badge count the review's own list. */
  readonly openProblems: () => { blockedDeprovisionings: number; needsAction: number };
  readonly isScimEnabled: () => boolean;
  readonly now: () => Date;
}

/** GET /api/health: cheap aggregate queries, each served by an index. */
export function createHealth(deps: HealthDeps): () => Health {
  return () => {
    const last = deps.health.lastIdpRequest();
    const day = deps.health.requestsSince(new Date(deps.now().getTime() - 86_400_000).toISOString());
    return {
      scimEnabled: deps.isScimEnabled(),
      lastRequestAt: last?.at ?? null,
      lastClient: last?.client ?? null,
      requests24h: day.n,
      failures24h: day.failed,
      ...deps.openProblems(),
      leaversHoldingAssets: deps.members.leaversHoldingAssets(),
      dbSizeBytes: deps.health.databaseBytes(),
    };
  };
}
