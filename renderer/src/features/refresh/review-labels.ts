import type { ProblemOperation, ReviewKind } from '../../../../shared/api/refresh';

export const KIND_LABELS: Readonly<Record<ReviewKind, { readonly label: string; readonly color: string }>> = {
  created: { label: 'Created', color: 'teal' },
  updated: { label: 'Updated', color: 'blue' },
  deactivated: { label: 'Deactivated', color: 'grape' },
  reactivated: { label: 'Reactivated', color: 'teal' },
  revived: { label: 'Revived', color: 'cyan' },
  deleted: { label: 'Deleted by the IdP', color: 'red' },
};

export const PROBLEM_LABELS: Readonly<Record<ProblemOperation, string>> = {
  'blocked-deactivation': 'Blocked deactivation',
  'rejected-role': 'Unknown role (refused)',
  error: 'Refused request',
  'role-fallback': 'Fell back to the default role',
};

export const NOTICE_LABELS: Readonly<Record<string, string>> = {
  'auth-failure': 'Requests with a wrong or missing connector key',
  error: 'Refused requests not about one member',
};
/** Notices count log entries: refused anonymous traffic is one counted entry per address and window. */
export const noticeCount = (n: number): string => (n === 1 ? '1 log entry' : `${n.toLocaleString()} log entries`);
