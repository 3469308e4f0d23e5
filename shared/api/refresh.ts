import { z } from 'zod';
import { FieldChangeSchema } from './log-events.js';

/*
 * The Sync review (issue #16): a summary first (counts per kind of change, open problems first),
 * then member changes and problems a page at a time. Nothing here grows with the tenant: a first
 * sync of 100,000 users is a summary of six numbers and pages of 100 rows.
 */

/** The net effect of a member's writes since the last acknowledgement (rules in main/core/admin/review-fold.ts). */
export const REVIEW_KINDS = ['created', 'updated', 'deactivated', 'reactivated', 'revived', 'deleted'] as const;
export const ReviewKindSchema = z.enum(REVIEW_KINDS);
export type ReviewKind = z.infer<typeof ReviewKindSchema>;

/** Net change of one member since the last acknowledged review. */
export const ReviewMemberSchema = z.object({
  memberId: z.string().nullable(),
  userName: z.string().nullable(),
  displayName: z.string().nullable(),
  /** The net effect: e.g. created + updated = created; deactivated then reactivated = updated. */
  kind: ReviewKindSchema,
  changes: z.array(FieldChangeSchema),
  /**
   * The member's role now. It can differ from the last `role` change the IdP's writes made when the
   * admin changed the role rules since (a role given to an IdP group, a role created).
   */
  currentRole: z.string().nullable(),
  lastAt: z.string(),
  /** The newest log row folded into this change. */
  logId: z.number().int(),
});
export type ReviewMember = z.infer<typeof ReviewMemberSchema>;

/** The net effect of an IdP group's writes since the last acknowledgement. */
export const REVIEW_GROUP_KINDS = ['created', 'updated', 'deleted'] as const;
export const ReviewGroupKindSchema = z.enum(REVIEW_GROUP_KINDS);
export type ReviewGroupKind = z.infer<typeof ReviewGroupKindSchema>;

/** Net change of one IdP group since the last acknowledged review (its members' role changes are under the members). */
export const ReviewGroupSchema = z.object({
  groupId: z.string(),
  displayName: z.string().nullable(),
  kind: ReviewGroupKindSchema,
  /**
   * `displayName`, `externalId`, and `member:<userName>` (old/new `member` or null: joined, left);
   * at most {@link REVIEW_GROUP_CHANGES_SHOWN} member lines, the rest counted in `omitted`.
   */
  changes: z.array(FieldChangeSchema),
  /** Members who joined and who left, all of them (a first push can add thousands). */
  joined: z.number().int(),
  left: z.number().int(),
  /** Member lines not listed in `changes`. */
  omitted: z.number().int(),
  lastAt: z.string(),
  /** The newest log row folded into this change. */
  logId: z.number().int(),
});
export type ReviewGroup = z.infer<typeof ReviewGroupSchema>;
/** Member lines listed per group; the rest are counted. */
export const REVIEW_GROUP_CHANGES_SHOWN = 50;

/**
 * Problems stay open across acknowledgements until a later successful write of the member resolves
 * them or the admin dismisses them with a reason. `role-fallback`: the IdP asked for a role that does
 * not exist and the member got the fallback role.
 */
export const PROBLEM_OPERATIONS = ['blocked-deactivation', 'rejected-role', 'error', 'role-fallback'] as const;
export const ProblemOperationSchema = z.enum(PROBLEM_OPERATIONS);
export type ProblemOperation = z.infer<typeof ProblemOperationSchema>;

export const ReviewProblemSchema = z.object({
  id: z.number().int(),
  operation: ProblemOperationSchema,
  memberId: z.string().nullable(),
  userName: z.string().nullable(),
  /** The IdP group a refused group request was about. */
  groupName: z.string().nullable(),
  detail: z.string().nullable(),
  /** What the admin should do about it. */
  action: z.string(),
  firstAt: z.string(),
  at: z.string(),
  /** How often the IdP was refused (it retries every cycle). */
  attempts: z.number().int(),
  /** The newest refused request (the log entry to open). */
  logId: z.number().int(),
  /** The role the IdP asked for (rejected-role, role-fallback). */
  requestedRole: z.string().nullable(),
  /** Blocked deactivations: the assets the member still holds. */
  assets: z.array(z.object({ id: z.number().int(), tag: z.string(), name: z.string() })),
  /**
   * Whether the cause is still there (the asset still out, the role still missing). False: fixed
   * in SCIM Desk, waiting for the IdP's next attempt to go through.
   */
  standing: z.boolean(),
});
export type ReviewProblem = z.infer<typeof ReviewProblemSchema>;

/** A count per value, largest first. */
const CountsSchema = <T extends z.ZodType>(key: T) => z.array(z.object({ value: key, count: z.number().int() }));

/** GET /api/review: the summary. */
export const ReviewSummarySchema = z.object({
  /** The acknowledged point the review starts after. */
  fromLogId: z.number().int(),
  /** What Acknowledge covers: every log row up to here is in the numbers below. */
  toLogId: z.number().int(),
  since: z.string().nullable(),
  lastAcknowledged: z.object({ at: z.string(), by: z.string() }).nullable(),
  /** Log rows not read into the review yet (a first sync still being read); 0 when up to date. */
  pendingLogRows: z.number().int(),
  changes: z.object({ total: z.number().int(), byKind: CountsSchema(ReviewKindSchema) }),
  /** IdP groups created, updated or deleted (with groups on). */
  groups: z.object({ total: z.number().int(), byKind: CountsSchema(ReviewGroupKindSchema) }),
  /** Open problems whose cause is still there: what the nav badge counts. */
  needsAction: z.object({
    total: z.number().int(),
    byOperation: CountsSchema(z.enum(['blocked-deactivation', 'rejected-role', 'error'])),
    /** Refused for an unknown role, by role name (the largest groups). */
    missingRoles: CountsSchema(z.string()),
  }),
  /** Members given the fallback role because the role they asked for does not exist, by role name. */
  fallbacks: z.object({ total: z.number().int(), roles: z.array(z.object({ value: z.string(), count: z.number().int(), roleExists: z.boolean() })) }),
  /** Problems fixed in SCIM Desk that wait for the IdP's next attempt. */
  waiting: z.number().int(),
  /** Refusals that are not about one member (auth failures, malformed requests) since the last acknowledgement. */
  notices: z.array(z.object({ operation: z.string(), count: z.number().int(), lastAt: z.string(), detail: z.string().nullable(), action: z.string() })),
});
export type ReviewSummary = z.infer<typeof ReviewSummarySchema>;

const cursor = z.string().regex(/^\d{1,15}$/, 'The cursor is the nextCursor of the previous page');

/** GET /api/review/changes. */
export const ReviewChangesQuerySchema = z.object({
  kind: ReviewKindSchema.optional(),
  /** Part of a userName or display name. */
  query: z.string().max(200).optional(),
  cursor: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type ReviewChangesQuery = z.infer<typeof ReviewChangesQuerySchema>;
export const ReviewChangesPageSchema = z.object({ rows: z.array(ReviewMemberSchema), nextCursor: z.string().nullable() });
export type ReviewChangesPage = z.infer<typeof ReviewChangesPageSchema>;

/** GET /api/review/groups: newest first. */
export const ReviewGroupsQuerySchema = z.object({ cursor: cursor.optional(), limit: z.coerce.number().int().min(1).max(100).default(20) });
export type ReviewGroupsQuery = z.infer<typeof ReviewGroupsQuerySchema>;
export const ReviewGroupsPageSchema = z.object({ rows: z.array(ReviewGroupSchema), nextCursor: z.string().nullable() });
export type ReviewGroupsPage = z.infer<typeof ReviewGroupsPageSchema>;

/** GET /api/review/problems: open problems, newest first; `waiting` lists the fixed ones instead. */
export const ReviewProblemsQuerySchema = z.object({
  operation: ProblemOperationSchema.optional(),
  role: z.string().max(200).optional(),
  state: z.enum(['standing', 'waiting']).default('standing'),
  cursor: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ReviewProblemsQuery = z.infer<typeof ReviewProblemsQuerySchema>;
export const ReviewProblemsPageSchema = z.object({ rows: z.array(ReviewProblemSchema), nextCursor: z.string().nullable() });
export type ReviewProblemsPage = z.infer<typeof ReviewProblemsPageSchema>;

/** POST /api/review/acknowledge: acknowledges up to `toLogId` (the summary the admin saw). */
export const AcknowledgeRequestSchema = z.object({ toLogId: z.number().int().min(0) });

/** POST /api/review/problems/{id}/dismiss. */
export const DismissProblemSchema = z.object({
  reason: z.string().trim().min(3, 'Say in a few words why (at least 3 characters)').max(500, 'Keep the reason under 500 characters'),
});

/** POST /api/review/roles/apply: give a role that now exists to the members who asked for it. */
export const ApplyRoleRequestSchema = z.object({ role: z.string().trim().min(1).max(80) });
export const ApplyRoleResultSchema = z.object({ role: z.string(), applied: z.number().int() });
