import type { Settings } from '../../../shared/api/settings.js';
import { readScimPath } from './attribute-map.js';
import type { UserDoc } from '../scim/resources/user-doc.js';
import type { SchemaRegistry } from '../scim/schema-registry.js';

export type { RoleRef } from '../store/roles-repo.js';
import type { RoleRef } from '../store/roles-repo.js';

/** Outcome of the custom-role rules for one create/replace/patch. */
export type RoleDecision =
  | {
      readonly kind: 'role';
      readonly role: RoleRef;
      readonly reason: 'matched' | 'fallback' | 'default' | 'locked' | 'unchanged';
      /** A fallback for a role name that does not exist: the name the IdP sent (none when it sent no name). */
      readonly requested?: string;
    }
  | { readonly kind: 'refused'; readonly detail: string; readonly value: string | null };

export interface RoleContext {
  readonly settings: Settings;
  readonly registry: SchemaRegistry;
  /** Find a role by name, case-insensitively (names are stored COLLATE NOCASE). */
  readonly findRoleByName: (name: string) => RoleRef | undefined;
  readonly findRoleById: (id: number) => RoleRef | undefined;
}

/**
 * Decide a member's role. Role-locked members keep theirs. With "import users into custom roles"
 * off, new members get the fallback role and existing ones keep theirs; with it on, the role
 * attribute's value names the role (trimmed, case-insensitive), and an unknown or empty value goes
 * to the fallback role or, with "Do not provision", refuses the request.
 */
export function decideRole(doc: UserDoc, current: { roleId: number | null; roleLocked: boolean } | null, ctx: RoleContext): RoleDecision {
  const { settings } = ctx;
  const currentRole = current?.roleId != null ? ctx.findRoleById(current.roleId) : undefined;
  if (current?.roleLocked && currentRole) return { kind: 'role', role: currentRole, reason: 'locked' };
  const fallback = ctx.findRoleById(settings.fallbackRoleId) ?? ctx.findRoleById(2) ?? { id: 2, name: 'Staff User' };
  if (!settings.importCustomRoles) {
    return currentRole ? { kind: 'role', role: currentRole, reason: 'unchanged' } : { kind: 'role', role: fallback, reason: 'default' };
  }
  let value: string | null = null;
  try {
    value = readScimPath(doc, settings.roleAttribute, ctx.registry);
  } catch {
    // An unparsable role attribute setting is treated like an empty value (the settings API validates it on save).
    value = null;
  }
  const name = value?.trim() ?? '';
  const match = name === '' ? undefined : ctx.findRoleByName(name);
  if (match) return { kind: 'role', role: match, reason: 'matched' };
  if (settings.unknownRoleAction === 'fallback-role') return { kind: 'role', role: fallback, reason: 'fallback', ...(name === '' ? {} : { requested: name }) };
  const detail =
    name === ''
      ? `The role attribute "${settings.roleAttribute}" is empty for this user, and SCIM Desk is set not to provision users without a known role. Send a role name, or change the unknown-role setting in SCIM Desk.`
      : `Role "${name}" does not exist in SCIM Desk. Create the role, or change the unknown-role setting.`;
  return { kind: 'refused', detail, value: name === '' ? null : name };
}
