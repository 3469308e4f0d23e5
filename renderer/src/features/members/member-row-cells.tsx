import { Badge, Text } from '@mantine/core';
import type { MemberSummary } from '../../../../shared/api/members';
import { IconLock } from '../../components/icons';
import { memberName, memberStatus } from './member-labels';

export const MEMBER_COLUMNS = { name: 200, userName: 240, title: 160, department: 140, role: 150, status: 130, assets: 60 } as const;

export function MemberHeader() {
  return (
    <div className="vlist-header">
      <span style={{ width: MEMBER_COLUMNS.name }}>Name</span>
      <span style={{ width: MEMBER_COLUMNS.userName }}>userName</span>
      <span style={{ width: MEMBER_COLUMNS.title }}>Job title</span>
      <span style={{ width: MEMBER_COLUMNS.department }}>Department</span>
      <span style={{ width: MEMBER_COLUMNS.role }}>Role</span>
      <span style={{ width: MEMBER_COLUMNS.status }}>Status</span>
      <span style={{ width: MEMBER_COLUMNS.assets, textAlign: 'right' }}>Assets</span>
      <span style={{ flex: 1 }} />
    </div>
  );
}

export function memberRowLabel(m: MemberSummary): string {
  return `${memberName(m)}, ${m.userName}, ${m.roleName ?? 'no role'}, ${memberStatus(m).label}${m.heldAssets > 0 ? `, holds ${m.heldAssets} assets` : ''}`;
}

/** One member row's cells. */
export function MemberRowCells({ member }: { readonly member: MemberSummary }) {
  const status = memberStatus(member);
  return (
    <>
      <span className="vlist-cell" style={{ width: MEMBER_COLUMNS.name, fontWeight: 500 }}>
        {memberName(member)}
      </span>
      <span className="vlist-cell" style={{ width: MEMBER_COLUMNS.userName, color: 'var(--mantine-color-dimmed)' }}>
        {member.userName}
      </span>
      <span className="vlist-cell" style={{ width: MEMBER_COLUMNS.title }}>
        {member.jobTitle ?? ''}
      </span>
      <span className="vlist-cell" style={{ width: MEMBER_COLUMNS.department }}>
        {member.department ?? ''}
      </span>
      <span className="vlist-cell" style={{ width: MEMBER_COLUMNS.role, display: 'flex', alignItems: 'center', gap: 4 }}>
        <Text span size="sm" truncate>
          {member.roleName ?? '—'}
        </Text>
        {member.roleLocked ? <IconLock size={13} aria-label="role locked" /> : null}
      </span>
      <span className="vlist-cell" style={{ width: MEMBER_COLUMNS.status }}>
        <Badge size="sm" variant="light" color={status.color}>
          {status.label}
        </Badge>
      </span>
      <span className="vlist-cell" style={{ width: MEMBER_COLUMNS.assets, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
        {member.heldAssets > 0 ? member.heldAssets : ''}
      </span>
      <span style={{ flex: 1 }} />
    </>
  );
}
