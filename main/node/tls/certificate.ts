import { X509Certificate } from 'node:crypto';
import type { CertificateInfo } from '../../../shared/api/tls.js';

/** What the admin and the metrics are told about a PEM certificate (the leaf of a chain). */
export function certificateInfo(pem: string | Buffer): CertificateInfo {
  const x = new X509Certificate(pem);
  const names = (x.subjectAltName ?? '')
    .split(/,\s*/)
    .filter(Boolean)
    .map((n) => n.replace(/^(DNS|IP Address):/, ''));
  const issuer = /(?:^|\n)O=([^\n]+)/.exec(x.issuer)?.[1] ?? /(?:^|\n)CN=([^\n]+)/.exec(x.issuer)?.[1] ?? x.issuer;
  return { names, issuer, serial: x.serialNumber, notBefore: new Date(x.validFrom).toISOString(), notAfter: new Date(x.validTo).toISOString() };
}

/** When to renew: `renewBeforeMs` before expiry, but never earlier than two thirds into the lifetime (short-lived certificates). */
export function renewalTime(cert: Pick<CertificateInfo, 'notBefore' | 'notAfter'>, renewBeforeMs: number): Date {
  const notBefore = Date.parse(cert.notBefore);
  const notAfter = Date.parse(cert.notAfter);
  return new Date(notAfter - Math.min(renewBeforeMs, (notAfter - notBefore) / 3));
}
