import type { EventBus } from '../events.js';
import type { Db } from './db.js';
import { createWriteBatch } from './write-batch.js';
import { createUnitOfWork } from './unit-of-work.js';
import type { UnitOfWork } from './unit-of-work.js';
import { createMembersRepo } from './members-repo.js';
import type { MembersRepo } from './members-repo.js';
import { createHistoryRepo } from './history-repo.js';
import type { HistoryRepo } from './history-repo.js';
import { createAssetsRepo } from './assets-repo.js';
import type { AssetsRepo } from './assets-repo.js';
import { createRolesRepo } from './roles-repo.js';
import type { RolesRepo } from './roles-repo.js';
import { createMappingsRepo } from './mappings-repo.js';
import type { MappingsRepo } from './mappings-repo.js';
import { createSettingsRepo } from './settings-repo.js';
import type { SettingsRepo } from './settings-repo.js';
import { createKeysRepo } from './keys-repo.js';
import type { KeysRepo } from './keys-repo.js';
import { createMetricsTokenRepo } from './metrics-token-repo.js';
import type { MetricsTokenRepo } from './metrics-token-repo.js';
import { createProvisioningLogRepo } from './provisioning-log-repo.js';
import type { ProvisioningLogRepo } from './provisioning-log-repo.js';
import { createLogReadRepo } from './log-read-repo.js';
import type { LogReadRepo } from './log-read-repo.js';
import { createHealthRepo } from './health-repo.js';
import type { HealthRepo } from './health-repo.js';
import { createReviewRepo } from './review-repo.js';
import type { ReviewRepo } from './review-repo.js';
import { createMemberListRepo } from './member-list-repo.js';
import type { MemberListRepo } from './member-list-repo.js';
import { createScimUsersQuery } from './scim-users-query.js';
import type { ScimUsersQuery } from './scim-users-query.js';

/** Every repository on one database, sharing one unit of work. The only module family that holds SQL. */
export interface Store {
  readonly uow: UnitOfWork;
  readonly members: MembersRepo;
  readonly history: HistoryRepo;
  readonly assets: AssetsRepo;
  readonly roles: RolesRepo;
  readonly mappings: MappingsRepo;
  readonly settings: SettingsRepo;
  readonly keys: KeysRepo;
  readonly metricsToken: MetricsTokenRepo;
  /** Provisioning-log writes. */
  readonly log: ProvisioningLogRepo;
  readonly logRead: LogReadRepo;
  readonly health: HealthRepo;
  readonly reviews: ReviewRepo;
  readonly memberList: MemberListRepo;
  readonly scimUsers: ScimUsersQuery;
}

export interface StoreOptions {
  /** Resolves once commits made so far are on disk (group commit); none for `:memory:`. */
  readonly sync: () => Promise<void>;
  /** Called after a write batch was rolled back as a whole (in-memory caches may have seen it). */
  readonly onRollback: () => void;
  readonly events: EventBus;
}

export function createStore(db: Db, opts: StoreOptions): Store {
  const batch = createWriteBatch(db, opts.sync, opts.onRollback);
  const uow = createUnitOfWork(db, batch);
  const log = createProvisioningLogRepo(db, uow, opts.events);
  // Log reads first write the rows queued by lookups, so the admin sees every request so far.
  const logReadGuard = (): void => {
    log.flush();
    uow.beforeRead();
  };
  return {
    uow,
    members: createMembersRepo(db, uow),
    history: createHistoryRepo(db, uow),
    assets: createAssetsRepo(db, uow),
    roles: createRolesRepo(db, uow),
    mappings: createMappingsRepo(db, uow),
    settings: createSettingsRepo(db, uow),
    keys: createKeysRepo(db, uow),
    metricsToken: createMetricsTokenRepo(db, uow),
    log,
    logRead: createLogReadRepo(db, logReadGuard),
    health: createHealthRepo(db, logReadGuard),
    reviews: createReviewRepo(db, logReadGuard),
    memberList: createMemberListRepo(db, uow.beforeRead),
    scimUsers: createScimUsersQuery(db, uow),
  };
}
