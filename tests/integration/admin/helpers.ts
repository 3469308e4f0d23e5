import request from 'supertest';
import type { Response } from 'supertest';
import { ADMIN_TOKEN, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';

/** Entra's provisioning agent User-Agent (the log shows it as "Entra ID"). */
export const ENTRA_UA = 'Microsoft.Identity.ProvisioningService/1.0 (AzureAD)';
export const OKTA_UA = 'Okta SCIM Client 1.0.0';
export const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** Admin API calls with the admin token and an allowed Host. */
export function admin(t: TestApp) {
  const auth = <T extends request.Test>(r: T): T => r.set('Host', '127.0.0.1').set('Authorization', `Bearer ${ADMIN_TOKEN}`) as T;
  const agent = request(t.admin);
  return {
    get: (path: string) => auth(agent.get(path)),
    post: (path: string, body?: object) => (body === undefined ? auth(agent.post(path)) : auth(agent.post(path)).send(body)),
    put: (path: string, body: object) => auth(agent.put(path)).send(body),
    patch: (path: string, body: object) => auth(agent.patch(path)).send(body),
    del: (path: string) => auth(agent.delete(path)),
  };
}

/** Real SCIM requests with the connector key, as an IdP sends them. */
export function scim(t: TestApp, userAgent = ENTRA_UA) {
  const agent = request(t.scim);
  const auth = <T extends request.Test>(r: T): T => r.set('Authorization', `Bearer ${TEST_KEY}`).set('User-Agent', userAgent) as T;
  return {
    create: (body: object) => auth(agent.post('/scim/v2/Users')).send(body),
    replace: (id: string, body: object) => auth(agent.put(`/scim/v2/Users/${id}`)).send(body),
    patch: (id: string, ...ops: object[]) => auth(agent.patch(`/scim/v2/Users/${id}`)).send({ schemas: [PATCH_OP], Operations: ops }),
    remove: (id: string) => auth(agent.delete(`/scim/v2/Users/${id}`)),
    get: (id: string) => auth(agent.get(`/scim/v2/Users/${id}`)),
    lookup: (userName: string) => auth(agent.get('/scim/v2/Users')).query({ filter: `userName eq "${userName}"` }),
    list: () => auth(agent.get('/scim/v2/Users')),
  };
}

/** A SCIM user body as Entra sends it. */
export function user(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const [first = 'Test', last = 'User'] = userName.split('@')[0]!.split('.');
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
    userName,
    externalId: `ext-${userName}`,
    active: true,
    displayName: `${first} ${last}`,
    name: { givenName: first, familyName: last },
    emails: [{ type: 'work', value: userName, primary: true }],
    title: 'Engineer',
    ...extra,
  };
}

/** Create a member through SCIM and return its id. */
export async function createMember(t: TestApp, userName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await scim(t).create(user(userName, extra));
  if (res.status !== 201) throw new Error(`create ${userName}: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: string }).id;
}

/** Register an asset and check it out to a member through the admin API. */
export async function giveAsset(t: TestApp, memberId: string, tag: string): Promise<number> {
  const a = await admin(t).post('/api/assets', { tag, name: `Laptop ${tag}` });
  if (a.status !== 201) throw new Error(`asset ${tag}: ${a.status} ${JSON.stringify(a.body)}`);
  const id = (a.body as { id: number }).id;
  const c = await admin(t).post(`/api/assets/${id}/checkout`, { memberId });
  if (c.status !== 200) throw new Error(`checkout ${tag}: ${c.status} ${JSON.stringify(c.body)}`);
  return id;
}

const TABLES = ['members', 'member_history', 'roles', 'custom_fields', 'mappings', 'assets', 'checkouts', 'reviews', 'settings', 'connector_keys'] as const;

/**
 * Everything a refusal must leave untouched: row counts of every table (the provisioning log apart:
 * SCIM refusals are logged by design), each member's version and lifecycle, and open checkouts.
 */
export function snapshot(t: TestApp): Record<string, unknown> {
  const db = t.core.db;
  const counts = Object.fromEntries(TABLES.map((n) => [n, (db.prepare(`SELECT count(*) AS n FROM ${n}`).get() as { n: number }).n]));
  return {
    counts,
    members: db.prepare('SELECT id, version, lifecycle, active, role_id, role_locked, leaver_holding_assets, updated_at FROM members ORDER BY id').all(),
    checkouts: db.prepare('SELECT id, asset_id, member_id, checked_in_at FROM checkouts ORDER BY id').all(),
    settings: db.prepare('SELECT key, value FROM settings ORDER BY key').all(),
    mappings: db.prepare('SELECT position, scim_path, target, enabled FROM mappings ORDER BY position').all(),
  };
}

/** The admin error envelope of a response. */
export const errorOf = (res: Response): { code: string; message: string } & Record<string, unknown> =>
  (res.body as { error: { code: string; message: string } & Record<string, unknown> }).error;
