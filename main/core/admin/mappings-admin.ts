import type { CustomField, CustomFieldUsage, MappingPreview, MappingRow, MappingTable } from '../../../shared/api/mapping.js';
import type { MappingApplyResult } from '../../../shared/api/routes.js';
import type { FieldChange } from '../../../shared/api/log-events.js';
import type { Settings } from '../../../shared/api/settings.js';
import type { Logger } from '../logger.js';
import type { Catalog } from '../mapping/catalog.js';
import type { MemberWriter } from '../members/member-writer.js';
import type { MappingsRepo } from '../store/mappings-repo.js';
import type { MembersRepo } from '../store/members-repo.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { deriveFields, mappingPathProblem } from '../mapping/attribute-map.js';
import { customExtensionAttrs, roleContextOf } from '../mapping/catalog.js';
import { decideRole } from '../mapping/role-map.js';
import type { CurrentRole } from '../mapping/role-map.js';
import { ScimError } from '../scim/errors.js';
import { toUserDoc } from '../scim/resources/user-doc.js';
import type { UserDoc } from '../scim/resources/user-doc.js';
import { createSchemaRegistry } from '../scim/schema-registry.js';
import type { SchemaRegistry } from '../scim/schema-registry.js';
import { FIELD_COLUMNS, customOf, storedDocOf } from '../store/member-row.js';
import type { MemberRow } from '../store/member-row.js';
import { ConflictError, InvalidInputError, NotFoundError } from './errors.js';

/** A preview request: a pasted SCIM user or an existing member, optionally with unsaved mapping rows. */
export type PreviewRequest =
  | { readonly resource: Record<string, unknown>; readonly rows?: ReadonlyArray<MappingRow> | undefined }
  | { readonly memberId: string; readonly rows?: ReadonlyArray<MappingRow> | undefined };

export interface MappingsAdmin {
  table(): MappingTable;
  /** Replace the whole table in one transaction after validating every row. */
  replace(rows: ReadonlyArray<MappingRow>): MappingTable;
  /** What is wrong with each row of a draft table (nothing is saved): the GUI checks as the admin types. */
  check(rows: ReadonlyArray<Pick<MappingRow, 'scimPath' | 'target'>>): MappingProblem[];
  customFields(): CustomField[];
  createCustomField(field: CustomField): CustomField;
  renameCustomField(key: string, label: string): CustomField;
  /** Refused while a mapping row feeds the field; members' values for it are deleted with it (history kept). */
  deleteCustomField(key: string): void;
  customFieldUsage(key: string): CustomFieldUsage;
  preview(req: PreviewRequest): MappingPreview;
  /** Re-derive every IdP member's fields from its stored SCIM resource (or only count, on a dry run). */
  apply(dryRun: boolean): MappingApplyResult;
}

/** One bad row of a mapping table: the field (`rows.3.scimPath`) and what is wrong, in words. */
export interface MappingProblem {
  readonly index: number;
  readonly field: string;
  readonly message: string;
}

/** Rows applied per batch; members are read in id order so the transaction never holds an open cursor. */
const BATCH = 1000;

const text = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

export interface MappingsAdminDeps {
  readonly uow: UnitOfWork;
  readonly mappings: Pick<
    MappingsRepo,
    'replaceRows' | 'hasCustomField' | 'insertCustomField' | 'customLabelTaken' | 'renameCustomField' | 'deleteCustomField' | 'membersWithCustomValue' | 'membersHoldingCustomKey'
  >;
  readonly members: Pick<MembersRepo, 'byId' | 'scimMembersAfter'>;
  readonly writer: MemberWriter;
  readonly catalog: Catalog;
  readonly settings: () => Settings;
  /** Names of the IdP groups a member is in, as the role decision sees them (none while groups are off). */
  readonly memberGroups: (memberId: string) => ReadonlyArray<string>;
  readonly now: () => Date;
  readonly logger: Logger;
}

export function createMappingsAdmin(deps: MappingsAdminDeps): MappingsAdmin {
  const { uow, catalog } = deps;

  /** The registry the given rows imply (custom extension URNs they name, plus the role attribute's). */
  const registryFor = (rows: ReadonlyArray<MappingRow>): SchemaRegistry =>
    createSchemaRegistry(customExtensionAttrs(rows, [deps.settings().roleAttribute]));

  function customField(key: string): CustomField {
    const field = catalog.customFields().find((f) => f.key === key);
    if (!field) throw new NotFoundError('custom-field-not-found', `There is no custom field with key "${key}".`);
    return field;
  }
  /** 1-based numbers of the mapping rows that feed custom field `key`. */
  const feedingRows = (key: string): number[] => catalog.mappingRows().flatMap((r, i) => (r.target === `custom:${key}` ? [i + 1] : []));
  const labelTaken = (label: string) =>
    new ConflictError('custom-field-label-exists', `Another custom field is already labelled "${label}"; labels must differ so the admin can tell fields apart.`, {
      fields: [{ field: 'label', message: 'Another custom field already has this label.' }],
    });

  /** Every bad row, in order (issue #16: the admin fixes them all at once, not one per save). */
  function problems(rows: ReadonlyArray<Pick<MappingRow, 'scimPath' | 'target'>>): MappingProblem[] {
    const registry = registryFor(rows as ReadonlyArray<MappingRow>);
    const known = new Set(catalog.customFields().map((f) => f.key));
    return rows.flatMap((row, index): MappingProblem[] => {
      const path = row.scimPath.trim();
      if (path === '') return [{ index, field: `rows.${index}.scimPath`, message: `Row ${index + 1}: enter the SCIM attribute path.` }];
      const problem = mappingPathProblem(path, registry);
      if (problem) return [{ index, field: `rows.${index}.scimPath`, message: `Row ${index + 1} ("${path}"): ${problem}` }];
      if (row.target.startsWith('custom:') && !known.has(row.target.slice('custom:'.length))) {
        return [{ index, field: `rows.${index}.target`, message: `Row ${index + 1} maps to ${row.target}, but there is no such custom field. Create it first.` }];
      }
      return [];
    });
  }

  function validate(rows: ReadonlyArray<MappingRow>): SchemaRegistry {
    const found = problems(rows);
    const first = found[0];
    if (first) {
      const code = first.field.endsWith('.target') ? 'unknown-custom-field' : 'invalid-mapping-path';
      const message = found.length === 1 ? first.message : `${found.length} rows cannot be saved: ${found.map((p) => p.message).join(' ')}`;
      throw new InvalidInputError(code, message, { index: first.index, fields: found.map(({ field, message: m }) => ({ field, message: m })) });
    }
    return registryFor(rows);
  }

  /** Member fields and custom values a stored member would get from `doc`, with what differs. */
  function rederive(row: MemberRow, rows: ReadonlyArray<MappingRow>, registry: SchemaRegistry): { next: MemberRow; changes: FieldChange[] } {
    const doc = storedDocOf(row);
    const { fields, custom } = deriveFields(doc, rows, catalog.customFields(), registry);
    const changes: FieldChange[] = [];
    const next: MemberRow = { ...row, custom_json: JSON.stringify(custom) };
    for (const [field, col] of Object.entries(FIELD_COLUMNS)) {
      const value = fields[field as keyof typeof fields];
      if (text(row[col]) !== value) changes.push({ field, old: text(row[col]), new: value });
      (next as unknown as Record<string, unknown>)[col] = value;
    }
    const before: Record<string, unknown> = customOf(row);
    for (const [k, v] of Object.entries(custom)) if (text(before[k]) !== text(v)) changes.push({ field: `custom:${k}`, old: text(before[k]), new: text(v) });
    return { next, changes };
  }

  return {
    table: () => ({ rows: [...catalog.mappingRows()] }),
    check: problems,
    replace(rows) {
      validate(rows);
      uow.write(() => deps.mappings.replaceRows(rows));
      catalog.invalidate();
      return { rows: [...catalog.mappingRows()] };
    },
    customFields: () => [...catalog.customFields()],
    createCustomField(field) {
      if (deps.mappings.hasCustomField(field.key)) throw new ConflictError('custom-field-exists', `A custom field with key "${field.key}" already exists.`);
      if (deps.mappings.customLabelTaken(field.label)) throw labelTaken(field.label);
      uow.write(() => deps.mappings.insertCustomField(field));
      catalog.invalidate();
      return field;
    },
    renameCustomField(key, label) {
      const field = customField(key);
      if (deps.mappings.customLabelTaken(label, key)) throw labelTaken(label);
      uow.write(() => deps.mappings.renameCustomField(key, label));
      catalog.invalidate();
      return { ...field, label };
    },
    deleteCustomField(key) {
      customField(key);
      const rows = feedingRows(key);
      if (rows.length > 0) {
        throw new ConflictError('custom-field-in-use', `Mapping row${rows.length === 1 ? '' : 's'} ${rows.join(', ')} ${rows.length === 1 ? 'feeds' : 'feed'} this field. Remove or repoint ${rows.length === 1 ? 'it' : 'them'} first.`);
      }
      // The values go with the field (a field created later with the same key starts empty), each
      // through the member writer: a history entry and a new version per member, in batches.
      const at = deps.now().toISOString();
      // Paged by id, so each batch reads on from the last instead of scanning from the first member again.
      for (let ids = deps.mappings.membersHoldingCustomKey(key, '', BATCH); ids.length > 0; ids = deps.mappings.membersHoldingCustomKey(key, ids[ids.length - 1] ?? '', BATCH)) {
        uow.write(() => {
          for (const id of ids) {
            const m = deps.members.byId(id);
            if (!m) continue;
            const { [key]: old, ...rest } = customOf(m);
            deps.writer.save({ prev: m, next: { ...m, custom_json: JSON.stringify(rest) }, changes: [{ field: `custom:${key}`, old: text(old), new: null }], actor: 'admin', at });
          }
        });
      }
      uow.write(() => deps.mappings.deleteCustomField(key));
      catalog.invalidate();
    },
    customFieldUsage(key) {
      customField(key);
      return { members: deps.mappings.membersWithCustomValue(key), mappingRows: feedingRows(key) };
    },
    preview(req) {
      const rows = req.rows ?? catalog.mappingRows();
      const registry = req.rows ? validate(req.rows) : catalog.registry();
      let doc: UserDoc;
      let current: CurrentRole | null = null;
      let groups: ReadonlyArray<string> = [];
      if ('resource' in req) {
        try {
          doc = toUserDoc(req.resource, registry);
        } catch (err) {
          if (err instanceof ScimError) throw new InvalidInputError('invalid-resource', `The SCIM user cannot be read: ${err.detail}`);
          throw err;
        }
      } else {
        const row = deps.members.byId(req.memberId);
        if (!row || row.lifecycle === 'admin_deleted') throw new NotFoundError('member-not-found', `There is no member with id ${req.memberId}.`);
        doc = storedDocOf(row);
        current = { roleId: row.role_id, roleLocked: row.role_locked === 1, roleSource: row.role_source };
        groups = deps.memberGroups(row.id);
      }
      const { fields, custom } = deriveFields(doc, rows, catalog.customFields(), registry);
      const decision = decideRole(doc, current, roleContextOf(catalog, deps.settings(), registry), { groups });
      return {
        fields,
        custom,
        role: decision.kind === 'role' ? { kind: 'role', roleId: decision.role.id, roleName: decision.role.name } : { kind: 'refused', detail: decision.detail },
      };
    },
    apply(dryRun) {
      const rows = catalog.mappingRows();
      const registry = catalog.registry();
      const at = deps.now().toISOString();
      let changed = 0;
      let total = 0;
      const run = (): void => {
        for (let last = ''; ; ) {
          const page = deps.members.scimMembersAfter(last, BATCH);
          if (page.length === 0) break;
          for (const row of page) {
            total++;
            last = row.id;
            const { next, changes } = rederive(row, rows, registry);
            if (changes.length === 0) continue;
            changed++;
            if (dryRun) continue;
            deps.writer.save({ prev: row, next, changes, actor: 'admin', at });
          }
        }
      };
      if (dryRun) run();
      else uow.write(run);
      if (!dryRun) deps.logger.info({ changed, total }, 'mapping applied to existing members');
      return { changed, total, dryRun };
    },
  };
}
