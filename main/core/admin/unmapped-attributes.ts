import type { CustomField, MapAttributeRequest, MappingTable, UnmappedAttributeList } from '../../../shared/api/mapping.js';
import type { Settings } from '../../../shared/api/settings.js';
import type { Logger } from '../logger.js';
import { mappingPathProblem } from '../mapping/attribute-map.js';
import { attributePaths, pathKey } from '../mapping/attribute-paths.js';
import type { Catalog } from '../mapping/catalog.js';
import { customExtensionAttrs } from '../mapping/catalog.js';
import { createSchemaRegistry } from '../scim/schema-registry.js';
import { storedDocOf } from '../store/member-row.js';
import type { MappingsRepo } from '../store/mappings-repo.js';
import type { MembersRepo } from '../store/members-repo.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { ConflictError, InvalidInputError } from './errors.js';

/** Members read per batch while scanning (in id order, so no cursor stays open). */
const BATCH = 1000;

export interface UnmappedAttributes {
  /**
   * The attributes the IdP sends that no mapping row (and not the role attribute) reads, with how
   * many members carry each, most common first: what to map, without copying a name by hand.
   */
  list(): UnmappedAttributeList;
  /** Append a mapping row for one attribute, creating the custom field it fills if asked, in one transaction. */
  map(req: MapAttributeRequest): MappingTable;
}

export interface UnmappedAttributesDeps {
  readonly uow: UnitOfWork;
  readonly mappings: Pick<MappingsRepo, 'replaceRows' | 'hasCustomField' | 'insertCustomField'>;
  readonly members: Pick<MembersRepo, 'scimMembersAfter'>;
  readonly catalog: Catalog;
  readonly settings: () => Settings;
  readonly logger: Logger;
}

export function createUnmappedAttributes(deps: UnmappedAttributesDeps): UnmappedAttributes {
  const { catalog } = deps;
  return {
    list() {
      const mapped = new Set([...catalog.mappingRows().map((r) => pathKey(r.scimPath)), pathKey(deps.settings().roleAttribute)]);
      const registry = catalog.registry();
      const seen = new Map<string, { count: number; example: string | null }>();
      let scanned = 0;
      for (let last = ''; ; ) {
        const page = deps.members.scimMembersAfter(last, BATCH);
        if (page.length === 0) break;
        for (const row of page) {
          last = row.id;
          if (row.lifecycle === 'admin_deleted') continue;
          scanned++;
          for (const [path, example] of attributePaths(storedDocOf(row), registry)) {
            if (mapped.has(pathKey(path))) continue;
            const entry = seen.get(path);
            if (entry) entry.count++;
            else seen.set(path, { count: 1, example });
          }
        }
      }
      const attributes = [...seen]
        .map(([scimPath, e]) => ({ scimPath, memberCount: e.count, example: e.example }))
        .sort((a, b) => b.memberCount - a.memberCount || a.scimPath.localeCompare(b.scimPath));
      return { attributes, membersScanned: scanned };
    },
    map(req) {
      const rows = [...catalog.mappingRows()];
      const field: CustomField | undefined = 'newField' in req ? req.newField : undefined;
      const target = field ? `custom:${field.key}` : 'target' in req ? req.target : '';
      const registry = createSchemaRegistry(customExtensionAttrs([...rows, { scimPath: req.scimPath }], [deps.settings().roleAttribute]));
      const problem = mappingPathProblem(req.scimPath, registry);
      if (problem) throw new InvalidInputError('invalid-mapping-path', `"${req.scimPath}" is not a usable SCIM path: ${problem}`, { fields: [{ field: 'scimPath', message: problem }] });
      if (rows.some((r) => pathKey(r.scimPath) === pathKey(req.scimPath) && r.target === target)) {
        throw new ConflictError('mapping-exists', `"${req.scimPath}" is already mapped to ${target}.`);
      }
      if (field && deps.mappings.hasCustomField(field.key)) throw new ConflictError('custom-field-exists', `A custom field with key "${field.key}" already exists; map to it instead.`);
      if (!field && target.startsWith('custom:') && !catalog.customFields().some((f) => `custom:${f.key}` === target)) {
        throw new InvalidInputError('unknown-custom-field', `There is no custom field ${target}. Create it first, or ask for a new one.`);
      }
      deps.uow.write(() => {
        if (field) deps.mappings.insertCustomField(field);
        deps.mappings.replaceRows([...rows, { scimPath: req.scimPath, target, enabled: true }]);
      });
      catalog.invalidate();
      deps.logger.info({ scimPath: req.scimPath, target }, 'attribute mapped');
      return { rows: [...catalog.mappingRows()] };
    },
  };
}
