import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ScimRequestContext } from '../../core/provisioning/users-service.js';

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

/** Per-request state kept on `res.locals`. */
export interface ScimLocals {
  requestId: string;
  startNs: bigint;
  client: string;
  /** Set once the provisioning log row for this request is written or queued. */
  isLogged: boolean;
}

export const localsOf = (res: Response): ScimLocals => res.locals as ScimLocals;

/** The `/scim/v2` base URL as the client sees it: the admin's public URL, else the request's host. */
export function baseUrlOf(req: Request, publicBaseUrl: string): string {
  if (publicBaseUrl) return `${publicBaseUrl.replace(/\/+$/, '')}/scim/v2`;
  return `${req.protocol}://${req.get('host') ?? 'localhost'}/scim/v2`;
}

export function newLocals(req: Request): ScimLocals {
  return { requestId: randomUUID(), startNs: process.hrtime.bigint(), client: clientFromUserAgent(req.get('user-agent')), isLogged: false };
}

/** Build the service context from an Express request. */
export function scimContext(req: Request, res: Response, publicBaseUrl: string, body: unknown = req.body): ScimRequestContext {
  const l = localsOf(res);
  l.isLogged = true;
  const q = req.query as Record<string, unknown>;
  return {
    requestId: l.requestId,
    client: l.client,
    clientAddress: (res.locals.clientAddress as string | null | undefined) ?? null,
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
