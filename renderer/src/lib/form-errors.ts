import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, errorMessage } from '../api/http-client';

/**
 * Puts a server refusal next to the fields it names: each `{ field, message }` of the error envelope
 * whose field is one of the form's `fields` goes to that field. Anything else (no field, a field the
 * form does not show, a network failure) goes to the form root with the whole message.
 */
export function applyServerError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: ReadonlyArray<Path<T>>): void {
  const named = error instanceof ApiError ? error.fields : [];
  const placed = named.flatMap((f) => {
    const field = fields.find((name) => name === f.field);
    return field === undefined ? [] : [{ field, message: f.message }];
  });
  for (const { field, message } of placed) setError(field, { type: 'server', message });
  if (placed.length === 0 || placed.length < named.length) setError('root.server' as Path<T>, { type: 'server', message: errorMessage(error) });
}
