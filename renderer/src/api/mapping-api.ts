import {
  CustomFieldSchema,
  MappingPreviewSchema,
  MappingTableSchema,
  type CustomField,
  type MappingPreview,
  type MappingRow,
} from '../../../shared/api/mapping';
import { CustomFieldListSchema, MappingApplyResultSchema, type MappingApplyResult } from '../../../shared/api/routes';
import { apiPath, apiRequest } from './http-client';

/** GET /api/mappings */
export async function fetchMappings(signal?: AbortSignal): Promise<ReadonlyArray<MappingRow>> {
  const table = await apiRequest(apiPath('/mappings'), MappingTableSchema, signal ? { signal } : {});
  return table.rows;
}

/** PUT /api/mappings: replaces the whole table (the server validates every path). */
export async function saveMappings(rows: ReadonlyArray<MappingRow>): Promise<ReadonlyArray<MappingRow>> {
  const table = await apiRequest(apiPath('/mappings'), MappingTableSchema, { method: 'PUT', body: { rows } });
  return table.rows;
}

/** GET /api/custom-fields */
export async function fetchCustomFields(signal?: AbortSignal): Promise<ReadonlyArray<CustomField>> {
  const list = await apiRequest(apiPath('/custom-fields'), CustomFieldListSchema, signal ? { signal } : {});
  return list.fields;
}

/** POST /api/custom-fields */
export function createCustomField(field: CustomField): Promise<CustomField> {
  return apiRequest(apiPath('/custom-fields'), CustomFieldSchema, { method: 'POST', body: field });
}

export type PreviewSource = { readonly resource: Record<string, unknown> } | { readonly memberId: string };

/** POST /api/mappings/preview: what a SCIM user would become under `rows` (draft) without writing. */
export function previewMapping(source: PreviewSource, rows: ReadonlyArray<MappingRow>, signal?: AbortSignal): Promise<MappingPreview> {
  return apiRequest(apiPath('/mappings/preview'), MappingPreviewSchema, { method: 'POST', body: { ...source, rows }, ...(signal ? { signal } : {}) });
}

export type ApplyResult = MappingApplyResult;

/** POST /api/mappings/apply: re-derives existing members' fields; `dryRun` only counts. */
export function applyMappings(dryRun: boolean): Promise<ApplyResult> {
  return apiRequest(apiPath('/mappings/apply', { dryRun: dryRun ? 'true' : undefined }), MappingApplyResultSchema, { method: 'POST' });
}
