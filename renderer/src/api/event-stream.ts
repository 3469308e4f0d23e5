import { LogRowSchema, type LogRow } from '../../../shared/api/log-events';
import { useSessionStore } from '../stores/session-store';
import { api } from './http-client';

export type StreamStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LogStreamHandlers {
  /** New rows, oldest first: the server sends them in batches (at most one every 250 ms). */
  readonly onRows: (rows: ReadonlyArray<LogRow>) => void;
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
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined; // A malformed frame carries nothing to show.
    }
  };
  const valid = (items: ReadonlyArray<unknown>): LogRow[] =>
    items.flatMap((item) => {
      const parsed = LogRowSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  // `event: rows` carries a JSON array of rows; an unnamed frame one row (older servers).
  source.addEventListener('rows', ((event: MessageEvent<string>) => {
    const data = parse(event.data);
    if (Array.isArray(data)) handlers.onRows(valid(data));
  }) as EventListener);
  source.addEventListener('message', (event: MessageEvent<string>) => {
    const data = parse(event.data);
    if (data !== undefined) handlers.onRows(valid([data]));
  });
  source.addEventListener('reset', () => handlers.onReset());
  return () => {
    source.close();
    handlers.onStatus('closed');
  };
}
