import type { ConnectorKeys } from '../auth/connector-keys.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../logger.js';
import type { Catalog } from '../mapping/catalog.js';
import type { MemberWriter } from '../members/member-writer.js';
import type { MemberRoles } from '../members/member-roles.js';
import type { Store } from '../store/store.js';
import type { AdminServices } from './admin-services.js';
import { createAssetsAdmin } from './assets.js';
import { createHealth } from './health.js';
import { createLogQuery } from './log-query.js';
import { createMappingsAdmin } from './mappings-admin.js';
import { createMembersAdmin } from './members-admin.js';
import { createReviewService } from './review.js';
import { createReviewFixes } from './review-fixes.js';
import { createReviewIndexer } from './review-indexer.js';
import { createRolesAdmin } from './roles-admin.js';
import { createGroupsAdmin } from './groups-admin.js';
import { createUnmappedAttributes } from './unmapped-attributes.js';
import { createSettingsAdmin, tenantUrlOf } from './settings-admin.js';
import type { MetricsToken } from '../auth/metrics-token.js';
import type { TlsStatus } from '../../../shared/api/tls.js';
import { createOpsAdmin } from '../ops/ops-admin.js';
import { createSelfCheck } from '../ops/selfcheck.js';
import type { SelfCheckNonces } from '../ops/selfcheck-nonces.js';
import type { HttpGet } from '../ops/selfcheck-probes.js';

export interface AdminWiring {
  readonly store: Store;
  readonly writer: MemberWriter;
  /** Decides members' roles again when the role rules change (idpGroups, order, settings). */
  readonly memberRoles: MemberRoles;
  /** Names of a member's IdP groups as the role decision sees them. */
  readonly memberGroups: (memberId: string) => ReadonlyArray<string>;
  readonly catalog: Catalog;
  readonly keys: ConnectorKeys;
  readonly events: EventBus;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly listenUrl: () => string;
  readonly onClose: AdminServices['onClose'];
  readonly metricsToken: MetricsToken;
  readonly selfCheckNonces: SelfCheckNonces;
  readonly httpGet: HttpGet;
  readonly tls: () => TlsStatus;
}

/** Build each admin use case with only what it uses. */
export function createAdminServices(w: AdminWiring): AdminServices {
  const { store, writer, catalog, now, logger } = w;
  const { uow } = store;
  const settings = () => store.settings.get();
  const invalidate = (): void => catalog.invalidate();
  const refreshRoles = (actor: string, at: string): number => w.memberRoles.refreshAll(actor, at);
  const members = createMembersAdmin({
    uow,
    members: store.members,
    assets: store.assets,
    history: store.history,
    roles: store.roles,
    groups: store.groups,
    writer,
    tenantUrl: () => tenantUrlOf(settings(), w.listenUrl()),
    now,
    logger,
  });
  // The review follows the log as it grows (off the request path) until the core closes.
  const indexer = createReviewIndexer({ uow, reviews: store.reviews, logger });
  w.onClose(indexer.follow(w.events));
  const review = createReviewService({ uow, reviews: store.reviews, indexer, assets: store.assets, now });
  return {
    settings: createSettingsAdmin({
      settings: store.settings,
      keys: w.keys,
      catalog,
      events: w.events,
      logger,
      listenUrl: w.listenUrl,
      refreshRoles: () => void uow.write(() => refreshRoles('admin', now().toISOString())),
    }),
    roles: createRolesAdmin({ uow, roles: store.roles, members: store.members, writer, refreshRoles, invalidate, settings, now }),
    groups: createGroupsAdmin({ groups: store.groups, roles: store.roles, catalog, settings }),
    unmapped: createUnmappedAttributes({ uow, mappings: store.mappings, members: store.members, catalog, settings, logger }),
    mappings: createMappingsAdmin({ uow, mappings: store.mappings, members: store.members, writer, catalog, settings, memberGroups: w.memberGroups, now, logger }),
    members,
    memberList: store.memberList,
    customFieldKeys: () => catalog.customFields().map((f) => f.key),
    assets: createAssetsAdmin({ uow, assets: store.assets, members: store.members, writer, now }),
    log: createLogQuery(store.logRead),
    review,
    reviewFixes: createReviewFixes({
      uow,
      reviews: store.reviews,
      roles: store.roles,
      members: store.members,
      memberRoles: w.memberRoles,
      deactivate: (id) => void members.patch(id, { active: false }),
      now,
    }),
    health: createHealth({ health: store.health, members: store.members, openProblems: () => {
        const { blockedDeprovisionings, needsAction } = review.openCounts();
        return { blockedDeprovisionings, needsAction };
      }, isScimEnabled: () => settings().scimEnabled, now }),
    ops: createOpsAdmin({
      metricsToken: w.metricsToken,
      selfCheck: createSelfCheck({ publicBaseUrl: () => settings().publicBaseUrl, listenUrl: w.listenUrl, nonces: w.selfCheckNonces, now, httpGet: w.httpGet }),
      tls: w.tls,
      logger,
    }),
    events: w.events,
    onClose: w.onClose,
    durable: () => uow.durable(),
  };
}
