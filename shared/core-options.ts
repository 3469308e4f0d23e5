/**
 * The core's options, in one table: each has its `serve` flag, its `SCIMDESK_*` environment twin,
 * its zod schema (coercing the strings argv and the environment give), a description and a
 * default. Everything else is derived from it: the config schema (main/core/config.ts), the `serve`
 * parser (main/node/options.ts), the flags the desktop app forwards to its core
 * (main/electron/core-args.ts), `serve --help`, and README's option table (a test compares it).
 * Before this table there were three hand-written flag lists, and desktop mode silently dropped
 * `--tls-cert`/`--tls-key` (issue #14).
 *
 * It lives in shared/ because both Node projects (main/ and main/electron/) import it, and it needs
 * nothing but zod.
 */
import { z } from 'zod';
import { HOSTNAME_PATTERN, LETS_ENCRYPT_DIRECTORY } from './api/tls.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One row of the table. */
export interface CoreOption<S extends z.ZodType = z.ZodType> {
  /** The `serve` flag, also accepted on the desktop app's command line. */
  readonly flag: `--${string}`;
  /** Environment twin, read when the flag is absent: `--scim-port` → `SCIMDESK_SCIM_PORT`. */
  readonly env: `SCIMDESK_${string}`;
  /** Placeholder for the value in usage text: `--scim-port PORT`; empty for a switch. */
  readonly arg: string;
  /** A switch: the flag alone turns it on (its twin takes `true`/`1`/`false`/`0`). */
  readonly isSwitch?: boolean;
  /** Validates and coerces the flag's string (or a typed value given in code); carries the default. */
  readonly schema: S;
  readonly description: string;
  /** How to describe a default computed at start-up (the schema then has none). */
  readonly defaultText?: string;
}

/** `--scim-port` → `SCIMDESK_SCIM_PORT`. */
export function envName<F extends `--${string}`>(flag: F): `SCIMDESK_${string}` {
  return `SCIMDESK_${flag.slice(2).replace(/-/g, '_').toUpperCase()}`;
}

function option<S extends z.ZodType>(flag: `--${string}`, arg: string, schema: S, description: string, defaultText?: string): CoreOption<S> {
  return { flag, env: envName(flag), arg, schema, description, ...(defaultText === undefined ? {} : { defaultText }) };
}

/** A switch's value: given in code as a boolean, from the environment as `true`/`1`/`false`/`0`. */
const onOff = () =>
  z
    .union([z.boolean(), z.enum(['true', '1', 'false', '0'], { error: 'expected true, 1, false or 0' }).transform((v) => v === 'true' || v === '1')])
    .default(false);

function switchOption(flag: `--${string}`, description: string): CoreOption<ReturnType<typeof onOff>> {
  return { flag, env: envName(flag), arg: '', isSwitch: true, schema: onOff(), description };
}

/** A whole number from a string; only the "not a number" message is ours (the range messages stay zod's). */
const wholeNumber = () => z.coerce.number({ error: (issue) => (issue.code === 'invalid_type' ? 'expected a number' : undefined) }).int('expected a whole number');
const port = () => wholeNumber().min(0).max(65535);
const secret = () => z.string().min(16, 'must be at least 16 characters');

/** The table. Keys are the `AppConfig` fields (main/core/config.ts); the order is the order of `--help` and README. */
export const CORE_OPTIONS = {
  dataDir: option(
    '--data-dir',
    'DIR',
    z.string().min(1),
    'Folder of the database (`scim-desk.db`) and the admin token; created owner-only (`0700`) if missing.',
    'the per-user app-data folder: Linux `~/.config/SCIM Desk`, macOS `~/Library/Application Support/SCIM Desk`, Windows `%APPDATA%\\SCIM Desk`',
  ),
  scimHost: option('--scim-host', 'HOST', z.string().min(1).default('127.0.0.1'), 'Bind address of the SCIM listener; `0.0.0.0` listens on every interface.'),
  scimPort: option('--scim-port', 'PORT', port().default(8080), 'Port of the SCIM listener; `0` picks a free port.'),
  scimMaxConnectionsPerAddress: option(
    '--scim-max-connections-per-address',
    'N',
    wholeNumber().min(0).max(1_000_000).default(64),
    'Open connections one client address may hold on the SCIM listener; more are closed at once (`0` = no cap). Behind a reverse proxy every connection comes from the proxy: allow for its pool.',
  ),
  adminHost: option('--admin-host', 'HOST', z.string().min(1).default('127.0.0.1'), 'Bind address of the admin listener (GUI and `/api`); a loopback address unless `--admin-allow-remote` is given.'),
  adminPort: option('--admin-port', 'PORT', port().default(8081), 'Port of the admin listener; `0` picks a free port.'),
  adminAllowRemote: switchOption(
    '--admin-allow-remote',
    'Lets `--admin-host` be an address other machines can reach (refused without it). The admin listener speaks plain HTTP: put TLS or an SSH tunnel in front.',
  ),
  connectorKey: option('--connector-key', 'KEY', secret().optional(), 'Turns SCIM on with this connector key (16+ characters), for automation and tests; the normal path is the GUI.'),
  metricsToken: option(
    '--metrics-token',
    'TOKEN',
    secret().optional(),
    'Turns `GET /metrics` on the SCIM listener on with this bearer token (16+ characters), for automation; the normal path is Setup → Monitoring.',
  ),
  adminToken: option('--admin-token', 'TOKEN', secret().optional(), 'Fixes the admin API token (16+ characters); otherwise one is generated at first start and kept in the data folder, owner-only.'),
  rendererDir: option('--renderer-dir', 'DIR', z.string().min(1).optional(), 'Folder of the built admin GUI served on the admin listener.', '`dist/renderer` of this install'),
  trustProxy: option(
    '--trust-proxy',
    'HOPS',
    wholeNumber().min(0).max(10).default(0),
    'Reverse proxies in front of the SCIM listener (0–10); only then is the client address taken from `X-Forwarded-For`.',
  ),
  logLevel: option('--log-level', 'LEVEL', z.enum(LOG_LEVELS).default('info'), `Log level: ${LOG_LEVELS.join(', ')}.`),
  tlsCert: option('--tls-cert', 'FILE', z.string().min(1).optional(), 'PEM certificate (chain): with `--tls-key`, the SCIM listener speaks HTTPS.'),
  tlsKey: option('--tls-key', 'FILE', z.string().min(1).optional(), 'PEM private key for `--tls-cert`.'),
  acmeDomain: option(
    '--acme-domain',
    'DOMAIN',
    z.string().regex(HOSTNAME_PATTERN, 'expected a host name such as scim.example.com').optional(),
    'Automatic TLS: obtain and renew a certificate for this public host name by ACME (HTTP-01) and serve the SCIM listener over HTTPS with it. Overrides Setup → Automatic TLS; needs `--acme-email`.',
  ),
  acmeEmail: option('--acme-email', 'EMAIL', z.email('expected an email address').optional(), 'Contact address for the ACME account (the CA sends expiry notices there).'),
  acmeDirectory: option('--acme-directory', 'URL', z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(), 'ACME directory URL, for another CA or a private ACME server (step-ca, pebble).', `Let's Encrypt production, \`${LETS_ENCRYPT_DIRECTORY}\``),
  acmeCaFile: option('--acme-ca-file', 'FILE', z.string().min(1).optional(), 'PEM file of an extra CA to trust when talking to the ACME server (a private one).'),
  acmeHttpPort: option('--acme-http-port', 'PORT', port().min(1).optional(), 'Port of the HTTP-01 challenge listener, which answers only `/.well-known/acme-challenge/…` and `/ping`; the CA connects to port 80 of the domain, so forward 80 there when this is another port.', '`80`'),
  acmeRenewDays: option(
    '--acme-renew-days',
    'DAYS',
    z.coerce.number({ error: 'expected a number' }).positive('expected a positive number').max(365).default(30),
    'Renew an ACME certificate this many days before it expires (at most a third of its lifetime before, for short-lived certificates).',
  ),
} as const satisfies Record<string, CoreOption>;

export type CoreOptionKey = keyof typeof CORE_OPTIONS;
type Shape = { readonly [K in CoreOptionKey]: (typeof CORE_OPTIONS)[K]['schema'] };

/** The table's rows with their config keys, in table order. */
export function coreOptionEntries(): ReadonlyArray<readonly [CoreOptionKey, CoreOption]> {
  return Object.entries(CORE_OPTIONS) as Array<[CoreOptionKey, CoreOption]>;
}

/** The zod object shape `{ dataDir: schema, … }` for main/core/config.ts. */
export function coreOptionShape(): Shape {
  return Object.fromEntries(coreOptionEntries().map(([key, o]) => [key, o.schema])) as unknown as Shape;
}

/** `node:util` `parseArgs` options for the table: every flag, by its name without dashes, takes a string; a switch takes none. */
export function coreParseArgsOptions(): Record<string, { readonly type: 'string' | 'boolean' }> {
  return Object.fromEntries(coreOptionEntries().map(([, o]) => [o.flag.slice(2), { type: o.isSwitch === true ? ('boolean' as const) : ('string' as const) }]));
}

/** How the flag is written in usage text: `--scim-port PORT`, or a switch alone. */
export const flagSyntax = (o: CoreOption): string => (o.arg === '' ? o.flag : `${o.flag} ${o.arg}`);

/** The default as documentation shows it: the schema's default, else `defaultText`, else none. */
export function describeDefault(o: CoreOption): string | undefined {
  if (o.isSwitch === true) return 'off';
  const parsed = o.schema.safeParse(undefined);
  if (parsed.success && parsed.data !== undefined) return `\`${String(parsed.data)}\``;
  return o.defaultText;
}

