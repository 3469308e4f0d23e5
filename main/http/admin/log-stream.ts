import { LogStreamQuerySchema } from '../../../shared/api/routes.js';
import type { AdminServices } from '../../core/admin/admin-services.js';
import { parseInput } from './io.js';
import type { Handler } from './io.js';

/** Comment line sent when nothing else was, so proxies and the browser keep the connection open. */
export const HEARTBEAT_MS = 15_000;
/** At most this many missed rows are replayed on (re)connect; older ones are in GET /api/log. */
export const CATCH_UP_MAX = 5000;
/**
 * New rows are sent at most this often, together: at 700 requests a second one event per row made
 * the browser parse and render 700 times a second and froze the tab for seconds (issue #16).
 */
export const BATCH_MS = 250;
/** Rows per event (and per read). */
const BATCH = 500;

/**
 * GET /api/log/stream: Server-Sent Events. Rows come in `event: rows` events whose `data` is a JSON
 * array of LogRows (oldest first) and whose `id:` is the last row's id, at most one read every
 * {@link BATCH_MS} and {@link BATCH} rows per event. On connect with `Last-Event-ID` (or `?since=<id>`) the rows after
 * that id are sent first; when more than {@link CATCH_UP_MAX} were missed, an `event: reset` carrying
 * the first id replayed tells the client to reload the list. New rows are pushed after the core's
 * `log-row-added` event (queued SCIM reads are flushed every 200 ms, so a row arrives within half a
 * second). Open streams end at shutdown through `onClose`. Reads see committed rows only, queued
 * ones included: the log repository writes the queue and commits the open batch before each read.
 */
export function logStream(s: AdminServices): Handler {
  return (req, res) => {
    const q = parseInput(LogStreamQuerySchema, req.query, 'query');
    const header = req.get('last-event-id')?.trim();
    const resumeFrom = header && /^\d{1,15}$/.test(header) ? Number(header) : q.since !== undefined ? Number(q.since) : undefined;

    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');

    const newest = s.log.maxId();
    let lastId = resumeFrom ?? newest;
    if (resumeFrom !== undefined && newest - resumeFrom > CATCH_UP_MAX) {
      lastId = newest - CATCH_UP_MAX;
      res.write(`event: reset\ndata: ${JSON.stringify({ fromId: lastId + 1 })}\n\n`);
    }

    let isOpen = true;
    const push = (): void => {
      while (isOpen) {
        const rows = s.log.after(lastId, BATCH);
        const last = rows[rows.length - 1];
        if (!last) return;
        res.write(`id: ${last.id}\nevent: rows\ndata: ${JSON.stringify(rows)}\n\n`);
        lastId = last.id;
        if (rows.length < BATCH) return;
      }
    };
    // Rows announced within one batch window are read and sent together, in id order.
    let timer: NodeJS.Timeout | undefined;
    const schedule = (): void => {
      timer ??= setTimeout(() => {
        timer = undefined;
        push();
      }, BATCH_MS);
    };

    const offRow = s.events.on('log-row-added', schedule);
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const cleanup = (): void => {
      if (!isOpen) return;
      isOpen = false;
      offRow();
      clearInterval(heartbeat);
      clearTimeout(timer);
      offClose();
    };
    // At shutdown stop reading at once (the database closes next), then end the response.
    const offClose = s.onClose(() => {
      cleanup();
      res.end();
    });
    res.on('close', cleanup);
    push();
  };
}
