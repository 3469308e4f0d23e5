import type { NextFunction, Request, Response } from 'express';
import { ScimError } from '../../core/scim/errors.js';
import type { ConnectorKeys } from '../../core/auth/connector-keys.js';

export interface ScimAuthOptions {
  readonly keys: ConnectorKeys;
  readonly isEnabled: () => boolean;
  /** Failed attempts from one address within the window before it is throttled. */
  readonly maxFailures?: number;
  readonly windowMs?: number;
  readonly now?: () => number;
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Bearer-token gate for the SCIM listener. A valid key is always let through (throttling never locks
 * out the IdP); addresses that keep failing get 429 with Retry-After.
 */
export function scimAuth(opts: ScimAuthOptions) {
  const max = opts.maxFailures ?? 20;
  const windowMs = opts.windowMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  const failures = new Map<string, { count: number; resetAt: number }>();

  return (req: Request, res: Response, next: NextFunction): void => {
    const m = BEARER.exec(req.get('authorization') ?? '');
    const isValid = m?.[1] !== undefined && opts.keys.verify(m[1]);
    if (isValid && opts.isEnabled()) return next();

    const ip = req.ip ?? 'unknown';
    const t = now();
    let f = failures.get(ip);
    if (!f || t >= f.resetAt) {
      f = { count: 0, resetAt: t + windowMs };
      if (failures.size > 10_000) failures.clear(); // bound memory under a spray of addresses
      failures.set(ip, f);
    }
    let err: ScimError;
    if (f.count >= max) {
      const retry = Math.ceil((f.resetAt - t) / 1000);
      err = new ScimError(429, undefined, `Too many failed authentication attempts from this address; retry in ${retry} s.`, { 'Retry-After': String(retry) });
    } else if (isValid) {
      err = new ScimError(403, undefined, 'SCIM provisioning is turned off in SCIM Desk. Turn it on under Settings, then retry.');
    } else {
      f.count++;
      err = new ScimError(
        401,
        undefined,
        m ? 'The bearer token is not a valid SCIM Desk connector key. Paste the current key into the IdP (Entra: Secret Token; Okta: API token).' : 'Missing "Authorization: Bearer <connector key>" header.',
        { 'WWW-Authenticate': 'Bearer realm="SCIM Desk"' },
      );
    }
    next(err);
  };
}
