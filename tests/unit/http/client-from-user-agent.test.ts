import { describe, expect, it } from 'vitest';
import { clientFromUserAgent } from '../../../main/http/scim/context.js';

describe('clientFromUserAgent', () => {
  it('names the IdP from its User-Agent, also when agents alternate (the last answer is remembered)', () => {
    const okta = 'Okta SCIM Client 1.0.0';
    const entra = 'Microsoft.Identity.Provisioning.Scim/1.0 (+https://aka.ms/scim)';
    const seen = [okta, entra, entra, okta, 'OneLogin SCIM', okta, 'curl/8.5.0', undefined, entra].map(clientFromUserAgent);
    expect(seen).toEqual(['Okta', 'Entra ID', 'Entra ID', 'Okta', 'OneLogin', 'Okta', 'other', 'other', 'Entra ID']);
  });
});
