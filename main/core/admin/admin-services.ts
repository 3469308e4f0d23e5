import type { Health } from '../../../shared/api/health.js';
import type { EventBus } from '../events.js';
import type { MemberListRepo } from '../store/member-list-repo.js';
import type { AssetsAdmin } from './assets.js';
import type { LogQueryService } from './log-query.js';
import type { MappingsAdmin } from './mappings-admin.js';
import type { UnmappedAttributes } from './unmapped-attributes.js';
import type { MembersAdmin } from './members-admin.js';
import type { ReviewService } from './review.js';
import type { ReviewFixes } from './review-fixes.js';
import type { RolesAdmin } from './roles-admin.js';
import type { GroupsAdmin } from './groups-admin.js';
import type { SettingsAdmin } from './settings-admin.js';
import type { OpsAdmin } from '../ops/ops-admin.js';

/**
 * What the admin listener may call: the admin use cases, each built with only the repositories
 * and services it uses (create-core.ts wires them). The HTTP layer never sees a repository that
 * writes, nor the database.
 */
export interface AdminServices {
  readonly settings: SettingsAdmin;
  readonly roles: RolesAdmin;
  readonly groups: GroupsAdmin;
  readonly mappings: MappingsAdmin;
  /** Attributes the IdP sends that are not mapped yet, and mapping one in one step. */
  readonly unmapped: UnmappedAttributes;
  readonly members: MembersAdmin;
  /** The member list and its export (keyset pages, search). */
  readonly memberList: MemberListRepo;
  /** Keys of the custom fields, in export column order. */
  readonly customFieldKeys: () => string[];
  readonly assets: AssetsAdmin;
  readonly log: LogQueryService;
  readonly review: ReviewService;
  readonly reviewFixes: ReviewFixes;
  readonly health: () => Health;
  /** Metrics token, self-check of the public URL, TLS status. */
  readonly ops: OpsAdmin;
  /** `log-row-added` events feed the live log. */
  readonly events: EventBus;
  /** Register a hook run at shutdown (open SSE streams end so the server can close). */
  onClose(fn: () => void): () => void;
  /** Resolves once every change so far is on disk; admin changes are answered after it. */
  durable(): Promise<void>;
}
