import { z } from 'zod';

/** Member fields a SCIM attribute can be mapped to (custom fields are `custom:<key>`). */
export const MEMBER_FIELDS = [
  'firstName',
  'lastName',
  'displayName',
  'email',
  'phone',
  'mobile',
  'jobTitle',
  'department',
  'location',
  'employeeNumber',
  'streetAddress',
  'city',
  'state',
  'postalCode',
  'country',
  'managerId',
] as const;
export const MemberFieldSchema = z.enum(MEMBER_FIELDS);
export type MemberField = z.infer<typeof MemberFieldSchema>;

/** Human labels for the GUI and error messages. */
export const MEMBER_FIELD_LABELS: Readonly<Record<MemberField, string>> = {
  firstName: 'First name',
  lastName: 'Last name',
  displayName: 'Display name',
  email: 'Email',
  phone: 'Phone',
  mobile: 'Mobile',
  jobTitle: 'Job title',
  department: 'Department',
  location: 'Location',
  employeeNumber: 'Employee / badge number',
  streetAddress: 'Street address',
  city: 'City',
  state: 'State',
  postalCode: 'Postal code',
  country: 'Country',
  managerId: 'Manager',
};

export const MappingTargetSchema = z.union([MemberFieldSchema, z.string().regex(/^custom:[a-z][a-z0-9_]{0,40}$/, 'Custom targets look like custom:<key>')]);

/** One row of the attribute-mapping table: SCIM path → member field. Earlier rows win for the same field. */
export const MappingRowSchema = z.object({
  scimPath: z.string().trim().min(1).max(300),
  target: MappingTargetSchema,
  enabled: z.boolean().default(true),
});
export type MappingRow = z.infer<typeof MappingRowSchema>;
export const MappingTableSchema = z.object({ rows: z.array(MappingRowSchema).max(200) });
export type MappingTable = z.infer<typeof MappingTableSchema>;

export const CustomFieldTypeSchema = z.enum(['text', 'number', 'date', 'boolean']);
export const CustomFieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, 'Use lower-case letters, digits and _ (start with a letter)'),
  label: z.string().trim().min(1).max(80),
  type: CustomFieldTypeSchema,
});
export type CustomField = z.infer<typeof CustomFieldSchema>;

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
/**
 * The shipped mapping: covers Entra's and Okta's default attribute lists. Fallback rows come after
 * the preferred ones (the primary email, else the first work email).
 */
export const DEFAULT_MAPPING: ReadonlyArray<MappingRow> = [
  { scimPath: 'name.givenName', target: 'firstName', enabled: true },
  { scimPath: 'name.familyName', target: 'lastName', enabled: true },
  { scimPath: 'displayName', target: 'displayName', enabled: true },
  { scimPath: 'emails[primary eq true].value', target: 'email', enabled: true },
  { scimPath: 'emails[type eq "work"].value', target: 'email', enabled: true },
  { scimPath: 'phoneNumbers[type eq "work"].value', target: 'phone', enabled: true },
  { scimPath: 'phoneNumbers[type eq "mobile"].value', target: 'mobile', enabled: true },
  { scimPath: 'title', target: 'jobTitle', enabled: true },
  { scimPath: `${ENT}:department`, target: 'department', enabled: true },
  { scimPath: 'addresses[type eq "work"].formatted', target: 'location', enabled: true },
  { scimPath: `${ENT}:employeeNumber`, target: 'employeeNumber', enabled: true },
  { scimPath: 'addresses[type eq "work"].streetAddress', target: 'streetAddress', enabled: true },
  { scimPath: 'addresses[type eq "work"].locality', target: 'city', enabled: true },
  { scimPath: 'addresses[type eq "work"].region', target: 'state', enabled: true },
  { scimPath: 'addresses[type eq "work"].postalCode', target: 'postalCode', enabled: true },
  { scimPath: 'addresses[type eq "work"].country', target: 'country', enabled: true },
  { scimPath: `${ENT}:manager`, target: 'managerId', enabled: true },
];

/** POST /api/mappings/preview: a SCIM user (pasted) or an existing member's resource. */
export const MappingPreviewRequestSchema = z.union([
  z.object({ resource: z.record(z.string(), z.unknown()), rows: z.array(MappingRowSchema).optional() }),
  z.object({ memberId: z.string().min(1), rows: z.array(MappingRowSchema).optional() }),
]);
export const MappingPreviewSchema = z.object({
  fields: z.record(z.string(), z.string().nullable()),
  custom: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  role: z.union([z.object({ kind: z.literal('role'), roleId: z.number(), roleName: z.string() }), z.object({ kind: z.literal('refused'), detail: z.string() })]),
});
export type MappingPreview = z.infer<typeof MappingPreviewSchema>;

/** One attribute the IdP sends that no mapping row reads yet. */
export const UnmappedAttributeSchema = z.object({
  /** A SCIM path a mapping row can use as is (`urn:…:User:CostCentre`, `emails[type eq "home"].value`). */
  scimPath: z.string(),
  /** Members whose SCIM resource carries it. */
  memberCount: z.number().int(),
  /** One value, as text, to recognise it by. */
  example: z.string().nullable(),
});
export type UnmappedAttribute = z.infer<typeof UnmappedAttributeSchema>;
/** GET /api/mappings/unmapped: most common first. */
export const UnmappedAttributeListSchema = z.object({ attributes: z.array(UnmappedAttributeSchema), membersScanned: z.number().int() });
export type UnmappedAttributeList = z.infer<typeof UnmappedAttributeListSchema>;

/**
 * POST /api/mappings/rows: map one attribute in one step, to an existing member field or custom
 * field (`target`), or to a new custom field created with it (`newField`).
 */
export const MapAttributeRequestSchema = z.union([
  z.object({ scimPath: z.string().trim().min(1).max(300), target: MappingTargetSchema }),
  z.object({ scimPath: z.string().trim().min(1).max(300), newField: CustomFieldSchema }),
]);
export type MapAttributeRequest = z.infer<typeof MapAttributeRequestSchema>;

/** POST /api/mappings/check: a draft table as typed (paths not yet valid); nothing is saved. */
export const MappingCheckRequestSchema = z.object({
  rows: z.array(z.object({ scimPath: z.string().max(300), target: z.string().max(100), enabled: z.boolean().optional() })).max(200),
});
/** Every bad row, with the field it is about (`rows.3.scimPath`). */
export const MappingCheckSchema = z.object({ problems: z.array(z.object({ index: z.number().int(), field: z.string(), message: z.string() })) });
export type MappingCheck = z.infer<typeof MappingCheckSchema>;

/** PUT /api/custom-fields/{key}: a new label (the key, used in data and exports, stays). */
export const CustomFieldRenameSchema = z.object({ label: z.string().trim().min(1).max(80) });
/** GET /api/custom-fields/{key}/usage: what deleting the field touches. */
export const CustomFieldUsageSchema = z.object({
  /** Members holding a value for it (deleting the field deletes the values, each with a history entry). */
  members: z.number().int(),
  /** 1-based numbers of the mapping rows that feed it (deleting is refused while there are any). */
  mappingRows: z.array(z.number().int()),
});
export type CustomFieldUsage = z.infer<typeof CustomFieldUsageSchema>;
