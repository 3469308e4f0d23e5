import type { NextFunction, Request, Response } from 'express';
import { ScimError } from '../../core/scim/errors.js';
import type { ConnectorKeys } from '../../core/auth/connector-keys.js';
import { FailedAuthTracker } from './failed-auth-tracker.js';

export interface ScimAuthOptions {
  readonly keys: ConnectorKeys;
  readonly isEnabled: () => boolean;
  /** Failed attempts from one address within the window before it is throttled. */
  readonly maxFailures?: number;
  readonly windowMs?: number;
  /** Client addresses tracked at most; a throttled one is never evicted to make room. */
  readonly maxTracked?: number;
  readonly now?: () => number;
  /**
   * The client address to throttle by. The SCIM app passes the validated one (see client-address.ts,
   * where a non-IP `X-Forwarded-For` falls back to the socket peer); the default is the socket peer.
   */
  readonly addressOf?: (req: Request, res: Response) => string | null;
}

/** Failed attempts per address and window before `429` (README's threat model quotes them; a test compares). */
export const AUTH_THROTTLE_DEFAULTS = { maxFailures: 20, windowMs: 5 * 60_000, maxTracked: 10_000 } as const;

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const WWW_AUTHENTICATE = { 'WWW-Authenticate': 'Bearer realm="SCIM Desk"' } as const;
const socketAddress = (req: Request): string | null => req.socket.remoteAddress ?? null;

/**
 * Bearer-token gate for the SCIM listener. A valid key is always let through (throttling never locks
 * out the IdP); addresses that keep failing get 429 with Retry-After.
 */
export function scimAuth(opts: ScimAuthOptions) {
  const windowMs = opts.windowMs ?? AUTH_THROTTLE_DEFAULTS.windowMs;
  const now = opts.now ?? Date.now;
  const addressOf = opts.addressOf ?? socketAddress;
  const failures = new FailedAuthTracker({
    maxFailures: opts.maxFailures ?? AUTH_THROTTLE_DEFAULTS.maxFailures,
    windowMs,
    maxTracked: opts.maxTracked ?? AUTH_THROTTLE_DEFAULTS.maxTracked,
  });

  // The answers are the same for everyone, so they are built once: a refused request (anyone on the
  // internet can send them) should cost little more than its answer, and an error's stack does.
  const missing = new ScimError(401, undefined, 'Missing "Authorization: Bearer <connector key>" header.', WWW_AUTHENTICATE);
  const wrong = new ScimError(
    401,
    undefined,
    'The bearer token is not a valid SCIM Desk connector key. Paste the current key into the IdP (Entra: Secret Token; Okta: API token).',
    WWW_AUTHENTICATE,
  );
  const off = new ScimError(403, undefined, 'SCIM provisioning is turned off in SCIM Desk. Turn it on under Setup, then retry.');
  // Every tracked slot holds a throttled address (a spray of forged addresses): an address that
  // cannot be counted gets no free guesses either. The valid key is never affected.
  const full = new ScimError(429, undefined, `Too many clients are failing authentication; retry in ${Math.ceil(windowMs / 1000)} s.`, {
    'Retry-After': String(Math.ceil(windowMs / 1000)),
  });
  const throttled = new Map<number, ScimError>(); // by seconds to wait: at most windowMs / 1000 of them
  const throttledFor = (retry: number): ScimError => {
    let e = throttled.get(retry);
    if (e === undefined) {
      e = new ScimError(429, undefined, `Too many failed authentication attempts from this address; retry in ${retry} s.`, { 'Retry-After': String(retry) });
      throttled.set(retry, e);
    }
    return e;
  };

  return (req: Request, res: Response, next: NextFunction): void => {
    const m = BEARER.exec(req.headers.authorization ?? ''); // Node's headers: this runs before Express (create-scim-app.ts)
    const isValid = m?.[1] !== undefined && opts.keys.verify(m[1]);
    if (isValid && opts.isEnabled()) return next();

    const ip = addressOf(req, res) ?? 'unknown';
    const t = now();
    const f = failures.entryFor(ip, t);
    if (f !== undefined && failures.isThrottled(f)) return next(throttledFor(Math.ceil((f.resetAt - t) / 1000)));
    if (isValid) return next(off);
    if (f === undefined) return next(full);
    failures.recordFailure(ip, f);
    return next(m ? wrong : missing);
  };
}
