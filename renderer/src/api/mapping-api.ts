import type { CustomField, MapAttributeRequest, MappingCheck, MappingPreview, MappingRow, UnmappedAttributeList } from '../../../shared/api/mapping';
import type { MappingApplyResult } from '../../../shared/api/routes';
import { api } from './http-client';

/** `getMappings` */
export async function fetchMappings(signal?: AbortSignal): Promise<ReadonlyArray<MappingRow>> {
  const table = await api.call('getMappings', {}, signal ? { signal } : {});
  return table.rows;
}

/** `putMappings`: replaces the whole table (the server validates every path). */
export async function saveMappings(rows: ReadonlyArray<MappingRow>): Promise<ReadonlyArray<MappingRow>> {
  const table = await api.call('putMappings', { body: { rows: [...rows] } });
  return table.rows;
}

/** `listCustomFields` */
export async function fetchCustomFields(signal?: AbortSignal): Promise<ReadonlyArray<CustomField>> {
  const list = await api.call('listCustomFields', {}, signal ? { signal } : {});
  return list.fields;
}

/** `createCustomField` */
export function createCustomField(field: CustomField): Promise<CustomField> {
  return api.call('createCustomField', { body: field });
}

export type PreviewSource = { readonly resource: Record<string, unknown> } | { readonly memberId: string };

/** `previewMapping`: what a SCIM user would become under `rows` (draft) without writing. */
export function previewMapping(source: PreviewSource, rows: ReadonlyArray<MappingRow>, signal?: AbortSignal): Promise<MappingPreview> {
  return api.call('previewMapping', { body: { ...source, rows: [...rows] } }, signal ? { signal } : {});
}

export type ApplyResult = MappingApplyResult;

/** `applyMapping`: re-derives existing members' fields; `dryRun` only counts. */
export function applyMappings(dryRun: boolean): Promise<ApplyResult> {
  return api.call('applyMapping', { query: { dryRun: dryRun ? 'true' : undefined } });
}

/** `listUnmappedAttributes`: what the IdP sends that no row reads yet, most common first. */
export function fetchUnmappedAttributes(signal?: AbortSignal): Promise<UnmappedAttributeList> {
  return api.call('listUnmappedAttributes', {}, signal ? { signal } : {});
}

/** `mapAttribute`: one new row (and its custom field, if asked); answers the saved table. */
export async function mapAttribute(req: MapAttributeRequest): Promise<ReadonlyArray<MappingRow>> {
  const table = await api.call('mapAttribute', { body: req });
  return table.rows;
}

/** `checkMappings`: every bad row of a draft table, in words (nothing is saved). */
export async function checkMappings(rows: ReadonlyArray<Pick<MappingRow, 'scimPath' | 'target'>>, signal?: AbortSignal): Promise<MappingCheck['problems']> {
  const r = await api.call('checkMappings', { body: { rows: rows.map(({ scimPath, target }) => ({ scimPath, target })) } }, signal ? { signal } : {});
  return r.problems;
}

/** `renameCustomField`: a new label; the key stays. */
export function renameCustomField(key: string, label: string): Promise<CustomField> {
  return api.call('renameCustomField', { params: { key }, body: { label } });
}

/** `deleteCustomField`: refused while a mapping row feeds it. */
export async function deleteCustomField(key: string): Promise<void> {
  await api.call('deleteCustomField', { params: { key } });
}

/** `getCustomFieldUsage`: members holding a value, mapping rows feeding it. */
export function fetchCustomFieldUsage(key: string, signal?: AbortSignal): Promise<{ readonly members: number; readonly mappingRows: ReadonlyArray<number> }> {
  return api.call('getCustomFieldUsage', { params: { key } }, signal ? { signal } : {});
}
