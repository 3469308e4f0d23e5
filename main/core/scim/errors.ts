import { URN_ERROR } from '../../../shared/scim/urns.js';
import type { ScimErrorType } from '../../../shared/scim/urns.js';

/**
 * An error that maps to an RFC 7644 §3.12 error response. Domain and protocol code throws it;
 * the SCIM app's single error middleware turns it into JSON.
 */
export class ScimError extends Error {
  override readonly name = 'ScimError';
  constructor(
    readonly status: number,
    readonly scimType: ScimErrorType | undefined,
    readonly detail: string,
    /** Extra response headers (e.g. Retry-After on 429/503). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
  }
}

/**
 * RFC 7644 §3.12 error body; `status` is a string, as the RFC's examples and Entra expect. The SCIM
 * listener answers it and the provisioning log keeps it as the refusal's response body.
 */
export function errorBody(err: Pick<ScimError, 'status' | 'scimType' | 'detail'>): Record<string, unknown> {
  return { schemas: [URN_ERROR], status: String(err.status), ...(err.scimType ? { scimType: err.scimType } : {}), detail: err.detail };
}

export const invalidFilter = (detail: string): ScimError => new ScimError(400, 'invalidFilter', detail);
export const invalidSyntax = (detail: string): ScimError => new ScimError(400, 'invalidSyntax', detail);
export const invalidValue = (detail: string): ScimError => new ScimError(400, 'invalidValue', detail);
export const invalidPath = (detail: string): ScimError => new ScimError(400, 'invalidPath', detail);
export const noTarget = (detail: string): ScimError => new ScimError(400, 'noTarget', detail);
export const mutability = (detail: string): ScimError => new ScimError(400, 'mutability', detail);
export const uniqueness = (detail: string): ScimError => new ScimError(409, 'uniqueness', detail);
export const notFound = (detail: string): ScimError => new ScimError(404, undefined, detail);
