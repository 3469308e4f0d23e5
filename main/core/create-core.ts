import type { Logger } from './logger.js';
import type { Db } from './store/db.js';
import { EventBus } from './events.js';
import { createGroupCommit } from './store/group-commit.js';
import { createStore } from './store/store.js';
import type { Store } from './store/store.js';
import type { SettingsRepo } from './store/settings-repo.js';
import type { MembersRepo } from './store/members-repo.js';
import type { ProvisioningLogRepo } from './store/provisioning-log-repo.js';
import { createConnectorKeys } from './auth/connector-keys.js';
import type { ConnectorKeys } from './auth/connector-keys.js';
import { createCatalog } from './mapping/catalog.js';
import type { Catalog } from './mapping/catalog.js';
import { createMemberWriter } from './members/member-writer.js';
import { createUsersService } from './provisioning/users-service.js';
import type { UsersService } from './provisioning/users-service.js';
import { createRefusedTraffic } from './provisioning/refused-traffic.js';
import type { RefusedTraffic } from './provisioning/refused-traffic.js';
import { createGroupsService } from './provisioning/groups-service.js';
import type { GroupsService } from './provisioning/groups-service.js';
import { createUserGroups } from './provisioning/user-groups.js';
import { createMemberRoles } from './members/member-roles.js';
import { createAdminServices } from './admin/create-admin-services.js';
import type { AdminServices } from './admin/admin-services.js';
import { createMetricsToken } from './auth/metrics-token.js';
import type { MetricsToken } from './auth/metrics-token.js';
import { createMetrics } from './ops/metrics.js';
import type { CoreMetrics } from './ops/metrics.js';
import { createSelfCheckNonces } from './ops/selfcheck-nonces.js';
import type { HttpGet } from './ops/selfcheck-probes.js';
import type { SelfCheckNonces } from './ops/selfcheck-nonces.js';
import { appVersion } from './ops/app-version.js';
import { TLS_OFF } from '../../shared/api/tls.js';
import type { TlsStatus } from '../../shared/api/tls.js';

export interface CoreDeps {
  readonly db: Db;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** Called once if making commits durable fails (see group-commit.ts); the process should restart. */
  readonly onStorageFailure?: (err: Error) => void;
  /** Reported by `/ping` and the metrics; this install's package.json version by default. */
  readonly version?: string;
  /** The self-check's HTTP probe (main/node/http-probe.ts): the core opens no HTTP connections itself. */
  readonly httpGet: HttpGet;
}

/** The wired core (see {@link createCore}): the composition root, never passed to a use case. */
export interface Core {
  /** For shutdown and for tests that set up rows directly; no use case receives it. */
  readonly db: Db;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly events: EventBus;
  readonly store: Store;
  readonly settings: SettingsRepo;
  readonly members: MembersRepo;
  readonly log: ProvisioningLogRepo;
  readonly keys: ConnectorKeys;
  readonly catalog: Catalog;
  readonly users: UsersService;
  /** Counts refused anonymous traffic (one aggregated log row per address and reason per window). */
  readonly refused: RefusedTraffic;
  readonly groups: GroupsService;
  readonly admin: AdminServices;
  readonly version: string;
  /** The bearer of `GET /metrics` (off until one exists). */
  readonly metricsToken: MetricsToken;
  /** This core's Prometheus registry and request metrics (no global registry). */
  readonly metrics: CoreMetrics;
  /** Nonces of "Test from outside", shared by the admin API (issues) and the SCIM listener (answers). */
  readonly selfCheckNonces: SelfCheckNonces;
  listenUrl(): string;
  setListenUrl(url: string): void;
  /** How the SCIM listener does TLS; start-up sets it once the listener (and ACME) is known. */
  setTlsStatus(status: () => TlsStatus): void;
  /**
   * Delete log rows older than the retention setting, then the oldest beyond the row cap
   * (`logMaxRows`); at most `limit` in all when given. Returns how many.
   */
  pruneLog(limit?: number): number;
  closeStreams(): void;
  /** Resolves when every write so far is committed and on stable storage; write requests await it before answering. */
  durable(): Promise<void>;
  /** Write queued log rows, commit the open batch; call before closing the database. */
  dispose(): void;
}

/**
 * Wire the Electron-free core on one database: the store (every SQL statement), the catalog, the
 * member writer, and the use cases of both listeners. A factory, not a singleton: every test builds
 * its own on a temp file.
 */
export function createCore(deps: CoreDeps): Core {
  const { db, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const events = new EventBus();
  // Every core on a file gets group commit, so no write path can answer before its fsync.
  const commit = db.memory
    ? undefined
    : createGroupCommit(`${db.name}-wal`, (err) => {
        logger.fatal({ err }, 'storage failure: commits can no longer be made durable');
        deps.onStorageFailure?.(err);
      });
  // A batch rolled back as a whole may have created roles the catalog cached.
  let onRollback = (): void => undefined;
  const store = createStore(db, { sync: () => commit?.sync() ?? Promise.resolve(), onRollback: () => onRollback(), events });
  const settings = (): ReturnType<SettingsRepo['get']> => store.settings.get();
  const catalog = createCatalog({ mappings: store.mappings, roles: store.roles, roleAttribute: () => settings().roleAttribute });
  onRollback = () => catalog.invalidate();
  const keys = createConnectorKeys(store.keys, now);
  const writer = createMemberWriter({ members: store.members, history: store.history });
  const memberRoles = createMemberRoles({ writer, catalog, settings, members: store.members, groups: store.groups });
  const userGroups = createUserGroups({ groups: store.groups, settings });
  const users = createUsersService({
    uow: store.uow,
    log: store.log,
    members: store.members,
    assets: store.assets,
    users: store.scimUsers,
    writer,
    catalog,
    settings,
    groups: userGroups,
    events,
    now,
    ...(deps.newId ? { newId: deps.newId } : {}),
  });
  const groups = createGroupsService({
    uow: store.uow,
    log: store.log,
    members: store.members,
    groups: store.groups,
    memberGroups: userGroups.names,
    roles: memberRoles,
    settings,
    events,
    now,
    ...(deps.newId ? { newId: deps.newId } : {}),
  });
  const refused = createRefusedTraffic({ log: store.log, logger, now: () => now().getTime() });
  let listenUrl = '';
  let tlsStatus = (): TlsStatus => TLS_OFF;
  const tls = (): TlsStatus => tlsStatus();
  const metricsToken = createMetricsToken(store.metricsToken, now);
  const selfCheckNonces = createSelfCheckNonces();
  const version = deps.version ?? appVersion();
  const closeHandlers = new Set<() => void>();
  const admin = createAdminServices({
    store,
    writer,
    memberRoles,
    memberGroups: userGroups.names,
    catalog,
    keys,
    events,
    logger,
    now,
    listenUrl: () => listenUrl,
    onClose(fn) {
      closeHandlers.add(fn);
      return () => closeHandlers.delete(fn);
    },
    metricsToken,
    selfCheckNonces,
    httpGet: deps.httpGet,
    tls,
  });
  const metrics = createMetrics({
    health: store.health,
    // What the Sync review lists as refused: its open problems and its notices (auth failures), from
    // bounded queries rather than the whole review (issue #16).
    openRefusals: () => {
      const c = admin.review.openCounts();
      return c.needsAction + c.notices;
    },
    isScimEnabled: () => settings().scimEnabled,
    dbFile: db.name,
    tls,
    version,
    now,
  });

  return {
    db,
    logger,
    now,
    events,
    store,
    settings: store.settings,
    members: store.members,
    log: store.log,
    keys,
    catalog,
    users,
    refused,
    groups,
    admin,
    version,
    metricsToken,
    metrics,
    selfCheckNonces,
    listenUrl: () => listenUrl,
    setListenUrl(url) {
      listenUrl = url;
    },
    setTlsStatus(status) {
      tlsStatus = status;
    },
    pruneLog(limit) {
      const { logRetentionDays, logMaxRows } = settings();
      const old = store.log.prune(logRetentionDays, now(), limit);
      const over = limit === undefined || old < limit ? store.log.pruneToRows(logMaxRows, limit === undefined ? Number.MAX_SAFE_INTEGER : limit - old) : 0;
      if (old + over > 0) logger.info({ rows: old + over, expired: old, overCap: over }, 'provisioning log pruned');
      return old + over;
    },
    closeStreams() {
      for (const fn of closeHandlers) fn();
    },
    durable: () => store.uow.durable(),
    dispose() {
      refused.dispose();
      store.log.flush();
      store.uow.flush();
      commit?.close();
    },
  };
}
