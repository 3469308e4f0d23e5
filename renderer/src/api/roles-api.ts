import type { Role, RolePatch } from '../../../shared/api/roles';
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

/** `patchRole`: name, IdP groups or place in the order; the server decides members' roles again. */
export function patchRole(id: number, patch: RolePatch): Promise<Role> {
  return api.call('patchRole', { params: { id }, body: patch });
}

/** `renameRole` */
export function renameRole(id: number, name: string): Promise<Role> {
  return api.call('renameRole', { params: { id }, body: { name } });
}

/** `deleteRole` */
export async function deleteRole(id: number): Promise<void> {
  await api.call('deleteRole', { params: { id } });
}
