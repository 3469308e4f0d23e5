import { z } from 'zod';
import { API_ROUTES } from '../../../shared/api/routes.js';
import type { ApiRoute } from '../../../shared/api/routes.js';
import { ApiErrorSchema } from '../../../shared/api/errors.js';

type JsonSchema = Record<string, unknown>;

const schemaOf = (s: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function parameters(route: ApiRoute): JsonSchema[] {
  const path = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  const query = Object.entries(route.query?.shape ?? {}).map(([name, s]) => ({
    name,
    in: 'query',
    required: !(s as z.ZodType).safeParse(undefined).success,
    schema: schemaOf(s as z.ZodType, 'input'),
  }));
  return [...path, ...query];
}

function responses(route: ApiRoute): JsonSchema {
  const status = String(route.status ?? 200);
  const error = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } };
  let ok: JsonSchema;
  if (route.response) ok = { description: 'OK', content: { 'application/json': { schema: schemaOf(route.response, 'output') } } };
  else if (route.produces) ok = { description: 'OK', content: Object.fromEntries(route.produces.split(', ').map((t) => [t, { schema: { type: 'string' } }])) };
  else ok = { description: status === '204' ? 'No content' : 'OK' };
  return { [status]: ok, '400': error, '401': error, '404': error, '409': error };
}

/**
 * The OpenAPI 3.1 document for the admin API, generated from the route table and the shared zod
 * schemas (zod 4's JSON Schema output is draft 2020-12, which OpenAPI 3.1 uses).
 */
export function buildOpenApi(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [operationId, route] of Object.entries(API_ROUTES) as Array<[string, ApiRoute]>) {
    const op: JsonSchema = { operationId, summary: route.summary, parameters: parameters(route), responses: responses(route) };
    if (route.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } };
    (paths[route.path] ??= {})[route.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'SCIM Desk admin API', version, description: 'Loopback-only admin API; every request needs Authorization: Bearer <admin token>.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer' } },
      schemas: { ApiError: schemaOf(ApiErrorSchema, 'output') },
    },
    security: [{ adminToken: [] }],
    paths,
  };
}
