import { DEFAULT_MAPPING, MEMBER_FIELD_LABELS, type CustomField, type MappingRow } from '../../../../shared/api/mapping';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Paths Entra and Okta send, offered as suggestions (any valid path may be typed). */
export const SUGGESTED_PATHS: ReadonlyArray<string> = [
  'userName',
  'externalId',
  'displayName',
  'nickName',
  'name.givenName',
  'name.familyName',
  'name.formatted',
  'title',
  'preferredLanguage',
  'emails[type eq "work"].value',
  'emails[type eq "other"].value',
  'emails[primary eq true].value',
  'phoneNumbers[type eq "work"].value',
  'phoneNumbers[type eq "mobile"].value',
  'phoneNumbers[type eq "fax"].value',
  'addresses[type eq "work"].formatted',
  'addresses[type eq "work"].streetAddress',
  'addresses[type eq "work"].locality',
  'addresses[type eq "work"].region',
  'addresses[type eq "work"].postalCode',
  'addresses[type eq "work"].country',
  'roles[primary eq "True"].value',
  `${ENT}:employeeNumber`,
  `${ENT}:department`,
  `${ENT}:division`,
  `${ENT}:costCenter`,
  `${ENT}:organization`,
  `${ENT}:manager`,
  'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttribute',
];

/** Shortens the enterprise URN for display; the full path is in the title attribute. */
export function shortPath(path: string): string {
  return path.startsWith(`${ENT}:`) ? `enterprise:${path.slice(ENT.length + 1)}` : path;
}

/** "Job title" for jobTitle, "Badge colour (custom)" for custom:badge_colour. */
export function targetLabel(target: string, customFields: ReadonlyArray<CustomField>): string {
  if (target.startsWith('custom:')) {
    const key = target.slice('custom:'.length);
    const field = customFields.find((f) => f.key === key);
    return `${field?.label ?? key} (custom)`;
  }
  return (MEMBER_FIELD_LABELS as Record<string, string>)[target] ?? target;
}

/** Select options: member fields, then custom fields. */
export function targetOptions(customFields: ReadonlyArray<CustomField>) {
  return [
    { group: 'Member fields', items: Object.entries(MEMBER_FIELD_LABELS).map(([value, label]) => ({ value, label })) },
    { group: 'Custom fields', items: customFields.map((f) => ({ value: `custom:${f.key}`, label: `${f.label} (${f.type})` })) },
  ];
}

const OKTA_SKIPS = new Set([`${ENT}:manager`]);

/**
 * The presets. Both IdPs are covered by the shipped default mapping; Okta's default app profile
 * has no manager reference, so its preset leaves that row out.
 */
export function presetRows(idp: 'entra' | 'okta'): ReadonlyArray<MappingRow> {
  return idp === 'entra' ? DEFAULT_MAPPING : DEFAULT_MAPPING.filter((r) => !OKTA_SKIPS.has(r.scimPath));
}
