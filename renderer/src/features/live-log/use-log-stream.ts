import { useEffect } from 'react';
import { notifications } from '@mantine/notifications';
import type { LogRow } from '../../../../shared/api/log-events';
import { openLogStream } from '../../api/event-stream';
import { useLiveLogStore } from '../../stores/live-log-store';
import { useHealthStore } from '../../stores/health-store';
import { describeOperation } from './log-labels';

/** Failures of one kind within this window update one toast instead of stacking new ones. */
const TOAST_GROUP_MS = 60_000;

function failureToaster(): (row: LogRow) => void {
  const groups = new Map<string, { count: number; at: number }>();
  return (row) => {
    if (row.result !== 'failure') return;
    const now = Date.now();
    const id = `failure-${row.operation}`;
    const group = groups.get(id);
    const isUpdate = group !== undefined && now - group.at < TOAST_GROUP_MS;
    const count = isUpdate ? group.count + 1 : 1;
    groups.set(id, { count, at: now });
    const who = row.userName ? `${row.userName}: ` : '';
    const data = {
      id,
      color: 'red',
      title: `${describeOperation(row.operation)} failed${count > 1 ? ` (${count}×)` : ''}`,
      message: `${who}${(row.detail ?? `HTTP ${row.status}`).replace(/\.\s*$/, '')}. See the Provisioning log.`,
      autoClose: 8000,
    };
    if (isUpdate) notifications.update(data);
    else notifications.show(data);
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
    const close = openLogStream({
      onRow(row) {
        useLiveLogStore.getState().receive(row);
        toast(row);
        if (healthTimer === undefined) {
          healthTimer = window.setTimeout(() => {
            healthTimer = undefined;
            void useHealthStore.getState().load();
          }, 1500);
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
    };
  }, [isEnabled]);
}
