import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ScimRequestContext } from '../../core/provisioning/users-service.js';
import type { ScimError } from '../../core/scim/errors.js';

let lastAgent: { ua: string; client: string } | undefined;

/** Which IdP sent the request, from its User-Agent (Okta: "Okta SCIM Client 1.0.0"). */
export function clientFromUserAgent(ua: string | undefined): string {
  if (!ua) return 'other';
  // An IdP sends the same User-Agent on every request: remember the last answer.
  if (lastAgent?.ua === ua) return lastAgent.client;
  lastAgent = { ua, client: clientOf(ua) };
  return lastAgent.client;
}

function clientOf(ua: string): string {
  if (/okta/i.test(ua)) return 'Okta';
  if (/azure|microsoft|entra|aad|msft/i.test(ua)) return 'Entra ID';
  if (/onelogin/i.test(ua)) return 'OneLogin';
  if (/jumpcloud/i.test(ua)) return 'JumpCloud';
  if (/ping/i.test(ua)) return 'Ping';
  return 'other';
}

const list = (v: unknown): string[] =>
  typeof v === 'string' && v.trim() !== '' ? v.split(',').map((s) => s.trim()).filter(Boolean) : [];

/** Per-request state: `res.locals` is replaced by one object of this shape (not grown property by property). */
export interface ScimLocals {
  requestId: string;
  startNs: bigint;
  client: string;
  /** See `clientAddressOf` in client-address.ts. */
  clientAddress: string | null;
  /** Set once the connector key was accepted (and SCIM is on): until then the request is anonymous. */
  isAuthenticated: boolean;
  /** Set once the provisioning log row for this request is written or queued. */
  isLogged: boolean;
  /** The error the error handler answered with, for the log row of a request nobody logged. */
  error: ScimError | undefined;
}

export const localsOf = (res: Response): ScimLocals => res.locals as ScimLocals;

/** The `/scim/v2` base URL as the client sees it: the admin's public URL, else the request's host. */
export function baseUrlOf(req: Request, publicBaseUrl: string): string {
  if (publicBaseUrl) return `${publicBaseUrl.replace(/\/+$/, '')}/scim/v2`;
  return `${req.protocol}://${req.get('host') ?? 'localhost'}/scim/v2`;
}

export function newLocals(req: Request, clientAddress: string | null): ScimLocals {
  return { requestId: randomUUID(), startNs: process.hrtime.bigint(), client: clientFromUserAgent(req.headers['user-agent']), clientAddress, isAuthenticated: false, isLogged: false, error: undefined };
}

/**
 * Build the service context from an Express request. `query` is `req.query` if the caller has read
 * it already: Express 5 parses the query string again on every read of `req.query`.
 */
export function scimContext(
  req: Request,
  res: Response,
  publicBaseUrl: string,
  body: unknown = req.body,
  q: Record<string, unknown> = req.query as Record<string, unknown>,
): ScimRequestContext {
  const l = localsOf(res);
  l.isLogged = true;
  return {
    requestId: l.requestId,
    client: l.client,
    clientAddress: l.clientAddress,
    method: req.method,
    path: req.originalUrl.split('?')[0] ?? req.originalUrl,
    startNs: l.startNs,
    baseUrl: baseUrlOf(req, publicBaseUrl),
    body,
    attributes: list(q.attributes),
    excludedAttributes: list(q.excludedAttributes),
    ifMatch: req.get('if-match'),
  };
}
