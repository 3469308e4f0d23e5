import { MEMBER_FIELDS } from '../../../shared/api/mapping.js';
import type { MemberField } from '../../../shared/api/mapping.js';
import { CustomValuesSchema, StoredDocSchema, parseColumn } from './json-columns.js';
import type { CustomValues } from './json-columns.js';

/** A row of the `members` table. */
export interface MemberRow {
  id: string;
  user_name: string;
  external_id: string | null;
  work_email: string | null;
  /** Work emails after the first, as a JSON array; NULL when there are none (migration 0009). */
  other_work_emails: string | null;
  active: number;
  lifecycle: 'present' | 'idp_deleted' | 'admin_deleted';
  scim_json: string;
  version: number;
  source: 'scim';
  created_at: string;
  updated_at: string;
  last_provisioned_at: string | null;
  first_name: string | null;
  last_name: string | null;
  display_name: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  job_title: string | null;
  department: string | null;
  location: string | null;
  employee_number: string | null;
  street_address: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  country: string | null;
  manager_id: string | null;
  role_id: number | null;
  role_locked: number;
  /** What gave the role: `group "…"` or `attribute … = "…"`; NULL for the fallback or the admin's choice (0010). */
  role_source: string | null;
  leaver_holding_assets: number;
  deleted_at: string | null;
  custom_json: string;
}

/** The mapped member fields, camelCase. */
export type MemberFields = Record<MemberField, string | null>;

/** camelCase member field → column. */
export const FIELD_COLUMNS: Readonly<Record<MemberField, keyof MemberRow>> = {
  firstName: 'first_name',
  lastName: 'last_name',
  displayName: 'display_name',
  email: 'email',
  phone: 'phone',
  mobile: 'mobile',
  jobTitle: 'job_title',
  department: 'department',
  location: 'location',
  employeeNumber: 'employee_number',
  streetAddress: 'street_address',
  city: 'city',
  state: 'state',
  postalCode: 'postal_code',
  country: 'country',
  managerId: 'manager_id',
};

export const fieldsOf = (row: Pick<MemberRow, (typeof FIELD_COLUMNS)[MemberField]>): MemberFields =>
  Object.fromEntries(MEMBER_FIELDS.map((f) => [f, row[FIELD_COLUMNS[f] as keyof typeof row] as string | null])) as MemberFields;

/** Every column, in insert order. */
export const MEMBER_COLUMNS: ReadonlyArray<keyof MemberRow> = [
  'id', 'user_name', 'external_id', 'work_email', 'other_work_emails', 'active', 'lifecycle', 'scim_json', 'version', 'source', 'created_at', 'updated_at',
  'last_provisioned_at', ...MEMBER_FIELDS.map((f) => FIELD_COLUMNS[f]), 'role_id', 'role_locked', 'role_source', 'leaver_holding_assets',
  'deleted_at', 'custom_json',
];

/** The stored SCIM resource of a member (`scim_json`), parsed. */
export const storedDocOf = (row: Pick<MemberRow, 'scim_json'>): Record<string, unknown> => parseColumn(StoredDocSchema, row.scim_json, 'members.scim_json');

/** The member's custom field values (`custom_json`), parsed. */
export const customOf = (row: Pick<MemberRow, 'custom_json'>): CustomValues => parseColumn(CustomValuesSchema, row.custom_json, 'members.custom_json');

/** Visible to the admin: IdP-deleted members stay visible as inactive; admin-deleted ones do not. */
export const isVisible = (row: Pick<MemberRow, 'lifecycle'>): boolean => row.lifecycle !== 'admin_deleted';

/** Active in the app: present and active. */
export const isActiveMember = (row: Pick<MemberRow, 'lifecycle' | 'active'>): boolean => row.lifecycle === 'present' && row.active === 1;

/** A blank member row for a create; every column is then set by the caller. */
export function emptyMemberRow(id: string, at: string): MemberRow {
  const row = Object.fromEntries(MEMBER_COLUMNS.map((c) => [c, null])) as unknown as MemberRow;
  return {
    ...row,
    id,
    user_name: '',
    active: 1,
    lifecycle: 'present',
    scim_json: '{}',
    version: 1,
    source: 'scim',
    created_at: at,
    updated_at: at,
    last_provisioned_at: at,
    role_locked: 0,
    leaver_holding_assets: 0,
    custom_json: '{}',
  };
}
