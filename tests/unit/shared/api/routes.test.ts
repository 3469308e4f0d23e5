import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API_ROUTES } from '../../../../shared/api/routes.js';
import type { ApiRoute } from '../../../../shared/api/routes.js';
import { routeUrl } from '../../../../shared/api/route-call.js';

const routes = Object.entries(API_ROUTES) as Array<[keyof typeof API_ROUTES, ApiRoute]>;

/** True when a schema accepts anything (z.unknown / z.any), also behind optional, nullable, default or readonly. */
function acceptsAnything(schema: z.ZodType): boolean {
  const def = schema._zod.def as { type: string; innerType?: z.ZodType };
  if (def.type === 'unknown' || def.type === 'any') return true;
  if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) return acceptsAnything(def.innerType);
  return false;
}

describe('the admin route table', () => {
  it('tells an opaque schema from a real one', () => {
    for (const opaque of [z.unknown(), z.any(), z.unknown().nullable(), z.any().optional().default(1)]) expect(acceptsAnything(opaque)).toBe(true);
    for (const real of [z.object({}), z.string().nullable(), z.record(z.string(), z.unknown())]) expect(acceptsAnything(real)).toBe(false);
  });

  it('gives every JSON route a response schema that is not z.unknown or z.any', () => {
    for (const [key, route] of routes) {
      if (route.response === undefined) {
        // Routes without a JSON answer must say what they answer instead: nothing (204) or a media type.
        expect(route.status === 204 || route.produces !== undefined, `${key} has no response schema, no 204 and no media type`).toBe(true);
        continue;
      }
      expect(acceptsAnything(route.response), `${key} answers an opaque schema`).toBe(false);
    }
  });

  it('answers JSON on the routes whose answer the GUI once parsed as z.unknown, and on the OpenAPI document', () => {
    for (const key of ['checkoutAsset', 'checkinAsset', 'acknowledgeReview', 'getOpenApi'] as const) expect(API_ROUTES[key].response, key).toBeDefined();
  });
});

describe('routeUrl', () => {
  it('fills path parameters URI-encoded', () => {
    expect(routeUrl('patchMember', { params: { id: 'a b/c?d' } })).toBe('/api/members/a%20b%2Fc%3Fd');
    expect(routeUrl('checkoutAsset', { params: { id: 12 } })).toBe('/api/assets/12/checkout');
  });

  it('drops empty query values and encodes the rest', () => {
    expect(routeUrl('listMembers', { query: { query: 'ann & bob', active: '', role: undefined, source: null, limit: 50 } })).toBe('/api/members?query=ann%20%26%20bob&limit=50');
    expect(routeUrl('applyMapping', { query: { dryRun: undefined } })).toBe('/api/mappings/apply');
    expect(routeUrl('getHealth')).toBe('/api/health');
  });

  it('refuses to build a URL with a missing path parameter', () => {
    expect(() => routeUrl('getMember', {})).toThrow(/needs the path parameter "id"/);
    expect(() => routeUrl('getMember', { params: { id: '' } })).toThrow(/"id"/);
  });
});
