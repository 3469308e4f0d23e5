import type { Request, Response } from 'express';
import type { LogEntry, ProvisioningLogRepo } from '../../core/store/provisioning-log-repo.js';
import { cutPath } from '../../core/store/provisioning-log-repo.js';
import type { RefusalReason, RefusedTraffic } from '../../core/provisioning/refused-traffic.js';
import { redactBody } from '../../core/provisioning/redact.js';
import { errorBody } from '../../core/scim/errors.js';
import type { CoreMetrics } from '../../core/ops/metrics.js';
import { localsOf } from './context.js';
import { scimOperationOf } from './ops-routes.js';

/**
 * Requests counted by refused-traffic.ts instead of logged one by one: anything answered before the
 * key was accepted (401, 403, 404 outside `/scim/v2`), and every 429.
 */
export function refusalOf(isAuthenticated: boolean, status: number): RefusalReason | undefined {
  if (status === 429) return 'throttled';
  if (isAuthenticated) return undefined;
  return status === 401 || status === 403 ? 'unauthenticated' : 'unroutable';
}

/** The request path without its query string, cut for logging (a URL may be 15 KB). */
export function loggedPath(req: Request): string {
  const url = req.originalUrl;
  const q = url.indexOf('?');
  return cutPath(q === -1 ? url : url.slice(0, q));
}

export interface RequestLogDeps {
  readonly log: Pick<ProvisioningLogRepo, 'enqueue'>;
  readonly refused: Pick<RefusedTraffic, 'count'>;
  /** Request metrics (GET /metrics), refused requests included. */
  readonly metrics?: Pick<CoreMetrics, 'observeScimRequest'>;
}

/**
 * Once the answer is sent: every request of the IdP gets one log row (the users service writes its
 * own, this covers the rest); refused requests, which anyone can send, are only counted.
 */
export function logWhenFinished(req: Request, res: Response, deps: RequestLogDeps): void {
  res.on('finish', () => {
    const l = localsOf(res);
    deps.metrics?.observeScimRequest(scimOperationOf(req.method, req.originalUrl), res.statusCode, Number(process.hrtime.bigint() - l.startNs) / 1e9);
    if (l.isLogged) return;
    const status = res.statusCode;
    const err = l.error;
    const scimType = err?.scimType ?? null;
    const detail = err?.detail ?? null;
    const reason = refusalOf(l.isAuthenticated, status);
    if (reason !== undefined) {
      deps.refused.count({ reason, address: l.clientAddress, client: l.client, method: req.method, path: loggedPath(req), status, scimType, detail });
      return;
    }
    const operation: LogEntry['operation'] = status === 403 ? 'auth-failure' : status >= 400 ? 'error' : 'discovery';
    deps.log.enqueue({
      at: new Date().toISOString(),
      requestId: l.requestId,
      client: l.client,
      clientAddress: l.clientAddress,
      method: req.method,
      path: loggedPath(req),
      operation,
      memberId: null,
      userName: null,
      result: status >= 400 ? 'failure' : 'success',
      status,
      scimType,
      detail,
      durationMs: Number(process.hrtime.bigint() - l.startNs) / 1e6,
      changes: [],
      request: redactBody(req.body),
      // A refusal keeps the error body the IdP was answered (its detail says what to fix).
      response: err ? errorBody(err) : null,
    });
  });
}
