import { describe, expect, it } from 'vitest';
import { mayBeOps, scimOperationOf } from '../../../main/http/scim/ops-routes.js';

describe('scimOperationOf (metrics labels)', () => {
  it('names each /Users request by what it does', () => {
    expect(scimOperationOf('POST', '/scim/v2/Users')).toBe('create');
    expect(scimOperationOf('GET', '/scim/v2/Users?filter=userName%20eq%20%22a%22')).toBe('lookup');
    expect(scimOperationOf('GET', '/scim/v2/Users?startIndex=1&count=100')).toBe('list');
    expect(scimOperationOf('GET', '/scim/v2/Users/abc')).toBe('read');
    expect(scimOperationOf('PUT', '/scim/v2/Users/abc')).toBe('replace');
    expect(scimOperationOf('PATCH', '/SCIM/V2/users/abc')).toBe('patch');
    expect(scimOperationOf('DELETE', '/scim/v2/Users/abc')).toBe('delete');
  });

  it('keeps the label set small: groups, discovery, everything else is other', () => {
    expect(scimOperationOf('GET', '/scim/v2/Groups?filter=x')).toBe('groups');
    expect(scimOperationOf('GET', '/scim/v2/ServiceProviderConfig')).toBe('discovery');
    expect(scimOperationOf('GET', '/scim/v2/Schemas/urn:x')).toBe('discovery');
    expect(scimOperationOf('GET', '/scim/v2/Whatever')).toBe('other');
    expect(scimOperationOf('GET', '/v2/Users')).toBe('other');
    expect(scimOperationOf('OPTIONS', '/scim/v2/Users')).toBe('other');
  });
});

describe('mayBeOps', () => {
  it('lets IdP requests skip the operations endpoints with one prefix test', () => {
    expect(mayBeOps('/scim/v2/Users?filter=x')).toBe(false);
    expect(mayBeOps('/scim/v2/ServiceProviderConfig')).toBe(false);
    for (const url of ['/ping', '/metrics', '/scim/v2/_selfcheck/abc', '/v2/_selfcheck/abc', '/SCIM/v2/Users']) expect(mayBeOps(url), url).toBe(true);
  });
});
