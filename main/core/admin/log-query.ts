import type { LogDetail, LogPage, LogRow } from '../../../shared/api/log-events.js';
import type { LogQuery } from '../../../shared/api/routes.js';
import type { LogFilter, LogReadRepo } from '../store/log-read-repo.js';
import { InvalidInputError, NotFoundError } from './errors.js';
import { recommendedAction } from './log-advice.js';

export type { LogFilter } from '../store/log-read-repo.js';

/** The admin's view of the provisioning log: pages with an opaque cursor, detail with advice. */
export interface LogQueryService {
  list(q: LogQuery): LogPage;
  detail(id: number): LogDetail;
  /** Every matching row, newest first, a batch at a time (export; the caller may await between batches). */
  batches(f: LogFilter, size?: number): Generator<LogRow[]>;
  /** Rows after `id`, oldest first (SSE catch-up and live push). */
  after(id: number, limit: number): LogRow[];
  maxId(): number;
}

const encodeCursor = (id: number): string => Buffer.from(String(id), 'utf8').toString('base64url');

function decodeCursor(c: string): number {
  const id = Number(Buffer.from(c, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(id) || id < 1) throw new InvalidInputError('invalid-cursor', 'The cursor is not valid; start again from the first page.');
  return id;
}

export function createLogQuery(log: LogReadRepo): LogQueryService {
  return {
    list(q) {
      const rows = log.page(q, q.cursor === undefined ? undefined : decodeCursor(q.cursor), q.limit + 1);
      const more = rows.length > q.limit;
      if (more) rows.pop();
      const last = rows[rows.length - 1];
      return { rows, nextCursor: more && last ? encodeCursor(last.id) : null };
    },
    detail(id) {
      const row = log.byId(id);
      if (!row) throw new NotFoundError('log-row-not-found', `There is no log row ${id} (it may have been pruned by the retention setting).`);
      return { ...row, recommendedAction: recommendedAction(row) };
    },
    batches: (f, size) => log.batches(f, size),
    after: (id, limit) => log.after(id, limit),
    maxId: () => log.maxId(),
  };
}
