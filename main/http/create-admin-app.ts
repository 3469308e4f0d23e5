import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/logger.js';
import type { Core } from '../core/create-core.js';
import { hostAllowlist } from './middleware/host-allowlist.js';
import { adminAuth } from './middleware/admin-auth.js';
import { AdminError } from './admin/admin-error.js';
import { DomainError } from '../core/admin/errors.js';
import { createAdminServices } from './admin/services.js';
import { apiRouter } from './admin/api-router.js';

export interface AdminAppDeps {
  readonly core: Core;
  readonly adminToken: string;
  readonly logger: Logger;
  /** Built renderer folder (index.html + assets); the UI is not served when it is missing. */
  readonly rendererDir: string;
  /** Where the SCIM listener is bound. */
  readonly scimUrl: () => string;
}

/** Content Security Policy of the admin origin: same-origin scripts and connections only. */
export const ADMIN_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"], // Mantine injects CSS variables at runtime
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
};

/** HTTP status of each domain refusal kind. */
const DOMAIN_STATUS = { invalid: 400, 'not-found': 404, conflict: 409 } as const;

/**
 * Hold `res.end` until `durable()` resolves, so a write is acknowledged only once it is on disk. If
 * making it durable fails (the core is about to restart), the answer becomes a 503 when it can.
 */
function answerWhenDurable(res: Response, durable: () => Promise<void>): void {
  const end = res.end.bind(res) as (...args: unknown[]) => Response;
  res.end = ((...args: unknown[]) => {
    durable().then(
      () => end(...args),
      () => {
        if (res.headersSent) return void res.destroy();
        res.statusCode = 503;
        res.removeHeader('Content-Length'); // set for the answer being replaced
        res.removeHeader('ETag');
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        end(JSON.stringify({ error: { code: 'storage-unavailable', message: 'The change could not be made durable; SCIM Desk is restarting. Retry in a moment.' } }));
      },
    );
    return res;
  }) as Response['end'];
}

/** The admin listener's app: loopback Host only, `/api` behind the admin token, the renderer as static files. */
export function createAdminApp(deps: AdminAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(hostAllowlist());
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: ADMIN_CSP }, crossOriginEmbedderPolicy: false }));

  const api = express.Router();
  api.use(adminAuth(deps.adminToken));
  // The asset CSV import carries up to 5 MB of text inside JSON (escaping grows it); everything else is small.
  api.use('/assets/import', express.json({ limit: '12mb' }));
  api.use(express.json({ limit: '5mb' }));
  // Admin handlers run their own transactions, so they must not join a SCIM write batch still open
  // in this event-loop turn (write-batch.ts): commit it first. A change (any method but GET/HEAD)
  // is answered only once its commit is on disk, as a SCIM write is: the response's end waits for
  // the shared fsync (group commit).
  api.use((req, res, next) => {
    deps.core.flushWrites();
    if (req.method !== 'GET' && req.method !== 'HEAD') answerWhenDurable(res, deps.core.durable);
    next();
  });
  api.use(apiRouter(createAdminServices(deps.core, deps.scimUrl)));
  api.use((req) => {
    throw new AdminError(404, 'not-found', `No admin endpoint at ${req.method} ${req.path}.`);
  });
  app.use('/api', api);

  if (existsSync(join(deps.rendererDir, 'index.html'))) {
    app.use(express.static(deps.rendererDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes fall back to the app shell.
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(join(deps.rendererDir, 'index.html')));
  }

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = toAdminError(err);
    if (e.status >= 500) deps.logger.error({ err, method: req.method, path: req.path }, 'admin request failed');
    if (res.headersSent) {
      // A streamed answer (export, SSE) failed midway: the status is gone, so cut the connection.
      res.destroy();
      return;
    }
    res.status(e.status).json({ error: { ...e.details, code: e.code, message: e.message } });
  });
  return app;
}

function toAdminError(err: unknown): AdminError {
  if (err instanceof AdminError) return err;
  if (err instanceof DomainError) return new AdminError(DOMAIN_STATUS[err.kind], err.code, err.message, err.details);
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.parse.failed') return new AdminError(400, 'invalid-json', 'The request body is not valid JSON.');
  if (e?.type === 'entity.too.large') return new AdminError(413, 'body-too-large', 'The request body is too large.');
  return new AdminError(500, 'internal-error', 'Internal error; details are in the application log.');
}
