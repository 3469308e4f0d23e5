import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/logger.js';
import type { AdminServices } from '../core/admin/admin-services.js';
import { describeFailure } from '../core/errors.js';
import { hostAllowlist } from './middleware/host-allowlist.js';
import { adminAuth } from './middleware/admin-auth.js';
import { AdminError } from './admin/admin-error.js';
import { apiRouter } from './admin/api-router.js';
import { answerWhenDurable } from './answer-when-durable.js';

export interface AdminAppDeps {
  readonly admin: AdminServices;
  readonly adminToken: string;
  readonly logger: Logger;
  /** Built renderer folder (index.html + assets); the UI is not served when it is missing. */
  readonly rendererDir: string;
  /** The listener is bound off loopback (`--admin-allow-remote`): IP-address Host headers are accepted too. */
  readonly allowRemote?: boolean;
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

/** The admin listener's app: loopback Host only, `/api` behind the admin token, the renderer as static files. */
export function createAdminApp(deps: AdminAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(hostAllowlist(deps.allowRemote ?? false));
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: ADMIN_CSP }, crossOriginEmbedderPolicy: false }));

  const api = express.Router();
  api.use(adminAuth(deps.adminToken));
  // The asset CSV import carries up to 5 MB of text inside JSON (escaping grows it); everything else is small.
  api.use('/assets/import', express.json({ limit: '12mb' }));
  api.use(express.json({ limit: '5mb' }));
  // A change (any method but GET/HEAD) is answered only once its commit is on disk, as a SCIM
  // write is (answer-when-durable.ts). Reads need nothing here: every repository read commits an
  // open write batch first (unit-of-work.ts).
  api.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') answerWhenDurable(res, deps.admin.durable, (r, err) => answerError(err, r.req, r));
    next();
  });
  api.use(apiRouter(deps.admin));
  api.use((req) => {
    throw new AdminError(404, 'not-found', `No admin endpoint at ${req.method} ${req.path}.`);
  });
  app.use('/api', api);

  if (existsSync(join(deps.rendererDir, 'index.html'))) {
    app.use(express.static(deps.rendererDir, { index: 'index.html', maxAge: '1h' }));
    // Client-side routes fall back to the app shell.
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(join(deps.rendererDir, 'index.html')));
  }

  // The single error answer: `{ error: { code, message, ...details } }`.
  function answerError(err: unknown, req: Request, res: Response): void {
    const e = toAdminError(err);
    if (e.status >= 500) deps.logger.error({ err, method: req.method, path: req.path }, 'admin request failed');
    if (res.headersSent) {
      // A streamed answer (export, SSE) failed midway: the status is gone, so cut the connection.
      res.destroy();
      return;
    }
    for (const [k, v] of Object.entries(e.headers)) res.setHeader(k, v);
    res.status(e.status).json({ error: { ...e.details, code: e.code, message: e.message } });
  }
  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => answerError(err, req, res));
  return app;
}

/** The admin shape of any failure (the one mapping: describeFailure in core/errors.ts). */
function toAdminError(err: unknown): AdminError {
  if (err instanceof AdminError) return err;
  const f = describeFailure(err);
  return new AdminError(f.status, f.code, f.message, f.details, f.headers);
}
