import { createServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer, ServerOptions } from 'node:https';
import { readFileSync } from 'node:fs';
import type { AppConfig } from '../../core/config.js';
import type { Logger } from '../../core/logger.js';
import { LETS_ENCRYPT_DIRECTORY, TLS_OFF } from '../../../shared/api/tls.js';
import type { AcmeSettings, TlsStatus } from '../../../shared/api/tls.js';
import { acmeChallengeHandler } from '../../http/acme-challenge.js';
import { createAcmeFiles } from './acme-files.js';
import { createAcmeManager } from './acme-manager.js';
import type { AcmeRun } from './acme-manager.js';
import { certificateInfo } from './certificate.js';

/** How the SCIM listener does TLS, decided once at start-up. */
export interface ScimTls {
  readonly mode: TlsStatus['mode'];
  /** Options for `https.createServer`; undefined: plain HTTP. */
  readonly serverOptions: ServerOptions | undefined;
  /** Once the SCIM server listens: open the HTTP-01 listener and start ACME (no-op otherwise). */
  start(server: HttpsServer | HttpServer): Promise<void>;
  status(): TlsStatus;
  close(): Promise<void>;
}

/** Automatic TLS from the options when `--acme-domain` is given, else from Setup when a domain is saved there. */
export function acmeRunOf(config: AppConfig, saved: AcmeSettings): AcmeRun | undefined {
  const renewBeforeMs = config.acmeRenewDays * 86_400_000;
  if (config.acmeDomain !== undefined) {
    return {
      source: 'options',
      domain: config.acmeDomain,
      email: config.acmeEmail ?? '',
      directory: config.acmeDirectory ?? LETS_ENCRYPT_DIRECTORY,
      caFile: config.acmeCaFile,
      httpPort: config.acmeHttpPort ?? 80,
      renewBeforeMs,
    };
  }
  if (config.tlsCert !== undefined || saved.domain === '') return undefined; // certificate files beat Setup
  return { source: 'settings', domain: saved.domain, email: saved.email, directory: saved.directory || LETS_ENCRYPT_DIRECTORY, caFile: saved.caFile || undefined, httpPort: saved.httpPort, renewBeforeMs };
}

/** True when Setup's automatic TLS differs from what runs (it applies at the next start). */
function differs(running: AcmeRun | undefined, saved: AcmeSettings, config: AppConfig): boolean {
  if (config.acmeDomain !== undefined || config.tlsCert !== undefined) return false; // options win over Setup
  if (running === undefined) return saved.domain !== '';
  return running.domain !== saved.domain || running.email !== saved.email || running.directory !== (saved.directory || LETS_ENCRYPT_DIRECTORY) || (running.caFile ?? '') !== saved.caFile || running.httpPort !== saved.httpPort;
}

const readPem = (file: string, what: string): string => {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`Cannot read the ${what} at ${file}`, { cause: err });
  }
};

function listen(server: HttpServer, port: number, host: string): Promise<void> {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
}

/**
 * Plan the SCIM listener's TLS: certificate files (`--tls-cert`), automatic TLS (ACME, issue #17)
 * or none. Reads files now, so a missing one stops the start with its name.
 */
export function planScimTls(config: AppConfig, deps: { readonly savedAcme: () => AcmeSettings; readonly logger: Logger; readonly pingBody: string }): ScimTls {
  const restartRequired = (run: AcmeRun | undefined): boolean => differs(run, deps.savedAcme(), config);
  if (config.tlsCert !== undefined && config.tlsKey !== undefined) {
    const cert = readPem(config.tlsCert, 'TLS certificate');
    const key = readPem(config.tlsKey, 'TLS private key');
    const info = certificateInfo(cert);
    return { mode: 'files', serverOptions: { cert, key }, start: async () => undefined, status: () => ({ mode: 'files', certificate: info, acme: null, restartRequired: false }), close: async () => undefined };
  }
  const run = acmeRunOf(config, deps.savedAcme());
  if (run === undefined) return { mode: 'off', serverOptions: undefined, start: async () => undefined, status: () => ({ ...TLS_OFF, restartRequired: restartRequired(undefined) }), close: async () => undefined };

  const ca = run.caFile === undefined ? undefined : readPem(run.caFile, 'ACME CA file');
  let server: HttpsServer | undefined;
  const manager = createAcmeManager({ run, ca, files: createAcmeFiles(config.dataDir), logger: deps.logger, install: (pair) => server?.setSecureContext(pair) });
  const challenge = createServer(acmeChallengeHandler(manager.tokens, deps.pingBody));
  return {
    mode: 'acme',
    // Without a stored certificate the listener has none until the first issuance: handshakes fail until then.
    serverOptions: manager.initial ? { ...manager.initial } : {},
    async start(s) {
      server = s as HttpsServer;
      try {
        await listen(challenge, run.httpPort, config.scimHost);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? String(err);
        manager.halt(`Cannot listen for the ACME HTTP-01 challenge on ${config.scimHost}:${run.httpPort} (${code}). ${code === 'EACCES' ? 'Ports below 1024 need privileges: use --acme-http-port 8080 (and forward port 80 there) or allow the port (setcap cap_net_bind_service).' : 'Another program uses the port.'}`);
        return;
      }
      manager.start();
    },
    status: () => ({ mode: 'acme', certificate: manager.certificate(), acme: manager.status(), restartRequired: restartRequired(run) }),
    async close() {
      manager.stop();
      if (!challenge.listening) return;
      await new Promise<void>((ok) => {
        challenge.close(() => ok());
        challenge.closeAllConnections();
      });
    },
  };
}
