import type { LogDetail, LogPage } from '../../../shared/api/log-events';
import type { LogResult } from '../../../shared/api/log-events';
import { api } from './http-client';

/** The log filters the GUI offers (empty string = any). `since`/`until` are ISO times. */
export interface LogQuery {
  readonly operation: string;
  readonly result: '' | LogResult;
  readonly client: string;
  readonly member: string;
  readonly since: string;
  readonly until: string;
}

export const EMPTY_LOG_QUERY: LogQuery = { operation: '', result: '', client: '', member: '', since: '', until: '' };

/** The filters as query parameters; an empty filter is left out. */
const filters = (q: LogQuery) => ({ ...q, result: q.result || undefined });

/** `listLog`: one page, newest first. */
export function fetchLogPage(q: LogQuery, cursor: string | null, limit: number, signal?: AbortSignal): Promise<LogPage> {
  return api.call('listLog', { query: { ...filters(q), cursor, limit } }, signal ? { signal } : {});
}

/** `getLogRow`: redacted bodies and the recommended action. */
export function fetchLogDetail(id: number, signal?: AbortSignal): Promise<LogDetail> {
  return api.call('getLogRow', { params: { id } }, signal ? { signal } : {});
}

/** `exportLog` with the current filters. */
export function exportLog(q: LogQuery, format: 'csv' | 'json'): Promise<void> {
  return api.download('exportLog', { query: { ...filters(q), format } }, `provisioning-log.${format}`);
}
