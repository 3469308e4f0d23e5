import { z } from 'zod';
import { AcmeSettingsSchema, DEFAULT_ACME_SETTINGS } from './tls.js';

/** What the IdP gets when the role attribute names no existing role. */
export const UnknownRoleActionSchema = z.enum(['fallback-role', 'do-not-provision']);
/** What happens when the IdP deactivates a member who still holds checked-out assets. */
export const DeprovisionWithAssetsSchema = z.enum(['refuse', 'deactivate-and-flag']);

/** Admin-editable settings (GET/PUT /api/settings). */
export const SettingsSchema = z.object({
  scimEnabled: z.boolean(),
  /** Public base URL the IdP uses (tunnel or reverse proxy), e.g. https://scim.example.com. Empty = not set. */
  publicBaseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]),
  importCustomRoles: z.boolean(),
  /** SCIM attribute path whose value names the role, e.g. `title` or `roles[primary eq "True"].value`. */
  roleAttribute: z.string().max(300),
  unknownRoleAction: UnknownRoleActionSchema,
  /** Role given when the role attribute names no role (and to every member when import is off). */
  fallbackRoleId: z.number().int().positive(),
  deprovisionWithAssets: DeprovisionWithAssetsSchema,
  logRetentionDays: z.number().int().min(1).max(3650),
  /** Provisioning log rows kept at most: the oldest beyond it are removed, whatever their age. */
  logMaxRows: z.number().int().min(1000).max(100_000_000),
  /** SCIM requests per minute across all clients (0 = unlimited); Entra and Okta back off on 429. */
  scimRateLimitPerMinute: z.number().int().min(0).max(1_000_000),
  /** Automatic TLS for the SCIM listener (the `--acme-*` options take precedence); applies at the next start. */
  acme: AcmeSettingsSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

/** PUT body: any subset of the settings. */
export const SettingsPatchSchema = SettingsSchema.partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const DEFAULT_SETTINGS: Settings = {
  scimEnabled: false,
  publicBaseUrl: '',
  importCustomRoles: false,
  roleAttribute: 'title',
  unknownRoleAction: 'fallback-role',
  fallbackRoleId: 2,
  deprovisionWithAssets: 'refuse',
  logRetentionDays: 30,
  logMaxRows: 1_000_000,
  scimRateLimitPerMinute: 0,
  acme: DEFAULT_ACME_SETTINGS,
};

/** GET /api/settings answer: settings plus read-only facts the GUI shows. */
export const SettingsViewSchema = SettingsSchema.extend({
  /** What to paste into Entra's "Tenant URL" / Okta's "SCIM connector base URL". */
  tenantUrl: z.string(),
  /** Where the SCIM listener is bound on this machine. */
  scimListenUrl: z.string(),
  hasConnectorKey: z.boolean(),
  connectorKeyCreatedAt: z.string().nullable(),
  connectorKeyLastUsedAt: z.string().nullable(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const RotateKeyRequestSchema = z.object({
  /** Keep the previous key valid this many minutes (0 = revoke at once). */
  graceMinutes: z.number().int().min(0).max(7 * 24 * 60).default(0),
});
export const RotateKeyResponseSchema = z.object({
  /** The new connector key; shown once, never retrievable again. */
  connectorKey: z.string(),
  createdAt: z.string(),
  previousKeyValidUntil: z.string().nullable(),
});
export type RotateKeyResponse = z.infer<typeof RotateKeyResponseSchema>;
