import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import request from 'supertest';
import { makeApp, TEST_KEY } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { RotateKeyResponseSchema, SettingsViewSchema } from '../../../shared/api/settings.js';
import { admin, errorOf, snapshot } from './helpers.js';

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

const CUSTOM_ATTR = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User:CustomAttribute';

describe('GET/PUT /api/settings', () => {
  it('returns the settings view with the Tenant URL from the listener when no public URL is set', async () => {
    const res = await admin(t).get('/api/settings');
    expect(res.status).toBe(200);
    const view = SettingsViewSchema.parse(res.body);
    expect(view).toMatchObject({ scimEnabled: true, publicBaseUrl: '', tenantUrl: 'http://127.0.0.1:0/scim/v2', scimListenUrl: 'http://127.0.0.1:0/scim/v2', hasConnectorKey: true });
    expect(view.connectorKeyCreatedAt).not.toBeNull();
  });

  it('prefers core.listenUrl() once the listener is bound', async () => {
    t.core.setListenUrl('http://0.0.0.0:8444/scim/v2');
    const view = SettingsViewSchema.parse((await admin(t).get('/api/settings')).body);
    expect(view.scimListenUrl).toBe('http://0.0.0.0:8444/scim/v2');
  });

  it('stores a subset, shows the public Tenant URL, announces settings-changed and rebuilds the catalog', async () => {
    let announced = 0;
    t.core.events.on('settings-changed', () => announced++);
    const res = await admin(t).put('/api/settings', { publicBaseUrl: 'https://scim.example.com/', roleAttribute: ` ${CUSTOM_ATTR} `, importCustomRoles: true, logRetentionDays: 7 });
    expect(res.status).toBe(200);
    const view = SettingsViewSchema.parse(res.body);
    expect(view).toMatchObject({ tenantUrl: 'https://scim.example.com/scim/v2', roleAttribute: CUSTOM_ATTR, importCustomRoles: true, logRetentionDays: 7 });
    expect(announced).toBe(1);
    expect(t.core.settings.get().logRetentionDays).toBe(7);
    // The role attribute's custom extension is now known to the SCIM side (e.g. /Schemas).
    expect(t.core.catalog.registry().resolve(CUSTOM_ATTR)).toBeDefined();
    // Unknown keys (e.g. the read-only view fields sent back) are ignored.
    const again = await admin(t).put('/api/settings', { ...view, tenantUrl: 'x', scimEnabled: false });
    expect(again.status).toBe(200);
    expect(SettingsViewSchema.parse(again.body).tenantUrl).toBe('https://scim.example.com/scim/v2');
  });

  it('refuses an unparsable role attribute and an unknown fallback role, changing nothing', async () => {
    const before = snapshot(t);
    const a = admin(t);
    const bad = await a.put('/api/settings', { roleAttribute: 'emails[type eq "work"', importCustomRoles: true });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('invalid-role-attribute');
    expect(errorOf(bad).message).toContain('emails[type eq "work"');
    const unknownAttr = await a.put('/api/settings', { roleAttribute: 'favouriteColour' });
    expect(unknownAttr.status).toBe(400);
    const empty = await a.put('/api/settings', { roleAttribute: '', importCustomRoles: true });
    expect(empty.status).toBe(400);
    const role = await a.put('/api/settings', { fallbackRoleId: 999 });
    expect(role.status).toBe(400);
    expect(errorOf(role).code).toBe('unknown-role');
    const url = await a.put('/api/settings', { publicBaseUrl: 'ftp://example.com' });
    expect(url.status).toBe(400);
    expect(snapshot(t)).toEqual(before);
  });

  it('normalises the public base URL: a trailing /scim/v2 is removed; https is required except on this machine', async () => {
    const a = admin(t);
    const saved = await a.put('/api/settings', { publicBaseUrl: 'https://SCIM.example.com/scim/v2/' });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ publicBaseUrl: 'https://scim.example.com' });
    expect((await a.get('/api/settings')).body).toMatchObject({ tenantUrl: 'https://scim.example.com/scim/v2' });
    expect((await a.put('/api/settings', { publicBaseUrl: 'https://example.com/proxy/scim/' })).body).toMatchObject({ publicBaseUrl: 'https://example.com/proxy/scim' });
    const plain = await a.put('/api/settings', { publicBaseUrl: 'http://scim.example.com' });
    expect(plain.status).toBe(400);
    expect(errorOf(plain)).toMatchObject({ code: 'invalid-public-base-url', fields: [{ field: 'publicBaseUrl', message: expect.stringMatching(/^Use https:\/\//) }] });
    expect((await a.put('/api/settings', { publicBaseUrl: 'http://localhost:8443' })).status).toBe(200);
    expect((await a.put('/api/settings', { publicBaseUrl: 'https://scim.example.com/?x=1' })).status).toBe(400);
    expect((await a.put('/api/settings', { publicBaseUrl: '' })).body).toMatchObject({ publicBaseUrl: '' });
  });

  it('words refusals for people, not as validator output', async () => {
    const res = await admin(t).put('/api/settings', { logRetentionDays: 0 });
    expect(errorOf(res).fields).toEqual([{ field: 'logRetentionDays', message: 'Enter 1 or more.' }]);
    const big = await admin(t).post('/api/roles', { name: 'x'.repeat(81) });
    expect(errorOf(big).fields).toEqual([{ field: 'name', message: 'Use at most 80 characters.' }]);
  });

  it('accepts the role paths the IdPs use', async () => {
    for (const path of ['title', 'roles[primary eq "True"].value', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', CUSTOM_ATTR]) {
      const res = await admin(t).put('/api/settings', { roleAttribute: path });
      expect(res.status, path).toBe(200);
    }
  });
});

describe('POST /api/scim/connector-key', () => {
  const scimGet = (key: string) => request(t.scim).get('/scim/v2/Users').set('Authorization', `Bearer ${key}`);

  it('returns a new key once (no-store) and revokes the old one at once by default', async () => {
    const res = await admin(t).post('/api/scim/connector-key');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = RotateKeyResponseSchema.parse(res.body);
    expect(body.connectorKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.previousKeyValidUntil).toBeNull();
    expect((await scimGet(TEST_KEY)).status).toBe(401);
    expect((await scimGet(body.connectorKey)).status).toBe(200);
    // Never retrievable again: the settings view has only facts about it.
    expect(JSON.stringify((await admin(t).get('/api/settings')).body)).not.toContain(body.connectorKey);
  });

  it('keeps the previous key valid for the grace period', async () => {
    const body = RotateKeyResponseSchema.parse((await admin(t).post('/api/scim/connector-key', { graceMinutes: 60 })).body);
    expect(body.previousKeyValidUntil).not.toBeNull();
    expect(Date.parse(body.previousKeyValidUntil!) - Date.parse(body.createdAt)).toBe(3_600_000);
    expect((await scimGet(TEST_KEY)).status).toBe(200);
    expect((await scimGet(body.connectorKey)).status).toBe(200);
  });

  it('refuses a bad grace period', async () => {
    for (const graceMinutes of [-1, 1.5, 7 * 24 * 60 + 1, 'ten']) {
      const res = await admin(t).post('/api/scim/connector-key', { graceMinutes });
      expect(res.status).toBe(400);
    }
    expect((await scimGet(TEST_KEY)).status).toBe(200);
  });
});
