import { isUtf8 } from 'node:buffer';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from '../core/logger.js';
import type { ConnectorKeys } from '../core/auth/connector-keys.js';
import type { UsersService } from '../core/provisioning/users-service.js';
import type { GroupsService } from '../core/provisioning/groups-service.js';
import type { ProvisioningLogRepo, LogEntry } from '../core/store/provisioning-log-repo.js';
import type { SettingsRepo } from '../core/store/settings-repo.js';
import type { SchemaRegistry } from '../core/scim/schema-registry.js';
import { ScimError } from '../core/scim/errors.js';
import { describeFailure, storageCodeOf } from '../core/errors.js';
import { redactBody } from '../core/provisioning/redact.js';
import { scimAuth } from './middleware/scim-auth.js';
import { usersRoutes } from './scim/users-routes.js';
import { bodylessRefusals, discoveryRoutes, MAX_BODY_BYTES } from './scim/discovery-routes.js';
import { groupsRoutes } from './scim/groups-routes.js';
import { localsOf, newLocals } from './scim/context.js';
import { clientAddressOf } from './scim/client-address.js';
import { errorBody, sendScim } from './scim/send.js';
import { answerOps, mayBeOps, scimOperationOf } from './scim/ops-routes.js';
import type { ScimOps } from './scim/ops-routes.js';

export interface ScimAppDeps {
  readonly users: UsersService;
  readonly groups: GroupsService;
  readonly keys: ConnectorKeys;
  readonly settings: SettingsRepo;
  readonly log: ProvisioningLogRepo;
  readonly registry: () => SchemaRegistry;
  readonly logger: Logger;
  /** Resolves once commits so far are durable; write routes await it before answering. */
  readonly durable: () => Promise<void>;
  /** Reverse-proxy hops to trust for the client address (never `true`). */
  readonly trustProxy?: number;
  /** `/ping`, `/metrics` (with request metrics) and the self-check echo; without it only SCIM is served. */
  readonly ops?: ScimOps;
}

export const SCIM_BASE_PATH = '/scim/v2';


/** body-parser `verify`: refuse bodies that are not UTF-8 (it would otherwise decode them lossily to U+FFFD). */
function requireUtf8(_req: Request, _res: Response, buf: Buffer): void {
  if (!isUtf8(buf)) throw new ScimError(400, 'invalidSyntax', 'The request body is not valid UTF-8.');
}

/** The headers a fixed header middleware (helmet's) sets, captured once from a stand-in response. */
function headersOf(middleware: (req: Request, res: Response, next: (err?: unknown) => void) => void): Array<[string, string]> {
  const headers = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: unknown) => void headers.set(name, String(value)),
    removeHeader: (name: string) => void headers.delete(name),
  } as unknown as Response;
  let isDone = false;
  middleware({ headers: {} } as Request, res, () => (isDone = true));
  if (!isDone) throw new Error('The security header middleware did not complete synchronously.');
  return [...headers];
}

/** The SCIM shape of any failure (the one mapping: describeFailure in core/errors.ts). */
export function toScimError(err: unknown): ScimError {
  if (err instanceof ScimError) return err;
  const f = describeFailure(err);
  const message = f.status === 413 ? `The request body is larger than ${MAX_BODY_BYTES} bytes.` : f.message;
  return new ScimError(f.status, f.scimType, message, f.headers);
}

/** The SCIM listener's Express app: `/scim/v2` only, bearer-token auth, SCIM errors everywhere. */
export function createScimApp(deps: ScimAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? 0);
  app.set('etag', false);
  app.set('query parser', 'simple');
  // The headers that matter for a JSON API (helmet's browser-only extras are off). They never vary,
  // so helmet runs once here and one middleware copies its headers: helmet's own stack of seven
  // middleware layers cost each IdP request more than the headers are worth (lookup profile).
  const securityHeaders = headersOf(
    helmet({
      // An API's policy: nothing may load or frame it (helmet's page defaults are for HTML, and were
      // ~250 bytes of header on every IdP request).
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginResourcePolicy: false,
      originAgentCluster: false,
      xDnsPrefetchControl: false,
      xDownloadOptions: false,
      xPermittedCrossDomainPolicies: false,
      xXssProtection: false,
    }),
  );
  const ops = deps.ops;
  // Headers, the operations endpoints and per-request state in one layer: every layer is a
  // dispatch on every IdP request.
  app.use((req, res, next) => {
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    // /ping, /metrics and the self-check echo: no request state, no log row (ops-routes.ts).
    if (ops !== undefined && mayBeOps(req.url) && answerOps(ops, req, res)) return;
    res.locals = newLocals(req, clientAddressOf(req, deps.trustProxy ?? 0));
    // Every request gets one log row; the users service writes its own, this covers the rest.
    res.on('finish', () => {
      const l = localsOf(res);
      ops?.metrics.observeScimRequest(scimOperationOf(req.method, req.originalUrl), res.statusCode, Number(process.hrtime.bigint() - l.startNs) / 1e9);
      if (l.isLogged) return;
      const status = res.statusCode;
      const err = l.error;
      const operation: LogEntry['operation'] = status === 401 || status === 403 ? 'auth-failure' : status === 429 ? 'rate-limited' : status >= 400 ? 'error' : 'discovery';
      deps.log.enqueue({
        at: new Date().toISOString(),
        requestId: l.requestId,
        client: l.client,
        clientAddress: l.clientAddress,
        method: req.method,
        path: req.originalUrl.split('?')[0] ?? '',
        operation,
        memberId: null,
        userName: null,
        result: status >= 400 ? 'failure' : 'success',
        status,
        scimType: err?.scimType ?? null,
        detail: err?.detail ?? null,
        durationMs: Number(process.hrtime.bigint() - l.startNs) / 1e6,
        changes: [],
        request: status === 401 || status === 403 ? null : redactBody(req.body),
        response: null,
      });
    });
    next();
  });

  const scim = express.Router({ caseSensitive: false });
  scim.use(
    scimAuth({
      keys: deps.keys,
      isEnabled: () => deps.settings.get().scimEnabled,
      addressOf: (_req, res) => localsOf(res).clientAddress,
    }),
  );
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: () => deps.settings.get().scimRateLimitPerMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    validate: { trustProxy: false, xForwardedForHeader: false },
    handler: (_req, _res, next) => next(new ScimError(429, undefined, 'SCIM Desk is receiving more requests than its rate limit allows; retry later.', { 'Retry-After': '60' })),
  });
  // Refusals that must not depend on the body (it may not be JSON at all), so before the parser.
  scim.use(bodylessRefusals());
  // Okta documents `text/json`, some clients send no content type: parse JSON whatever the type says.
  const parseJson = express.json({ type: () => true, limit: MAX_BODY_BYTES, strict: false, verify: requireUtf8 });
  // Rate limit, then the body, in one layer. 0 = unlimited: the limiter (an async middleware) is
  // skipped entirely. Only writes carry a body; lookups (most IdP traffic) skip the body reader.
  scim.use((req, res, next) => {
    const body = (): void => (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH' ? parseJson(req, res, next) : next());
    if (deps.settings.get().scimRateLimitPerMinute === 0) return body();
    return limiter(req, res, (err?: unknown) => (err ? next(err) : body()));
  });
  const publicBaseUrl = (): string => deps.settings.get().publicBaseUrl;
  const renderError = (res: Response, err: unknown): void => answerError(err, res.req, res);
  usersRoutes(deps.users, publicBaseUrl, deps.durable, renderError, scim);
  groupsRoutes(deps.groups, publicBaseUrl, deps.durable, renderError, scim);
  scim.use(discoveryRoutes(deps.registry, publicBaseUrl, () => deps.settings.get().groupProvisioning === 'groups'));
  scim.use((req) => {
    throw new ScimError(404, undefined, `No SCIM endpoint at ${req.method} ${req.path}.`);
  });

  app.use(SCIM_BASE_PATH, scim);
  app.use(() => {
    throw new ScimError(404, undefined, `Not found. The SCIM base URL is ${SCIM_BASE_PATH}.`);
  });

  // The single error answer: RFC 7644 §3.12 bodies, application/scim+json. Also renders a write
  // that could not be made durable (answer-when-durable.ts).
  function answerError(err: unknown, req: Request, res: Response): void {
    const e = toScimError(err);
    const l = localsOf(res);
    l.error = e;
    const requestId = l.requestId;
    if (e.status === 503) {
      // Needs a human (free disk space, fix permissions); the IdP retries after Retry-After meanwhile.
      deps.logger.error({ err, code: storageCodeOf(err), method: req.method, path: req.path, requestId }, 'SCIM write refused with 503: the database cannot be written (disk full or read-only data folder)');
    } else if (e.status >= 500) deps.logger.error({ err, method: req.method, path: req.path, requestId }, 'SCIM request failed');
    else deps.logger.info({ status: e.status, scimType: e.scimType, detail: e.detail, method: req.method, path: req.path }, 'SCIM request refused');
    sendScim(res, e.status, errorBody(e), e.headers);
  }
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => answerError(err, req, res));
  return app;
}
