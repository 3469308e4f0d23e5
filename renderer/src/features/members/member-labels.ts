import type { MemberSummary } from '../../../../shared/api/members';

/** The name to show: display name, else first + last, else userName. */
export function memberName(m: Pick<MemberSummary, 'displayName' | 'firstName' | 'lastName' | 'userName'>): string {
  return m.displayName || [m.firstName, m.lastName].filter(Boolean).join(' ') || m.userName;
}

export function memberStatus(m: Pick<MemberSummary, 'active' | 'leaverHoldingAssets'>): { readonly label: string; readonly color: string } {
  if (m.leaverHoldingAssets) return { label: 'Leaver with assets', color: 'orange' };
  return m.active ? { label: 'Active', color: 'teal' } : { label: 'Inactive', color: 'gray' };
}
