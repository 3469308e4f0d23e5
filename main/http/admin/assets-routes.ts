import { AssetImportRequestSchema, AssetImportResultSchema, AssetInputSchema, AssetListSchema, AssetSchema, CheckoutRequestSchema, RetireAssetRequestSchema } from '../../../shared/api/assets.js';
import type { ApiRouteKey } from '../../../shared/api/routes.js';
import { AssetImportError } from '../../core/admin/assets.js';
import type { AdminServices } from '../../core/admin/admin-services.js';
import { intId, parseInput, sendJson } from './io.js';
import type { Handler } from './io.js';

type Keys = Extract<ApiRouteKey, 'listAssets' | 'createAsset' | 'importAssets' | 'updateAsset' | 'deleteAsset' | 'retireAsset' | 'checkoutAsset' | 'checkinAsset'>;

/** The asset register: list, create, CSV import, checkout and check-in. */
export function assetHandlers(s: AdminServices): Record<Keys, Handler> {
  return {
    listAssets: (_req, res) => sendJson(res, AssetListSchema, { assets: s.assets.list() }),
    createAsset: (req, res) => sendJson(res, AssetSchema, s.assets.create(parseInput(AssetInputSchema, req.body, 'body')), 201),
    importAssets: (req, res) => {
      const { csv } = parseInput(AssetImportRequestSchema, req.body, 'body');
      try {
        sendJson(res, AssetImportResultSchema, s.assets.importCsv(csv));
      } catch (err) {
        // Handled here: the rejection carries per-line errors, sent in both the error envelope and
        // the AssetImportResult shape so the GUI can parse it with either schema.
        if (!(err instanceof AssetImportError)) throw err;
        res.status(400).json({ error: { code: err.code, message: err.message }, ...AssetImportResultSchema.parse({ imported: 0, errors: err.errors }) });
      }
    },
    updateAsset: (req, res) => sendJson(res, AssetSchema, s.assets.update(intId(req, 'asset'), parseInput(AssetInputSchema, req.body, 'body'))),
    deleteAsset: (req, res) => {
      s.assets.remove(intId(req, 'asset'));
      res.status(204).end();
    },
    retireAsset: (req, res) => sendJson(res, AssetSchema, s.assets.retire(intId(req, 'asset'), parseInput(RetireAssetRequestSchema, req.body, 'body').retired)),
    checkoutAsset: (req, res) => {
      const id = intId(req, 'asset');
      sendJson(res, AssetSchema, s.assets.checkout(id, parseInput(CheckoutRequestSchema, req.body, 'body').memberId));
    },
    checkinAsset: (req, res) => sendJson(res, AssetSchema, s.assets.checkin(intId(req, 'asset'))),
  };
}
