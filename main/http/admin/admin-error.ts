/**
 * An admin-API error: `{ "error": { "code": "kebab-case", "message": "…", ...details } }` with an HTTP
 * status. The core's typed error (core/errors.ts), so the admin listener and the use cases share one
 * model; `details` carries machine-readable extras (e.g. the fields of a refused body).
 */
export { DomainError as AdminError } from '../../core/errors.js';
