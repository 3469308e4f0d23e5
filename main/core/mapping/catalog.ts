import { DEFAULT_MAPPING } from '../../../shared/api/mapping.js';
import type { CustomField, MappingRow } from '../../../shared/api/mapping.js';
import { createSchemaRegistry } from '../scim/schema-registry.js';
import type { CustomExtensionAttr, SchemaRegistry } from '../scim/schema-registry.js';
import type { RoleRef } from './role-map.js';
import type { Db } from '../store/db.js';

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

export function createCatalog(db: Db, roleAttribute: () => string): Catalog {
  const rowsStmt = db.prepare<[], { scim_path: string; target: string; enabled: number }>('SELECT scim_path, target, enabled FROM mappings ORDER BY position, id');
  const fieldsStmt = db.prepare<[], CustomField>('SELECT key, label, type FROM custom_fields ORDER BY id');
  const roleByName = db.prepare<[string], RoleRef>('SELECT id, name FROM roles WHERE name = ?');
  const roleById = db.prepare<[number], RoleRef>('SELECT id, name FROM roles WHERE id = ?');
  const seeded = db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'mappingsSeeded'");

  // The shipped mapping is written once, at first start, so the admin edits real rows.
  if (!seeded.get()) {
    const ins = db.prepare('INSERT INTO mappings (position, scim_path, target, enabled) VALUES (?, ?, ?, 1)');
    db.transaction(() => {
      DEFAULT_MAPPING.forEach((r, i) => ins.run(i, r.scimPath, r.target));
      db.prepare("INSERT INTO settings (key, value) VALUES ('mappingsSeeded', 'true')").run();
    })();
  }

  let cache: { rows: MappingRow[]; fields: CustomField[]; registry: SchemaRegistry; roleAttr: string } | undefined;
  const load = (): NonNullable<typeof cache> => {
    const roleAttr = roleAttribute();
    if (cache && cache.roleAttr === roleAttr) return cache;
    const rows = rowsStmt.all().map((r) => ({ scimPath: r.scim_path, target: r.target, enabled: r.enabled === 1 }));
    cache = { rows, fields: fieldsStmt.all(), registry: createSchemaRegistry(customExtensionAttrs(rows, [roleAttr])), roleAttr };
    return cache;
  };
  return {
    mappingRows: () => load().rows,
    customFields: () => load().fields,
    registry: () => load().registry,
    findRoleByName: (name) => roleByName.get(name),
    findRoleById: (id) => roleById.get(id),
    invalidate: () => {
      cache = undefined;
    },
  };
}
