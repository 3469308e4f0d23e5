import { MemberDetailSchema, MemberListQuerySchema, MemberPageSchema, MemberPatchSchema } from '../../../shared/api/members.js';
import { MemberExportQuerySchema } from '../../../shared/api/routes.js';
import type { ApiRouteKey } from '../../../shared/api/routes.js';
import { memberCsvHeader, memberCsvLine } from '../../core/admin/member-csv.js';
import type { AdminServices } from '../../core/admin/admin-services.js';
import { parseInput, sendJson, strId, writeChunk } from './io.js';
import type { Handler } from './io.js';

type Keys = Extract<ApiRouteKey, 'listMembers' | 'exportMembers' | 'getMember' | 'patchMember' | 'deleteMember'>;

/** Member list (keyset pages), CSV export, detail, admin edits and admin delete. */
export function memberHandlers(s: AdminServices): Record<Keys, Handler> {
  let isSearchWarm = false;
  return {
    listMembers: (req, res) => {
      sendJson(res, MemberPageSchema, s.memberList.page(parseInput(MemberListQuerySchema, req.query, 'query')));
      // The members page is open: build the search index now, after answering, so the admin's
      // first search does not wait for it.
      if (!isSearchWarm) {
        isSearchWarm = true;
        setImmediate(() => s.memberList.warmSearch());
      }
    },
    exportMembers: async (req, res) => {
      const q = parseInput(MemberExportQuerySchema, req.query, 'query');
      const keys = s.customFieldKeys();
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="scim-desk-members.csv"');
      // BOM: Excel opens UTF-8 CSV correctly only with it.
      if (!(await writeChunk(res, `\uFEFF${memberCsvHeader(keys)}`))) return;
      // Each batch is read after an await; the repository commits an open SCIM write batch before
      // each read, so the export holds committed rows only.
      for (const batch of s.memberList.batches(q)) {
        if (!(await writeChunk(res, batch.map((r) => memberCsvLine(r, keys)).join('')))) return;
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
