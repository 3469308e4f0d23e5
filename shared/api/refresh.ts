import { z } from 'zod';
import { FieldChangeSchema } from './log-events.js';

/** Net change of one member since the last acknowledged review. */
export const ReviewMemberSchema = z.object({
  memberId: z.string().nullable(),
  userName: z.string().nullable(),
  displayName: z.string().nullable(),
  /** The net effect: e.g. created + updated = created; deactivated then reactivated = updated. */
  kind: z.enum(['created', 'updated', 'deactivated', 'reactivated', 'revived', 'deleted']),
  changes: z.array(FieldChangeSchema),
  lastAt: z.string(),
});
export const ReviewRefusalSchema = z.object({
  logId: z.number().int(),
  memberId: z.string().nullable(),
  userName: z.string().nullable(),
  /** The IdP group a refused group request was about. */
  groupName: z.string().nullable(),
  operation: z.string(),
  detail: z.string().nullable(),
  /** What the admin should do about it. */
  action: z.string(),
  at: z.string(),
  /** For blocked deactivations: the assets the member still holds. */
  assets: z.array(z.object({ tag: z.string(), name: z.string() })),
});
/** Net change of one IdP group since the last acknowledged review (its members' role changes are under members). */
export const ReviewGroupSchema = z.object({
  groupId: z.string(),
  displayName: z.string().nullable(),
  kind: z.enum(['created', 'updated', 'deleted']),
  /** `displayName`, `externalId`, and `member:<userName>` (old/new `member` or null: joined, left). */
  changes: z.array(FieldChangeSchema),
  lastAt: z.string(),
});
/** GET /api/review. */
export const ReviewSchema = z.object({
  fromLogId: z.number().int(),
  toLogId: z.number().int(),
  since: z.string().nullable(),
  members: z.array(ReviewMemberSchema),
  groups: z.array(ReviewGroupSchema),
  refused: z.array(ReviewRefusalSchema),
  lastAcknowledged: z.object({ at: z.string(), by: z.string() }).nullable(),
});
export type Review = z.infer<typeof ReviewSchema>;
/** POST /api/review/acknowledge: acknowledges up to `toLogId` (the review the admin saw). */
export const AcknowledgeRequestSchema = z.object({ toLogId: z.number().int().min(0) });
