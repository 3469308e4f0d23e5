import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from '../core/logger.js';
import type { ConnectorKeys } from '../core/auth/connector-keys.js';
import type { UsersService } from '../core/provisioning/users-service.js';
import type { ProvisioningLogRepo, LogEntry } from '../core/store/provisioning-log-repo.js';
import type { SettingsRepo } from '../core/store/settings-repo.js';
import type { SchemaRegistry } from '../core/scim/schema-registry.js';
import type { EventBus } from '../core/events.js';
import { ScimError } from '../core/scim/errors.js';
import { redactBody } from '../core/provisioning/redact.js';
import { scimAuth } from './middleware/scim-auth.js';
import { usersRoutes } from './scim/users-routes.js';
import { discoveryRoutes, MAX_BODY_BYTES } from './scim/discovery-routes.js';
import { groupsRoutes } from './scim/groups-routes.js';
import { localsOf, newLocals } from './scim/context.js';
import { errorBody, sendScim } from './scim/send.js';

export interface ScimAppDeps {
  readonly users: UsersService;
  readonly keys: ConnectorKeys;
  readonly settings: SettingsRepo;
  readonly log: ProvisioningLogRepo;
  readonly registry: () => SchemaRegistry;
  readonly logger: Logger;
  readonly events?: EventBus;
  /** Reverse-proxy hops to trust for the client address (never `true`). */
  readonly trustProxy?: number;
}

export const SCIM_BASE_PATH = '/scim/v2';

/** SQLite errors that mean "storage unavailable" rather than a bug: answered 503 so the IdP retries. */
const STORAGE_CODES = /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|PROTOCOL)/;

/** Map anything thrown to a ScimError; unknown errors become a generic 500 (details go to the log only). */
export function toScimError(err: unknown): ScimError {
  if (err instanceof ScimError) return err;
  const e = err as { type?: string; status?: number; code?: string };
  if (e?.type === 'entity.parse.failed') return new ScimError(400, 'invalidSyntax', 'The request body is not valid JSON.');
  if (e?.type === 'entity.too.large') return new ScimError(413, undefined, `The request body is larger than ${MAX_BODY_BYTES} bytes.`);
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return new ScimError(415, undefined, 'Unsupported request body encoding; send UTF-8 JSON.');
  if (typeof e?.code === 'string' && STORAGE_CODES.test(e.code)) {
    return new ScimError(503, undefined, 'SCIM Desk cannot write to its database right now (disk full or read-only). Retry later.', { 'Retry-After': '60' });
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new ScimError(e.status, undefined, 'The request could not be processed.');
  return new ScimError(500, undefined, 'Internal error in SCIM Desk; details are in its application log.');
}

/** The SCIM listener's Express app: `/scim/v2` only, bearer-token auth, SCIM errors everywhere. */
export function createScimApp(deps: ScimAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? 0);
  app.set('etag', false);
  app.set('query parser', 'simple');
  app.use(helmet({ contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } } }));

  app.use((req, res, next) => {
    Object.assign(res.locals, newLocals(req));
    // Every request gets one log row; the users service writes its own, this covers the rest.
    res.on('finish', () => {
      const l = localsOf(res);
      if (l.isLogged) return;
      const status = res.statusCode;
      const err = res.locals.error as ScimError | undefined;
      const operation: LogEntry['operation'] = status === 401 || status === 403 ? 'auth-failure' : status === 429 ? 'rate-limited' : status >= 400 ? 'error' : 'discovery';
      deps.log.enqueue({
        at: new Date().toISOString(),
        requestId: l.requestId,
        client: l.client,
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
    }),
  );
  scim.use(
    rateLimit({
      windowMs: 60_000,
      limit: () => deps.settings.get().scimRateLimitPerMinute || Number.MAX_SAFE_INTEGER,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      validate: { trustProxy: false, xForwardedForHeader: false },
      handler: (_req, _res, next) => next(new ScimError(429, undefined, 'SCIM Desk is receiving more requests than its rate limit allows; retry later.', { 'Retry-After': '60' })),
    }),
  );
  // Okta documents `text/json`, some clients send no content type: parse JSON whatever the type says.
  scim.use(express.json({ type: () => true, limit: MAX_BODY_BYTES, strict: false }));
  scim.use(usersRoutes(deps.users, () => deps.settings.get().publicBaseUrl));
  scim.use(groupsRoutes());
  scim.use(discoveryRoutes(deps.registry, () => deps.settings.get().publicBaseUrl));
  scim.use((req) => {
    throw new ScimError(404, undefined, `No SCIM endpoint at ${req.method} ${req.path}.`);
  });

  app.use(SCIM_BASE_PATH, scim);
  app.use(() => {
    throw new ScimError(404, undefined, `Not found. The SCIM base URL is ${SCIM_BASE_PATH}.`);
  });

  // The single error middleware: RFC 7644 §3.12 bodies, application/scim+json.
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = toScimError(err);
    res.locals.error = e;
    if (e.status >= 500) deps.logger.error({ err, method: req.method, path: req.path, requestId: localsOf(res).requestId }, 'SCIM request failed');
    else deps.logger.info({ status: e.status, scimType: e.scimType, detail: e.detail, method: req.method, path: req.path }, 'SCIM request refused');
    sendScim(res, e.status, errorBody(e), e.headers);
  });
  return app;
}
