import { MEMBER_FIELDS } from '../../../shared/api/mapping.js';
import type { CustomField, MappingRow, MemberField } from '../../../shared/api/mapping.js';
import type { MemberFields } from '../store/member-row.js';
import type { CustomValues } from '../store/json-columns.js';
import { parsePatchPath } from '../scim/filter/path.js';
import { evaluateOnElement } from '../scim/filter/evaluate.js';
import { ScimError } from '../scim/errors.js';
import { isPlainObject } from '../scim/resources/user-doc.js';
import type { UserDoc } from '../scim/resources/user-doc.js';
import type { SchemaRegistry } from '../scim/schema-registry.js';

export type { MemberFields } from '../store/member-row.js';
export type { CustomValues } from '../store/json-columns.js';

/**
 * Read the value a SCIM path points at in a stored doc, with the same path grammar PATCH uses
 * (`emails[type eq "work"].value`, `urn:…:User:manager`). Returns the first match as text, or null.
 */
export function readScimPath(doc: UserDoc, path: string, registry: SchemaRegistry): string | null {
  const p = parsePatchPath(path, registry);
  const container = p.attribute.isExtension ? doc[p.attribute.schema] : doc;
  if (!isPlainObject(container)) return null;
  let value: unknown = container[p.attribute.attr.name];
  if (p.valueFilter !== undefined) {
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    value = list.find((el) => isPlainObject(el) && evaluateOnElement(p.valueFilter!, el));
  } else if (Array.isArray(value)) {
    // A multi-valued attribute without a filter: the primary element, else the first.
    value = value.find((el) => isPlainObject(el) && el.primary === true) ?? value[0];
  }
  if (p.subAttribute) value = isPlainObject(value) ? value[p.subAttribute.name] : undefined;
  else if (isPlainObject(value)) value = value.value; // manager {value}, or an element picked by filter
  if (value === undefined || value === null || value === '') return null;
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
}

/** A mapping path is valid when the SCIM path grammar accepts it; returns the problem, or undefined. */
export function mappingPathProblem(path: string, registry: SchemaRegistry): string | undefined {
  try {
    parsePatchPath(path, registry);
    return undefined;
  } catch (err) {
    if (err instanceof ScimError) return err.detail;
    throw err;
  }
}

function coerceCustom(field: CustomField, text: string): string | number | boolean | null {
  switch (field.type) {
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean':
      return /^(true|yes|1)$/i.test(text.trim()) ? true : /^(false|no|0)$/i.test(text.trim()) ? false : null;
    case 'date': {
      const d = /^\d{4}-\d{2}-\d{2}/.exec(text.trim());
      return d && !Number.isNaN(Date.parse(d[0])) ? d[0] : null;
    }
    default:
      return text;
  }
}

/**
 * Derive member fields from a SCIM doc through the mapping table. Rows run in order and the first
 * non-empty value wins for a field, so fallback rows (primary email after work email) work.
 */
export function deriveFields(
  doc: UserDoc,
  rows: ReadonlyArray<MappingRow>,
  customFields: ReadonlyArray<CustomField>,
  registry: SchemaRegistry,
): { fields: MemberFields; custom: CustomValues } {
  const fields = Object.fromEntries(MEMBER_FIELDS.map((f) => [f, null])) as MemberFields;
  const custom: CustomValues = Object.fromEntries(customFields.map((f) => [f.key, null]));
  for (const row of rows) {
    if (!row.enabled) continue;
    let text: string | null;
    try {
      text = readScimPath(doc, row.scimPath, registry);
    } catch (err) {
      // A row saved before a schema change may no longer parse; it maps nothing rather than failing the IdP.
      if (err instanceof ScimError) continue;
      throw err;
    }
    if (text === null) continue;
    if (row.target.startsWith('custom:')) {
      const key = row.target.slice('custom:'.length);
      const def = customFields.find((f) => f.key === key);
      if (def && custom[key] === null) custom[key] = coerceCustom(def, text);
    } else if (fields[row.target as MemberField] === null) {
      fields[row.target as MemberField] = text;
    }
  }
  return { fields, custom };
}
