/** SCIM traffic shaped like Entra ID's and Okta's (see /work/shared/idp-behaviour.md §1.3, §2.1). */
import { CONNECTOR_KEY } from './core.js';

export const ENTRA_UA = 'Microsoft Azure AD SCIM Provisioning';
export const OKTA_UA = 'Okta SCIM Client 1.0.0';
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface ScimResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

export async function scimRequest(scimUrl: string, method: string, path: string, body: unknown, userAgent = ENTRA_UA): Promise<ScimResponse> {
  const res = await fetch(`${scimUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${CONNECTOR_KEY}`, 'Content-Type': 'application/scim+json', 'User-Agent': userAgent },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export interface PersonInput {
  readonly userName: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly title?: string;
  readonly department?: string;
}

/** Entra's create body (MS-TUT "Create User"), extension values under the enterprise URN. */
export function entraUser(p: PersonInput): Record<string, unknown> {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
    externalId: `ext-${p.userName}`,
    userName: p.userName,
    active: true,
    displayName: `${p.givenName} ${p.familyName}`,
    emails: [{ primary: true, type: 'work', value: p.userName }],
    meta: { resourceType: 'User' },
    name: { formatted: `${p.givenName} ${p.familyName}`, familyName: p.familyName, givenName: p.givenName },
    ...(p.title ? { title: p.title } : {}),
    ...(p.department ? { [ENT]: { department: p.department } } : {}),
    roles: [],
  };
}

/** Entra provisions a user the way it does in a cycle: filter by userName first, then POST. */
export async function entraProvision(scimUrl: string, p: PersonInput): Promise<string> {
  await scimRequest(scimUrl, 'GET', `/Users?filter=userName+eq+%22${encodeURIComponent(p.userName)}%22`, undefined);
  const created = await scimRequest(scimUrl, 'POST', '/Users', entraUser(p));
  if (created.status !== 201) throw new Error(`create ${p.userName} answered ${created.status}: ${JSON.stringify(created.body)}`);
  return String(created.body.id);
}

/** Entra's default (no aadOptscim062020 flag) disable: capitalised op, string "False". */
export function entraDisable(scimUrl: string, id: string): Promise<ScimResponse> {
  return scimRequest(scimUrl, 'PATCH', `/Users/${id}`, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
  });
}

/** Okta's create body (§2.1): password, groups: [], the Okta id as externalId. */
export function oktaCreate(scimUrl: string, p: PersonInput): Promise<ScimResponse> {
  return scimRequest(
    scimUrl,
    'POST',
    '/Users',
    {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: p.userName,
      name: { givenName: p.givenName, familyName: p.familyName },
      emails: [{ primary: true, value: p.userName, type: 'work' }],
      displayName: `${p.givenName} ${p.familyName}`,
      locale: 'en-US',
      externalId: `00u${p.userName.replace(/\W/g, '').slice(0, 17)}`,
      groups: [],
      password: '1mz050nq',
      active: true,
      ...(p.title ? { title: p.title } : {}),
    },
    OKTA_UA,
  );
}
