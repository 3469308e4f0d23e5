import { z } from 'zod';
import { FieldChangeSchema } from '../../../shared/api/log-events.js';
import type { FieldChange } from '../../../shared/api/log-events.js';

/**
 * JSON held in TEXT columns, parsed with zod at the repository edge: a row edited by hand or
 * written by a future version fails here, with the column named, instead of deep inside a use case.
 */
export class StoredJsonError extends Error {
  override readonly name = 'StoredJsonError';
}

/** A SCIM resource as stored (`members.scim_json`): a JSON object. */
export const StoredDocSchema = z.record(z.string(), z.unknown());
/** Custom field values (`members.custom_json`). */
export const CustomValuesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
/** A change set (`member_history.changes_json`, `provisioning_log.changes_json`). */
export const ChangesSchema = z.array(FieldChangeSchema);

export type CustomValues = z.infer<typeof CustomValuesSchema>;

export function parseColumn<T extends z.ZodType>(schema: T, text: string, column: string): z.output<T> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new StoredJsonError(`${column} holds text that is not JSON`, { cause: err });
  }
  const r = schema.safeParse(value);
  if (!r.success) throw new StoredJsonError(`${column} does not have the stored shape: ${r.error.issues[0]?.message ?? 'invalid'}`);
  return r.data;
}

/** Any JSON value (stored request and response bodies). */
export const parseAnyJson = (text: string | null, column: string): unknown => (text === null ? null : parseColumn(z.unknown(), text, column));

export const parseChanges = (text: string | null, column: string): FieldChange[] => (text === null ? [] : parseColumn(ChangesSchema, text, column));
