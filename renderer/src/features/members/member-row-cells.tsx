import { Badge, Text } from '@mantine/core';
import type { MemberSummary } from '../../../../shared/api/members';
import { IconLock } from '../../components/icons';
import { memberName, memberStatus } from './member-labels';
import { safeText } from '../../lib/safe-text';

export const MEMBER_COLUMNS = { name: 200, userName: 240, title: 160, department: 140, role: 150, status: 130, assets: 60 } as const;

export function MemberHeader() {
  return (
    <div className="vlist-header">
      <span style={{ flex: `1 1 ${MEMBER_COLUMNS.name}px`, minWidth: 0 }}>Name</span>
      <span style={{ flex: `1 1 ${MEMBER_COLUMNS.userName}px`, minWidth: 0 }}>User name</span>
      <span className="log-wide" style={{ width: MEMBER_COLUMNS.title }}>
        Job title
      </span>
      <span className="log-wide" style={{ width: MEMBER_COLUMNS.department }}>
        Department
      </span>
      <span style={{ width: MEMBER_COLUMNS.role }}>Role</span>
      <span style={{ width: MEMBER_COLUMNS.status }}>Status</span>
      <span className="log-wide" style={{ width: MEMBER_COLUMNS.assets, textAlign: 'right' }}>
        Assets
      </span>
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
      <span className="vlist-cell" style={{ flex: `1 1 ${MEMBER_COLUMNS.name}px`, fontWeight: 500 }} title={memberName(member)}>
        {safeText(memberName(member))}
      </span>
      <span className="vlist-cell" style={{ flex: `1 1 ${MEMBER_COLUMNS.userName}px`, color: 'var(--mantine-color-dimmed)' }} title={member.userName}>
        {safeText(member.userName)}
      </span>
      <span className="vlist-cell log-wide" style={{ width: MEMBER_COLUMNS.title, flexShrink: 0 }}>
        {safeText(member.jobTitle) ?? ''}
      </span>
      <span className="vlist-cell log-wide" style={{ width: MEMBER_COLUMNS.department, flexShrink: 0 }}>
        {safeText(member.department) ?? ''}
      </span>
      <span className="vlist-cell" style={{ width: MEMBER_COLUMNS.role, flexShrink: 0, display: 'flex', alignItems: 'center', gap: 4 }}>
        <Text span size="sm" truncate>
          {member.roleName ?? '—'}
        </Text>
        {member.roleLocked ? <IconLock size={13} aria-label="role locked" /> : null}
      </span>
      <span className="vlist-cell" style={{ width: MEMBER_COLUMNS.status, flexShrink: 0 }}>
        <Badge size="sm" variant="light" color={status.color}>
          {status.label}
        </Badge>
      </span>
      <span className="vlist-cell log-wide" style={{ width: MEMBER_COLUMNS.assets, flexShrink: 0, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
        {member.heldAssets > 0 ? member.heldAssets : ''}
      </span>
    </>
  );
}
