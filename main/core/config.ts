import { z } from 'zod';
import { coreOptionShape } from '../../shared/core-options.js';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Whether a bind address only listens on this machine: `localhost`, `127.0.0.0/8`, `::1` (also as
 * `[::1]` or IPv4-mapped). Anything else, `0.0.0.0` and `::` first, can be reached from elsewhere.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (h === 'localhost') return true;
  const v4 = h.replace(/^::ffff:/, '');
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return isIP(h) === 6 && new URL(`http://[${h}]`).hostname === '[::1]'; // the URL parser writes IPv6 in its shortest form
}

/**
 * Everything the core needs to start. The fields, their coercion and defaults come from the option
 * table in shared/core-options.ts (flags and `SCIMDESK_*` twins are parsed by main/node/options.ts).
 */
export const AppConfigSchema = z.object(coreOptionShape()).superRefine((c, ctx) => {
  if (!c.adminAllowRemote && !isLoopbackHost(c.adminHost)) {
    ctx.addIssue({
      code: 'custom',
      path: ['adminHost'],
      message: `${c.adminHost} is not a loopback address: the admin listener (the GUI and /api, over plain HTTP) would be reachable from other machines; add --admin-allow-remote if that is what you want`,
    });
  }
  if ((c.tlsCert === undefined) !== (c.tlsKey === undefined)) {
    ctx.addIssue({ code: 'custom', path: [c.tlsCert === undefined ? 'tlsCert' : 'tlsKey'], message: 'TLS needs both --tls-cert and --tls-key' });
  }
  if (c.acmeDomain !== undefined && c.tlsCert !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['acmeDomain'], message: 'use either automatic TLS (--acme-domain) or certificate files (--tls-cert/--tls-key), not both' });
  }
  if (c.acmeDomain !== undefined && c.acmeEmail === undefined) ctx.addIssue({ code: 'custom', path: ['acmeEmail'], message: 'automatic TLS needs --acme-email with --acme-domain' });
  // Without --acme-domain, automatic TLS comes from Setup as a whole; a lone --acme-* option would be silently ignored.
  for (const key of ['acmeEmail', 'acmeDirectory', 'acmeCaFile', 'acmeHttpPort'] as const) {
    if (c.acmeDomain === undefined && c[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'needs --acme-domain (or set automatic TLS in Setup instead)' });
  }
});
export type AppConfig = z.infer<typeof AppConfigSchema>;

/** The platform's per-user app-data folder for SCIM Desk (what Electron's `userData` would be). */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'SCIM Desk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'SCIM Desk');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'SCIM Desk');
}

