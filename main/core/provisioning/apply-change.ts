import type { Settings } from '../../../shared/api/settings.js';
import type { FieldChange } from '../../../shared/api/log-events.js';
import { deriveFields } from '../mapping/attribute-map.js';
import { decideRole } from '../mapping/role-map.js';
import type { Catalog } from '../mapping/catalog.js';
import { roleContextOf } from '../mapping/catalog.js';
import { ScimError, invalidValue, uniqueness } from '../scim/errors.js';
import { isPlainObject } from '../scim/resources/user-doc.js';
import type { UserDoc } from '../scim/resources/user-doc.js';
import { FIELD_COLUMNS, customOf, fieldsOf } from '../store/member-row.js';
import type { MemberRow } from '../store/member-row.js';
import type { MembersRepo } from '../store/members-repo.js';
import type { AssetsRepo } from '../store/assets-repo.js';

/** How many held asset tags a refusal names before "and N more". */
const TAGS_IN_DETAIL = 5;

export interface ChangeDeps {
  readonly members: Pick<MembersRepo, 'byUserName'>;
  readonly assets: Pick<AssetsRepo, 'heldCount' | 'heldTags'>;
  readonly catalog: Catalog;
  readonly settings: Settings;
  /** Names of the IdP groups a member is in, as the role decision sees them (none while groups are off). */
  readonly memberGroups: (memberId: string) => ReadonlyArray<string>;
}

/** The outcome of writing a member from the IdP's data. */
export interface ChangeResult {
  readonly row: MemberRow;
  readonly changes: ReadonlyArray<FieldChange>;
  /** True when the member was deactivated while still holding assets (the "deactivate anyway and flag" setting). */
  readonly flaggedLeaver: boolean;
  /** The SCIM resource stored in `row.scim_json`, as an object (the answer is built from it without parsing it back). */
  readonly doc: UserDoc;
}

/** Refusal raised when the member still holds assets; carries what the log needs. */
export class BlockedDeactivationError extends ScimError {
  constructor(detail: string, readonly tags: ReadonlyArray<string>) {
    super(409, undefined, detail);
  }
}

/** Refusal raised by the "Do not provision" unknown-role setting. */
export class RejectedRoleError extends ScimError {
  constructor(detail: string) {
    super(400, 'invalidValue', detail);
  }
}

/** Every work email's value, in the order sent (Entra filters on `emails[type eq "work"].value`). */
export function workEmailsOf(doc: UserDoc): string[] {
  const list = doc.emails;
  if (!Array.isArray(list)) return [];
  return list.flatMap((e) => (isPlainObject(e) && typeof e.type === 'string' && e.type.toLowerCase() === 'work' && typeof e.value === 'string' ? [e.value] : []));
}

/** The indexed lookup columns for work emails: the first in `work_email`, the rest as JSON (or NULL). */
export function workEmailColumns(doc: UserDoc): Pick<MemberRow, 'work_email' | 'other_work_emails'> {
  const [first, ...rest] = workEmailsOf(doc);
  return { work_email: first ?? null, other_work_emails: rest.length > 0 ? JSON.stringify(rest) : null };
}

/** Refuse (or allow, per setting) taking a member out of service while they hold checked-out assets. */
export function guardAssets(deps: ChangeDeps, row: MemberRow, what: 'deactivate' | 'delete'): boolean {
  const held = deps.assets.heldCount(row.id);
  if (held === 0) return false;
  if (deps.settings.deprovisionWithAssets === 'deactivate-and-flag') return true;
  const tags = deps.assets.heldTags(row.id, TAGS_IN_DETAIL);
  const list = tags.join(', ') + (held > tags.length ? ` and ${held - tags.length} more` : '');
  throw new BlockedDeactivationError(
    `Cannot ${what} ${row.user_name}: they still have ${held} asset${held === 1 ? '' : 's'} checked out (${list}). ` +
      'Check in the assets in SCIM Desk; the identity provider will retry on its next cycle.',
    tags,
  );
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** What differs between the member as it was and as it will be, in the admin's words. */
function listChanges(prev: MemberRow | undefined, row: MemberRow, custom: Readonly<Record<string, unknown>>, prevRole: string | undefined, role: string): FieldChange[] {
  const changes: FieldChange[] = [];
  const push = (field: string, o: unknown, n: unknown): void => {
    if (str(o) !== str(n)) changes.push({ field, old: str(o), new: str(n) });
  };
  push('userName', prev?.user_name, row.user_name);
  push('externalId', prev?.external_id, row.external_id);
  push('active', prev ? prev.active === 1 && prev.lifecycle === 'present' : undefined, row.active === 1);
  const before = prev ? fieldsOf(prev) : undefined;
  const after = fieldsOf(row);
  for (const k of Object.keys(after) as Array<keyof typeof after>) push(k, before?.[k], after[k]);
  const prevCustom: Record<string, unknown> = prev ? customOf(prev) : {};
  for (const [k, v] of Object.entries(custom)) push(`custom:${k}`, prevCustom[k], v);
  push('role', prevRole, role);
  // Which group or attribute value gave the role, for the log and the history (issue #18).
  push('roleSource', prev?.role_source, row.role_source);
  return changes;
}

/**
 * Build the next member row from a SCIM doc: derive the mapped fields, decide the role, check
 * userName uniqueness and the asset guard, and list what changed. Pure apart from reads; the
 * caller writes the row in its transaction.
 */

export function nextMemberRow(
  deps: ChangeDeps,
  prev: MemberRow | undefined,
  base: MemberRow,
  doc: UserDoc,
  opts: { readonly keepActiveWhenAbsent: boolean; readonly now: string; readonly isCreate?: boolean },
): ChangeResult {
  const userName = doc.userName;
  if (typeof userName !== 'string' || userName.trim() === '') throw invalidValue('"userName" is required and must be a non-empty string.');
  // A present member keeping its own userName cannot clash (the unique index holds one present
  // member per userName), so the read is only needed for a new, renamed or revived member.
  if (!(prev?.lifecycle === 'present' && prev.user_name === userName)) {
    const clash = deps.members.byUserName(userName);
    if (clash && clash.id !== base.id) throw uniqueness(`A user with userName "${userName}" already exists (id ${clash.id}).`);
  }

  const wasActive = prev !== undefined && prev.lifecycle === 'present' && prev.active === 1;
  const active = typeof doc.active === 'boolean' ? doc.active : opts.keepActiveWhenAbsent && prev ? prev.active === 1 : true;
  // PUT without "active" keeps the current state: Okta AIW apps send full objects and a missing
  // attribute must not silently suspend someone.
  const finalDoc: UserDoc = { ...doc, active };
  let flaggedLeaver = false;
  if (wasActive && !active && prev) flaggedLeaver = guardAssets(deps, prev, 'deactivate');

  const registry = deps.catalog.registry();
  const { fields, custom } = deriveFields(finalDoc, deps.catalog.mappingRows(), deps.catalog.customFields(), registry);
  const current = prev ? { roleId: prev.role_id, roleLocked: prev.role_locked === 1, roleSource: prev.role_source } : null;
  const decision = decideRole(finalDoc, current, roleContextOf(deps.catalog, deps.settings, registry), {
    groups: prev ? deps.memberGroups(prev.id) : [],
    isCreate: opts.isCreate ?? prev === undefined,
  });
  if (decision.kind === 'refused') throw new RejectedRoleError(decision.detail);

  const row: MemberRow = {
    ...base,
    user_name: userName,
    external_id: typeof finalDoc.externalId === 'string' ? finalDoc.externalId : null,
    ...workEmailColumns(finalDoc),
    active: active ? 1 : 0,
    lifecycle: 'present',
    deleted_at: null,
    scim_json: JSON.stringify(finalDoc),
    source: base.source,
    updated_at: opts.now,
    last_provisioned_at: opts.now,
    role_id: decision.role.id,
    role_source: decision.source,
    leaver_holding_assets: active ? 0 : flaggedLeaver ? 1 : base.leaver_holding_assets,
    custom_json: JSON.stringify(custom),
  };
  for (const [f, col] of Object.entries(FIELD_COLUMNS)) (row as unknown as Record<string, unknown>)[col] = fields[f as keyof typeof fields];

  const prevRole = prev?.role_id != null ? deps.catalog.findRoleById(prev.role_id)?.name : undefined;
  // `custom` as derived, not parsed back from the custom_json just written.
  const changes = listChanges(prev, row, custom, prevRole, decision.role.name);
  // An unknown role name that fell back says so in the log, the history and the review (issue #16).
  const roleAt = changes.findIndex((c) => c.field === 'role');
  const roleChange = changes[roleAt];
  if (decision.requested !== undefined && roleChange) changes[roleAt] = { ...roleChange, requested: decision.requested };
  return { row, changes, flaggedLeaver, doc: finalDoc };
}
