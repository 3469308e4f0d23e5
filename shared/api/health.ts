import { z } from 'zod';

/** GET /api/health: what the status badge, the tray and the connection card show. */
export const HealthSchema = z.object({
  scimEnabled: z.boolean(),
  lastRequestAt: z.string().nullable(),
  lastClient: z.string().nullable(),
  requests24h: z.number().int(),
  failures24h: z.number().int(),
  /** Blocked deactivations still standing (the asset still out), as the Sync review lists them. */
  blockedDeprovisionings: z.number().int(),
  /** Everything under the Sync review's "Needs your action" (the nav badge). */
  needsAction: z.number().int(),
  leaversHoldingAssets: z.number().int(),
  dbSizeBytes: z.number().int(),
});
export type Health = z.infer<typeof HealthSchema>;
