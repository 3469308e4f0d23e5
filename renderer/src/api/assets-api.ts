import { AssetImportResultSchema, type Asset, type AssetImportResult, type AssetInput } from '../../../shared/api/assets';
import { ApiError, api } from './http-client';

/** `listAssets` */
export async function fetchAssets(signal?: AbortSignal): Promise<ReadonlyArray<Asset>> {
  const list = await api.call('listAssets', {}, signal ? { signal } : {});
  return list.assets;
}

/** `createAsset` */
export function createAsset(input: AssetInput): Promise<Asset> {
  return api.call('createAsset', { body: input });
}

/** `checkoutAsset`; answers the asset with its new holder. */
export function checkoutAsset(assetId: number, memberId: string): Promise<Asset> {
  return api.call('checkoutAsset', { params: { id: assetId }, body: { memberId } });
}

/** `checkinAsset`; answers the asset, now without a holder. */
export function checkinAsset(assetId: number): Promise<Asset> {
  return api.call('checkinAsset', { params: { id: assetId } });
}

/** The outcome of an import: either imported, or refused with the per-row errors (nothing written). */
export type ImportOutcome = { readonly ok: true; readonly result: AssetImportResult } | { readonly ok: false; readonly message: string; readonly errors: AssetImportResult['errors'] };

/**
 * `importAssets`. A bad row makes the server answer 400 with the row errors beside the
 * error envelope; that is an expected outcome the dialog shows, not an exception.
 */
export async function importAssets(csv: string): Promise<ImportOutcome> {
  try {
    return { ok: true, result: await api.call('importAssets', { body: { csv } }) };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const rowErrors = AssetImportResultSchema.pick({ errors: true }).safeParse(error.body);
    const errors = rowErrors.success ? rowErrors.data.errors : [];
    if (errors.length === 0 && error.status !== 400) throw error;
    return { ok: false, message: error.message, errors };
  }
}

/** `updateAsset`: correct tag, name, category, serial number or notes. */
export function updateAsset(id: number, input: AssetInput): Promise<Asset> {
  return api.call('updateAsset', { params: { id }, body: input });
}

/** `retireAsset`: retire (kept with its history) or return to service. */
export function retireAsset(id: number, retired: boolean): Promise<Asset> {
  return api.call('retireAsset', { params: { id }, body: { retired } });
}

/** `deleteAsset`: only an asset that was never checked out. */
export async function deleteAsset(id: number): Promise<void> {
  await api.call('deleteAsset', { params: { id } });
}
