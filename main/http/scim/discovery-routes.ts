import { Router } from 'express';
import type { Request, Response } from 'express';
import {
  URN_GROUP, URN_LIST_RESPONSE, URN_RESOURCE_TYPE, URN_SCHEMA, URN_SERVICE_PROVIDER_CONFIG, URN_USER,
} from '../../../shared/scim/urns.js';
import { ScimError, notFound } from '../../core/scim/errors.js';
import type { SchemaDef, SchemaRegistry } from '../../core/scim/schema-registry.js';
import { GROUP_SCHEMA, URN_MS_GROUP } from '../../core/scim/group-schema.js';
import { MAX_RESULTS } from '../../core/provisioning/users-service.js';
import { baseUrlOf } from './context.js';
import { sendScim } from './send.js';

/** Largest request body accepted on the SCIM listener (also in ServiceProviderConfig `bulk.maxPayloadSize`). */
export const MAX_BODY_BYTES = 1024 * 1024;

const DISCOVERY_PATHS = ['/ServiceProviderConfig', '/ResourceTypes', '/ResourceTypes/:id', '/Schemas', '/Schemas/:id'];

/**
 * Answers that need no request body, registered before the body parser: writes to the discovery
 * endpoints get 405 with `Allow` (a POST with a body that is not JSON used to get a 400 from the
 * parser), `/Bulk` and the root `/.search` get 501 (RFC 7644 §3.7: bulk is not supported, as
 * ServiceProviderConfig says; §3.4.3: search across resource types is not offered).
 */
export function bodylessRefusals(): Router {
  const r = Router();
  const readOnly = (req: Request, _res: Response, next: () => void): void => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    throw new ScimError(405, undefined, `${req.path} is read-only; use GET.`, { Allow: 'GET, HEAD' });
  };
  for (const path of DISCOVERY_PATHS) r.all(path, readOnly);
  r.all('/Bulk', () => {
    throw new ScimError(501, undefined, 'SCIM Desk does not support bulk operations (ServiceProviderConfig bulk.supported is false); send each operation on its own.');
  });
  r.post('/.search', () => {
    throw new ScimError(501, undefined, 'SCIM Desk does not support searching across resource types; use POST /Users/.search or POST /Groups/.search.');
  });
  return r;
}

function listResponse(resources: ReadonlyArray<unknown>): Record<string, unknown> {
  return { schemas: [URN_LIST_RESPONSE], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}

/**
 * `/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas` (RFC 7644 §4): what SCIM Desk really supports.
 * The Group resource type and its schema are listed together, exactly while groups are on (RFC 7643
 * §6: a resource type's schema must be published; scim2-client fails otherwise).
 */
export function discoveryRoutes(registry: () => SchemaRegistry, publicBaseUrl: () => string, isGroupsOn: () => boolean): Router {
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
    description: 'IdP groups; a role can be given to the members of named groups',
    schema: URN_GROUP,
    schemaExtensions: [{ schema: URN_MS_GROUP, required: false }],
    meta: { resourceType: 'ResourceType', location: `${base(req)}/ResourceTypes/Group` },
  });

  const schemas = (): ReadonlyArray<SchemaDef> => (isGroupsOn() ? [...registry().schemas, GROUP_SCHEMA] : registry().schemas);
  const schemaResource = (req: Request, id: string) => {
    const s = schemas().find((x) => x.id.toLowerCase() === id.toLowerCase());
    if (!s) return undefined;
    return { schemas: [URN_SCHEMA], ...s, meta: { resourceType: 'Schema', location: `${base(req)}/Schemas/${s.id}` } };
  };

  const send = (res: Response, body: unknown) => sendScim(res, 200, body);
  r.get('/ServiceProviderConfig', (req, res) => send(res, spc(req)));
  r.get('/ResourceTypes', (req, res) => send(res, listResponse(isGroupsOn() ? [userType(req), groupType(req)] : [userType(req)])));
  r.get('/ResourceTypes/:id', (req, res) => {
    const id = req.params.id.toLowerCase();
    if (id === 'user') return send(res, userType(req));
    if (id === 'group' && isGroupsOn()) return send(res, groupType(req));
    throw notFound(`Resource type ${req.params.id} not found.`);
  });
  r.get('/Schemas', (req, res) => send(res, listResponse(schemas().map((s) => schemaResource(req, s.id)))));
  r.get('/Schemas/:id', (req, res) => {
    const s = schemaResource(req, req.params.id);
    if (!s) throw notFound(`Schema ${req.params.id} not found.`);
    send(res, s);
  });
  return r;
}

