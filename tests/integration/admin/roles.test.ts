import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { RoleListSchema, RoleSchema } from '../../../shared/api/roles.js';
import { admin, createMember, errorOf, snapshot } from './helpers.js';

let t: TestApp;
beforeEach(() => {
  t = makeApp();
});
afterEach(() => t.close());

const roles = async () => RoleListSchema.parse((await admin(t).get('/api/roles')).body).roles;

describe('roles', () => {
  it('lists the built-in roles first with member counts', async () => {
    await createMember(t, 'ann.lee@example.com');
    const list = await roles();
    expect(list.slice(0, 2).map((r) => [r.name, r.isBuiltin])).toEqual([
      ['Administrator', true],
      ['Staff User', true],
    ]);
    expect(list.find((r) => r.name === 'Staff User')?.memberCount).toBe(1);
  });

  it('creates a role, trimmed, and refuses a duplicate name in any case', async () => {
    const a = admin(t);
    const res = await a.post('/api/roles', { name: '  Field Engineers ' });
    expect(res.status).toBe(201);
    expect(RoleSchema.parse(res.body)).toMatchObject({ name: 'Field Engineers', isBuiltin: false, memberCount: 0 });
    const before = snapshot(t);
    const dup = await a.post('/api/roles', { name: 'field engineers' });
    expect(dup.status).toBe(409);
    expect(errorOf(dup).code).toBe('role-exists');
    const blank = await a.post('/api/roles', { name: '   ' });
    expect(blank.status).toBe(400);
    expect(snapshot(t)).toEqual(before);
  });

  it('renames a custom role but not a built-in one', async () => {
    const a = admin(t);
    const id = RoleSchema.parse((await a.post('/api/roles', { name: 'Techs' })).body).id;
    const ok = await a.put(`/api/roles/${id}`, { name: 'Technicians' });
    expect(ok.status).toBe(200);
    expect(RoleSchema.parse(ok.body).name).toBe('Technicians');
    const same = await a.put(`/api/roles/${id}`, { name: 'technicians' });
    expect(same.status).toBe(200);
    const before = snapshot(t);
    const builtin = await a.put('/api/roles/1', { name: 'Admins' });
    expect(builtin.status).toBe(409);
    expect(errorOf(builtin).code).toBe('builtin-role');
    expect((await a.put(`/api/roles/${id}`, { name: 'ADMINISTRATOR' })).status).toBe(409);
    expect((await a.put('/api/roles/999', { name: 'X' })).status).toBe(404);
    expect((await a.put('/api/roles/abc', { name: 'X' })).status).toBe(400);
    expect(snapshot(t)).toEqual(before);
  });

  it('refuses to delete a built-in role, a role in use, or the fallback role; deletes an unused one', async () => {
    const a = admin(t);
    const used = RoleSchema.parse((await a.post('/api/roles', { name: 'Engineer' })).body).id;
    const fallback = RoleSchema.parse((await a.post('/api/roles', { name: 'Visitors' })).body).id;
    const unused = RoleSchema.parse((await a.post('/api/roles', { name: 'Unused' })).body).id;
    await a.put('/api/settings', { importCustomRoles: true, roleAttribute: 'title' });
    await createMember(t, 'eng.one@example.com', { title: 'engineer' });
    expect((await roles()).find((r) => r.id === used)?.memberCount).toBe(1);
    await a.put('/api/settings', { fallbackRoleId: fallback });

    const before = snapshot(t);
    const builtin = await a.del('/api/roles/2');
    expect(builtin.status).toBe(409);
    expect(errorOf(builtin).code).toBe('builtin-role');
    const inUse = await a.del(`/api/roles/${used}`);
    expect(inUse.status).toBe(409);
    expect(errorOf(inUse)).toMatchObject({ code: 'role-in-use' });
    expect(errorOf(inUse).message).toContain('1 member has the role "Engineer"');
    const fb = await a.del(`/api/roles/${fallback}`);
    expect(fb.status).toBe(409);
    expect(errorOf(fb).code).toBe('role-is-fallback');
    expect((await a.del('/api/roles/999')).status).toBe(404);
    expect(snapshot(t)).toEqual(before);

    expect((await a.del(`/api/roles/${unused}`)).status).toBe(204);
    expect((await roles()).some((r) => r.id === unused)).toBe(false);
  });

  it('moves admin-deleted members off a deleted role (they are not listed, so they do not block it)', async () => {
    const a = admin(t);
    const role = RoleSchema.parse((await a.post('/api/roles', { name: 'Contractors' })).body).id;
    const id = await createMember(t, 'con.tractor@example.com');
    await a.patch(`/api/members/${id}`, { roleId: role });
    expect((await a.del(`/api/members/${id}`)).status).toBe(204);
    expect((await roles()).find((r) => r.id === role)?.memberCount).toBe(0);
    expect((await a.del(`/api/roles/${role}`)).status).toBe(204);
    expect(t.core.members.byId(id)?.role_id).toBe(2);
  });
});
