import { GroupDetailSchema, GroupListSchema } from '../../../shared/api/groups.js';
import type { ApiRouteKey } from '../../../shared/api/routes.js';
import type { AdminServices } from '../../core/admin/admin-services.js';
import { sendJson, strId } from './io.js';
import type { Handler } from './io.js';

/** The IdP groups SCIM Desk stores: the list and one group with its members. */
export function groupHandlers(s: AdminServices): Record<Extract<ApiRouteKey, 'listGroups' | 'getGroup'>, Handler> {
  return {
    listGroups: (_req, res) => sendJson(res, GroupListSchema, s.groups.list()),
    getGroup: (req, res) => sendJson(res, GroupDetailSchema, s.groups.detail(strId(req))),
  };
}
