import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { ADMIN_TOKEN, makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { API_ROUTES, OpenApiDocumentSchema } from '../../../shared/api/routes.js';
import type { ApiRoute } from '../../../shared/api/routes.js';
import { admin } from './helpers.js';

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

type Doc = { openapi: string; paths: Record<string, Record<string, { operationId: string; requestBody?: unknown; parameters: Array<{ name: string; in: string }>; responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> }>> };
const routes = Object.entries(API_ROUTES) as Array<[string, ApiRoute]>;

describe('GET /api/openapi.json', () => {
  it('documents every route with its request and response schemas', async () => {
    const res = await admin(t).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(OpenApiDocumentSchema.safeParse(res.body).error).toBeUndefined();
    const doc = res.body as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(documented.sort()).toEqual(routes.map(([, r]) => `${r.method} ${r.path}`).sort());
    for (const [key, r] of routes) {
      const op = doc.paths[r.path]![r.method]!;
      expect(op.operationId).toBe(key);
      expect(op.requestBody !== undefined, key).toBe(r.body !== undefined);
      const ok = op.responses[String(r.status ?? 200)]!;
      if (r.response) expect(ok.content?.['application/json']?.schema, key).toBeDefined();
      for (const name of Object.keys(r.query?.shape ?? {})) expect(op.parameters.some((p) => p.name === name && p.in === 'query'), `${key} ?${name}`).toBe(true);
      if (r.path.includes('{id}')) expect(op.parameters.some((p) => p.name === 'id' && p.in === 'path')).toBe(true);
    }
    const members = doc.paths['/api/members']!.get!.responses['200']!.content!['application/json']!.schema as { properties: Record<string, unknown> };
    expect(Object.keys(members.properties)).toEqual(['members', 'nextCursor', 'total']);
  });

  it('serves every documented route (none falls through to the 404 handler)', async () => {
    for (const [key, r] of routes) {
      if (key === 'streamLog') continue; // long-lived; covered by the SSE tests
      const path = r.path.replace('{id}', '1');
      const res = await (request(t.admin) as unknown as Record<string, (p: string) => request.Test>)
        [r.method]!(path)
        .set('Host', '127.0.0.1')
        .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
        .send(r.method === 'get' || r.method === 'delete' ? undefined : {});
      const isFallback = res.status === 404 && (res.body as { error?: { message?: string } }).error?.message?.startsWith('No admin endpoint');
      expect(isFallback, `${key}: ${r.method} ${path}`).toBe(false);
      expect(res.status, `${key}: ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
    }
  });
});
