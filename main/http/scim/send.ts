import type { Response } from 'express';
import { SCIM_CONTENT_TYPE, URN_ERROR } from '../../../shared/scim/urns.js';
import type { ScimError } from '../../core/scim/errors.js';

/** Send a SCIM JSON body (or none, for 204) with `application/scim+json`. */
export function sendScim(res: Response, status: number, body?: unknown, headers?: Readonly<Record<string, string>>, json?: string): void {
  if (headers) for (const k in headers) res.setHeader(k, headers[k]!);
  res.statusCode = status; // Node's own setter: refused requests are answered before Express (create-scim-app.ts)
  if (body === undefined || status === 204) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', SCIM_CONTENT_TYPE);
  res.end(json ?? JSON.stringify(body));
}

/** RFC 7644 §3.12 error body; `status` is a string, as the RFC's examples and Entra expect. */
export function errorBody(err: Pick<ScimError, 'status' | 'scimType' | 'detail'>): Record<string, unknown> {
  return { schemas: [URN_ERROR], status: String(err.status), ...(err.scimType ? { scimType: err.scimType } : {}), detail: err.detail };
}
