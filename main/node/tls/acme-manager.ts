import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { CertificateInfo, TlsStatus } from '../../../shared/api/tls.js';
import type { Logger } from '../../core/logger.js';
import type { ChallengeTokens } from '../../http/acme-challenge.js';
import type { AcmeFiles, KeyPair } from './acme-files.js';
import { createAcmeTransport } from './acme-issue.js';
import type { AcmeTransport } from './acme-issue.js';
import { certificateInfo, renewalTime } from './certificate.js';
import * as acme from 'acme-client';

/** The automatic TLS the SCIM listener runs with: from the `--acme-*` options or from Setup. */
export interface AcmeRun {
  readonly source: 'options' | 'settings';
  readonly domain: string;
  readonly email: string;
  readonly directory: string;
  readonly caFile: string | undefined;
  readonly httpPort: number;
  readonly renewBeforeMs: number;
}

export interface AcmeManagerDeps {
  readonly run: AcmeRun;
  readonly files: AcmeFiles;
  /** PEM of the extra CA to trust for the ACME server (read from `run.caFile` at start-up). */
  readonly ca: string | undefined;
  /** Put a new certificate into service (the SCIM server's `setSecureContext`). */
  readonly install: (pair: KeyPair) => void;
  readonly logger: Logger;
  readonly now?: () => Date;
}

export interface AcmeManager {
  /** The stored certificate, when it is for this domain, matches its key and has not expired: served from the first connection. */
  readonly initial: KeyPair | undefined;
  /** What the HTTP-01 listener serves. */
  readonly tokens: ChallengeTokens;
  /** Issue now when there is no usable certificate, else schedule the renewal. */
  start(): void;
  certificate(): CertificateInfo | null;
  status(): NonNullable<TlsStatus['acme']>;
  /** Record why ACME cannot run at all (the challenge port cannot be opened): no attempt is made. */
  halt(reason: string): void;
  /** Stop timers and forget the transport; an attempt in flight finishes without installing. */
  stop(): void;
}

/** setTimeout's ceiling (about 24.8 days): longer waits re-check when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const retryDelayMs = (failures: number): number => Math.min(60_000 * 2 ** Math.max(0, failures - 1), 6 * 3_600_000);

/** The stored pair if it is usable now: parses, matches its key, is for `domain`, has not expired. */
function usable(pair: KeyPair | undefined, domain: string, now: Date): KeyPair | undefined {
  if (!pair) return undefined;
  try {
    const x = new X509Certificate(pair.cert);
    const info = certificateInfo(pair.cert);
    if (!x.checkPrivateKey(createPrivateKey(pair.key))) return undefined;
    if (!info.names.some((n) => n.toLowerCase() === domain.toLowerCase())) return undefined;
    return Date.parse(info.notAfter) > now.getTime() ? pair : undefined;
  } catch {
    return undefined; // unreadable: issue a new one
  }
}

/**
 * Obtains the SCIM listener's certificate by ACME and keeps it renewed (issue #17): renewal
 * `renewBeforeMs` (30 days) before expiry, hot-swapped into the running server so no connection
 * drops. A failed attempt keeps the certificate in service, says why in the log and in
 * {@link AcmeManager.status} (Setup and the metrics read it), and retries with back-off.
 */
export function createAcmeManager(deps: AcmeManagerDeps): AcmeManager {
  const { run, files, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const tokens = new Map<string, string>();
  const initial = usable(files.certificate(run.domain), run.domain, now());
  let current: CertificateInfo | null = initial ? certificateInfo(initial.cert) : null;
  let state: 'issuing' | 'valid' | 'failed' = initial ? 'valid' : 'issuing';
  let lastSuccessAt: string | null = null;
  let lastFailure: { at: string; message: string } | null = null;
  let failures = 0;
  let nextAttemptAt: Date | null = null;
  let timer: NodeJS.Timeout | undefined;
  let transport: AcmeTransport | undefined;
  let inFlight: Promise<void> | undefined;
  let isStopped = false;

  const schedule = (at: Date): void => {
    clearTimeout(timer);
    nextAttemptAt = at;
    const wait = Math.max(0, at.getTime() - now().getTime());
    timer = setTimeout(() => (wait > MAX_TIMER_MS ? schedule(at) : void attempt()), Math.min(wait, MAX_TIMER_MS));
    timer.unref();
  };

  async function issue(t: AcmeTransport): Promise<KeyPair> {
    await t.checkDirectory();
    let accountKey = files.accountKey();
    if (accountKey === undefined) {
      accountKey = (await acme.crypto.createPrivateEcdsaKey('P-256')).toString();
      files.saveAccountKey(accountKey);
    }
    return t.issue({
      directory: run.directory,
      domain: run.domain,
      email: run.email,
      accountKey,
      publish: (token, keyAuthorization) => void tokens.set(token, keyAuthorization),
      unpublish: (token) => void tokens.delete(token),
    });
  }

  function attempt(): Promise<void> {
    if (inFlight || isStopped || transport === undefined) return inFlight ?? Promise.resolve();
    state = 'issuing';
    nextAttemptAt = null;
    const t = transport;
    const why = current ? 'renewal' : 'first certificate';
    inFlight = issue(t)
      .then(
        (pair) => {
          if (isStopped) return;
          files.saveCertificate(run.domain, pair);
          deps.install(pair);
          current = certificateInfo(pair.cert);
          state = 'valid';
          lastSuccessAt = now().toISOString();
          lastFailure = null;
          failures = 0;
          logger.info({ domain: run.domain, serial: current.serial, notAfter: current.notAfter, why }, 'ACME certificate installed');
          schedule(renewalTime(current, run.renewBeforeMs));
        },
        (err: unknown) => {
          if (isStopped) return;
          failures += 1;
          const message = err instanceof Error ? err.message : String(err);
          lastFailure = { at: now().toISOString(), message };
          state = 'failed';
          const retry = new Date(now().getTime() + retryDelayMs(failures));
          const keeping = current ? `keeping the current certificate (valid until ${current.notAfter})` : 'the SCIM listener has no certificate yet';
          logger.error({ domain: run.domain, directory: run.directory, reason: message, failures, retryAt: retry.toISOString() }, `ACME ${why} failed; ${keeping}`);
          schedule(retry);
        },
      )
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  }

  return {
    initial,
    tokens,
    start() {
      transport = createAcmeTransport(run.directory, deps.ca);
      if (current) schedule(renewalTime(current, run.renewBeforeMs));
      else void attempt();
    },
    certificate: () => current,
    status: () => ({
      source: run.source,
      domain: run.domain,
      directory: run.directory,
      httpPort: run.httpPort,
      state,
      lastSuccessAt,
      lastFailure,
      consecutiveFailures: failures,
      nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
    }),
    halt(reason) {
      isStopped = true;
      state = 'failed';
      failures += 1;
      lastFailure = { at: now().toISOString(), message: reason };
      logger.error({ domain: run.domain, reason }, 'automatic TLS cannot run');
    },
    stop() {
      isStopped = true;
      clearTimeout(timer);
      transport?.close();
    },
  };
}
