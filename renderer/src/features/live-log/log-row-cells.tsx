import { memo } from 'react';
import type { LogRow } from '../../../../shared/api/log-events';
import { formatLogTime } from '../../lib/format';
import { safeText } from '../../lib/safe-text';
import { describeFallback } from '../../components/field-changes';
import { describeOperation, operationColor, RESULT_COLORS } from './log-labels';

/**
 * Column widths of the first line, shared by the header and the rows. The detail has the whole
 * second line, so it stays readable at 900 px (issue #16); the client column folds into that line
 * in narrow windows (app.css, `.log-wide`).
 */
export const LOG_COLUMNS = { time: 96, operation: 168, result: 112, client: 96, duration: 60 } as const;
/** Two lines: the request, then what it did. */
export const LOG_ROW_HEIGHT = 50;

export function LogHeader() {
  return (
    <div className="vlist-header">
      <span style={{ width: LOG_COLUMNS.time }}>Time</span>
      <span style={{ width: LOG_COLUMNS.operation }}>Operation</span>
      <span style={{ width: LOG_COLUMNS.result }}>Result</span>
      <span style={{ flex: 1 }}>Member · detail</span>
      <span className="log-wide" style={{ width: LOG_COLUMNS.client }}>
        Client
      </span>
      <span style={{ width: LOG_COLUMNS.duration, textAlign: 'right' }}>Took</span>
    </div>
  );
}

export function logRowLabel(row: LogRow): string {
  const subject = row.userName ?? (row.groupName !== null ? `group ${row.groupName}` : null);
  return `${describeOperation(row.operation)} ${row.result}${subject ? ` ${safeText(subject)}` : ''}, HTTP ${row.status}, ${row.client}, ${formatLogTime(row.at)}`;
}

/**
 * The Detail line: the server's detail, else an unknown role's fallback, the fields changed (by
 * label) and a group's members as how many joined and left.
 */
export function logRowDetail(row: LogRow, label: (field: string) => string): string {
  if (row.detail) return safeText(row.detail);
  const fallback = row.changes.map(describeFallback).find((d) => d !== null);
  const members = row.changes.filter((c) => c.field.startsWith('member:'));
  const fields = row.changes.filter((c) => !c.field.startsWith('member:'));
  const joined = members.filter((c) => c.new !== null).length;
  const left = members.length - joined;
  const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  return [
    fallback,
    fields.length > 0 ? `${plural(fields.length, 'field')} changed: ${fields.map((c) => label(c.field)).join(', ')}` : '',
    joined > 0 ? `${plural(joined, 'member')} joined` : '',
    left > 0 ? `${plural(left, 'member')} left` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

const dim = { color: 'var(--mantine-color-dimmed)', fontVariantNumeric: 'tabular-nums' } as const;

/**
 * One log row: time, operation, result and member on the first line; client and detail on the
 * second. Plain elements styled by app.css (`.log-badge`) rather than Mantine components: during a
 * burst a few dozen rows mount four times a second, and each Badge cost a dozen nodes and style
 * writes. Memoised: a row that stays in view is not rendered again when new rows arrive.
 */
export const LogRowCells = memo(function LogRowCells({ row, label }: { readonly row: LogRow; readonly label: (field: string) => string }) {
  const detail = logRowDetail(row, label);
  return (
    <div className="log-row">
      <div className="log-line">
        <span className="vlist-cell" style={{ width: LOG_COLUMNS.time, flexShrink: 0, fontVariantNumeric: 'tabular-nums' }}>
          {formatLogTime(row.at)}
        </span>
        <span style={{ width: LOG_COLUMNS.operation, flexShrink: 0 }}>
          <span className="log-badge" style={{ color: `var(--mantine-color-${operationColor(row.operation)}-light-color)`, background: `var(--mantine-color-${operationColor(row.operation)}-light)` }}>
            {describeOperation(row.operation)}
          </span>
        </span>
        <span style={{ width: LOG_COLUMNS.result, flexShrink: 0 }}>
          <span className="log-badge log-result">
            <span className="log-dot" style={{ background: `var(--mantine-color-${RESULT_COLORS[row.result]}-filled)` }} />
            {row.result} {row.status}
          </span>
        </span>
        <span className="vlist-cell" style={{ flex: 1, fontWeight: 500 }} title={row.userName ?? row.groupName ?? undefined}>
          {safeText(row.userName) ?? (row.groupName !== null ? `Group ${safeText(row.groupName)}` : <span style={dim}>{`${row.method} ${safeText(row.path)}`}</span>)}
        </span>
        <span className="vlist-cell log-wide" style={{ width: LOG_COLUMNS.client, flexShrink: 0, ...dim }}>
          {row.client}
        </span>
        <span style={{ width: LOG_COLUMNS.duration, flexShrink: 0, textAlign: 'right', ...dim }}>{Math.round(row.durationMs)} ms</span>
      </div>
      <span className="vlist-cell" style={{ ...dim, fontSize: 'var(--mantine-font-size-xs)' }} title={detail || undefined}>
        <span className="log-narrow">
          {row.client}
          {detail ? ' · ' : ''}
        </span>
        {detail}
      </span>
    </div>
  );
});
