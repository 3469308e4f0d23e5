import { MemberDetailSchema, MemberListQuerySchema, MemberPageSchema, MemberPatchSchema } from '../../../shared/api/members.js';
import { MemberExportQuerySchema } from '../../../shared/api/routes.js';
import type { ApiRouteKey } from '../../../shared/api/routes.js';
import { listMembers, memberBatches } from '../../core/admin/members-list.js';
import { memberSearchIndex } from '../../core/store/member-search-index.js';
import { memberCsvHeader, memberCsvLine } from '../../core/admin/members-admin.js';
import type { AdminServices } from './services.js';
import { parseInput, sendJson, strId, writeChunk } from './io.js';
import type { Handler } from './io.js';

type Keys = Extract<ApiRouteKey, 'listMembers' | 'exportMembers' | 'getMember' | 'patchMember' | 'deleteMember'>;

/** Member list (keyset pages), CSV export, detail, admin edits and admin delete. */
export function memberHandlers(s: AdminServices): Record<Keys, Handler> {
  const { db } = s.core;
  let isSearchWarm = false;
  return {
    listMembers: (req, res) => {
      sendJson(res, MemberPageSchema, listMembers(db, parseInput(MemberListQuerySchema, req.query, 'query')).page);
      // The members page is open: build the search index now, after answering, so the admin's
      // first search does not wait for it.
      if (!isSearchWarm) {
        isSearchWarm = true;
        setImmediate(() => {
          if (!db.open) return;
          s.core.flushWrites(); // the index must be created outside a transaction (member-search-index.ts)
          memberSearchIndex(db);
        });
      }
    },
    exportMembers: async (req, res) => {
      const q = parseInput(MemberExportQuerySchema, req.query, 'query');
      const keys = s.core.catalog.customFields().map((f) => f.key);
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="scim-desk-members.csv"');
      // BOM: Excel opens UTF-8 CSV correctly only with it.
      if (!(await writeChunk(res, `\uFEFF${memberCsvHeader(keys)}`))) return;
      // Each batch is read after an await, when a SCIM write batch may be open: commit it first, so the
      // export holds committed rows only (and a first search builds its index outside a transaction).
      s.core.flushWrites();
      for (const batch of memberBatches(db, q)) {
        if (!(await writeChunk(res, batch.map((r) => memberCsvLine(r, keys)).join('')))) return;
        s.core.flushWrites();
      }
      res.end();
    },
    getMember: (req, res) => sendJson(res, MemberDetailSchema, s.members.detail(strId(req))),
    patchMember: (req, res) => sendJson(res, MemberDetailSchema, s.members.patch(strId(req), parseInput(MemberPatchSchema, req.body, 'body'))),
    deleteMember: (req, res) => {
      s.members.remove(strId(req));
      res.status(204).end();
    },
  };
}
