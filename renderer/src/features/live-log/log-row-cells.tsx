import { Badge, Text } from '@mantine/core';
import type { LogRow } from '../../../../shared/api/log-events';
import { formatLogTime } from '../../lib/format';
import { safeText } from '../../lib/safe-text';
import { describeFallback } from '../../components/field-changes';
import { useFieldLabel } from '../../stores/custom-fields-store';
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
  return `${describeOperation(row.operation)} ${row.result}${row.userName ? ` ${row.userName}` : ''}, HTTP ${row.status}, ${row.client}, ${formatLogTime(row.at)}`;
}

/** The Detail cell: the server's detail, else an unknown role's fallback and the fields changed, by label. */
export function logRowDetail(row: LogRow, label: (field: string) => string): string {
  if (row.detail) return safeText(row.detail);
  const fallback = row.changes.map(describeFallback).find((d) => d !== null);
  const fields = row.changes.length > 0 ? `${row.changes.length} field${row.changes.length === 1 ? '' : 's'} changed: ${row.changes.map((c) => label(c.field)).join(', ')}` : '';
  return [fallback, fields].filter(Boolean).join(' · ');
}

/** One log row's cells. */
export function LogRowCells({ row }: { readonly row: LogRow }) {
  const label = useFieldLabel();
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
      <span className="vlist-cell" style={{ width: LOG_COLUMNS.member }} title={row.userName ?? undefined}>
        {safeText(row.userName) ?? <Text span c="dimmed" size="sm">{`${row.method} ${safeText(row.path)}`}</Text>}
      </span>
      <span className="vlist-cell" style={{ flex: 1 }} title={row.detail ?? undefined}>
        {logRowDetail(row, label)}
      </span>
      <span className="vlist-cell" style={{ width: LOG_COLUMNS.duration, textAlign: 'right', color: 'var(--mantine-color-dimmed)', fontVariantNumeric: 'tabular-nums' }}>
        {Math.round(row.durationMs)} ms
      </span>
    </>
  );
}
