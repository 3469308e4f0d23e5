import { CustomFieldSchema, DEFAULT_MAPPING } from '../../../shared/api/mapping.js';
import type { CustomField, MappingRow } from '../../../shared/api/mapping.js';
import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';

/** `mappings` (the attribute-mapping table, in order) and `custom_fields`. */
export interface MappingsRepo {
  rows(): MappingRow[];
  /** Replace the whole table (inside a write). */
  replaceRows(rows: ReadonlyArray<MappingRow>): void;
  customFields(): CustomField[];
  hasCustomField(key: string): boolean;
  insertCustomField(field: CustomField): void;
  /** Whether another custom field has this label (compared without case). */
  customLabelTaken(label: string, exceptKey?: string): boolean;
  renameCustomField(key: string, label: string): void;
  deleteCustomField(key: string): void;
  /** Members with a value for the field (a scan of the members: asked once, before a delete). */
  membersWithCustomValue(key: string): number;
  /** Up to `limit` members of any lifecycle after id `afterId` (in id order) whose custom values hold the key (to clear them before a delete). */
  membersHoldingCustomKey(key: string, afterId: string, limit: number): string[];
}

export function createMappingsRepo(db: Db, uow: UnitOfWork): MappingsRepo {
  const read = uow.beforeRead;
  const rows = db.prepare<[], { scim_path: string; target: string; enabled: number }>('SELECT scim_path, target, enabled FROM mappings ORDER BY position, id');
  const clear = db.prepare('DELETE FROM mappings');
  const insert = db.prepare('INSERT INTO mappings (position, scim_path, target, enabled) VALUES (?, ?, ?, ?)');
  const fields = db.prepare<[], unknown>('SELECT key, label, type FROM custom_fields ORDER BY id');
  const fieldByKey = db.prepare<[string], number>('SELECT 1 FROM custom_fields WHERE key = ?').pluck();
  const insertField = db.prepare('INSERT INTO custom_fields (key, label, type) VALUES (?, ?, ?)');
  const labelTaken = db.prepare<[string, string], number>('SELECT 1 FROM custom_fields WHERE lower(label) = lower(?) AND key <> ?').pluck();
  const renameField = db.prepare('UPDATE custom_fields SET label = ? WHERE key = ?');
  const deleteField = db.prepare('DELETE FROM custom_fields WHERE key = ?');
  const withValue = db.prepare<[string], number>("SELECT count(*) FROM members WHERE lifecycle <> 'admin_deleted' AND json_type(custom_json, ?) NOT IN ('null')").pluck();
  const holding = db.prepare<[string, string, number], string>('SELECT id FROM members WHERE id > ? AND json_type(custom_json, ?) IS NOT NULL ORDER BY id LIMIT ?').pluck();
  const seeded = db.prepare<[], number>("SELECT 1 FROM settings WHERE key = 'mappingsSeeded'").pluck();
  const markSeeded = db.prepare("INSERT INTO settings (key, value) VALUES ('mappingsSeeded', 'true')");

  const replaceRows = (list: ReadonlyArray<MappingRow>): void => {
    clear.run();
    list.forEach((r, i) => insert.run(i, r.scimPath.trim(), r.target, r.enabled ? 1 : 0));
  };
  // The shipped mapping is written once, at first start, so the admin edits real rows.
  if (seeded.get() === undefined) {
    db.transaction(() => {
      replaceRows(DEFAULT_MAPPING);
      markSeeded.run();
    })();
  }
  return {
    rows: () => (read(), rows.all().map((r) => ({ scimPath: r.scim_path, target: r.target, enabled: r.enabled === 1 }))),
    replaceRows,
    customFields: () => (read(), fields.all().map((f) => CustomFieldSchema.parse(f))),
    hasCustomField: (key) => (read(), fieldByKey.get(key) !== undefined),
    insertCustomField: (f) => void insertField.run(f.key, f.label, f.type),
    customLabelTaken: (label, exceptKey = '') => (read(), labelTaken.get(label.trim(), exceptKey) !== undefined),
    renameCustomField: (key, label) => void renameField.run(label, key),
    deleteCustomField: (key) => void deleteField.run(key),
    // Keys are [a-z][a-z0-9_]* (CustomFieldSchema), so the JSON path needs no quoting.
    membersWithCustomValue: (key) => (read(), withValue.get(`$.${key}`) ?? 0),
    membersHoldingCustomKey: (key, afterId, limit) => (read(), holding.all(afterId, `$.${key}`, limit)),
  };
}
