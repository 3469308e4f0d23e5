import { z } from 'zod';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Everything the core needs to start; parsed from CLI flags and `SCIMDESK_*` environment variables. */
export const AppConfigSchema = z.object({
  dataDir: z.string().min(1),
  scimHost: z.string().min(1).default('127.0.0.1'),
  scimPort: z.coerce.number().int().min(0).max(65535).default(8080),
  adminHost: z.string().min(1).default('127.0.0.1'),
  adminPort: z.coerce.number().int().min(0).max(65535).default(8081),
  /** When given, SCIM is enabled with this key (automation and tests; the normal path is the GUI). */
  connectorKey: z.string().min(16).optional(),
  /** Admin API token; generated and stored in the data dir when absent. */
  adminToken: z.string().min(16).optional(),
  /** Folder of the built renderer served on the admin listener. */
  rendererDir: z.string().optional(),
  /** Hops of reverse proxies in front of the SCIM listener (Express `trust proxy`); 0 = none. Never `true`. */
  trustProxy: z.coerce.number().int().min(0).max(10).default(0),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** PEM certificate (chain) file: with `tlsKey`, the SCIM listener speaks HTTPS (for sites without a TLS proxy). */
  tlsCert: z.string().min(1).optional(),
  /** PEM private key file for `tlsCert`. */
  tlsKey: z.string().min(1).optional(),
}).superRefine((c, ctx) => {
  if ((c.tlsCert === undefined) !== (c.tlsKey === undefined)) {
    ctx.addIssue({ code: 'custom', path: [c.tlsCert === undefined ? 'tlsCert' : 'tlsKey'], message: 'TLS needs both --tls-cert and --tls-key' });
  }
});
export type AppConfig = z.infer<typeof AppConfigSchema>;
export type AppConfigInput = z.input<typeof AppConfigSchema>;

/** The platform's per-user app-data folder for SCIM Desk (what Electron's `userData` would be). */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'SCIM Desk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'SCIM Desk');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'SCIM Desk');
}

const FLAGS: Readonly<Record<string, keyof AppConfig>> = {
  '--data-dir': 'dataDir',
  '--scim-host': 'scimHost',
  '--scim-port': 'scimPort',
  '--admin-host': 'adminHost',
  '--admin-port': 'adminPort',
  '--connector-key': 'connectorKey',
  '--admin-token': 'adminToken',
  '--renderer-dir': 'rendererDir',
  '--trust-proxy': 'trustProxy',
  '--log-level': 'logLevel',
  '--tls-cert': 'tlsCert',
  '--tls-key': 'tlsKey',
};

/** Flag name → environment variable (`--scim-port` → `SCIMDESK_SCIM_PORT`). */
export const envName = (flag: string): string => `SCIMDESK_${flag.slice(2).replace(/-/g, '_').toUpperCase()}`;

/**
 * Parse `--flag value` / `--flag=value` arguments, with `SCIMDESK_*` variables as fallbacks.
 * Throws a readable error for unknown flags or bad values.
 */
export function parseConfig(argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const [flag, key] of Object.entries(FLAGS)) {
    const v = env[envName(flag)];
    if (v !== undefined && v !== '') raw[key] = v;
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = FLAGS[flag];
    if (!key) throw new Error(`Unknown option ${flag}. Known: ${Object.keys(FLAGS).join(', ')}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`Option ${flag} needs a value`);
    raw[key] = value;
  }
  const parsed = AppConfigSchema.safeParse({ dataDir: defaultDataDir(), ...raw });
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
