import type { SelfCheckFix } from '../../../shared/api/ops.js';

/** The proxy the answer came through, from its headers; the fixes show configuration for it. */
export type ProxyKind = 'nginx' | 'caddy' | 'cloudflared';

export function proxyOf(headers: Readonly<Record<string, string | string[] | undefined>>): ProxyKind {
  const server = String(headers.server ?? '').toLowerCase();
  if (server.includes('caddy')) return 'caddy';
  if (server.includes('cloudflare') || headers['cf-ray'] !== undefined) return 'cloudflared';
  // nginx, or a proxy we cannot tell: nginx's configuration is the one most admins can map to theirs.
  return 'nginx';
}

/** Where the fixes point the proxy: the SCIM listener's origin and the public URL's path prefix. */
export interface FixContext {
  /** `http://127.0.0.1:8080`: where this SCIM Desk's SCIM listener is bound. */
  readonly upstream: string;
  /** The public host name (`scim.example.com`). */
  readonly host: string;
  /** Path of the public base URL before `/scim/v2` (`''` or `/idp`). */
  readonly prefix: string;
}

const fix = (text: string, configFor: ProxyKind | null = null, config: string | null = null): SelfCheckFix => ({ text, config, configFor });

/** The proxy configuration that sends `<prefix>/scim/v2/…` to the SCIM listener unchanged. */
function routeConfig(kind: ProxyKind, c: FixContext): string {
  if (kind === 'caddy') return `${c.host} {\n  handle ${c.prefix}/scim/v2/* {\n    reverse_proxy ${c.upstream}\n  }\n  handle /ping {\n    reverse_proxy ${c.upstream}\n  }\n}`;
  if (kind === 'cloudflared') return `ingress:\n  - hostname: ${c.host}\n    path: ^${c.prefix}/(scim/v2/|ping$)\n    service: ${c.upstream}\n  - service: http_status:404`;
  // No URI after the upstream in proxy_pass: nginx then passes the request path unchanged.
  const target = c.prefix === '' ? c.upstream : `${c.upstream}/scim/v2/`;
  return [
    `location ${c.prefix}/scim/v2/ {`,
    `    proxy_pass ${target};`,
    '    proxy_set_header Host $host;',
    '    proxy_set_header Authorization $http_authorization;',
    '    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    '}',
    '# the health check for uptime monitors',
    'location = /ping {',
    `    proxy_pass ${c.upstream};`,
    '}',
  ].join('\n');
}

export const fixes = {
  noUrl: () => fix('Enter the public base URL (the https:// address your IdP will call, without /scim/v2) under Setup → Tenant URL, then test again.'),
  dns: (host: string) =>
    fix(`Create a DNS record for ${host} that points at your reverse proxy, or for a Cloudflare tunnel run: cloudflared tunnel route dns <tunnel> ${host}. Then test again (DNS changes can take minutes).`),
  connect: (host: string, port: number) =>
    fix(`Nothing accepts connections on ${host}:${port}. Start the reverse proxy or tunnel, check that it listens on port ${port}, and that the firewall lets the IdP in.`),
  plainHttp: () =>
    fix(
      'Serve the public URL over HTTPS: put a reverse proxy with a certificate (Caddy gets one itself) or a Cloudflare tunnel in front, or let SCIM Desk obtain a certificate by ACME (--acme-domain and --acme-email, or Setup → Automatic TLS).',
    ),
  certificate: (code: string | null, host: string): SelfCheckFix => {
    const nginx = `ssl_certificate     /etc/letsencrypt/live/${host}/fullchain.pem;\nssl_certificate_key /etc/letsencrypt/live/${host}/privkey.pem;`;
    if (code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' || code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY')
      return fix('The server does not send the intermediate certificate. Configure the full chain (fullchain.pem), not the certificate alone.', 'nginx', nginx);
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH')
      return fix(`The certificate is for other names. Get one that covers ${host} (Caddy, certbot, or SCIM Desk's ACME with --acme-domain ${host}).`, 'nginx', nginx);
    if (code === 'CERT_HAS_EXPIRED') return fix('The certificate has expired. Renew it (certbot renew, or check why automatic renewal failed) and reload the proxy.', 'nginx', nginx);
    return fix(
      "Entra ID and Okta accept only certificates from a publicly trusted CA, never self-signed ones. Use a Let's Encrypt certificate: Caddy obtains one itself, certbot does it for nginx, or SCIM Desk's ACME (--acme-domain).",
      'nginx',
      nginx,
    );
  },
  expiring: (days: number) =>
    fix(`The certificate expires in ${days} day${days === 1 ? '' : 's'}. Renew it now and check why automatic renewal has not (certbot renew --dry-run, the Automatic TLS status in Setup).`),
  oldTls: () => fix('Allow TLS 1.2 and 1.3 only: Entra ID refuses older versions.', 'nginx', 'ssl_protocols TLSv1.2 TLSv1.3;'),
  reach: (kind: ProxyKind, c: FixContext, status: number | null): SelfCheckFix => {
    const words =
      status === 502 || status === 503 || status === 504
        ? `The proxy answers but cannot reach SCIM Desk. Point it at the SCIM listener, ${c.upstream}, and check that SCIM Desk runs.`
        : status === null
          ? 'Nothing answered the public URL. Check that the proxy or tunnel runs and forwards to the SCIM listener.'
          : `The public URL does not lead to this SCIM Desk's SCIM listener (${c.upstream}). Forward ${c.prefix}/scim/v2/ to it.`;
    return fix(words, kind, routeConfig(kind, c));
  },
  auth: (kind: ProxyKind, state: 'missing' | 'different'): SelfCheckFix => {
    const what = state === 'missing' ? 'drops the Authorization header' : 'replaces the Authorization header (its own authentication?)';
    if (kind === 'caddy') return fix(`The proxy ${what}; the IdP's connector key would never arrive. Remove any header_up -Authorization and basic auth from the /scim/v2/ route.`, 'caddy', null);
    if (kind === 'cloudflared')
      return fix(`The tunnel ${what}. If Cloudflare Access protects the host name, add a Bypass policy for ${'/scim/v2/'} so the IdP's bearer token reaches SCIM Desk.`, 'cloudflared', null);
    return fix(
      `The proxy ${what}; the IdP's connector key would never arrive and every request would get 401. Pass it through, and remove any proxy_set_header Authorization "" or auth_basic for this location.`,
      'nginx',
      'proxy_set_header Authorization $http_authorization;',
    );
  },
  path: (kind: ProxyKind, c: FixContext, arrived: string): SelfCheckFix => {
    const words = `Requests for ${c.prefix}/scim/v2/… arrive at SCIM Desk as ${arrived || '/'}…, so no SCIM endpoint matches. The path must arrive as /scim/v2/…`;
    if (kind === 'caddy') return fix(`${words} Use handle, not handle_path (which strips the prefix), and no rewrite.`, 'caddy', routeConfig(kind, c));
    if (kind === 'cloudflared') return fix(`${words} The service URL must have no path.`, 'cloudflared', routeConfig(kind, c));
    return fix(`${words} In nginx, a URI after the address in proxy_pass replaces the location's prefix: write the location block like this.`, 'nginx', routeConfig(kind, c));
  },
  slow: (ms: number) =>
    fix(`One request took ${Math.round(ms)} ms. IdPs retry slow requests and may put the app in quarantine: check the tunnel's region and the proxy's upstream address (use 127.0.0.1, not a name that resolves slowly).`),
} as const;
