import type { GroupDetail, GroupList } from '../../../shared/api/groups';
import { api } from './http-client';

/** `listGroups`: the IdP groups SCIM Desk stores, with member counts and the roles they give. */
export function fetchGroups(signal?: AbortSignal): Promise<GroupList> {
  return api.call('listGroups', {}, signal ? { signal } : {});
}

/** `getGroup`: one group with its members. */
export function fetchGroup(id: string, signal?: AbortSignal): Promise<GroupDetail> {
  return api.call('getGroup', { params: { id } }, signal ? { signal } : {});
}
