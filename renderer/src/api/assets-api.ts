import { z } from 'zod';
import { AssetImportResultSchema, AssetListSchema, AssetSchema, type Asset, type AssetImportResult, type AssetInput } from '../../../shared/api/assets';
import { ApiError, apiPath, apiRequest } from './http-client';
import { useSessionStore } from '../stores/session-store';

/** GET /api/assets */
export async function fetchAssets(signal?: AbortSignal): Promise<ReadonlyArray<Asset>> {
  const list = await apiRequest(apiPath('/assets'), AssetListSchema, signal ? { signal } : {});
  return list.assets;
}

/** POST /api/assets */
export function createAsset(input: AssetInput): Promise<Asset> {
  return apiRequest(apiPath('/assets'), AssetSchema, { method: 'POST', body: input });
}

/** POST /api/assets/{id}/checkout */
export async function checkoutAsset(assetId: number, memberId: string): Promise<void> {
  await apiRequest(apiPath(`/assets/${assetId}/checkout`), z.unknown(), { method: 'POST', body: { memberId } });
}

/** POST /api/assets/{id}/checkin */
export async function checkinAsset(assetId: number): Promise<void> {
  await apiRequest(apiPath(`/assets/${assetId}/checkin`), z.unknown(), { method: 'POST', body: {} });
}

/** The outcome of an import: either imported, or refused with the per-row errors (nothing written). */
export type ImportOutcome = { readonly ok: true; readonly result: AssetImportResult } | { readonly ok: false; readonly message: string; readonly errors: AssetImportResult['errors'] };

/**
 * POST /api/assets/import. A bad row makes the server answer 400 with the row errors; that is an
 * expected outcome the dialog shows, not an exception.
 */
export async function importAssets(csv: string): Promise<ImportOutcome> {
  const token = useSessionStore.getState().token ?? '';
  let res: Response;
  try {
    res = await fetch(apiPath('/assets/import'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ csv }),
    });
  } catch {
    throw new ApiError(0, 'network-error', 'Cannot reach the SCIM Desk core. Check that it is still running.');
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, result: AssetImportResultSchema.parse(body) };
  if (res.status === 401) useSessionStore.getState().reject();
  const rowErrors = AssetImportResultSchema.pick({ errors: true }).safeParse(body);
  const rowErrorsInEnvelope = z.object({ error: z.object({ message: z.string(), errors: AssetImportResultSchema.shape.errors.optional() }) }).safeParse(body);
  const message = rowErrorsInEnvelope.success ? rowErrorsInEnvelope.data.error.message : `The import failed with HTTP ${res.status}.`;
  const errors = rowErrors.success ? rowErrors.data.errors : rowErrorsInEnvelope.success ? (rowErrorsInEnvelope.data.error.errors ?? []) : [];
  if (errors.length === 0 && res.status !== 400) throw new ApiError(res.status, 'import-failed', message);
  return { ok: false, message, errors };
}
