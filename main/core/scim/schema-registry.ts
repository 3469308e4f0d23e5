import { URN_ENTERPRISE_USER, URN_USER } from '../../../shared/scim/urns.js';

/** RFC 7643 §2.3 attribute data types. */
export type AttrType = 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime' | 'reference' | 'complex' | 'binary';

/** One attribute definition as published by `/Schemas` (RFC 7643 §7). */
export interface AttributeDef {
  readonly name: string;
  readonly type: AttrType;
  readonly multiValued: boolean;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
  readonly returned: 'always' | 'never' | 'default' | 'request';
  readonly uniqueness: 'none' | 'server' | 'global';
  readonly description: string;
  readonly subAttributes?: ReadonlyArray<AttributeDef>;
  readonly canonicalValues?: ReadonlyArray<string>;
  readonly referenceTypes?: ReadonlyArray<string>;
}

export interface SchemaDef {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: ReadonlyArray<AttributeDef>;
}

/** A custom extension attribute the admin maps (e.g. `urn:...:CustomExtensionName:2.0:User:tag`). */
export interface CustomExtensionAttr {
  readonly urn: string;
  readonly name: string;
  readonly type?: 'string' | 'boolean' | 'decimal' | 'integer' | 'dateTime';
}

/** Result of resolving an attribute path such as `name.givenName` or `urn:…:enterprise:2.0:User:manager`. */
export interface ResolvedAttr {
  /** Canonical schema URN the attribute belongs to. */
  readonly schema: string;
  /** True when the attribute lives in an extension object (`resource[schema][attr]`). */
  readonly isExtension: boolean;
  readonly attr: AttributeDef;
  readonly sub?: AttributeDef;
  /** Canonical spelling of the path, e.g. `name.givenName`. */
  readonly canonical: string;
}

type Partial_ = Partial<AttributeDef> & Pick<AttributeDef, 'name'>;
/** An attribute definition with RFC 7643 §2.2's defaults (a single-valued, readWrite string). */
export const a = (d: Partial_): AttributeDef => ({
  type: 'string',
  multiValued: false,
  required: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  uniqueness: 'none',
  description: d.name,
  ...d,
});

const multi = (name: string, description: string, types: ReadonlyArray<string>, extra: ReadonlyArray<AttributeDef> = []): AttributeDef =>
  a({
    name,
    type: 'complex',
    multiValued: true,
    description,
    subAttributes: [
      a({ name: 'value', description: `The ${name} value.` }),
      a({ name: 'display', description: 'A human-readable name.' }),
      a({ name: 'type', description: 'A label indicating the function.', canonicalValues: types }),
      a({ name: 'primary', type: 'boolean', description: 'Marks the primary value.' }),
      ...extra,
    ],
  });

const CORE_USER_ATTRS: ReadonlyArray<AttributeDef> = [
  a({ name: 'userName', required: true, uniqueness: 'server', description: 'Unique identifier for the user, typically the UPN or email.' }),
  a({
    name: 'name',
    type: 'complex',
    description: 'The components of the user\'s name.',
    subAttributes: ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'].map((n) => a({ name: n })),
  }),
  a({ name: 'displayName', description: 'The name of the user, suitable for display.' }),
  a({ name: 'nickName' }),
  a({ name: 'profileUrl', type: 'reference', referenceTypes: ['external'] }),
  a({ name: 'title', description: 'The user\'s job title.' }),
  a({ name: 'userType' }),
  a({ name: 'preferredLanguage' }),
  a({ name: 'locale' }),
  a({ name: 'timezone' }),
  a({ name: 'active', type: 'boolean', description: 'The user\'s administrative status.' }),
  a({ name: 'password', mutability: 'writeOnly', returned: 'never', description: 'Never stored or returned by SCIM Desk.' }),
  multi('emails', 'Email addresses for the user.', ['work', 'home', 'other']),
  multi('phoneNumbers', 'Phone numbers for the user.', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
  multi('ims', 'Instant messaging addresses.', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
  multi('photos', 'URLs of photos of the user.', ['photo', 'thumbnail']),
  a({
    name: 'addresses',
    type: 'complex',
    multiValued: true,
    description: 'Physical mailing addresses.',
    subAttributes: [
      ...['formatted', 'streetAddress', 'locality', 'region', 'postalCode', 'country'].map((n) => a({ name: n })),
      a({ name: 'type', canonicalValues: ['work', 'home', 'other'] }),
      a({ name: 'primary', type: 'boolean' }),
    ],
  }),
  a({
    name: 'groups',
    type: 'complex',
    multiValued: true,
    mutability: 'readOnly',
    description: 'Groups the user belongs to (read-only; SCIM Desk does not provision groups).',
    subAttributes: [a({ name: 'value', mutability: 'readOnly' }), a({ name: 'display', mutability: 'readOnly' }), a({ name: 'type', mutability: 'readOnly' })],
  }),
  multi('entitlements', 'Entitlements.', []),
  multi('roles', 'Roles for the user (can feed the custom-role mapping).', []),
  multi('x509Certificates', 'X.509 certificates.', []),
];

const COMMON_ATTRS: ReadonlyArray<AttributeDef> = [
  a({ name: 'id', caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server', description: 'Identifier assigned by SCIM Desk.' }),
  a({ name: 'externalId', caseExact: true, description: 'Identifier assigned by the identity provider.' }),
  a({
    name: 'meta',
    type: 'complex',
    mutability: 'readOnly',
    description: 'Resource metadata.',
    subAttributes: [
      a({ name: 'resourceType', mutability: 'readOnly', caseExact: true }),
      a({ name: 'created', type: 'dateTime', mutability: 'readOnly' }),
      a({ name: 'lastModified', type: 'dateTime', mutability: 'readOnly' }),
      a({ name: 'location', type: 'reference', mutability: 'readOnly', caseExact: true }),
      a({ name: 'version', mutability: 'readOnly', caseExact: true }),
    ],
  }),
];

const ENTERPRISE_ATTRS: ReadonlyArray<AttributeDef> = [
  a({ name: 'employeeNumber' }),
  a({ name: 'costCenter' }),
  a({ name: 'organization' }),
  a({ name: 'division' }),
  a({ name: 'department' }),
  a({
    name: 'manager',
    type: 'complex',
    description: 'The user\'s manager. Accepted as an id string, {value} or [{value}]; always returned as {"value": id}.',
    subAttributes: [
      a({ name: 'value', caseExact: true, description: 'The id of the manager.' }),
      a({ name: '$ref', type: 'reference', referenceTypes: ['User'] }),
      a({ name: 'displayName', mutability: 'readOnly' }),
    ],
  }),
];

/** Read-only view of the schemas in force: core User, enterprise, and the admin's custom extensions. */
export interface SchemaRegistry {
  readonly schemas: ReadonlyArray<SchemaDef>;
  /** URNs of the extension schemas (enterprise first, then custom, in order). */
  readonly extensionUrns: ReadonlyArray<string>;
  /** Resolve a (possibly URN-qualified, dotted) attribute path; case-insensitive. `undefined` when unknown. */
  resolve(path: string): ResolvedAttr | undefined;
  /** Canonical spelling of an extension URN, or undefined when it is not known. */
  canonicalUrn(urn: string): string | undefined;
}

/** Build the registry. Custom extension attributes come from the admin's mapping table. */
export function createSchemaRegistry(custom: ReadonlyArray<CustomExtensionAttr> = []): SchemaRegistry {
  const byUrn = new Map<string, AttributeDef[]>();
  for (const c of custom) {
    const list = byUrn.get(c.urn) ?? [];
    if (!list.some((x) => x.name.toLowerCase() === c.name.toLowerCase())) list.push(a({ name: c.name, type: c.type ?? 'string', description: `Custom attribute ${c.name}.` }));
    byUrn.set(c.urn, list);
  }
  const customSchemas: SchemaDef[] = [...byUrn].map(([urn, attributes]) => ({
    id: urn,
    name: urn.split(':').slice(-3, -2)[0] ?? 'Extension',
    description: 'Custom extension attributes mapped in SCIM Desk.',
    attributes,
  }));
  const schemas: SchemaDef[] = [
    { id: URN_USER, name: 'User', description: 'User Account', attributes: CORE_USER_ATTRS },
    { id: URN_ENTERPRISE_USER, name: 'EnterpriseUser', description: 'Enterprise User', attributes: ENTERPRISE_ATTRS },
    ...customSchemas,
  ];
  const lowerUrn = new Map(schemas.map((s) => [s.id.toLowerCase(), s]));
  const coreAttrs = [...COMMON_ATTRS, ...CORE_USER_ATTRS];
  const find = (list: ReadonlyArray<AttributeDef>, name: string): AttributeDef | undefined =>
    list.find((x) => x.name.toLowerCase() === name.toLowerCase());

  function resolveIn(schema: SchemaDef, rest: string, isExtension: boolean): ResolvedAttr | undefined {
    const [attrName, subName, extra] = rest.split('.');
    if (attrName === undefined || extra !== undefined) return undefined;
    const attr = find(isExtension ? schema.attributes : coreAttrs, attrName);
    if (!attr) return undefined;
    if (subName === undefined) {
      return { schema: schema.id, isExtension, attr, canonical: isExtension ? `${schema.id}:${attr.name}` : attr.name };
    }
    const sub = find(attr.subAttributes ?? [], subName);
    if (!sub) return undefined;
    return { schema: schema.id, isExtension, attr, sub, canonical: `${isExtension ? `${schema.id}:` : ''}${attr.name}.${sub.name}` };
  }

  function resolveUncached(path: string): ResolvedAttr | undefined {
    const lower = path.toLowerCase();
    // Longest URN prefix wins: extension URNs end in ":User" and the attribute follows the last ':'.
    for (const s of schemas) {
      const prefix = `${s.id.toLowerCase()}:`;
      if (lower.startsWith(prefix)) return resolveIn(s, path.slice(prefix.length), s.id !== URN_USER);
    }
    if (lower.startsWith('urn:')) return undefined;
    const core = schemas[0];
    const hit = core ? resolveIn(core, path, false) : undefined;
    if (hit) return hit;
    // Entra's reference lookup sends bare `manager eq "id"`: accept an unqualified extension
    // attribute when exactly one extension defines it.
    const ext = schemas.slice(1).map((s) => resolveIn(s, path, true)).filter((r) => r !== undefined);
    return ext.length === 1 ? ext[0] : undefined;
  }
  const memo = new Map<string, ResolvedAttr | undefined>();

  return {
    schemas,
    extensionUrns: schemas.slice(1).map((s) => s.id),
    canonicalUrn: (urn) => lowerUrn.get(urn.toLowerCase())?.id,
    resolve(path) {
      // Memoised: every filter, PATCH path and projection resolves names, and the registry is
      // immutable (a new one is built when the mapping changes). Bounded against hostile input.
      const cached = memo.get(path);
      if (cached !== undefined || memo.has(path)) return cached;
      const r = resolveUncached(path);
      if (memo.size >= 2000) memo.clear();
      memo.set(path, r);
      return r;
    },
  };
}
