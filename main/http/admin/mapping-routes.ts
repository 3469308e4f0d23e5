import { CustomFieldRenameSchema, CustomFieldSchema, CustomFieldUsageSchema, MapAttributeRequestSchema, MappingCheckRequestSchema, MappingCheckSchema, MappingPreviewRequestSchema, MappingPreviewSchema, MappingTableSchema, UnmappedAttributeListSchema } from '../../../shared/api/mapping.js';
import { CustomFieldListSchema, MappingApplyQuerySchema, MappingApplyResultSchema } from '../../../shared/api/routes.js';
import type { ApiRouteKey } from '../../../shared/api/routes.js';
import type { AdminServices } from '../../core/admin/admin-services.js';
import { parseInput, sendJson } from './io.js';
import type { Handler } from './io.js';
import type { Request } from 'express';

/** The `{key}` of a custom-field path. */
const keyOf = (req: Request): string => (typeof req.params.key === 'string' ? req.params.key : '');

type Keys = Extract<
  ApiRouteKey,
  | 'getMappings'
  | 'putMappings'
  | 'checkMappings'
  | 'previewMapping'
  | 'applyMapping'
  | 'listUnmappedAttributes'
  | 'mapAttribute'
  | 'listCustomFields'
  | 'createCustomField'
  | 'getCustomFieldUsage'
  | 'renameCustomField'
  | 'deleteCustomField'
>;

/** The attribute-mapping table, custom fields, preview and apply, and the attributes not mapped yet. */
export function mappingHandlers(s: AdminServices): Record<Keys, Handler> {
  return {
    getMappings: (_req, res) => sendJson(res, MappingTableSchema, s.mappings.table()),
    putMappings: (req, res) => sendJson(res, MappingTableSchema, s.mappings.replace(parseInput(MappingTableSchema, req.body, 'body').rows)),
    checkMappings: (req, res) => sendJson(res, MappingCheckSchema, { problems: s.mappings.check(parseInput(MappingCheckRequestSchema, req.body, 'body').rows) }),
    previewMapping: (req, res) => sendJson(res, MappingPreviewSchema, s.mappings.preview(parseInput(MappingPreviewRequestSchema, req.body, 'body'))),
    applyMapping: (req, res) => {
      const { dryRun } = parseInput(MappingApplyQuerySchema, req.query, 'query');
      sendJson(res, MappingApplyResultSchema, s.mappings.apply(dryRun === 'true'));
    },
    listUnmappedAttributes: (_req, res) => sendJson(res, UnmappedAttributeListSchema, s.unmapped.list()),
    mapAttribute: (req, res) => sendJson(res, MappingTableSchema, s.unmapped.map(parseInput(MapAttributeRequestSchema, req.body, 'body')), 201),
    listCustomFields: (_req, res) => sendJson(res, CustomFieldListSchema, { fields: s.mappings.customFields() }),
    getCustomFieldUsage: (req, res) => sendJson(res, CustomFieldUsageSchema, s.mappings.customFieldUsage(keyOf(req))),
    renameCustomField: (req, res) => sendJson(res, CustomFieldSchema, s.mappings.renameCustomField(keyOf(req), parseInput(CustomFieldRenameSchema, req.body, 'body').label)),
    deleteCustomField: (req, res) => {
      s.mappings.deleteCustomField(keyOf(req));
      res.status(204).end();
    },
    createCustomField: (req, res) => sendJson(res, CustomFieldSchema, s.mappings.createCustomField(parseInput(CustomFieldSchema, req.body, 'body')), 201),
  };
}
