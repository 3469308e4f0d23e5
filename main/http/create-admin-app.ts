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

/** The admin listener's app: loopback Host only, `/api` behind the admin token, the renderer as static files. */
export function createAdminApp(deps: AdminAppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(hostAllowlist());
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: ADMIN_CSP }, crossOriginEmbedderPolicy: false }));

  const api = express.Router();
  api.use(adminAuth(deps.adminToken));
  api.use(express.json({ limit: '5mb' }));
  api.get('/health', (_req, res) => {
    res.json({ scimEnabled: deps.core.settings.get().scimEnabled });
  });
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
    const e = err instanceof AdminError ? err : toAdminError(err);
    if (e.status >= 500) deps.logger.error({ err, method: req.method, path: req.path }, 'admin request failed');
    res.status(e.status).json({ error: { code: e.code, message: e.message } });
  });
  return app;
}

function toAdminError(err: unknown): AdminError {
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.parse.failed') return new AdminError(400, 'invalid-json', 'The request body is not valid JSON.');
  if (e?.type === 'entity.too.large') return new AdminError(413, 'body-too-large', 'The request body is too large.');
  return new AdminError(500, 'internal-error', 'Internal error; details are in the application log.');
}
