import { LogRowSchema, type LogRow } from '../../../shared/api/log-events';
import { useSessionStore } from '../stores/session-store';
import { api } from './http-client';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LogStreamHandlers {
  readonly onRow: (row: LogRow) => void;
  /** The server skipped rows (too many missed while away): reload the list. */
  readonly onReset: () => void;
  readonly onStatus: (status: StreamStatus) => void;
}

/**
 * Opens the live provisioning log (SSE). EventSource cannot send headers, so the admin token goes in
 * the query string (the admin listener is loopback-only and never logs it). The browser reconnects
 * on its own and sends `Last-Event-ID`, so rows are not lost across a blip. Returns a closer.
 */
export function openLogStream(handlers: LogStreamHandlers): () => void {
  const token = useSessionStore.getState().token ?? '';
  const source = new EventSource(api.url('streamLog', { query: { token } }));
  handlers.onStatus('connecting');
  source.onopen = () => handlers.onStatus('open');
  source.onerror = () => handlers.onStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
  const onFrame = (event: MessageEvent<string>) => {
    let data: unknown;
    try {
      data = JSON.parse(event.data) as unknown;
    } catch {
      return; // A keep-alive or malformed frame carries nothing to show.
    }
    const parsed = LogRowSchema.safeParse(data);
    if (parsed.success) handlers.onRow(parsed.data);
  };
  // Unnamed frames arrive as "message"; accept a named "log" event too so the server may name them.
  source.addEventListener('message', onFrame);
  source.addEventListener('log', onFrame as EventListener);
  source.addEventListener('reset', () => handlers.onReset());
  return () => {
    source.close();
    handlers.onStatus('closed');
  };
}
