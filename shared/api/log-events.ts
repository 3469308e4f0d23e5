import { z } from 'zod';

/**
 * What a SCIM request did, in the admin's words. `group-*` rows are about a group; `group-membership`
 * rows (one per member a group change moved in or out, with its new role if that changed) are about a member.
 */
export const LOG_OPERATIONS = [
  'lookup',
  'list',
  'read',
  'discovery',
  'create',
  'update',
  'replace',
  'deactivate',
  'reactivate',
  'delete',
  'revive',
  'blocked-deactivation',
  'rejected-role',
  'group-create',
  'group-update',
  'group-replace',
  'group-delete',
  'group-membership',
  'auth-failure',
  'rate-limited',
  'error',
] as const;
export const LogOperationSchema = z.enum(LOG_OPERATIONS);
export type LogOperation = z.infer<typeof LogOperationSchema>;

/** Whether the request did what it asked. (The table's CHECK also allows 'skipped', which nothing writes.) */
export const LogResultSchema = z.enum(['success', 'failure']);
export type LogResult = z.infer<typeof LogResultSchema>;

export const FieldChangeSchema = z.object({
  field: z.string(),
  old: z.string().nullable(),
  new: z.string().nullable(),
  /** What the IdP asked for when it differs from what was applied: a role name that does not exist (→ the fallback role). */
  requested: z.string().optional(),
});
export type FieldChange = z.infer<typeof FieldChangeSchema>;

/** One provisioning log row (list view). */
export const LogRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  requestId: z.string(),
  client: z.string(),
  method: z.string(),
  path: z.string(),
  operation: LogOperationSchema,
  memberId: z.string().nullable(),
  userName: z.string().nullable(),
  /** The IdP group the row is about (group requests, and members' rows of a group change). */
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  result: LogResultSchema,
  status: z.number().int(),
  scimType: z.string().nullable(),
  detail: z.string().nullable(),
  durationMs: z.number(),
  changes: z.array(FieldChangeSchema),
});
export type LogRow = z.infer<typeof LogRowSchema>;

/** GET /api/log/{id}: the row plus redacted bodies and what the admin should do. */
export const LogDetailSchema = LogRowSchema.extend({
  request: z.unknown().nullable(),
  response: z.unknown().nullable(),
  recommendedAction: z.string().nullable(),
});
export type LogDetail = z.infer<typeof LogDetailSchema>;

export const LogPageSchema = z.object({ rows: z.array(LogRowSchema), nextCursor: z.string().nullable() });
export type LogPage = z.infer<typeof LogPageSchema>;
