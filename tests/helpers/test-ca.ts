import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A throwaway certificate: PEM file paths. */
export interface CertFiles {
  readonly cert: string;
  readonly key: string;
}

export interface TestCa {
  /** The CA certificate (PEM file) to trust: `ca` options, `NODE_EXTRA_CA_CERTS`, `--acme-ca-file`. */
  readonly caCert: string;
  /** A certificate for `names` (IP addresses and DNS names) signed by this CA, valid 90 days (the self-check fails a certificate with under 14 days left). */
  issue(name: string, names: ReadonlyArray<string>): CertFiles;
  /** A self-signed certificate for `names`, trusted by nobody. */
  selfSigned(name: string, names: ReadonlyArray<string>): CertFiles;
}

const openssl = (args: ReadonlyArray<string>): void => void execFileSync('openssl', args, { stdio: 'ignore', timeout: 20_000 });
const san = (names: ReadonlyArray<string>): string => `subjectAltName=${names.map((n) => (/^[\d.]+$|:/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',')}`;

/**
 * A CA made with openssl in `dir` (Debian's pebble ships no test certificates; nginx needs some).
 * EC P-256 keys: quick to generate on a 2-core CI box.
 */
export function makeTestCa(dir: string): TestCa {
  const caKey = join(dir, 'ca.key');
  const caCert = join(dir, 'ca.pem');
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  openssl(['req', '-x509', ...ec, '-subj', '/CN=SCIM Desk test CA', '-days', '90', '-keyout', caKey, '-out', caCert]);
  return {
    caCert,
    issue(name, names) {
      const key = join(dir, `${name}.key`);
      const cert = join(dir, `${name}.pem`);
      const csr = join(dir, `${name}.csr`);
      const ext = join(dir, `${name}.ext`);
      writeFileSync(ext, `${san(names)}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
      openssl(['req', ...ec, '-subj', `/CN=${names[0] ?? name}`, '-keyout', key, '-out', csr]);
      openssl(['x509', '-req', '-in', csr, '-CA', caCert, '-CAkey', caKey, '-CAcreateserial', '-days', '90', '-extfile', ext, '-out', cert]);
      return { cert, key };
    },
    selfSigned(name, names) {
      const key = join(dir, `${name}.key`);
      const cert = join(dir, `${name}.pem`);
      openssl(['req', '-x509', ...ec, '-subj', `/CN=${names[0] ?? name}`, '-addext', san(names), '-days', '90', '-keyout', key, '-out', cert]);
      return { cert, key };
    },
  };
}
