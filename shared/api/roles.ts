import { z } from 'zod';

/** IdP group display names that grant a role: matched without case, each once, trimmed. */
export const IdpGroupsSchema = z
  .array(z.string().trim().min(1, 'A group name cannot be empty').max(256))
  .max(50, 'A role can follow at most 50 groups')
  .transform((list) => list.filter((name, i) => list.findIndex((other) => other.toLowerCase() === name.toLowerCase()) === i));

export const RoleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  isBuiltin: z.boolean(),
  memberCount: z.number().int(),
  /** The IdP groups (by displayName, any case) whose members get this role. */
  idpGroups: z.array(z.string()),
  /** 0-based place in the order roles are tried in (the list's order). */
  position: z.number().int(),
});
export type Role = z.infer<typeof RoleSchema>;

const RoleNameSchema = z.string().trim().min(1, 'A role needs a name').max(80);

/** POST /api/roles and PUT /api/roles/{id}. Names are unique case-insensitively and trimmed. */
export const RoleInputSchema = z.object({ name: RoleNameSchema, idpGroups: IdpGroupsSchema.optional() });
export type RoleInput = z.input<typeof RoleInputSchema>;

/** PATCH /api/roles/{id}: any of the name (custom roles only), the IdP groups, the place in the order. */
export const RolePatchSchema = z.object({
  name: RoleNameSchema.optional(),
  idpGroups: IdpGroupsSchema.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type RolePatch = z.input<typeof RolePatchSchema>;

export const RoleListSchema = z.object({ roles: z.array(RoleSchema) });
