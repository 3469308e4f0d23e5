import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeOwnerOnly } from '../owner-only-file.js';

/** The certificate and its key, PEM. */
export interface KeyPair {
  readonly cert: string;
  readonly key: string;
}

/**
 * Where automatic TLS keeps its state: `<data folder>/acme/`, owner-only (0700, files 0600), next
 * to the database so a backup of the data folder carries it. One account key (shared by every
 * directory: a key may hold an account at several CAs) and one certificate per domain, replaced
 * atomically only after a successful issuance, so a failed renewal leaves the old one in place.
 */
export interface AcmeFiles {
  readonly dir: string;
  accountKey(): string | undefined;
  saveAccountKey(pem: string): void;
  certificate(domain: string): KeyPair | undefined;
  saveCertificate(domain: string, pair: KeyPair): void;
}

export function createAcmeFiles(dataDir: string): AcmeFiles {
  const dir = join(dataDir, 'acme');
  const ensureDir = (): void => {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') chmodSync(dir, 0o700);
  };
  const read = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  const accountFile = join(dir, 'account-key.pem');
  // The domain passed the option table's host-name pattern: safe as a file name.
  const certFile = (domain: string): string => join(dir, `${domain.toLowerCase()}.crt.pem`);
  const keyFile = (domain: string): string => join(dir, `${domain.toLowerCase()}.key.pem`);
  return {
    dir,
    accountKey: () => read(accountFile),
    saveAccountKey(pem) {
      ensureDir();
      writeOwnerOnly(accountFile, pem);
    },
    certificate(domain) {
      const cert = read(certFile(domain));
      const key = read(keyFile(domain));
      return cert !== undefined && key !== undefined ? { cert, key } : undefined;
    },
    saveCertificate(domain, pair) {
      ensureDir();
      // Key first: a crash between the two leaves a new key with the old certificate, which the
      // next start detects (they do not match) and replaces by issuing again.
      writeOwnerOnly(keyFile(domain), pair.key);
      writeOwnerOnly(certFile(domain), pair.cert);
    },
  };
}
