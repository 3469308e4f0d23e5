import type { LogOperation, LogResult } from '../../../../shared/api/log-events';

const OPERATION_LABELS: Readonly<Record<LogOperation, string>> = {
  lookup: 'Lookup',
  list: 'List',
  read: 'Read',
  discovery: 'Discovery',
  create: 'Create',
  update: 'Update',
  replace: 'Replace',
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  delete: 'Delete',
  revive: 'Revive',
  'blocked-deactivation': 'Blocked deactivation',
  'rejected-role': 'Rejected role',
  'group-create': 'Group created',
  'group-update': 'Group updated',
  'group-replace': 'Group replaced',
  'group-delete': 'Group deleted',
  'group-membership': 'Group membership',
  'auth-failure': 'Authentication',
  'rate-limited': 'Rate limited',
  error: 'Error',
};

/** "Blocked deactivation" for 'blocked-deactivation'. */
export function describeOperation(op: string): string {
  return (OPERATION_LABELS as Record<string, string>)[op] ?? op;
}

export const RESULT_COLORS: Readonly<Record<LogResult, string>> = { success: 'teal', failure: 'red' };

export function operationColor(op: string): string {
  if (op === 'blocked-deactivation' || op === 'rejected-role') return 'orange';
  if (op === 'auth-failure' || op === 'error' || op === 'rate-limited') return 'red';
  if (op === 'create' || op === 'revive' || op === 'reactivate') return 'teal';
  if (op === 'deactivate' || op === 'delete') return 'grape';
  if (op === 'update' || op === 'replace') return 'blue';
  if (op.startsWith('group-')) return 'indigo';
  return 'gray';
}
