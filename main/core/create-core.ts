import type { Logger } from './logger.js';
import type { Db } from './store/db.js';
import { EventBus } from './events.js';
import { createSettingsRepo } from './store/settings-repo.js';
import { createMembersRepo } from './store/members-repo.js';
import { createProvisioningLogRepo } from './store/provisioning-log-repo.js';
import { createConnectorKeys } from './auth/connector-keys.js';
import { createCatalog } from './mapping/catalog.js';
import { createUsersService } from './provisioning/users-service.js';
import { createGroupCommit } from './store/group-commit.js';
import { createWriteBatch } from './store/write-batch.js';
import type { UsersService } from './provisioning/users-service.js';
import type { SettingsRepo } from './store/settings-repo.js';
import type { MembersRepo } from './store/members-repo.js';
import type { ProvisioningLogRepo } from './store/provisioning-log-repo.js';
import type { ConnectorKeys } from './auth/connector-keys.js';
import type { Catalog } from './mapping/catalog.js';

export interface CoreDeps {
  readonly db: Db;
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly newId?: () => string;
  /** Called once if making commits durable fails (see group-commit.ts); the process should restart. */
  readonly onStorageFailure?: (err: Error) => void;
}

/**
 * Wire the Electron-free core on one database: repositories, the configuration catalog, and the
 * services both listeners use. A factory, not a singleton: every test builds its own on a temp file.
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
  const settings = createSettingsRepo(db);
  const members = createMembersRepo(db);
  const keys = createConnectorKeys(db, now);
  const catalog = createCatalog(db, () => settings.get().roleAttribute);
  // SCIM writes of one event-loop turn share a commit; a batch rolled back as a whole may have
  // created roles the catalog cached.
  const batch = createWriteBatch(db, () => commit?.sync() ?? Promise.resolve(), () => catalog.invalidate());
  const log = createProvisioningLogRepo(db, events, batch.afterCommit);
  const users = createUsersService({ db, batch, members, log, catalog, settings, events, now, ...(deps.newId ? { newId: deps.newId } : {}) });
  let listenUrl = '';
  const closeHandlers = new Set<() => void>();

  return {
    db,
    logger,
    now,
    events,
    settings,
    members,
    log,
    keys,
    catalog,
    users,
    /** Where the SCIM listener is bound (shown in the GUI next to the public Tenant URL). */
    listenUrl: () => listenUrl,
    setListenUrl(url: string) {
      listenUrl = url;
    },
    /** Delete log rows older than the retention setting (at most `limit` when given). */
    pruneLog(limit?: number): number {
      batch.flush();
      const n = log.prune(settings.get().logRetentionDays, now(), limit);
      if (n > 0) logger.info({ rows: n }, 'provisioning log pruned');
      return n;
    },
    /** Register a hook run at shutdown (open SSE streams end so the server can close). */
    onClose(fn: () => void): () => void {
      closeHandlers.add(fn);
      return () => closeHandlers.delete(fn);
    },
    closeStreams() {
      for (const fn of closeHandlers) fn();
    },
    durable: () => batch.durable(),
    flushWrites: () => batch.flush(),
    dispose() {
      batch.flush();
      log.flush();
      commit?.close();
    },
  };
}

/** The wired core (see {@link createCore}). */
export interface Core {
  readonly db: Db;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly events: EventBus;
  readonly settings: SettingsRepo;
  readonly members: MembersRepo;
  readonly log: ProvisioningLogRepo;
  readonly keys: ConnectorKeys;
  readonly catalog: Catalog;
  readonly users: UsersService;
  listenUrl(): string;
  setListenUrl(url: string): void;
  pruneLog(limit?: number): number;
  onClose(fn: () => void): () => void;
  closeStreams(): void;
  /** Resolves when every write so far is committed and on stable storage; write requests await it before answering. */
  durable(): Promise<void>;
  /** Commit the open SCIM write batch now (before a write that answers as soon as its own transaction returns). */
  flushWrites(): void;
  /** Flush queued log rows and release file handles; call before closing the database. */
  dispose(): void;
}
