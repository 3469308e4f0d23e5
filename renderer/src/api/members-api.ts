import { z } from 'zod';
import { MemberDetailSchema, MemberPageSchema, MemberSummarySchema, type MemberDetail, type MemberPage, type MemberPatch } from '../../../shared/api/members';
import { apiPath, apiRequest, downloadFile } from './http-client';

/** The list filters the GUI offers (all optional; empty string = any). */
export interface MemberQuery {
  readonly query: string;
  readonly active: '' | 'true' | 'false';
  readonly role: string;
  readonly source: '' | 'scim';
  readonly holdsAssets: '' | 'true' | 'false';
  readonly sort: 'name' | '-name' | 'userName' | '-userName' | 'updated' | '-updated';
}

function queryParams(q: MemberQuery): Record<string, string> {
  return { query: q.query.trim(), active: q.active, role: q.role, source: q.source, holdsAssets: q.holdsAssets, sort: q.sort };
}

/** GET /api/members: one keyset page. */
export function fetchMemberPage(q: MemberQuery, cursor: string | null, limit: number, signal?: AbortSignal): Promise<MemberPage> {
  const path = apiPath('/members', { ...queryParams(q), cursor: cursor ?? undefined, limit });
  return apiRequest(path, MemberPageSchema, signal ? { signal } : {});
}

/** GET /api/members/{id} */
export function fetchMember(id: string, signal?: AbortSignal): Promise<MemberDetail> {
  return apiRequest(apiPath(`/members/${encodeURIComponent(id)}`), MemberDetailSchema, signal ? { signal } : {});
}

/** PATCH /api/members/{id}: role, role lock, active. */
export function patchMember(id: string, patch: MemberPatch): Promise<z.infer<typeof MemberSummarySchema>> {
  return apiRequest(apiPath(`/members/${encodeURIComponent(id)}`), MemberSummarySchema, { method: 'PATCH', body: patch });
}

/** DELETE /api/members/{id}; the server refuses (409) when the member holds or held assets. */
export async function deleteMember(id: string): Promise<void> {
  await apiRequest(apiPath(`/members/${encodeURIComponent(id)}`), z.unknown(), { method: 'DELETE' });
}

/** GET /api/members/export.csv with the current filters. */
export function exportMembers(q: MemberQuery): Promise<void> {
  return downloadFile(apiPath('/members/export.csv', queryParams(q)), 'members.csv');
}
