import { lookup as dnsLookup } from 'node:dns/promises';
import { connect as tlsConnect } from 'node:tls';
import type { DetailedPeerCertificate } from 'node:tls';
import { isIP } from 'node:net';
import type { LookupFunction } from 'node:net';

/** The self-check's network probes: each bounded by a timeout, each answers instead of throwing. */

export type Probe<T> = ({ ok: true } & T) | { ok: false; error: string };

export const why = (err: unknown): string => {
  const e = err as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' ? `${e.code}${typeof e.message === 'string' && !e.message.includes(e.code) ? ` (${e.message})` : ''}` : String(e.message ?? err);
};

/** Every address `host` resolves to (the system resolver, as the proxy in front of us would). */
export async function lookupAll(host: string, timeoutMs: number): Promise<Probe<{ addresses: string[] }>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => (timer = setTimeout(() => fail(Object.assign(new Error('no answer'), { code: 'ETIMEOUT' })), timeoutMs)));
  try {
    const found = await Promise.race([dnsLookup(host, { all: true }), timeout]);
    return { ok: true, addresses: found.map((a) => a.address) };
  } catch (err) {
    return { ok: false, error: why(err) };
  } finally {
    clearTimeout(timer);
  }
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export type Resolver = (host: string, timeoutMs: number) => Promise<Probe<{ addresses: string[] }>>;

/** A `net` lookup function over a resolver, so connections use the same answers as the DNS step. */
export function lookupFunction(resolve: Resolver, timeoutMs: number): LookupFunction {
  return (hostname, options, callback) => {
    void resolve(hostname, timeoutMs).then((r) => {
      if (!r.ok) return callback(Object.assign(new Error(r.error), { code: r.error }), '', 4);
      const all = r.addresses.map((address) => ({ address, family: isIP(address) }));
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof all) => void)(null, all);
      return callback(null, all[0]?.address ?? '', all[0]?.family ?? 4);
    });
  };
}

export interface TlsFacts {
  /** Chain and host name verified against the trusted CAs (Node's, plus NODE_EXTRA_CA_CERTS). */
  readonly authorized: boolean;
  /** OpenSSL's or Node's code for why not (`DEPTH_ZERO_SELF_SIGNED_CERT`, `ERR_TLS_CERT_ALTNAME_INVALID`, …). */
  readonly authorizationError: string | null;
  readonly protocol: string | null;
  readonly names: ReadonlyArray<string>;
  readonly issuer: string;
  readonly validTo: Date;
}

/** Open a TLS connection to `host:port` and report what the server presents; verification is judged, not enforced. */
export function probeTls(host: string, port: number, timeoutMs: number, lookup?: LookupFunction): Promise<Probe<TlsFacts>> {
  return new Promise((done) => {
    const socket = tlsConnect({ host, port, rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }), ...(lookup ? { lookup } : {}) });
    const finish = (r: Probe<TlsFacts>): void => {
      socket.destroy();
      done(r);
    };
    socket.setTimeout(timeoutMs, () => finish({ ok: false, error: `ETIMEDOUT (no TLS handshake within ${timeoutMs / 1000} s)` }));
    socket.once('error', (err) => finish({ ok: false, error: why(err) }));
    socket.once('secureConnect', () => {
      const cert: DetailedPeerCertificate = socket.getPeerCertificate(true);
      const error = socket.authorizationError;
      finish({
        ok: true,
        authorized: socket.authorized,
        authorizationError: error === null || error === undefined ? null : typeof error === 'string' ? error : ((error as { code?: string }).code ?? error.message),
        protocol: socket.getProtocol(),
        names: (cert.subjectaltname ?? '').split(/,\s*/).filter(Boolean).map((n) => n.replace(/^(DNS|IP Address):/, '')),
        issuer: first(cert.issuer?.O) ?? first(cert.issuer?.CN) ?? 'unknown issuer',
        validTo: new Date(cert.valid_to),
      });
    });
  });
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
  /** Wall time from the start of the request (connect, TLS, proxy, answer) to its last byte. */
  readonly ms: number;
}

/** One GET without connection reuse (its time includes the connection an IdP would open); main/node/http-probe.ts. */
export type HttpGet = (
  url: URL,
  headers: Readonly<Record<string, string>>,
  opts: { readonly insecure: boolean; readonly timeoutMs: number; readonly lookup?: LookupFunction | undefined },
) => Promise<Probe<HttpAnswer>>;
