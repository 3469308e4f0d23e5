import { z } from 'zod';
import { RoleListSchema, RoleSchema, type Role } from '../../../shared/api/roles';
import { apiPath, apiRequest } from './http-client';

/** GET /api/roles */
export async function fetchRoles(signal?: AbortSignal): Promise<ReadonlyArray<Role>> {
  const list = await apiRequest(apiPath('/roles'), RoleListSchema, signal ? { signal } : {});
  return list.roles;
}

/** POST /api/roles */
export function createRole(name: string): Promise<Role> {
  return apiRequest(apiPath('/roles'), RoleSchema, { method: 'POST', body: { name } });
}

/** PUT /api/roles/{id} */
export function renameRole(id: number, name: string): Promise<Role> {
  return apiRequest(apiPath(`/roles/${id}`), RoleSchema, { method: 'PUT', body: { name } });
}

/** DELETE /api/roles/{id} */
export async function deleteRole(id: number): Promise<void> {
  await apiRequest(apiPath(`/roles/${id}`), z.unknown(), { method: 'DELETE' });
}
