import { URN_GROUP } from '../../../shared/scim/urns.js';
import type { AttrResolver } from './filter/parser.js';
import { a } from './schema-registry.js';
import type { AttributeDef, ResolvedAttr, SchemaDef } from './schema-registry.js';

/** Microsoft's group extension, which Entra lists in `schemas` when it creates a group (MS-TUT "Create Group"). */
export const URN_MS_GROUP = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

const MEMBERS = a({
  name: 'members',
  type: 'complex',
  multiValued: true,
  description: 'The users in the group (SCIM Desk stores users only; a member value is a User id).',
  subAttributes: [
    a({ name: 'value', mutability: 'immutable', caseExact: true, description: 'The id of a User.' }),
    a({ name: '$ref', type: 'reference', mutability: 'immutable', referenceTypes: ['User'], description: 'The URI of the User.' }),
    a({ name: 'display', mutability: 'readOnly', description: 'The display name (or userName) of the User.' }),
    a({ name: 'type', mutability: 'immutable', canonicalValues: ['User'], description: 'Always "User".' }),
  ],
});

/** RFC 7643 §4.2 Group schema, as SCIM Desk supports it (published by /Schemas while groups are on). */
export const GROUP_SCHEMA: SchemaDef = {
  id: URN_GROUP,
  name: 'Group',
  description: 'Group',
  attributes: [a({ name: 'displayName', required: true, description: 'A human-readable name for the group; roles are matched to it.' }), MEMBERS],
};

const COMMON: ReadonlyArray<AttributeDef> = [
  a({ name: 'id', caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server', description: 'Identifier assigned by SCIM Desk.' }),
  a({ name: 'externalId', caseExact: true, description: 'Identifier assigned by the identity provider.' }),
  a({
    name: 'meta',
    type: 'complex',
    mutability: 'readOnly',
    description: 'Resource metadata.',
    subAttributes: [
      a({ name: 'created', type: 'dateTime', mutability: 'readOnly', description: 'Created.' }),
      a({ name: 'lastModified', type: 'dateTime', mutability: 'readOnly', description: 'Last modified.' }),
    ],
  }),
];
const ALL = [...COMMON, ...GROUP_SCHEMA.attributes];
const find = (list: ReadonlyArray<AttributeDef>, name: string): AttributeDef | undefined => list.find((a) => a.name.toLowerCase() === name.toLowerCase());

/**
 * Attribute names of a Group for filters, PATCH paths and `attributes` projection: `displayName`,
 * `externalId`, `id`, `members`, `members.value`, `meta.lastModified`, optionally URN-qualified.
 */
export const GROUP_RESOLVER: AttrResolver = {
  resolve(path: string): ResolvedAttr | undefined {
    const prefix = `${URN_GROUP.toLowerCase()}:`;
    const rest = path.toLowerCase().startsWith(prefix) ? path.slice(prefix.length) : path;
    const [name, subName, extra] = rest.split('.');
    if (name === undefined || extra !== undefined) return undefined;
    const def = find(ALL, name);
    if (!def) return undefined;
    if (subName === undefined) return { schema: URN_GROUP, isExtension: false, attr: def, canonical: def.name };
    const sub = find(def.subAttributes ?? [], subName);
    return sub && { schema: URN_GROUP, isExtension: false, attr: def, sub, canonical: `${def.name}.${sub.name}` };
  },
};
