import { MEMBER_FIELD_LABELS, type MemberField } from '../../../shared/api/mapping';

/** Fields a change set may name besides the mapped member fields. */
const OTHER_LABELS: Readonly<Record<string, string>> = {
  userName: 'User name',
  externalId: 'External ID',
  active: 'Active',
  role: 'Role',
  roleLocked: 'Role locked',
  leaverHoldingAssets: 'Leaver holding assets',
  deletedByAdmin: 'Deleted in SCIM Desk',
  deletedByIdp: 'Deleted by the IdP',
};

/**
 * The admin's word for a field named in a change set: `jobTitle` → "Job title", `custom:badge` → the
 * custom field's label (or its key when the field was deleted since).
 */
export function fieldLabel(field: string, customLabels: Readonly<Record<string, string>> = {}): string {
  if (field.startsWith('custom:')) {
    const key = field.slice('custom:'.length);
    return customLabels[key] ?? `${key} (custom field)`;
  }
  return (MEMBER_FIELD_LABELS as Readonly<Record<string, string>>)[field as MemberField] ?? OTHER_LABELS[field] ?? field;
}
