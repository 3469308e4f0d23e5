import { LogDetailSchema, LogPageSchema, type LogDetail, type LogPage } from '../../../shared/api/log-events';
import { apiPath, apiRequest, downloadFile } from './http-client';

/** The log filters the GUI offers (empty string = any). `since`/`until` are ISO times. */
export interface LogQuery {
  readonly operation: string;
  readonly result: string;
  readonly client: string;
  readonly member: string;
  readonly since: string;
  readonly until: string;
}

export const EMPTY_LOG_QUERY: LogQuery = { operation: '', result: '', client: '', member: '', since: '', until: '' };

/** GET /api/log: one page, newest first. */
export function fetchLogPage(q: LogQuery, cursor: string | null, limit: number, signal?: AbortSignal): Promise<LogPage> {
  return apiRequest(apiPath('/log', { ...q, cursor: cursor ?? undefined, limit }), LogPageSchema, signal ? { signal } : {});
}

/** GET /api/log/{id}: redacted bodies and the recommended action. */
export function fetchLogDetail(id: number, signal?: AbortSignal): Promise<LogDetail> {
  return apiRequest(apiPath(`/log/${id}`), LogDetailSchema, signal ? { signal } : {});
}

/** GET /api/log/export with the current filters. */
export function exportLog(q: LogQuery, format: 'csv' | 'json'): Promise<void> {
  return downloadFile(apiPath('/log/export', { ...q, format }), `provisioning-log.${format}`);
}
