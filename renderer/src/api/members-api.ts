import type { MemberDetail, MemberPage, MemberPatch, MemberSource } from '../../../shared/api/members';
import { api } from './http-client';

/** The list filters the GUI offers (all optional; empty string = any). */
export interface MemberQuery {
  readonly query: string;
  readonly active: '' | 'true' | 'false';
  readonly role: string;
  readonly source: '' | MemberSource;
  readonly holdsAssets: '' | 'true' | 'false';
  readonly sort: 'name' | '-name' | 'userName' | '-userName' | 'updated' | '-updated';
}

/** The filters as query parameters; an empty filter is left out. */
function queryParams(q: MemberQuery) {
  return { query: q.query.trim(), active: q.active || undefined, role: q.role, source: q.source || undefined, holdsAssets: q.holdsAssets || undefined, sort: q.sort };
}

/** `listMembers`: one keyset page. */
export function fetchMemberPage(q: MemberQuery, cursor: string | null, limit: number, signal?: AbortSignal): Promise<MemberPage> {
  return api.call('listMembers', { query: { ...queryParams(q), cursor, limit } }, signal ? { signal } : {});
}

/** `getMember` */
export function fetchMember(id: string, signal?: AbortSignal): Promise<MemberDetail> {
  return api.call('getMember', { params: { id } }, signal ? { signal } : {});
}

/** `patchMember`: role, role lock, active; answers the member's new detail. */
export function patchMember(id: string, patch: MemberPatch): Promise<MemberDetail> {
  return api.call('patchMember', { params: { id }, body: patch });
}

/** `deleteMember`; the server refuses (409) when the member holds or held assets. */
export async function deleteMember(id: string): Promise<void> {
  await api.call('deleteMember', { params: { id } });
}

/** `exportMembers` with the current filters. */
export function exportMembers(q: MemberQuery): Promise<void> {
  return api.download('exportMembers', { query: queryParams(q) }, 'members.csv');
}
