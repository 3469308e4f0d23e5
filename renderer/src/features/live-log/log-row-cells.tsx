import { Badge, Text } from '@mantine/core';
import type { LogRow } from '../../../../shared/api/log-events';
import { formatLogTime } from '../../lib/format';
import { describeOperation, operationColor, RESULT_COLORS } from './log-labels';

/** Column widths shared by the header and the rows. */
export const LOG_COLUMNS = { time: 150, operation: 170, result: 96, status: 48, client: 110, member: 220, duration: 64 } as const;

export function LogHeader() {
  return (
    <div className="vlist-header">
      <span style={{ width: LOG_COLUMNS.time }}>Time</span>
      <span style={{ width: LOG_COLUMNS.operation }}>Operation</span>
      <span style={{ width: LOG_COLUMNS.result }}>Result</span>
      <span style={{ width: LOG_COLUMNS.status }}>HTTP</span>
      <span style={{ width: LOG_COLUMNS.client }}>Client</span>
      <span style={{ width: LOG_COLUMNS.member }}>Member</span>
      <span style={{ flex: 1 }}>Detail</span>
      <span style={{ width: LOG_COLUMNS.duration, textAlign: 'right' }}>Took</span>
    </div>
  );
}

export function logRowLabel(row: LogRow): string {
  const subject = row.userName ?? (row.groupName !== null ? `group ${row.groupName}` : null);
  return `${describeOperation(row.operation)} ${row.result}${subject ? ` ${subject}` : ''}, HTTP ${row.status}, ${row.client}, ${formatLogTime(row.at)}`;
}

/** What a row changed, in a line: fields by name; a group's members as how many joined and left. */
function changeSummary(row: LogRow): string {
  const members = row.changes.filter((c) => c.field.startsWith('member:'));
  const fields = row.changes.filter((c) => !c.field.startsWith('member:'));
  const joined = members.filter((c) => c.new !== null).length;
  const left = members.length - joined;
  const parts = [
    ...(fields.length > 0 ? [`${fields.length} field${fields.length === 1 ? '' : 's'} changed: ${fields.map((c) => c.field).join(', ')}`] : []),
    ...(joined > 0 ? [`${joined} member${joined === 1 ? '' : 's'} joined`] : []),
    ...(left > 0 ? [`${left} member${left === 1 ? '' : 's'} left`] : []),
  ];
  return parts.join('; ');
}

/** One log row's cells. */
export function LogRowCells({ row }: { readonly row: LogRow }) {
  return (
    <>
      <span className="vlist-cell" style={{ width: LOG_COLUMNS.time, fontVariantNumeric: 'tabular-nums' }}>
        {formatLogTime(row.at)}
      </span>
      <span className="vlist-cell" style={{ width: LOG_COLUMNS.operation }}>
        <Badge size="sm" variant="light" color={operationColor(row.operation)} radius="sm">
          {describeOperation(row.operation)}
        </Badge>
      </span>
      <span className="vlist-cell" style={{ width: LOG_COLUMNS.result }}>
        <Badge size="sm" variant="dot" color={RESULT_COLORS[row.result]}>
          {row.result}
        </Badge>
      </span>
      <span className="vlist-cell" style={{ width: LOG_COLUMNS.status, fontVariantNumeric: 'tabular-nums' }}>
        {row.status}
      </span>
      <span className="vlist-cell" style={{ width: LOG_COLUMNS.client }}>
        {row.client}
      </span>
      <span className="vlist-cell" style={{ width: LOG_COLUMNS.member }} title={row.userName ?? row.groupName ?? undefined}>
        {row.userName ?? (row.groupName !== null ? `Group ${row.groupName}` : <Text span c="dimmed" size="sm">{`${row.method} ${row.path}`}</Text>)}
      </span>
      <span className="vlist-cell" style={{ flex: 1 }} title={row.detail ?? undefined}>
        {row.detail ?? changeSummary(row)}
      </span>
      <span className="vlist-cell" style={{ width: LOG_COLUMNS.duration, textAlign: 'right', color: 'var(--mantine-color-dimmed)', fontVariantNumeric: 'tabular-nums' }}>
        {Math.round(row.durationMs)} ms
      </span>
    </>
  );
}
