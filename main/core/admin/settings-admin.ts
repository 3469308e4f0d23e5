import type { RotateKeyResponse, Settings, SettingsPatch, SettingsView } from '../../../shared/api/settings.js';
import type { Core } from '../create-core.js';
import { mappingPathProblem } from '../mapping/attribute-map.js';
import { customExtensionAttrs } from '../mapping/catalog.js';
import { createSchemaRegistry } from '../scim/schema-registry.js';
import { InvalidInputError } from './errors.js';

/** The `/scim/v2` URL the IdP should use: the public base URL when set, else where the listener is bound. */
export function tenantUrlOf(settings: Settings, listenUrl: string): string {
  return settings.publicBaseUrl ? `${settings.publicBaseUrl.replace(/\/+$/, '')}/scim/v2` : listenUrl;
}

/** Settings plus the read-only facts the GUI shows next to them. `listenUrl` is where SCIM is bound. */
export function settingsView(core: Core, listenUrl: string): SettingsView {
  const settings = core.settings.get();
  const key = core.keys.info();
  return {
    ...settings,
    tenantUrl: tenantUrlOf(settings, listenUrl),
    scimListenUrl: listenUrl,
    hasConnectorKey: key.hasKey,
    connectorKeyCreatedAt: key.createdAt,
    connectorKeyLastUsedAt: key.lastUsedAt,
  };
}

/**
 * Validate and store a settings change. The role attribute must parse as a SCIM path (custom
 * extension attributes included) and the fallback role must exist, because the SCIM write path
 * trusts both. The catalog is rebuilt and `settings-changed` announced afterwards.
 */
export function updateSettings(core: Core, patch: SettingsPatch): Settings {
  const clean: SettingsPatch = { ...patch, ...(patch.roleAttribute !== undefined ? { roleAttribute: patch.roleAttribute.trim() } : {}) };
  const current = core.settings.get();
  const next = { roleAttribute: clean.roleAttribute ?? current.roleAttribute, importCustomRoles: clean.importCustomRoles ?? current.importCustomRoles };
  if (clean.roleAttribute !== undefined || clean.importCustomRoles === true) {
    if (next.roleAttribute === '') {
      if (next.importCustomRoles) {
        throw new InvalidInputError('invalid-role-attribute', 'Choose the SCIM attribute that names the role (for example title) before importing users into custom roles.');
      }
    } else {
      const registry = createSchemaRegistry(customExtensionAttrs(core.catalog.mappingRows(), [next.roleAttribute]));
      const problem = mappingPathProblem(next.roleAttribute, registry);
      if (problem) throw new InvalidInputError('invalid-role-attribute', `The role attribute "${next.roleAttribute}" is not a usable SCIM path: ${problem}`);
    }
  }
  if (clean.fallbackRoleId !== undefined && !core.catalog.findRoleById(clean.fallbackRoleId)) {
    throw new InvalidInputError('unknown-role', `There is no role with id ${clean.fallbackRoleId} to use as the fallback role.`);
  }
  const saved = core.settings.update(clean);
  core.catalog.invalidate();
  core.events.emit('settings-changed', {});
  return saved;
}

/** Generate a new connector key; the secret is returned here once and stored only as a hash. */
export function rotateConnectorKey(core: Core, graceMinutes: number): RotateKeyResponse {
  const r = core.keys.rotate(graceMinutes);
  core.logger.info({ graceMinutes, previousValidUntil: r.previousValidUntil }, 'connector key rotated');
  return { connectorKey: r.secret, createdAt: r.createdAt, previousKeyValidUntil: r.previousValidUntil };
}
