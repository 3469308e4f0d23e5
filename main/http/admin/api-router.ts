import { Router } from 'express';
import { API_ROUTES } from '../../../shared/api/routes.js';
import type { ApiRoute, ApiRouteKey } from '../../../shared/api/routes.js';
import { buildOpenApi } from '../../core/admin/openapi.js';
import type { Handler } from './io.js';
import type { AdminServices } from '../../core/admin/admin-services.js';
import { settingsHandlers } from './settings-routes.js';
import { mappingHandlers } from './mapping-routes.js';
import { memberHandlers } from './members-routes.js';
import { assetHandlers } from './assets-routes.js';
import { logHandlers } from './log-routes.js';
import { groupHandlers } from './groups-routes.js';
import { reviewHandlers } from './review-routes.js';
import { opsHandlers } from './ops-routes.js';

/** Version of the admin API contract (not of the app), shown in the OpenAPI document. */
export const ADMIN_API_VERSION = '1.0.0';

/** Express path of a route-table path: `/api/members/{id}` → `/members/:id` (mounted under /api). */
export const expressPath = (path: string): string => path.replace(/^\/api/, '').replace(/\{(\w+)\}/g, ':$1');

/**
 * The `/api` routes, registered from the shared route table. Requiring a handler for every key
 * makes a route the OpenAPI document lists but the server lacks a compile error.
 */
export function apiRouter(s: AdminServices): Router {
  const openApi = buildOpenApi(ADMIN_API_VERSION);
  const handlers: Record<ApiRouteKey, Handler> = {
    ...settingsHandlers(s),
    ...mappingHandlers(s),
    ...memberHandlers(s),
    ...assetHandlers(s),
    ...logHandlers(s),
    ...groupHandlers(s),
    ...reviewHandlers(s),
    ...opsHandlers(s),
    getOpenApi: (_req, res) => {
      res.json(openApi);
    },
  };
  const router = Router();
  for (const [key, route] of Object.entries(API_ROUTES) as Array<[ApiRouteKey, ApiRoute]>) {
    router[route.method](expressPath(route.path), handlers[key]);
  }
  return router;
}
