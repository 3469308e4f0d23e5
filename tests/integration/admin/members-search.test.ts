import { afterEach, describe, expect, it } from 'vitest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { MemberPageSchema } from '../../../shared/api/members.js';
import { admin, scim } from './helpers.js';
import { memberSearchIndex } from '../../../main/core/store/member-search-index.js';

let t: TestApp;
afterEach(() => t?.close());

const search = async (query: string, extra: Record<string, string> = {}) => {
  const res = await admin(t).get('/api/members').query({ query, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return MemberPageSchema.parse(res.body);
};
/** What the search must find, read straight from the table (the in-memory index must agree). */
const fromTable = (needle: string): string[] =>
  (
    t.core.db
      .prepare("SELECT id, user_name, display_name, email FROM members WHERE lifecycle <> 'admin_deleted'")
      .all() as Array<{ id: string; user_name: string; display_name: string | null; email: string | null }>
  )
    .filter((r) => [r.user_name, r.display_name ?? '', r.email ?? ''].some((v) => v.toLowerCase().includes(needle.toLowerCase())))
    .map((r) => r.id)
    .sort();
const foundIds = async (query: string) => (await search(query, { limit: '200' })).members.map((m) => m.id).sort();

describe('member search index', () => {
  it('refuses to be created inside a transaction, where a rollback would remove its triggers', () => {
    t = makeApp();
    const db = t.core.db;
    expect(() => db.transaction(() => memberSearchIndex(db))()).toThrow(/outside a transaction/);
    expect(memberSearchIndex(db).find('nobody')).toEqual([]);
  });

  it('is not built at start-up, and is built once the member list is first opened', async () => {
    t = makeApp();
    const triggers = () => t.core.db.prepare("SELECT count(*) FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'member_search_%'").pluck().get();
    expect(triggers()).toBe(0);
    const res = await admin(t).get('/api/members');
    expect(res.status).toBe(200);
    await new Promise((r) => setImmediate(r));
    expect(triggers()).toBe(3);
  });

  it('follows creates, renames, admin deletes and revivals', async () => {
    t = makeApp();
    const ids: string[] = [];
    for (const name of ['Avery Stone', 'Blake Stone', 'Casey Rivers']) {
      const userName = `${name.split(' ')[0]!.toLowerCase()}@contoso.example`;
      const res = await scim(t).create({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, displayName: name, emails: [{ type: 'work', value: userName, primary: true }] });
      ids.push(res.body.id as string);
    }
    expect((await search('stone')).members.map((m) => m.displayName)).toEqual(['Avery Stone', 'Blake Stone']);
    expect((await search('stone')).total).toBe(2);

    await scim(t).patch(ids[1]!, { op: 'Replace', path: 'displayName', value: 'Blake Brook' });

    expect((await search('stone')).total).toBe(1);
    expect((await search('brook')).members.map((m) => m.id)).toEqual([ids[1]]);

    expect((await admin(t).del(`/api/members/${ids[0]}`)).status).toBe(204);

    expect((await search('stone')).total).toBe(0);
    expect((await search('contoso.example')).total).toBe(2);
    expect((await search('contoso.example', { active: 'true' })).total).toBe(2);
    expect(await foundIds('contoso')).toEqual(fromTable('contoso'));

    // The IdP's next PATCH revives the admin-deleted member: searchable again.
    expect((await scim(t).patch(ids[0]!, { op: 'Replace', path: 'title', value: 'Back' })).status).toBe(200);
    expect((await search('stone')).members.map((m) => m.id)).toEqual([ids[0]]);
    expect((await search('contoso.example')).total).toBe(3);
    expect(await foundIds('contoso')).toEqual(fromTable('contoso'));
  });

  it('never shows a write that was rolled back, nor misses one made by other code on the connection', async () => {
    t = makeApp();
    const id = await scim(t)
      .create({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'dana@contoso.example', displayName: 'Dana Quill' })
      .then((r) => r.body.id as string);
    expect(await foundIds('quill')).toEqual([id]);

    // A transaction that renames the member, is searched while open, then fails: the rename never happened.
    const db = t.core.db;
    expect(() =>
      db.transaction(() => {
        db.prepare('UPDATE members SET display_name = ? WHERE id = ?').run('Dana Vale', id);
        expect(memberSearchIndex(db).find('vale')).toHaveLength(1);
        throw new Error('abort');
      })(),
    ).toThrow('abort');
    expect(await foundIds('vale')).toEqual([]);
    expect(await foundIds('quill')).toEqual([id]);

    // A write outside the repositories (raw SQL on the same connection) is seen by the next search.
    db.prepare('UPDATE members SET email = ? WHERE id = ?').run('d.q@Fabrikam.example', id);
    expect(await foundIds('FABRIKAM')).toEqual([id]);
    db.prepare("INSERT INTO members (id, user_name, display_name, created_at, updated_at) VALUES ('m2', 'Élodie@contoso.example', 'Élodie Brûlé', 'x', 'x')").run();
    // Case folding beyond ASCII (SQLite's LIKE folds ASCII only).
    expect(await foundIds('élodie')).toEqual(['m2']);
    expect(await foundIds('BRÛLÉ')).toEqual(['m2']);
    db.prepare("DELETE FROM members WHERE id = 'm2'").run();
    expect(await foundIds('élodie')).toEqual([]);
    expect((await search('')).total).toBe(1);
  });

  it('names few matches and tests many per row, with the same answers either way', async () => {
    t = makeApp();
    // 2,100 members: "shared" matches all of them (dense), "needle7" a few (named by rowid).
    const insert = t.core.db.prepare('INSERT INTO members (id, user_name, display_name, role_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    t.core.db.transaction(() => {
      for (let i = 0; i < 2100; i++) insert.run(`id${String(i).padStart(5, '0')}`, `u${i}@shared.example`, `Needle${i % 300}`, i % 2 ? 1 : 2, 'x', 'x');
    })();
    const dense = await search('SHARED', { limit: '10', sort: 'userName' });
    expect(dense.total).toBe(2100);
    expect(dense.members).toHaveLength(10);
    const denseStaff = await search('shared', { role: '2', limit: '10' });
    expect(denseStaff.total).toBe(1050);
    expect(denseStaff.members.every((m) => m.roleId === 2)).toBe(true);
    const sparse = await search('needle7', { limit: '100' });
    expect(sparse.members.map((m) => m.id).sort()).toEqual(fromTable('needle7'));
    expect(sparse.total).toBe(fromTable('needle7').length);
  });
});
