/**
 * An admin-API error: `{ "error": { "code": "kebab-case", "message": "…", ...details } }` with an HTTP
 * status. `details` carries machine-readable extras (e.g. the index of a bad mapping row).
 */
export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}
