import { MEMBER_FIELDS, MEMBER_FIELD_LABELS } from '../../../shared/api/mapping.js';
import { FIELD_COLUMNS, customOf } from '../store/member-row.js';
import type { ListedMember } from '../store/member-list-repo.js';
import { csvLine } from './csv.js';

/** CSV header of the member export: fixed columns, the member fields, then the custom fields. */
export function memberCsvHeader(customKeys: ReadonlyArray<string>): string {
  return csvLine([
    'id', 'userName', 'externalId', 'active', 'source', 'role', 'roleLocked', 'heldAssets', 'leaverHoldingAssets',
    ...MEMBER_FIELDS.map((f) => MEMBER_FIELD_LABELS[f]), ...customKeys.map((k) => `custom:${k}`),
    'createdAt', 'updatedAt', 'lastProvisionedAt',
  ]);
}

/** One member as a CSV line, in {@link memberCsvHeader} order. */
export function memberCsvLine(r: ListedMember, customKeys: ReadonlyArray<string>): string {
  const custom = customOf(r);
  return csvLine([
    r.id, r.user_name, r.external_id, r.active === 1 && r.lifecycle === 'present', r.source, r.role_name, r.role_locked === 1, r.held, r.leaver_holding_assets === 1,
    ...MEMBER_FIELDS.map((f) => r[FIELD_COLUMNS[f] as keyof ListedMember] as string | null), ...customKeys.map((k) => custom[k] ?? null),
    r.created_at, r.updated_at, r.last_provisioned_at,
  ]);
}
