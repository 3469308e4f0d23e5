import { isIP } from 'node:net';
import type { Request } from 'express';

/**
 * Longest address text kept: a full IPv6 address with an embedded IPv4 tail is 45 characters, and a
 * zone id (`fe80::1%eth0`) is short; anything longer is not a client address we want in the log.
 */
export const MAX_CLIENT_ADDRESS_CHARS = 64;

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) shown as plain IPv4. */
const unmapped = (ip: string): string => ip.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');

/** `ip` when it is an IP address (net.isIP) of a sane length, else undefined. */
function validAddress(ip: string | undefined): string | undefined {
  if (ip === undefined || ip.length > MAX_CLIENT_ADDRESS_CHARS) return undefined;
  const plain = unmapped(ip);
  return isIP(plain) === 0 ? undefined : plain;
}

/**
 * The client's address for the provisioning log and the failed-auth throttle. `req.ip` is the socket
 * peer unless `trust proxy` is a hop count > 0, in which case Express takes it from `X-Forwarded-For`
 * (never from the header otherwise). A forwarded entry that is not an IP address (HTML, 8,000
 * characters of junk) is ignored and the socket peer used instead (issue #15): it would otherwise be
 * stored in the log and give every forged value its own throttle slot.
 */
export function clientAddressOf(req: Request, trustProxy: number): string | null {
  const socket = req.socket.remoteAddress;
  // Without proxy hops `req.ip` is the socket peer, computed the long way (proxy-addr): skip it.
  const forwarded = trustProxy > 0 ? validAddress(req.ip) : undefined;
  if (forwarded !== undefined) return forwarded;
  if (socket === undefined) return null;
  return validAddress(socket) ?? socket.slice(0, MAX_CLIENT_ADDRESS_CHARS);
}
