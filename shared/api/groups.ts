import { z } from 'zod';

const RoleRefSchema = z.object({ id: z.number().int(), name: z.string() });

/** One IdP group in the admin list. */
export const GroupSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  externalId: z.string().nullable(),
  /** Members the admin can see. */
  memberCount: z.number().int(),
  /** The roles whose IdP groups name this group, in role order; the first is the one it gives. */
  roles: z.array(RoleRefSchema),
  updatedAt: z.string(),
});
export type GroupSummary = z.infer<typeof GroupSummarySchema>;

/** GET /api/groups. */
export const GroupListSchema = z.object({
  groups: z.array(GroupSummarySchema),
  /** `users-only` while SCIM Desk does not store groups (the list then shows what was stored before). */
  groupProvisioning: z.enum(['groups', 'users-only']),
});
export type GroupList = z.infer<typeof GroupListSchema>;

export const GroupMemberSchema = z.object({
  id: z.string(),
  userName: z.string(),
  displayName: z.string().nullable(),
  active: z.boolean(),
  roleName: z.string().nullable(),
});

/** GET /api/groups/{id}: the group with (at most the first 1,000 of) its members. */
export const GroupDetailSchema = GroupSummarySchema.extend({
  members: z.array(GroupMemberSchema),
  /** True when the group has more members than listed. */
  isTruncated: z.boolean(),
});
export type GroupDetail = z.infer<typeof GroupDetailSchema>;
