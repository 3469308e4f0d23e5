import { z } from 'zod';

/**
 * One invalid input value: `field` is the dotted path of the value inside the request body or
 * query (`rows.3.scimPath`, `name`), `message` says what is wrong with it.
 */
export const FieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldErrorSchema>;

/**
 * The admin API error envelope: `{ "error": { "code": "kebab-case", "message": "…", "fields"?: […] } }`.
 * `fields` comes with a 400 for input that fails validation, so a form can put each message next to
 * its field; other machine-readable extras (e.g. `index` of a mapping row) may sit beside it.
 */
export const ApiErrorSchema = z.object({
  error: z.looseObject({
    code: z.string(),
    message: z.string(),
    fields: z.array(FieldErrorSchema).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorSchema>;
