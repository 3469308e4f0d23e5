import type { Settings } from '../../../shared/api/settings.js';
import { readScimPath } from './attribute-map.js';
import type { UserDoc } from '../scim/resources/user-doc.js';
import type { SchemaRegistry } from '../scim/schema-registry.js';

export type { RoleRef, RoleRule } from '../store/roles-repo.js';
import type { RoleRef, RoleRule } from '../store/roles-repo.js';

/**
 * Outcome of the role rules for one create/replace/patch or group change. `source` says what gave
 * the role (`group "Field Technicians"`, `attribute title = "Auditor"`); it is null for the fallback
 * role and for a role the admin chose, and is kept on the member (`role_source`).
 */
export type RoleDecision =
  | {
      readonly kind: 'role';
      readonly role: RoleRef;
      readonly reason: 'group' | 'attribute' | 'fallback' | 'default' | 'locked' | 'unchanged';
      readonly source: string | null;
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
  /** Every role with the IdP group names that grant it, in role order. */
  readonly roleRules: () => ReadonlyArray<RoleRule>;
}

/** The member's role as stored; none for a new member. */
export interface CurrentRole {
  readonly roleId: number | null;
  readonly roleLocked: boolean;
  readonly roleSource?: string | null;
}

export interface RoleFacts {
  /** Display names of the IdP groups the member is in (none while groups are off). */
  readonly groups?: ReadonlyArray<string>;
  /** A create or revival: only then does "Do not provision" refuse. Default: no current role. */
  readonly isCreate?: boolean;
}

/** The first role, in role order, one of whose IdP groups the member is in (names compared without case). */
export function roleFromGroups(rules: ReadonlyArray<RoleRule>, groups: ReadonlyArray<string>): { role: RoleRef; group: string } | undefined {
  if (groups.length === 0) return undefined;
  const byKey = new Map(groups.map((g) => [g.trim().toLowerCase(), g]));
  for (const rule of rules) {
    for (const name of rule.idpGroups) {
      const group = byKey.get(name.trim().toLowerCase());
      if (group !== undefined) return { role: rule.role, group };
    }
  }
  return undefined;
}

/** The role the role attribute names, with the value read; the value also when it names none. */
function roleFromAttribute(doc: UserDoc, ctx: RoleContext): { role: RoleRef | undefined; value: string } {
  let value: string | null = null;
  try {
    value = readScimPath(doc, ctx.settings.roleAttribute, ctx.registry);
  } catch {
    // An unparsable role attribute setting is treated like an empty value (the settings API validates it on save).
    value = null;
  }
  const name = value?.trim() ?? '';
  return { role: name === '' ? undefined : ctx.findRoleByName(name), value: name };
}

/**
 * Decide a member's role. Role-locked members keep theirs. Otherwise the IdP groups and the role
 * attribute (when "import users into custom roles" is on) are asked, in the order the
 * `roleDecidedBy` setting gives: the first role, in role order, granted by one of the member's
 * groups; the role the attribute's value names (trimmed, case-insensitive).
 *
 * When neither matches: with import off, members keep a role they did not get from a group (a new
 * member gets the fallback role), and a member whose group gave the role falls back, so leaving the
 * group takes it away. With import on, the member gets the fallback role, or with "Do not
 * provision" a create is refused; an existing member is never refused (group changes and updates
 * must not fail on it) and gets the fallback role.
 */
export function decideRole(doc: UserDoc, current: CurrentRole | null, ctx: RoleContext, facts: RoleFacts = {}): RoleDecision {
  const { settings } = ctx;
  const currentRole = current?.roleId != null ? ctx.findRoleById(current.roleId) : undefined;
  const currentSource = current?.roleSource ?? null;
  if (current?.roleLocked && currentRole) return { kind: 'role', role: currentRole, reason: 'locked', source: currentSource };
  const fallback = ctx.findRoleById(settings.fallbackRoleId) ?? ctx.findRoleById(2) ?? { id: 2, name: 'Staff User' };

  const fromGroups = (): RoleDecision | undefined => {
    const hit = roleFromGroups(ctx.roleRules(), facts.groups ?? []);
    return hit && { kind: 'role', role: hit.role, reason: 'group', source: `group "${hit.group}"` };
  };
  const attribute = settings.importCustomRoles ? roleFromAttribute(doc, ctx) : undefined;
  const fromAttribute = (): RoleDecision | undefined =>
    attribute?.role && { kind: 'role', role: attribute.role, reason: 'attribute', source: `attribute ${settings.roleAttribute} = "${attribute.value}"` };
  const match = settings.roleDecidedBy === 'attribute-first' ? (fromAttribute() ?? fromGroups()) : (fromGroups() ?? fromAttribute());
  if (match) return match;

  if (!attribute) {
    const isFromGroup = currentSource?.startsWith('group ') ?? false;
    if (currentRole && !isFromGroup) return { kind: 'role', role: currentRole, reason: 'unchanged', source: currentSource };
    return { kind: 'role', role: fallback, reason: currentRole ? 'fallback' : 'default', source: null };
  }
  const isCreate = facts.isCreate ?? current === null;
  const name = attribute.value;
  if (settings.unknownRoleAction === 'fallback-role' || !isCreate) return { kind: 'role', role: fallback, reason: 'fallback', source: null, ...(name === '' ? {} : { requested: name }) };
  const detail =
    name === ''
      ? `The role attribute "${settings.roleAttribute}" is empty for this user, and SCIM Desk is set not to provision users without a known role. Send a role name, or change the unknown-role setting in SCIM Desk.`
      : `Role "${name}" does not exist in SCIM Desk. Create the role, or change the unknown-role setting.`;
  return { kind: 'refused', detail, value: name === '' ? null : name };
}
