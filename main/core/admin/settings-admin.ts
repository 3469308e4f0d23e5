import type { RotateKeyResponse, Settings, SettingsPatch, SettingsView } from '../../../shared/api/settings.js';
import type { ConnectorKeys } from '../auth/connector-keys.js';
import type { EventBus } from '../events.js';
import type { Logger } from '../logger.js';
import type { Catalog } from '../mapping/catalog.js';
import type { SettingsRepo } from '../store/settings-repo.js';
import { mappingPathProblem } from '../mapping/attribute-map.js';
import { customExtensionAttrs } from '../mapping/catalog.js';
import { createSchemaRegistry } from '../scim/schema-registry.js';
import { InvalidInputError } from './errors.js';
import { checkPublicBaseUrl } from '../../../shared/api/public-url.js';

/** The `/scim/v2` URL the IdP should use: the public base URL when set, else where the listener is bound. */
export function tenantUrlOf(settings: Settings, listenUrl: string): string {
  return settings.publicBaseUrl ? `${settings.publicBaseUrl.replace(/\/+$/, '')}/scim/v2` : listenUrl;
}

export interface SettingsAdmin {
  /** Settings plus the read-only facts the GUI shows next to them. */
  view(): SettingsView;
  /**
   * Validate and store a settings change. The role attribute must parse as a SCIM path (custom
   * extension attributes included) and the fallback role must exist, because the SCIM write path
   * trusts both. The catalog is rebuilt and `settings-changed` announced afterwards; a change of
   * `groupProvisioning` or `roleDecidedBy` decides group-given roles again.
   */
  update(patch: SettingsPatch): Settings;
  /** Generate a new connector key; the secret is returned here once and stored only as a hash. */
  rotateKey(graceMinutes: number): RotateKeyResponse;
}

export interface SettingsAdminDeps {
  readonly settings: SettingsRepo;
  readonly keys: ConnectorKeys;
  readonly catalog: Catalog;
  readonly events: EventBus;
  readonly logger: Logger;
  /** Where the SCIM listener is bound (`…/scim/v2`). */
  readonly listenUrl: () => string;
  /** Decide again the roles group rules give, after a setting they depend on changed. */
  readonly refreshRoles: () => void;
}

export function createSettingsAdmin(deps: SettingsAdminDeps): SettingsAdmin {
  return {
    view() {
      const settings = deps.settings.get();
      const key = deps.keys.info();
      const listenUrl = deps.listenUrl();
      return {
        ...settings,
        tenantUrl: tenantUrlOf(settings, listenUrl),
        scimListenUrl: listenUrl,
        hasConnectorKey: key.hasKey,
        connectorKeyCreatedAt: key.createdAt,
        connectorKeyLastUsedAt: key.lastUsedAt,
      };
    },
    update(patch) {
      const clean: SettingsPatch = {
        ...patch,
        ...(patch.roleAttribute !== undefined ? { roleAttribute: patch.roleAttribute.trim() } : {}),
        ...(patch.publicBaseUrl !== undefined ? { publicBaseUrl: publicBaseUrlOf(patch.publicBaseUrl) } : {}),
      };
      checkRoleAttribute(deps.catalog, deps.settings.get(), clean);
      if (clean.fallbackRoleId !== undefined && !deps.catalog.findRoleById(clean.fallbackRoleId)) {
        throw new InvalidInputError('unknown-role', `There is no role with id ${clean.fallbackRoleId} to use as the fallback role.`);
      }
      const before = deps.settings.get();
      const saved = deps.settings.update(clean);
      deps.catalog.invalidate();
      // Turning groups off (or on), or letting the attribute decide first, moves group-given roles.
      if (before.groupProvisioning !== saved.groupProvisioning || before.roleDecidedBy !== saved.roleDecidedBy) deps.refreshRoles();
      deps.events.emit('settings-changed', {});
      return saved;
    },
    rotateKey(graceMinutes) {
      const r = deps.keys.rotate(graceMinutes);
      deps.logger.info({ graceMinutes, previousValidUntil: r.previousValidUntil }, 'connector key rotated');
      return { connectorKey: r.secret, createdAt: r.createdAt, previousKeyValidUntil: r.previousValidUntil };
    },
  };
}

/** The role attribute must be a usable SCIM path whenever custom roles are imported from it. */
function checkRoleAttribute(catalog: Catalog, current: Settings, clean: SettingsPatch): void {
  const next = { roleAttribute: clean.roleAttribute ?? current.roleAttribute, importCustomRoles: clean.importCustomRoles ?? current.importCustomRoles };
  if (clean.roleAttribute === undefined && clean.importCustomRoles !== true) return;
  if (next.roleAttribute === '') {
    if (next.importCustomRoles) {
      throw new InvalidInputError('invalid-role-attribute', 'Choose the SCIM attribute that names the role (for example title) before importing users into custom roles.');
    }
    return;
  }
  const registry = createSchemaRegistry(customExtensionAttrs(catalog.mappingRows(), [next.roleAttribute]));
  const problem = mappingPathProblem(next.roleAttribute, registry);
  if (problem) throw new InvalidInputError('invalid-role-attribute', `The role attribute "${next.roleAttribute}" is not a usable SCIM path: ${problem}`);
}

/** The public base URL as stored: normalised (shared/api/public-url.ts), or a refusal on the field. */
function publicBaseUrlOf(input: string): Settings['publicBaseUrl'] {
  const r = checkPublicBaseUrl(input);
  if (!r.ok) throw new InvalidInputError('invalid-public-base-url', r.message, { fields: [{ field: 'publicBaseUrl', message: r.message }] });
  return r.value as Settings['publicBaseUrl'];
}
