import { Agent, get as httpsGet } from 'node:https';
import { get as httpGet } from 'node:http';
import { rootCertificates } from 'node:tls';
import * as acme from 'acme-client';
import type { KeyPair } from './acme-files.js';

/** One ACME order's inputs. */
export interface IssueRequest {
  readonly directory: string;
  readonly domain: string;
  readonly email: string;
  /** PEM of the account key (created and stored by the caller when missing). */
  readonly accountKey: string;
  /** Called with the token and key authorization the challenge listener must serve, then to remove it. */
  readonly publish: (token: string, keyAuthorization: string) => void;
  readonly unpublish: (token: string) => void;
}

/** How long one request to the ACME server may take before the attempt fails with a reason. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * acme-client talks through one axios instance shared by the whole process. Its defaults are never
 * touched here: a CA to trust (`--acme-ca-file`) and a timeout are added by a request interceptor
 * that applies only to this directory's origin, and is removed by {@link AcmeTransport.close}.
 */
export interface AcmeTransport {
  /** Fail fast, in words, when the directory cannot be fetched (acme-client would retry for minutes). */
  checkDirectory(): Promise<void>;
  issue(req: IssueRequest): Promise<KeyPair>;
  close(): void;
}

export function createAcmeTransport(directory: string, extraCa: string | undefined): AcmeTransport {
  const origin = new URL(directory).origin;
  const agent = new Agent({ ...(extraCa ? { ca: [...rootCertificates, extraCa] } : {}), keepAlive: false });
  const interceptor = acme.axios.interceptors.request.use((config) => {
    if (config.url?.startsWith(origin)) {
      config.httpsAgent = agent;
      config.timeout = REQUEST_TIMEOUT_MS;
    }
    return config;
  });
  return {
    checkDirectory: () => fetchDirectory(directory, agent),
    async issue(req) {
      const client = new acme.Client({ directoryUrl: req.directory, accountKey: req.accountKey, backoffAttempts: 8, backoffMin: 1000, backoffMax: 10_000 });
      const key = await acme.crypto.createPrivateEcdsaKey('P-256');
      const [, csr] = await acme.crypto.createCsr({ commonName: req.domain, altNames: [req.domain] }, key);
      const cert = await client.auto({
        csr,
        email: req.email,
        termsOfServiceAgreed: true,
        challengePriority: ['http-01'],
        // acme-client would first fetch the challenge from the domain itself; from behind NAT that
        // may not loop back, and the CA's own check is the one that counts.
        skipChallengeVerification: true,
        challengeCreateFn: async (_authz, challenge, keyAuthorization) => req.publish(challenge.token, keyAuthorization),
        challengeRemoveFn: async (_authz, challenge) => req.unpublish(challenge.token),
      });
      return { cert, key: key.toString() };
    },
    close() {
      acme.axios.interceptors.request.eject(interceptor);
      agent.destroy();
    },
  };
}

/** What a connection error means for the admin, by its code. */
const HINTS: Readonly<Record<string, string>> = {
  ECONNREFUSED: ' (nothing accepts connections there: check the directory URL, or whether the ACME server runs)',
  ENOTFOUND: ' (the host name does not resolve: check the directory URL and DNS)',
  EAI_AGAIN: ' (DNS did not answer: check the network)',
  ETIMEDOUT: ' (no answer: a firewall or an outbound proxy in the way?)',
  ECONNRESET: ' (the connection was cut: a firewall or an outbound proxy in the way?)',
  SELF_SIGNED_CERT_IN_CHAIN: ' (its certificate is not trusted: give its CA with --acme-ca-file)',
  DEPTH_ZERO_SELF_SIGNED_CERT: ' (its certificate is not trusted: give its CA with --acme-ca-file)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: ' (its certificate is not trusted: give its CA with --acme-ca-file)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: ' (its certificate is not trusted: give its CA with --acme-ca-file)',
};

/** GET the directory once with a short timeout; throws an Error whose message says what failed. */
function fetchDirectory(directory: string, agent: Agent): Promise<void> {
  return new Promise((ok, fail) => {
    const reason = (what: string): Error => new Error(`Cannot reach the ACME directory ${directory}: ${what}`);
    const get = directory.startsWith('https:') ? httpsGet : httpGet;
    const req = get(directory, { ...(directory.startsWith('https:') ? { agent } : {}), timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (body.length < 65_536) body += chunk; // a directory is a few hundred bytes
      });
      res.on('end', () => {
        if (res.statusCode !== 200) return fail(reason(`HTTP ${res.statusCode}`));
        try {
          const dir = JSON.parse(body) as { newNonce?: unknown };
          return typeof dir.newNonce === 'string' ? ok() : fail(reason('the answer is not an ACME directory (no newNonce)'));
        } catch {
          return fail(reason('the answer is not JSON'));
        }
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('no answer within 10 s'), { code: 'ETIMEDOUT' })));
    req.on('error', (err: NodeJS.ErrnoException) => fail(reason(err.code ? `${err.code}${HINTS[err.code] ?? ''}` : err.message)));
  });
}
