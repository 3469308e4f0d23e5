import { isIP } from 'node:net';
import type { SelfCheckFix, SelfCheckResult, SelfCheckStep, SelfCheckStepId } from '../../../shared/api/ops.js';
import { SELF_CHECK_SEGMENT } from './selfcheck-nonces.js';
import type { SelfCheckEcho, SelfCheckNonces } from './selfcheck-nonces.js';
import { lookupAll, lookupFunction, probeTls } from './selfcheck-probes.js';
import type { HttpAnswer, HttpGet, Resolver } from './selfcheck-probes.js';
import { fixes, proxyOf } from './selfcheck-fixes.js';
import type { FixContext, ProxyKind } from './selfcheck-fixes.js';

export interface SelfCheckDeps {
  /** The public base URL the admin entered (Setup → Tenant URL); the IdP calls `<it>/scim/v2`. */
  readonly publicBaseUrl: () => string;
  /** Where the SCIM listener is bound (`…/scim/v2`), for the proxy configuration in the fixes. */
  readonly listenUrl: () => string;
  readonly nonces: Pick<SelfCheckNonces, 'issue'>;
  readonly now: () => Date;
  /** The HTTP GET probe (main/node/http-probe.ts): main/core opens no HTTP connections itself. */
  readonly httpGet: HttpGet;
  /** Host name → addresses, for the DNS step and every connection; the system resolver unless a test gives another. */
  readonly lookup?: Resolver;
  /** Per network step (default 8 s). */
  readonly timeoutMs?: number;
}

const LABELS: Record<SelfCheckStepId, string> = {
  dns: 'DNS resolves the host name',
  tls: 'TLS certificate (host name, chain, expiry)',
  reach: 'The request reaches this SCIM Desk',
  auth: 'The Authorization header survives the proxy',
  path: 'The path maps onto /scim/v2',
  rtt: 'Round-trip time',
};
/** Below this many days left a certificate fails the check: renewal (30 days before) has not happened. */
const MIN_CERT_DAYS = 14;
const SLOW_MS = 1500;

const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\./.test(host);

/**
 * "Test from outside" (issue #17): call the public base URL from this box, as the IdP would, and
 * say step by step what works and, for what does not, the fix in words and in proxy configuration.
 * A one-time nonce (selfcheck-nonces.ts) proves the answer comes from this SCIM Desk and carries
 * back the path and Authorization header as they arrived after every proxy on the way.
 */
export function createSelfCheck(deps: SelfCheckDeps): () => Promise<SelfCheckResult> {
  const timeoutMs = deps.timeoutMs ?? 8_000;
  const lookup = deps.lookup ?? lookupAll;
  return async () => {
    const steps = new Map<SelfCheckStepId, SelfCheckStep>();
    const pass = (id: SelfCheckStepId, detail: string): void => void steps.set(id, { id, label: LABELS[id], ok: true, skipped: false, detail, fix: null });
    const fail = (id: SelfCheckStepId, detail: string, fix: SelfCheckFix): void => void steps.set(id, { id, label: LABELS[id], ok: false, skipped: false, detail, fix });
    const base = deps.publicBaseUrl().replace(/\/+$/, '');
    const connectLookup = deps.lookup ? lookupFunction(deps.lookup, timeoutMs) : undefined;
    await run(base, { pass, fail, lookup, connectLookup, timeoutMs, deps });
    const all = (Object.keys(LABELS) as SelfCheckStepId[]).map(
      (id) => steps.get(id) ?? { id, label: LABELS[id], ok: false, skipped: true, detail: 'Not checked: an earlier step failed.', fix: null },
    );
    return { ok: all.every((s) => s.ok), url: base === '' ? '' : `${base}/scim/v2`, checkedAt: deps.now().toISOString(), steps: all };
  };
}

interface Run {
  readonly pass: (id: SelfCheckStepId, detail: string) => void;
  readonly fail: (id: SelfCheckStepId, detail: string, fix: SelfCheckFix) => void;
  readonly lookup: Resolver;
  /** For connections, when a resolver was given (else Node's, which is the same system resolver). */
  readonly connectLookup: ReturnType<typeof lookupFunction> | undefined;
  readonly timeoutMs: number;
  readonly deps: SelfCheckDeps;
}

async function run(base: string, r: Run): Promise<void> {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    r.fail('dns', base === '' ? 'No public base URL is set.' : `"${base}" is not a URL.`, fixes.noUrl());
    return;
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const isHttps = url.protocol === 'https:';
  const port = url.port ? Number(url.port) : isHttps ? 443 : 80;
  if (!(await checkDns(host, r))) return;
  const tls = await checkTls(host, port, isHttps, r);
  if (tls === 'unreachable') return;

  const { nonce, bearer } = r.deps.nonces.issue();
  const answer = await r.deps.httpGet(new URL(`${base}/scim/v2/${SELF_CHECK_SEGMENT}/${nonce}`), { Authorization: `Bearer ${bearer}`, 'User-Agent': 'SCIM Desk self-check' }, {
    insecure: tls === 'untrusted',
    timeoutMs: r.timeoutMs,
    lookup: r.connectLookup,
  });
  const kind: ProxyKind = answer.ok ? proxyOf(answer.headers) : 'nginx';
  const ctx: FixContext = { upstream: new URL(r.deps.listenUrl() || 'http://127.0.0.1:8080').origin, host, prefix: url.pathname.replace(/\/+$/, '') };
  const echo = answer.ok ? echoOf(answer, nonce) : undefined;
  if (!answer.ok) {
    r.fail('reach', `No answer from ${base}/scim/v2/: ${answer.error}.`, fixes.reach(kind, ctx, null));
    return;
  }
  const via = typeof answer.headers.server === 'string' ? ` through ${answer.headers.server}` : '';
  if (echo === undefined) {
    r.fail('reach', `${base}/scim/v2/ answered HTTP ${answer.status}${via}, but not with this SCIM Desk's one-time nonce.`, fixes.reach(kind, ctx, answer.status));
  } else {
    r.pass('reach', `A one-time nonce sent to ${base}/scim/v2/ came back from this SCIM Desk${via}.`);
    if (echo.authorization === 'match') r.pass('auth', 'The bearer token the check sent arrived unchanged.');
    else r.fail('auth', echo.authorization === 'missing' ? 'The Authorization header did not arrive.' : 'The Authorization header arrived changed.', fixes.auth(kind, echo.authorization));
    const expected = `/scim/v2/${SELF_CHECK_SEGMENT}/${nonce}`;
    const arrived = echo.path.slice(0, echo.path.length - `/${SELF_CHECK_SEGMENT}/${nonce}`.length);
    if (echo.path === expected) r.pass('path', `${url.pathname.replace(/\/+$/, '')}/scim/v2/… arrives as /scim/v2/….`);
    else r.fail('path', `${url.pathname.replace(/\/+$/, '')}/scim/v2/… arrives as ${arrived || '/'}….`, fixes.path(kind, ctx, arrived));
  }
  if (answer.ms <= SLOW_MS) r.pass('rtt', `${Math.round(answer.ms)} ms for one request from this box (connect, TLS, proxy and answer).`);
  else r.fail('rtt', `${Math.round(answer.ms)} ms for one request from this box.`, fixes.slow(answer.ms));
}

function echoOf(answer: HttpAnswer, nonce: string): SelfCheckEcho | undefined {
  if (answer.status !== 200) return undefined;
  try {
    const body = JSON.parse(answer.body) as Partial<SelfCheckEcho>;
    if (body.nonce !== nonce || typeof body.path !== 'string') return undefined;
    const authorization = body.authorization === 'match' || body.authorization === 'missing' || body.authorization === 'different' ? body.authorization : 'different';
    return { nonce, path: body.path, authorization };
  } catch {
    return undefined; // not our JSON: someone else answered
  }
}

async function checkDns(host: string, r: Run): Promise<boolean> {
  if (isIP(host)) {
    r.pass('dns', `${host} is an IP address: nothing to look up.${isLoopback(host) ? '' : ' An IdP in the cloud needs a public host name for a trusted certificate.'}`);
    return true;
  }
  const found = await r.lookup(host, r.timeoutMs);
  if (!found.ok) {
    r.fail('dns', `${host} does not resolve: ${found.error}.`, fixes.dns(host));
    return false;
  }
  r.pass('dns', `${host} → ${found.addresses.join(', ')}`);
  return true;
}

/** 'trusted', 'untrusted' (later steps still run, without verification), 'plain' or 'unreachable'. */
async function checkTls(host: string, port: number, isHttps: boolean, r: Run): Promise<'trusted' | 'untrusted' | 'plain' | 'unreachable'> {
  if (!isHttps) {
    if (isLoopback(host)) r.pass('tls', 'Plain HTTP, accepted for a loopback address only: an IdP needs an https:// URL.');
    else r.fail('tls', 'Plain HTTP: Entra ID and Okta call only https:// URLs.', fixes.plainHttp());
    return 'plain';
  }
  const t = await probeTls(host, port, r.timeoutMs, r.connectLookup);
  if (!t.ok) {
    r.fail('tls', `Cannot open a TLS connection to ${host}:${port}: ${t.error}.`, fixes.connect(host, port));
    return 'unreachable';
  }
  const days = Math.floor((t.validTo.getTime() - r.deps.now().getTime()) / 86_400_000);
  const facts = `${t.protocol ?? 'TLS'}, certificate for ${t.names.join(', ') || 'no names'} from ${t.issuer}, valid until ${t.validTo.toISOString().slice(0, 10)}`;
  if (!t.authorized) {
    r.fail('tls', `The certificate is not trusted (${t.authorizationError ?? 'unknown reason'}): ${facts}.`, fixes.certificate(t.authorizationError, host));
    return 'untrusted';
  }
  if (t.protocol === 'TLSv1' || t.protocol === 'TLSv1.1') r.fail('tls', `${facts}: TLS older than 1.2.`, fixes.oldTls());
  else if (days < MIN_CERT_DAYS) r.fail('tls', `${facts}: ${days} days left.`, fixes.expiring(days));
  else r.pass('tls', `${facts} (${days} days left).`);
  return 'trusted';
}
