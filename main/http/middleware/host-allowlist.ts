import { isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';

/** Host names the admin listener answers to: loopback only, so DNS rebinding cannot reach it. */
const ALLOWED = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;
/** An IP address literal with an optional port: `192.0.2.7:8081`, `[2001:db8::7]:8081`. */
const IP_HOST = /^(?:\[([^\]]+)\]|([\d.]+))(?::\d+)?$/;

/**
 * Whether a Host header may reach the admin listener. With `allowIpHosts` (the listener was bound
 * off loopback with `--admin-allow-remote`) any IP address literal is also accepted: DNS rebinding
 * needs a host *name*, so names other than localhost stay refused.
 */
export function isAllowedHost(host: string | undefined, allowIpHosts = false): boolean {
  if (host === undefined) return false;
  if (ALLOWED.test(host)) return true;
  if (!allowIpHosts) return false;
  const m = IP_HOST.exec(host);
  const ip = m?.[1] ?? m?.[2];
  return ip !== undefined && isIP(ip) !== 0;
}

export function hostAllowlist(allowIpHosts = false) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (isAllowedHost(req.headers.host, allowIpHosts)) return next();
    const message = allowIpHosts ? 'The admin UI answers only on localhost or an IP address, not on a host name.' : 'The admin UI answers only on 127.0.0.1 or localhost.';
    res.status(421).json({ error: { code: 'host-not-allowed', message } });
  };
}
