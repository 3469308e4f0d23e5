import { isUtf8 } from 'node:buffer';
import type { RequestListener } from 'node:http';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from '../core/logger.js';
import type { ConnectorKeys } from '../core/auth/connector-keys.js';
import type { UsersService } from '../core/provisioning/users-service.js';
import type { GroupsService } from '../core/provisioning/groups-service.js';
import type { ProvisioningLogRepo } from '../core/store/provisioning-log-repo.js';
import { cutPath } from '../core/store/provisioning-log-repo.js';
import type { RefusedTraffic } from '../core/provisioning/refused-traffic.js';
import type { SettingsRepo } from '../core/store/settings-repo.js';
import type { SchemaRegistry } from '../core/scim/schema-registry.js';
import { ScimError, errorBody } from '../core/scim/errors.js';
import { describeFailure, storageCodeOf } from '../core/errors.js';
import { scimAuth } from './middleware/scim-auth.js';
import { resourceRoutes } from './scim/resource-routes.js';
import { bodylessRefusals, discoveryRoutes, MAX_BODY_BYTES } from './scim/discovery-routes.js';
import { localsOf, newLocals } from './scim/context.js';
import { loggedPath, logWhenFinished, refusalOf } from './scim/request-log.js';
import { closeAfterRefusal } from './scim/close-refused.js';
import { clientAddressOf } from './scim/client-address.js';
import { sendScim } from './scim/send.js';
import { answerOps, mayBeOps } from './scim/ops-routes.js';
import type { ScimOps } from './scim/ops-routes.js';
import { scimSecurityHeaders } from './scim/security-headers.js';

export interface ScimAppDeps {
  readonly users: UsersService;
  readonly groups: GroupsService;
  readonly keys: ConnectorKeys;
  readonly settings: SettingsRepo;
  readonly log: ProvisioningLogRepo;
  /** Where refused anonymous and throttled requests are counted instead of logged one by one. */
  readonly refused: Pick<RefusedTraffic, 'count'>;
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
/** The request targets `app.use(SCIM_BASE_PATH, …)` routes (Express matches mount paths in any case). */
const SCIM_TARGET = /^\/scim\/v2(?:[/?#]|$)/i;

/**
 * Whether Express would route the request into `/scim/v2`. Tested on the raw target: `req.path`
 * parses the URL, which is most of the cost of refusing a 15 KB one. An absolute-form target
 * (`GET http://host/…`, rare) goes through Express's parser.
 */
const isScimTarget = (req: Request): boolean => (req.url.startsWith('/') ? SCIM_TARGET.test(req.url) : SCIM_TARGET.test(req.path));


/** body-parser `verify`: refuse bodies that are not UTF-8 (it would otherwise decode them lossily to U+FFFD). */
function requireUtf8(_req: Request, _res: Response, buf: Buffer): void {
  if (!isUtf8(buf)) throw new ScimError(400, 'invalidSyntax', 'The request body is not valid UTF-8.');
}

/** One instance for every request outside `/scim/v2` (an error's stack costs more than the rest of its answer). */
const NOT_FOUND = new ScimError(404, undefined, `Not found. The SCIM base URL is ${SCIM_BASE_PATH}.`);

/** The SCIM shape of any failure (the one mapping: describeFailure in core/errors.ts). */
export function toScimError(err: unknown): ScimError {
  if (err instanceof ScimError) return err;
  const f = describeFailure(err);
  const message = f.status === 413 ? `The request body is larger than ${MAX_BODY_BYTES} bytes.` : f.message;
  return new ScimError(f.status, f.scimType, message, f.headers);
}

/**
 * The SCIM listener's request handler: `/scim/v2` only, bearer-token auth, SCIM errors everywhere.
 * A plain request listener (Express behind a front door): pass it to `http.createServer`.
 */
export function createScimApp(deps: ScimAppDeps): RequestListener {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? 0);
  app.set('etag', false);
  app.set('query parser', 'simple');
  const securityHeaders = scimSecurityHeaders();
  const ops = deps.ops;
  const auth = scimAuth({
    keys: deps.keys,
    isEnabled: () => deps.settings.get().scimEnabled,
    addressOf: (_req, res) => localsOf(res).clientAddress,
  });
  const scim = express.Router({ caseSensitive: false });
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
  // While SCIM Desk is set to users only, the groups service answers lists with an empty
  // ListResponse (Entra's Test Connection probes groups), a group id with 404, and writes with a
  // 400 whose detail says what to switch off.
  const routeDeps = { publicBaseUrl, durable: deps.durable, renderError };
  resourceRoutes('/Users', deps.users, routeDeps, scim);
  resourceRoutes('/Groups', deps.groups, routeDeps, scim);
  scim.use(discoveryRoutes(deps.registry, publicBaseUrl, () => deps.settings.get().groupProvisioning === 'groups'));
  scim.use((req) => {
    throw new ScimError(404, undefined, `No SCIM endpoint at ${req.method} ${cutPath(req.path)}.`);
  });

  app.use(SCIM_BASE_PATH, scim);
  app.use(() => {
    throw NOT_FOUND;
  });

  // The single error answer: RFC 7644 §3.12 bodies, application/scim+json. Also renders a write
  // that could not be made durable (answer-when-durable.ts).
  function answerError(err: unknown, req: Request, res: Response): void {
    const e = toScimError(err);
    const l = localsOf(res);
    l.error = e;
    const requestId = l.requestId;
    const path = (): string => loggedPath(req); // Node's `req.url`: this may run before Express
    if (e.status === 503) {
      // Needs a human (free disk space, fix permissions); the IdP retries after Retry-After meanwhile.
      deps.logger.error({ err, code: storageCodeOf(err), method: req.method, path: path(), requestId }, 'SCIM write refused with 503: the database cannot be written (disk full or read-only data folder)');
    } else if (e.status >= 500) deps.logger.error({ err, method: req.method, path: path(), requestId }, 'SCIM request failed');
    // Refused anonymous requests get their (rate-limited) line from refused-traffic.ts.
    else if (refusalOf(l.isAuthenticated, e.status) === undefined) deps.logger.info({ status: e.status, scimType: e.scimType, detail: e.detail, method: req.method, path: path() }, 'SCIM request refused');
    if (!l.isAuthenticated) closeAfterRefusal(req, res);
    sendScim(res, e.status, errorBody(e), e.headers);
  }
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => answerError(err, req, res));

  // The front door, before Express dispatches: headers, per-request state and authentication.
  // Requests without a valid key (anyone on the internet can send them, 15 KB URLs and all) are
  // answered here; Express's own dispatch cost more than everything else such a request does.
  const expressify = (req: Request, res: Response): void => {
    Object.setPrototypeOf(req, app.request);
    Object.setPrototypeOf(res, app.response);
  };
  const trustProxy = deps.trustProxy ?? 0;
  const requestLog = { log: deps.log, refused: deps.refused, ...(ops ? { metrics: ops.metrics } : {}) };
  return (rawReq, rawRes) => {
    // Node's objects until Express takes over: what runs here uses Node's API only. Express's
    // prototypes (setPrototypeOf is costly) are given early only when `req.ip` or `req.path` is needed.
    const req = rawReq as Request;
    const res = rawRes as Response;
    if (trustProxy > 0 || !req.url.startsWith('/')) expressify(req, res);
    req.originalUrl = req.url; // what Express's router sets; the log and loggedPath read it
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    // /ping, /metrics and the self-check echo: no request state, no log row (ops-routes.ts).
    if (ops !== undefined && mayBeOps(req.url) && answerOps(ops, req, res)) return;
    res.locals = newLocals(req, clientAddressOf(req, trustProxy));
    logWhenFinished(req, res, requestLog);
    if (!isScimTarget(req)) return answerError(NOT_FOUND, req, res);
    try {
      // A synchronous throw (the key check records its use: a write, which a full disk refuses) is
      // answered like any error, as Express's layers would.
      return auth(req, res, (err?: unknown) => {
        if (err !== undefined) return answerError(err, req, res);
        localsOf(res).isAuthenticated = true;
        return app(req, res);
      });
    } catch (err) {
      return answerError(err, req, res);
    }
  };
}
