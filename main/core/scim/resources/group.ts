import { URN_GROUP } from '../../../../shared/scim/urns.js';
import { invalidSyntax, invalidValue } from '../errors.js';
import { etagOf } from './user.js';
import { isPlainObject, MAX_STRING } from './user-doc.js';

/**
 * A SCIM Group as SCIM Desk stores it: `displayName`, `externalId` and any extension objects (Microsoft's
 * group extension) in `scim_groups.scim_json`; the members in `group_members`, never in the document.
 */
export type GroupDoc = Record<string, unknown> & { readonly displayName: string };

/** A POST or PUT body, read: the document and the member ids in the order sent (each once). */
export interface GroupInput {
  readonly doc: GroupDoc;
  readonly members: ReadonlyArray<string>;
}

/** The stored row fields a Group resource is built from (the document comes parsed, store/groups-repo.ts `groupDocOf`). */
export interface GroupRowCore {
  readonly id: string;
  readonly version: number;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A member as the group's `members` list shows it. */
export interface GroupMemberRef {
  readonly id: string;
  readonly user_name: string;
  readonly display_name: string | null;
}

const POISON_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const CORE_KEYS = new Set(['id', 'meta', 'schemas', 'members', 'displayname', 'externalid']);

/** A string attribute of a group, within the limits every SCIM string has. */
export function groupString(v: unknown, where: string): string {
  if (typeof v !== 'string') throw invalidValue(`${where} must be a string.`);
  if (v.length > MAX_STRING) throw invalidValue(`${where} is longer than ${MAX_STRING} characters.`);
  if (v.includes('\u0000') || /\p{Cs}/u.test(v)) throw invalidValue(`${where} contains a NUL character or a broken UTF-16 character.`);
  return v;
}

/** The User id a `members` element names: `{"value": id}` (Entra, Okta) or a bare id string (Microsoft's test collection). */
export function memberIdOf(el: unknown, where: string): string {
  const value = isPlainObject(el) ? el[Object.keys(el).find((k) => k.toLowerCase() === 'value') ?? 'value'] : el;
  if (typeof value !== 'string' || value.trim() === '') throw invalidValue(`${where} must name a user by its id: {"value": "<user id>"}.`);
  return groupString(value, where);
}

/** Member ids of a `members` value (array, one element, or null for none), each once, in order. */
export function memberIdsOf(v: unknown, where: string): string[] {
  if (v === null || v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return [...new Set(list.map((el, i) => memberIdOf(el, `${where}[${i}]`)))];
}

/** A JSON copy without prototype-polluting keys, refusing broken strings (extension values kept as sent). */
function copyJson(v: unknown, depth = 0): unknown {
  if (depth > 8) throw invalidValue('Extension values are nested too deeply.');
  if (Array.isArray(v)) return v.map((x) => copyJson(x, depth + 1));
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).filter(([k]) => !POISON_KEYS.has(k)).map(([k, x]) => [k, copyJson(x, depth + 1)]));
  return typeof v === 'string' ? groupString(v, 'An extension value') : v;
}

const keyOf = (body: Record<string, unknown>, name: string): string | undefined => Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());

/** The document fields of a body or no-path PATCH value: displayName, externalId, extension objects. */
export function groupFieldsOf(body: Record<string, unknown>): Partial<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const name = keyOf(body, 'displayName');
  if (name !== undefined && body[name] !== undefined) out.displayName = body[name] === null ? null : groupString(body[name], 'displayName');
  const external = keyOf(body, 'externalId');
  if (external !== undefined && body[external] !== undefined) out.externalId = body[external] === null ? null : groupString(body[external], 'externalId');
  for (const [k, v] of Object.entries(body)) {
    if (POISON_KEYS.has(k) || CORE_KEYS.has(k.toLowerCase())) continue;
    // Extension objects under their URN; other unknown attributes are ignored (RFC 7644 §3.3).
    if (/^(urn:|https?:\/\/)/i.test(k) && isPlainObject(v)) out[k] = copyJson(v);
  }
  return out;
}

/** A group document from its fields; displayName is required and non-empty. */
export function groupDocOf(fields: Partial<Record<string, unknown>>): GroupDoc {
  const displayName = fields.displayName;
  if (typeof displayName !== 'string' || displayName.trim() === '') throw invalidValue('"displayName" is required and must be a non-empty string.');
  const doc: Record<string, unknown> = { displayName };
  for (const [k, v] of Object.entries(fields)) if (k !== 'displayName' && v !== null && v !== undefined) doc[k] = v;
  return doc as GroupDoc;
}

/** Read a POST or PUT body (core Group, Microsoft's extension, `externalId`, `members`). */
export function toGroupInput(body: unknown): GroupInput {
  if (!isPlainObject(body)) throw invalidSyntax('The request body must be a JSON object (a SCIM Group resource).');
  const members = keyOf(body, 'members');
  return { doc: groupDocOf(groupFieldsOf(body)), members: memberIdsOf(members === undefined ? undefined : body[members], 'members') };
}

/**
 * The SCIM Group JSON. `members` is listed when given (left out when the client excluded it, as
 * Entra always does); an empty group lists `[]`, as in Microsoft's own examples.
 */
export function toScimGroup(row: GroupRowCore, doc: Readonly<Record<string, unknown>>, baseUrl: string, members?: ReadonlyArray<GroupMemberRef>): Record<string, unknown> {
  const extensions = Object.keys(doc).filter((k) => k !== 'displayName' && k !== 'externalId');
  return {
    schemas: [URN_GROUP, ...extensions],
    id: row.id,
    ...doc,
    ...(members === undefined
      ? {}
      : { members: members.map((m) => ({ value: m.id, display: m.display_name ?? m.user_name, $ref: `${baseUrl}/Users/${m.id}`, type: 'User' })) }),
    meta: {
      resourceType: 'Group',
      created: row.created_at,
      lastModified: row.updated_at,
      location: `${baseUrl}/Groups/${row.id}`,
      version: etagOf(row.version),
    },
  };
}
