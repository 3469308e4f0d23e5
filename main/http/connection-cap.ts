import type { Server } from 'node:net';
import type { Logger } from '../core/logger.js';

/** How often, at most, a line says connections were refused. */
const REPORT_EVERY_MS = 60_000;

/**
 * Cap the connections one client address may hold open on `server`: one beyond `max` is closed at
 * once, before any byte of it is read (issue #15: no per-address cap, so one client could hold every
 * socket the process can open). `0` = no cap. The address is the socket peer: behind a reverse proxy
 * every connection comes from the proxy, so the cap must then allow for the proxy's pool (or be 0).
 * Refusals are reported at most once a minute, with their count.
 */
export function capConnectionsPerAddress(server: Server, max: number, logger: Logger, now: () => number = Date.now): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  let refused = 0;
  let reportAt = 0;
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '';
    const held = open.get(address) ?? 0;
    if (held >= max) {
      socket.destroy();
      refused++;
      const t = now();
      if (t >= reportAt) {
        logger.warn({ clientAddress: address, refused, max }, 'SCIM connections refused: too many open from one address');
        refused = 0;
        reportAt = t + REPORT_EVERY_MS;
      }
      return;
    }
    open.set(address, held + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
