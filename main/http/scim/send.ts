import type { Response } from 'express';
import { SCIM_CONTENT_TYPE } from '../../../shared/scim/urns.js';

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
