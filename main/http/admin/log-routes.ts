import { LogDetailSchema, LogPageSchema } from '../../../shared/api/log-events.js';
import type { LogRow } from '../../../shared/api/log-events.js';
import { LogExportQuerySchema, LogQuerySchema } from '../../../shared/api/routes.js';
import type { ApiRouteKey } from '../../../shared/api/routes.js';
import { csvLine } from '../../core/admin/csv.js';
import type { AdminServices } from '../../core/admin/admin-services.js';
import { intId, parseInput, sendJson, writeChunk } from './io.js';
import type { Handler } from './io.js';
import { logStream } from './log-stream.js';

type Keys = Extract<ApiRouteKey, 'listLog' | 'exportLog' | 'streamLog' | 'getLogRow'>;

const CSV_HEADER = csvLine(['id', 'at', 'requestId', 'client', 'method', 'path', 'operation', 'memberId', 'userName', 'result', 'status', 'scimType', 'detail', 'durationMs', 'changes']);

const csvRow = (r: LogRow): string =>
  csvLine([
    r.id, r.at, r.requestId, r.client, r.method, r.path, r.operation, r.memberId, r.userName, r.result, r.status, r.scimType, r.detail, r.durationMs,
    r.changes.map((c) => `${c.field}: ${c.old ?? '∅'} → ${c.new ?? '∅'}`).join('; '),
  ]);

/** The provisioning log (list, detail, export, live stream). */
export function logHandlers(s: AdminServices): Record<Keys, Handler> {
  return {
    listLog: (req, res) => {
      const q = parseInput(LogQuerySchema, req.query, 'query');
      sendJson(res, LogPageSchema, s.log.list(q));
    },
    exportLog: async (req, res) => {
      const { format, ...filter } = parseInput(LogExportQuerySchema, req.query, 'query');
      const isCsv = format === 'csv';
      res.setHeader('Content-Type', isCsv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="scim-desk-log.${format}"`);
      if (!(await writeChunk(res, isCsv ? `\uFEFF${CSV_HEADER}` : '['))) return;
      let first = true;
      for (const batch of s.log.batches(filter)) {
        const text = isCsv ? batch.map(csvRow).join('') : `${first ? '' : ','}\n${batch.map((r) => JSON.stringify(r)).join(',\n')}`;
        first = false;
        if (!(await writeChunk(res, text))) return;
      }
      res.end(isCsv ? '' : '\n]\n');
    },
    streamLog: logStream(s),
    getLogRow: (req, res) => sendJson(res, LogDetailSchema, s.log.detail(intId(req, 'log row'))),
  };
}
