/** An admin-API error: `{ "error": { "code": "kebab-case", "message": "…" } }` with an HTTP status. */
export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
