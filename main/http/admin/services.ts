import type { Core } from '../../core/create-core.js';
import { createRolesAdmin } from '../../core/admin/roles-admin.js';
import type { RolesAdmin } from '../../core/admin/roles-admin.js';
import { createMappingsAdmin } from '../../core/admin/mappings-admin.js';
import type { MappingsAdmin } from '../../core/admin/mappings-admin.js';
import { createMembersAdmin } from '../../core/admin/members-admin.js';
import type { MembersAdmin } from '../../core/admin/members-admin.js';
import { createAssetsAdmin } from '../../core/admin/assets.js';
import type { AssetsAdmin } from '../../core/admin/assets.js';
import { createLogQuery } from '../../core/admin/log-query.js';
import type { LogQueryService } from '../../core/admin/log-query.js';
import { createReviewService } from '../../core/admin/review.js';
import type { ReviewService } from '../../core/admin/review.js';
import { createHealth } from '../../core/admin/health.js';
import { tenantUrlOf } from '../../core/admin/settings-admin.js';
import type { Health } from '../../../shared/api/health.js';

/** The admin domain services, built once per admin app on the core's database. */
export interface AdminServices {
  readonly core: Core;
  /** Where the SCIM listener is bound (`…/scim/v2`). */
  readonly listenUrl: () => string;
  readonly roles: RolesAdmin;
  readonly mappings: MappingsAdmin;
  readonly members: MembersAdmin;
  readonly assets: AssetsAdmin;
  readonly log: LogQueryService;
  readonly review: ReviewService;
  readonly health: () => Health;
}

export function createAdminServices(core: Core, scimUrl: () => string): AdminServices {
  const listenUrl = (): string => core.listenUrl() || scimUrl();
  return {
    core,
    listenUrl,
    roles: createRolesAdmin(core),
    mappings: createMappingsAdmin(core),
    members: createMembersAdmin(core, () => tenantUrlOf(core.settings.get(), listenUrl())),
    assets: createAssetsAdmin(core),
    log: createLogQuery(core.db),
    review: createReviewService(core),
    health: createHealth(core),
  };
}
