import { MetricsTokenCreatedSchema, MetricsTokenInfoSchema, SelfCheckResultSchema } from '../../../shared/api/ops.js';
import { TlsStatusSchema } from '../../../shared/api/tls.js';
import type { ApiRouteKey } from '../../../shared/api/routes.js';
import type { AdminServices } from '../../core/admin/admin-services.js';
import { sendJson } from './io.js';
import type { Handler } from './io.js';

/** Metrics token, self-check and TLS status (issue #17). */
export function opsHandlers(s: AdminServices): Record<Extract<ApiRouteKey, 'getMetricsToken' | 'createMetricsToken' | 'runSelfCheck' | 'getTls'>, Handler> {
  return {
    getMetricsToken: (_req, res) => sendJson(res, MetricsTokenInfoSchema, s.ops.metricsToken()),
    createMetricsToken: (_req, res) => {
      // The token is in this one response only: never cached by the browser or a proxy.
      res.setHeader('Cache-Control', 'no-store');
      sendJson(res, MetricsTokenCreatedSchema, s.ops.rotateMetricsToken());
    },
    runSelfCheck: async (_req, res) => sendJson(res, SelfCheckResultSchema, await s.ops.selfCheck()),
    getTls: (_req, res) => sendJson(res, TlsStatusSchema, s.ops.tls()),
  };
}
