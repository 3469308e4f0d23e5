import { useEffect } from 'react';
import { notifications } from '@mantine/notifications';
import type { LogRow } from '../../../../shared/api/log-events';
import { openLogStream } from '../../api/event-stream';
import { useLiveLogStore } from '../../stores/live-log-store';
import { useHealthStore } from '../../stores/health-store';
import { describeOperation } from './log-labels';
import { formatCount } from '../../lib/format';
import { safeText } from '../../lib/safe-text';

/**
 * While rows stream in, health is refreshed at most this often: each refresh counts the day's
 * requests on the server, and a burst must not turn the badge into a load of its own (issue #16).
 */
const HEALTH_AFTER_ROWS_MS = 5000;

/** Failures of one kind within this window update one toast instead of stacking new ones. */
const TOAST_GROUP_MS = 60_000;

/** Raises one toast per kind of failure and updates it (with a count) instead of stacking new ones. */
function failureToaster(): (rows: ReadonlyArray<LogRow>) => void {
  const groups = new Map<string, { count: number; at: number }>();
  return (rows) => {
    // One toast update per kind per batch, however many failures a burst brings.
    const latest = new Map<string, { row: LogRow; n: number }>();
    for (const row of rows) {
      if (row.result !== 'failure') continue;
      const id = `failure-${row.operation}`;
      latest.set(id, { row, n: (latest.get(id)?.n ?? 0) + 1 });
    }
    const now = Date.now();
    for (const [id, { row, n }] of latest) {
      const group = groups.get(id);
      const isUpdate = group !== undefined && now - group.at < TOAST_GROUP_MS;
      const count = (isUpdate ? group.count : 0) + n;
      groups.set(id, { count, at: now });
      const who = row.userName ? `${safeText(row.userName)}: ` : '';
      const data = {
        id,
        color: 'red',
        title: `${describeOperation(row.operation)} failed${count > 1 ? ` (${formatCount(count)}×)` : ''}`,
        message: `${who}${(safeText(row.detail) ?? `HTTP ${row.status}`).replace(/\.\s*$/, '')}. See the Provisioning log.`,
        autoClose: 8000,
      };
      if (isUpdate) notifications.update(data);
      else notifications.show(data);
    }
  };
}

/**
 * Keeps one SSE connection for the whole app: rows go to the live log, failures raise toasts on
 * any view, and the health badge refreshes (throttled) as traffic arrives.
 */
export function useLogStream(isEnabled: boolean): void {
  useEffect(() => {
    if (!isEnabled) return;
    const toast = failureToaster();
    let healthTimer: number | undefined;
    // Batches arriving together (a reconnect's catch-up) become one store update. A timer, not a
    // frame callback: a hidden tab gets no frames and would hold the rows back unboundedly.
    let buffer: LogRow[] = [];
    let frame: number | undefined;
    const flush = () => {
      frame = undefined;
      const rows = buffer;
      buffer = [];
      useLiveLogStore.getState().receive(rows);
      toast(rows);
    };
    const close = openLogStream({
      onRows(rows) {
        buffer.push(...rows);
        frame ??= window.setTimeout(flush, 16);
        if (healthTimer === undefined) {
          healthTimer = window.setTimeout(() => {
            healthTimer = undefined;
            void useHealthStore.getState().load();
          }, HEALTH_AFTER_ROWS_MS);
        }
      },
      onReset: () => void useLiveLogStore.getState().loadFirst(),
      onStatus: (status) => {
        useLiveLogStore.getState().setStreamStatus(status);
        // A dropped stream is the first sign the core went away (or came back): recheck health now.
        if (status !== 'connecting') void useHealthStore.getState().load();
      },
    });
    return () => {
      close();
      window.clearTimeout(healthTimer);
      window.clearTimeout(frame);
    };
  }, [isEnabled]);
}
