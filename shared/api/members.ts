import { z } from 'zod';
import { FieldChangeSchema } from './log-events.js';

/** Where a member came from: only the IdP creates members. (The table's CHECK also allows 'manual', which nothing writes.) */
export const MemberSourceSchema = z.enum(['scim']);
export type MemberSource = z.infer<typeof MemberSourceSchema>;

/** One row of the member list. */
export const MemberSummarySchema = z.object({
  id: z.string(),
  userName: z.string(),
  displayName: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  email: z.string().nullable(),
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  active: z.boolean(),
  source: MemberSourceSchema,
  roleId: z.number().nullable(),
  roleName: z.string().nullable(),
  roleLocked: z.boolean(),
  heldAssets: z.number().int(),
  leaverHoldingAssets: z.boolean(),
  updatedAt: z.string(),
});
export type MemberSummary = z.infer<typeof MemberSummarySchema>;

/** GET /api/members query. `cursor` is opaque (keyset pagination). */
export const MemberListQuerySchema = z.object({
  query: z.string().max(200).optional(),
  active: z.enum(['true', 'false']).optional(),
  role: z.coerce.number().int().optional(),
  source: MemberSourceSchema.optional(),
  holdsAssets: z.enum(['true', 'false']).optional(),
  sort: z.enum(['name', '-name', 'userName', '-userName', 'updated', '-updated']).default('name'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type MemberListQuery = z.infer<typeof MemberListQuerySchema>;
export const MemberPageSchema = z.object({ members: z.array(MemberSummarySchema), nextCursor: z.string().nullable(), total: z.number().int() });
export type MemberPage = z.infer<typeof MemberPageSchema>;

export const HeldAssetSchema = z.object({ assetId: z.number().int(), tag: z.string(), name: z.string(), checkedOutAt: z.string() });
export const HistoryEntrySchema = z.object({ at: z.string(), actor: z.string(), changes: z.array(FieldChangeSchema) });

/** GET /api/members/{id}. */
export const MemberDetailSchema = MemberSummarySchema.extend({
  /** What gave the role: `group "…"`, `attribute … = "…"`; null for the fallback role or the admin's choice. */
  roleSource: z.string().nullable(),
  /** The IdP groups the member is in, by name. */
  groups: z.array(z.object({ id: z.string(), displayName: z.string() })),
  externalId: z.string().nullable(),
  fields: z.record(z.string(), z.string().nullable()),
  custom: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  createdAt: z.string(),
  lastProvisionedAt: z.string().nullable(),
  version: z.number().int(),
  scimResource: z.record(z.string(), z.unknown()),
  assets: z.array(HeldAssetSchema),
  history: z.array(HistoryEntrySchema),
  hasCheckoutHistory: z.boolean(),
});
export type MemberDetail = z.infer<typeof MemberDetailSchema>;

/** PATCH /api/members/{id}: role lock and manual edits. */
export const MemberPatchSchema = z.object({
  roleId: z.number().int().optional(),
  roleLocked: z.boolean().optional(),
  active: z.boolean().optional(),
});
export type MemberPatch = z.infer<typeof MemberPatchSchema>;
