import { z } from 'zod';

export const AssetSchema = z.object({
  id: z.number().int(),
  tag: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  serialNumber: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  /** When it was retired (disposed of, kept with its history); null while in service. */
  retiredAt: z.string().nullable(),
  /** Whether it was ever checked out: such an asset can be retired but not deleted. */
  hasHistory: z.boolean(),
  /** Who holds it now, if checked out. */
  holder: z.object({ memberId: z.string(), userName: z.string(), displayName: z.string().nullable(), checkedOutAt: z.string() }).nullable(),
});
export type Asset = z.infer<typeof AssetSchema>;

export const AssetInputSchema = z.object({
  tag: z.string().trim().min(1, 'Asset tag is required').max(64),
  name: z.string().trim().min(1, 'Name is required').max(200),
  category: z.string().trim().max(100).nullable().optional(),
  serialNumber: z.string().trim().max(100).nullable().optional(),
  notes: z.string().max(2000).nullable().optional(),
});
export type AssetInput = z.infer<typeof AssetInputSchema>;

export const AssetListSchema = z.object({ assets: z.array(AssetSchema) });
export const CheckoutRequestSchema = z.object({ memberId: z.string().min(1) });
/** POST /api/assets/{id}/retire: retire (true) or return to service (false). */
export const RetireAssetRequestSchema = z.object({ retired: z.boolean() });

/** POST /api/assets/import: CSV text with a header row (tag,name,category,serialNumber,notes). All or nothing. */
export const AssetImportRequestSchema = z.object({ csv: z.string().max(5_000_000) });
export const AssetImportResultSchema = z.object({
  imported: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
export type AssetImportResult = z.infer<typeof AssetImportResultSchema>;
