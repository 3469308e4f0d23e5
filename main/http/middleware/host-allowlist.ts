import type { NextFunction, Request, Response } from 'express';

/** Host names the admin listener answers to: loopback only, so DNS rebinding cannot reach it. */
const ALLOWED = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

export function isAllowedHost(host: string | undefined): boolean {
  return host !== undefined && ALLOWED.test(host);
}

export function hostAllowlist() {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (isAllowedHost(req.headers.host)) return next();
    res.status(421).json({ error: { code: 'host-not-allowed', message: 'The admin UI answers only on 127.0.0.1 or localhost.' } });
  };
}
