import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CoreMetrics, ScimMetricOperation } from '../../core/ops/metrics.js';
import type { MetricsToken } from '../../core/auth/metrics-token.js';
import { SELF_CHECK_SEGMENT } from '../../core/ops/selfcheck-nonces.js';
import type { SelfCheckNonces } from '../../core/ops/selfcheck-nonces.js';

/** What the SCIM listener needs for its operations endpoints (issue #17). */
export interface ScimOps {
  readonly version: string;
  readonly metrics: CoreMetrics;
  readonly metricsToken: Pick<MetricsToken, 'verify'>;
  readonly nonces: Pick<SelfCheckNonces, 'answer'>;
}

/** The `/ping` body: fixed per process, so it is serialised once. */
export const pingBody = (version: string): string => JSON.stringify({ status: 'ok', version });

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const ECHO = new RegExp(`/${SELF_CHECK_SEGMENT}/([A-Za-z0-9_-]{16,64})$`);

/** True when the path may be an operations endpoint; IdP requests (`/scim/v2/Users…`) are not. */
export function mayBeOps(url: string): boolean {
  // `/scim/v2/_selfcheck/…` is the one ops path under the SCIM base; char 9 is the `_`.
  return !url.startsWith('/scim/v2/') || url.charCodeAt(9) === 95;
}

function send(res: ServerResponse, status: number, type: string | undefined, body: string): void {
  res.statusCode = status;
  res.setHeader('Cache-Control', 'no-store');
  if (type) res.setHeader('Content-Type', type);
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * `/ping`, `/metrics` and the self-check echo. Returns false when the request is none of them (it
 * then goes on to SCIM routing and its 404). None of these writes to the database or the
 * provisioning log: an uptime monitor or a scrape every few seconds must cost nothing, and must not
 * count as IdP traffic ("seconds since the last IdP request").
 */
export function answerOps(ops: ScimOps, req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  const isRead = req.method === 'GET' || req.method === 'HEAD';
  if (path === '/ping' && isRead) {
    send(res, 200, 'application/json; charset=utf-8', req.method === 'HEAD' ? '' : pingBody(ops.version));
    return true;
  }
  if (path === '/metrics' && isRead) {
    const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
    if (token === undefined || !ops.metricsToken.verify(token)) {
      // 401 and nothing else: no body that could tell a stranger what is measured.
      res.setHeader('WWW-Authenticate', 'Bearer realm="SCIM Desk metrics"');
      send(res, 401, undefined, '');
      return true;
    }
    ops.metrics.render().then(
      (m) => send(res, 200, m.contentType, req.method === 'HEAD' ? '' : m.body),
      () => send(res, 500, 'text/plain; charset=utf-8', 'metrics could not be collected\n'),
    );
    return true;
  }
  const nonce = isRead ? ECHO.exec(path)?.[1] : undefined;
  const echo = nonce === undefined ? undefined : ops.nonces.answer(nonce, path, req.headers.authorization);
  if (echo === undefined) return false;
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(echo));
  return true;
}

/** The operation a SCIM request is counted under in the metrics, from its method and path. */
export function scimOperationOf(method: string, url: string): ScimMetricOperation {
  const lower = (url.split('?')[0] ?? '').toLowerCase();
  if (!lower.startsWith('/scim/v2/')) return 'other';
  const rest = lower.slice(9);
  if (rest === 'users' || rest === 'users/') {
    if (method === 'POST') return 'create';
    if (method === 'GET') return /[?&]filter=/.test(url) ? 'lookup' : 'list';
    return 'other';
  }
  if (rest.startsWith('users/')) {
    if (method === 'GET') return 'read';
    if (method === 'PUT') return 'replace';
    if (method === 'PATCH') return 'patch';
    if (method === 'DELETE') return 'delete';
    return 'other';
  }
  if (rest.startsWith('groups')) return 'groups';
  if (/^(serviceproviderconfigs?|schemas|resourcetypes)(\/|$)/.test(rest)) return 'discovery';
  return 'other';
}

/** The operations endpoints of a wired core. */
export function scimOpsOf(core: { readonly version: string; readonly metrics: CoreMetrics; readonly metricsToken: Pick<MetricsToken, 'verify'>; readonly selfCheckNonces: Pick<SelfCheckNonces, 'answer'> }): ScimOps {
  return { version: core.version, metrics: core.metrics, metricsToken: core.metricsToken, nonces: core.selfCheckNonces };
}
