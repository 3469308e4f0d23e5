import { Router } from 'express';
import type { Request, Response } from 'express';
import {
  URN_GROUP, URN_LIST_RESPONSE, URN_RESOURCE_TYPE, URN_SCHEMA, URN_SERVICE_PROVIDER_CONFIG, URN_USER,
} from '../../../shared/scim/urns.js';
import { ScimError, notFound } from '../../core/scim/errors.js';
import type { SchemaRegistry } from '../../core/scim/schema-registry.js';
import { MAX_RESULTS } from '../../core/provisioning/users-service.js';
import { baseUrlOf } from './context.js';
import { sendScim } from './send.js';

/** Largest request body accepted on the SCIM listener (also in ServiceProviderConfig `bulk.maxPayloadSize`). */
export const MAX_BODY_BYTES = 1024 * 1024;

const methodNotAllowed = (): never => {
  throw new ScimError(405, undefined, 'This endpoint is read-only; use GET.');
};

function listResponse(resources: ReadonlyArray<unknown>): Record<string, unknown> {
  return { schemas: [URN_LIST_RESPONSE], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}

/** `/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas` (RFC 7644 §4): what SCIM Desk really supports. */
export function discoveryRoutes(registry: () => SchemaRegistry, publicBaseUrl: () => string): Router {
  const r = Router();
  const base = (req: Request) => baseUrlOf(req, publicBaseUrl());

  const spc = (req: Request) => ({
    schemas: [URN_SERVICE_PROVIDER_CONFIG],
    documentationUri: 'https://github.com/scim-desk/scim-desk#readme',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: MAX_BODY_BYTES },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'Bearer token',
        description: 'The connector key from SCIM Desk, sent as "Authorization: Bearer <key>" (Entra: Secret Token; Okta: HTTP Header).',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base(req)}/ServiceProviderConfig` },
  });

  const userType = (req: Request) => ({
    schemas: [URN_RESOURCE_TYPE],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'People provisioned into SCIM Desk as members',
    schema: URN_USER,
    schemaExtensions: registry().extensionUrns.map((urn) => ({ schema: urn, required: false })),
    meta: { resourceType: 'ResourceType', location: `${base(req)}/ResourceTypes/User` },
  });
  const groupType = (req: Request) => ({
    schemas: [URN_RESOURCE_TYPE],
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'Not provisioned: SCIM Desk answers group lists with an empty result. Turn group provisioning off in the IdP.',
    schema: URN_GROUP,
    meta: { resourceType: 'ResourceType', location: `${base(req)}/ResourceTypes/Group` },
  });

  const schemaResource = (req: Request, id: string) => {
    const s = registry().schemas.find((x) => x.id.toLowerCase() === id.toLowerCase());
    if (!s) return undefined;
    return { schemas: [URN_SCHEMA], ...s, meta: { resourceType: 'Schema', location: `${base(req)}/Schemas/${s.id}` } };
  };

  const send = (res: Response, body: unknown) => sendScim(res, 200, body);
  r.get('/ServiceProviderConfig', (req, res) => send(res, spc(req)));
  r.get('/ResourceTypes', (req, res) => send(res, listResponse([userType(req), groupType(req)])));
  r.get('/ResourceTypes/:id', (req, res) => {
    const id = req.params.id.toLowerCase();
    if (id === 'user') return send(res, userType(req));
    if (id === 'group') return send(res, groupType(req));
    throw notFound(`Resource type ${req.params.id} not found.`);
  });
  r.get('/Schemas', (req, res) => send(res, listResponse(registry().schemas.map((s) => schemaResource(req, s.id)))));
  r.get('/Schemas/:id', (req, res) => {
    const s = schemaResource(req, req.params.id);
    if (!s) throw notFound(`Schema ${req.params.id} not found.`);
    send(res, s);
  });
  for (const path of ['/ServiceProviderConfig', '/ResourceTypes', '/ResourceTypes/:id', '/Schemas', '/Schemas/:id']) {
    r.post(path, methodNotAllowed).put(path, methodNotAllowed).patch(path, methodNotAllowed).delete(path, methodNotAllowed);
  }
  return r;
}

