import { z } from 'zod';

/** Let's Encrypt's production directory: the ACME default (`--acme-directory`). */
export const LETS_ENCRYPT_DIRECTORY = 'https://acme-v02.api.letsencrypt.org/directory';

/** A DNS name a public CA can issue for: labels of letters, digits and hyphens, at least one dot or `localhost` for tests. */
export const HOSTNAME_PATTERN = /^(?=.{1,253}$)(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*$/i;

/**
 * Automatic TLS (ACME) as set in Setup (issue #17), kept in the settings as one value. The
 * `--acme-*` options, when given, take precedence over it. An empty domain means off.
 */
export const AcmeSettingsSchema = z
  .object({
    domain: z.union([z.literal(''), z.string().regex(HOSTNAME_PATTERN, 'Enter a host name such as scim.example.com')]),
    email: z.union([z.literal(''), z.email('Enter an email address for the CA’s expiry notices')]),
    /** Empty = Let's Encrypt production. */
    directory: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
    /** PEM file of an extra CA to trust for a private ACME server (step-ca, pebble). */
    caFile: z.string().max(1000),
    /** Port of the HTTP-01 challenge listener (the CA connects to port 80 of the domain). */
    httpPort: z.number().int().min(1).max(65535),
  })
  .refine((a) => a.domain === '' || a.email !== '', { path: ['email'], message: 'ACME needs an email address with the domain' });
export type AcmeSettings = z.infer<typeof AcmeSettingsSchema>;

export const DEFAULT_ACME_SETTINGS: AcmeSettings = { domain: '', email: '', directory: '', caFile: '', httpPort: 80 };

/** The certificate the SCIM listener serves. */
export const CertificateInfoSchema = z.object({
  /** DNS names and IP addresses it is valid for. */
  names: z.array(z.string()),
  issuer: z.string(),
  serial: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
});
export type CertificateInfo = z.infer<typeof CertificateInfoSchema>;

/** GET /api/tls: how the SCIM listener does TLS now, and how certificate renewal is going. */
export const TlsStatusSchema = z.object({
  /** `off`: plain HTTP (behind a proxy or tunnel); `files`: --tls-cert/--tls-key; `acme`: automatic. */
  mode: z.enum(['off', 'files', 'acme']),
  certificate: CertificateInfoSchema.nullable(),
  acme: z
    .object({
      /** Where the running ACME configuration comes from: `--acme-*` options or Setup. */
      source: z.enum(['options', 'settings']),
      domain: z.string(),
      directory: z.string(),
      httpPort: z.number().int(),
      state: z.enum(['issuing', 'valid', 'failed']),
      lastSuccessAt: z.string().nullable(),
      /** The last failed attempt, until one succeeds: when and why, in words. */
      lastFailure: z.object({ at: z.string(), message: z.string() }).nullable(),
      consecutiveFailures: z.number().int(),
      nextAttemptAt: z.string().nullable(),
    })
    .nullable(),
  /** The ACME settings saved in Setup differ from what the listener runs with: they apply at the next start. */
  restartRequired: z.boolean(),
});
export type TlsStatus = z.infer<typeof TlsStatusSchema>;

export const TLS_OFF: TlsStatus = { mode: 'off', certificate: null, acme: null, restartRequired: false };
