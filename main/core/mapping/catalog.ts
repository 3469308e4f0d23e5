import type { CustomField, MappingRow } from '../../../shared/api/mapping.js';
import { createSchemaRegistry } from '../scim/schema-registry.js';
import type { CustomExtensionAttr, SchemaRegistry } from '../scim/schema-registry.js';
import type { RoleContext, RoleRef, RoleRule } from './role-map.js';
import type { Settings } from '../../../shared/api/settings.js';
import type { MappingsRepo } from '../store/mappings-repo.js';
import type { RolesRepo } from '../store/roles-repo.js';

/**
 * The admin-defined configuration the SCIM path consults on every write: mapping rows, custom
 * fields, roles and the schema registry they imply. Cached in memory; `invalidate()` after edits.
 */
export interface Catalog {
  mappingRows(): ReadonlyArray<MappingRow>;
  customFields(): ReadonlyArray<CustomField>;
  registry(): SchemaRegistry;
  findRoleByName(name: string): RoleRef | undefined;
  findRoleById(id: number): RoleRef | undefined;
  /** Every role with the IdP groups that grant it, in role order (cached). */
  roleRules(): ReadonlyArray<RoleRule>;
  invalidate(): void;
}

/** Custom extension attributes named by mapping rows (so `/Schemas` shows what the admin mapped). */
export function customExtensionAttrs(rows: ReadonlyArray<Pick<MappingRow, 'scimPath'>>, extra: ReadonlyArray<string> = []): CustomExtensionAttr[] {
  const out: CustomExtensionAttr[] = [];
  for (const path of [...rows.map((r) => r.scimPath), ...extra]) {
    const m = /^(urn:[^[\]\s]+:User):([A-Za-z_$][\w$-]*)(?:\.[\w$]+)?$/i.exec(path.trim());
    if (!m || !m[1] || !m[2]) continue;
    if (/^urn:ietf:params:scim:schemas:(core|extension:enterprise):2\.0:User$/i.test(m[1])) continue;
    out.push({ urn: m[1], name: m[2] });
  }
  return out;
}

/** What the role decision reads, from the catalog and the settings in force. */
export function roleContextOf(catalog: Catalog, settings: Settings, registry: SchemaRegistry = catalog.registry()): RoleContext {
  return { settings, registry, findRoleByName: catalog.findRoleByName, findRoleById: catalog.findRoleById, roleRules: catalog.roleRules };
}

export interface CatalogDeps {
  readonly mappings: Pick<MappingsRepo, 'rows' | 'customFields'>;
  readonly roles: Pick<RolesRepo, 'ref' | 'refByName' | 'rules'>;
  readonly roleAttribute: () => string;
}

export function createCatalog(deps: CatalogDeps): Catalog {
  let cache: { rows: MappingRow[]; fields: CustomField[]; registry: SchemaRegistry; roleAttr: string } | undefined;
  const load = (): NonNullable<typeof cache> => {
    const roleAttr = deps.roleAttribute();
    if (cache && cache.roleAttr === roleAttr) return cache;
    const rows = deps.mappings.rows();
    cache = { rows, fields: deps.mappings.customFields(), registry: createSchemaRegistry(customExtensionAttrs(rows, [roleAttr])), roleAttr };
    return cache;
  };
  let rules: ReadonlyArray<RoleRule> | undefined;
  return {
    mappingRows: () => load().rows,
    customFields: () => load().fields,
    registry: () => load().registry,
    findRoleByName: (name) => deps.roles.refByName(name),
    findRoleById: (id) => deps.roles.ref(id),
    roleRules: () => (rules ??= deps.roles.rules()),
    invalidate: () => {
      cache = undefined;
      rules = undefined;
    },
  };
}
