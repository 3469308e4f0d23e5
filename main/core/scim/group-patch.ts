import { URN_GROUP } from '../../../shared/scim/urns.js';
import { invalidPath, invalidValue, mutability, noTarget } from './errors.js';
import { evaluateOnElement } from './filter/evaluate.js';
import { parsePatchPath } from './filter/path.js';
import { GROUP_RESOLVER } from './group-schema.js';
import type { PatchOperation } from './patch.js';
import { groupFieldsOf, groupDocOf, groupString, memberIdsOf } from './resources/group.js';
import type { GroupDoc } from './resources/group.js';
import { isPlainObject } from './resources/user-doc.js';

/** A group as a PATCH changes it: its document and its member ids. */
export interface GroupState {
  readonly doc: GroupDoc;
  readonly members: ReadonlyArray<string>;
}

/**
 * Apply a PATCH to a group, in every dialect the IdPs send (../shared/idp-behaviour.md):
 * - Entra: `Add`/`Remove` on `members` with a value array (several members in one operation),
 *   `Replace displayName`;
 * - Okta: `replace` on `members` (full push), `remove` with `members[value eq "…"]`, and a no-path
 *   `replace` of `{"id": …, "displayName": …}` (rename, sent with every membership update);
 * - Microsoft's test collection: `add` with a bare id string as the value.
 * Works on a copy; the result is whole or the PATCH throws (400) and nothing is written. Whether
 * the member ids exist is the caller's check.
 */
export function applyGroupPatch(state: GroupState, ops: ReadonlyArray<PatchOperation>, currentId: string): GroupState {
  const doc: Record<string, unknown> = { ...state.doc };
  let members = [...state.members];
  const apply = (op: PatchOperation): void => {
    if (op.path === undefined) {
      if (op.op === 'remove') throw noTarget('A "remove" operation needs a "path".');
      if (!isPlainObject(op.value)) throw invalidValue('An operation without "path" needs an object "value".');
      const idKey = Object.keys(op.value).find((k) => k.toLowerCase() === 'id');
      if (idKey !== undefined && op.value[idKey] !== currentId) throw mutability('"id" is assigned by SCIM Desk and cannot be changed.');
      for (const [k, v] of Object.entries(groupFieldsOf(op.value))) setField(doc, k, v);
      const membersKey = Object.keys(op.value).find((k) => k.toLowerCase() === 'members');
      if (membersKey !== undefined) members = changeMembers(members, op.op, op.value[membersKey]);
      return;
    }
    const extension = Object.keys(doc).find((k) => k.toLowerCase() === op.path?.toLowerCase() && k !== 'displayName' && k !== 'externalId');
    const isCorePath = op.path.toLowerCase().startsWith(`${URN_GROUP.toLowerCase()}:`);
    if (extension !== undefined || (!isCorePath && /^(urn:|https?:\/\/)/i.test(op.path))) {
      applyExtension(doc, extension ?? op.path, op);
      return;
    }
    const p = parsePatchPath(op.path, GROUP_RESOLVER);
    const name = p.attribute.attr.name;
    if (name === 'id' || name === 'meta') {
      if (name === 'id' && op.op !== 'remove' && op.value === currentId) return;
      throw mutability(`"${name}" is assigned by SCIM Desk and cannot be changed.`);
    }
    if (name === 'members') {
      if (p.valueFilter) {
        if (op.op !== 'remove' || p.subAttribute) throw invalidPath('A filter on "members" selects members to remove: {"op":"remove","path":"members[value eq \\"<user id>\\"]"}.');
        const filter = p.valueFilter;
        members = members.filter((id) => !evaluateOnElement(filter, { value: id, type: 'User' }));
      } else if (p.subAttribute) {
        throw invalidPath(`"${p.canonical}" cannot be changed; add or remove whole members.`);
      } else members = changeMembers(members, op.op, op.value);
      return;
    }
    if (p.subAttribute) throw invalidPath(`"${op.path}" is not an attribute of a group.`);
    if (name === 'displayName' && (op.op === 'remove' || op.value === null || op.value === '')) throw invalidValue('"displayName" is required; replace it instead of removing it.');
    setField(doc, name, op.op === 'remove' ? null : op.value === null || op.value === '' ? null : groupString(op.value, name));
  };
  ops.forEach(apply);
  return { doc: groupDocOf(doc), members };
}

function setField(doc: Record<string, unknown>, key: string, value: unknown): void {
  if (value === null || value === undefined) delete doc[key];
  else doc[key] = value;
}

/** `add` joins, `replace` sets the whole list (Okta's full push), `remove` drops the listed ids or, with no value, everyone. */
function changeMembers(current: ReadonlyArray<string>, op: PatchOperation['op'], value: unknown): string[] {
  if (op === 'remove') {
    if (value === undefined || value === null) return [];
    const drop = new Set(memberIdsOf(value, 'members'));
    return current.filter((id) => !drop.has(id));
  }
  const ids = memberIdsOf(value, 'members');
  if (op === 'replace') return ids;
  const have = new Set(current);
  return [...current, ...ids.filter((id) => !have.has(id))];
}

/** An extension object addressed by its URN: merged attribute by attribute, or removed. */
function applyExtension(doc: Record<string, unknown>, key: string, op: PatchOperation): void {
  if (op.op === 'remove') {
    delete doc[key];
    return;
  }
  if (!isPlainObject(op.value)) throw invalidPath(`"${key}" is not an attribute of a group; address an extension by its schema URN with an object value.`);
  const fields = groupFieldsOf({ [key]: op.value });
  const existing = doc[key];
  doc[key] = { ...(isPlainObject(existing) ? existing : {}), ...(isPlainObject(fields[key]) ? fields[key] : {}) };
}
