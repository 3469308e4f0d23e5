import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, errorMessage } from '../api/http-client';

/**
 * Puts a server refusal next to the field it is about when the message names one of `fields`
 * (the admin API answers 400 `{error:{code,message}}`); otherwise on the form root.
 */
export function applyServerError<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fields: ReadonlyArray<Path<T>>): void {
  const message = errorMessage(error);
  if (error instanceof ApiError && error.status === 400) {
    const field = fields.find((f) => message.toLowerCase().includes(String(f).toLowerCase()));
    if (field) {
      setError(field, { type: 'server', message });
      return;
    }
  }
  setError('root.server' as Path<T>, { type: 'server', message });
}
