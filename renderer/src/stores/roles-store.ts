import { create } from 'zustand';
import type { Role, RolePatch } from '../../../shared/api/roles';
import { createRole, deleteRole, fetchRoles, patchRole, renameRole } from '../api/roles-api';
import type { AsyncState } from '../lib/use-async';

interface RolesStoreState {
  readonly roles: AsyncState<ReadonlyArray<Role>>;
  load(): Promise<void>;
  create(name: string): Promise<Role>;
  rename(id: number, name: string): Promise<Role>;
  /** Change a role's IdP groups or place in the order (member counts move with it). */
  update(id: number, patch: RolePatch): Promise<Role>;
  remove(id: number): Promise<void>;
}

/** Built-in and custom roles, shared by Roles, Members (filter, role select) and Setup (fallback). */
export const useRolesStore = create<RolesStoreState>((set, get) => ({
  roles: { status: 'loading' },
  async load() {
    if (get().roles.status !== 'ready') set({ roles: { status: 'loading' } });
    try {
      set({ roles: { status: 'ready', data: await fetchRoles() } });
    } catch (error) {
      set({ roles: { status: 'error', error } });
    }
  },
  async create(name) {
    const role = await createRole(name);
    await get().load();
    return role;
  },
  async rename(id, name) {
    const role = await renameRole(id, name);
    await get().load();
    return role;
  },
  async update(id, patch) {
    const role = await patchRole(id, patch);
    await get().load();
    return role;
  },
  async remove(id) {
    await deleteRole(id);
    await get().load();
  },
}));

/** The roles once loaded, or an empty list (for selects that render before the load). */
export function rolesOrEmpty(state: AsyncState<ReadonlyArray<Role>>): ReadonlyArray<Role> {
  return state.status === 'ready' ? state.data : [];
}
