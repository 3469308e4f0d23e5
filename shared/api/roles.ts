import { z } from 'zod';

export const RoleSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  isBuiltin: z.boolean(),
  memberCount: z.number().int(),
});
export type Role = z.infer<typeof RoleSchema>;

/** POST /api/roles and PUT /api/roles/{id}. Names are unique case-insensitively and trimmed. */
export const RoleInputSchema = z.object({ name: z.string().trim().min(1, 'A role needs a name').max(80) });
export type RoleInput = z.infer<typeof RoleInputSchema>;
export const RoleListSchema = z.object({ roles: z.array(RoleSchema) });
