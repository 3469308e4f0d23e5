import type { Role } from '../../../shared/api/roles';
import { api } from './http-client';

/** `listRoles` */
export async function fetchRoles(signal?: AbortSignal): Promise<ReadonlyArray<Role>> {
  const list = await api.call('listRoles', {}, signal ? { signal } : {});
  return list.roles;
}

/** `createRole` */
export function createRole(name: string): Promise<Role> {
  return api.call('createRole', { body: { name } });
}

/** `renameRole` */
export function renameRole(id: number, name: string): Promise<Role> {
  return api.call('renameRole', { params: { id }, body: { name } });
}

/** `deleteRole` */
export async function deleteRole(id: number): Promise<void> {
  await api.call('deleteRole', { params: { id } });
}
