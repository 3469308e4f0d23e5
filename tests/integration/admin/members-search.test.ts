import { afterEach, describe, expect, it } from 'vitest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { MemberPageSchema } from '../../../shared/api/members.js';
import { admin, scim } from './helpers.js';

let t: TestApp;
afterEach(() => t?.close());

const search = async (query: string, extra: Record<string, string> = {}) => {
  const res = await admin(t).get('/api/members').query({ query, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return MemberPageSchema.parse(res.body);
};
const ftsIsConsistent = () => {
  // FTS5's own structural check (not rank=1, which expects every content row, admin-deleted included).
  t.core.db.prepare("INSERT INTO members_search (members_search) VALUES ('integrity-check')").run();
  return true;
};

describe('member search index', () => {
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
    expect(ftsIsConsistent()).toBe(true);

    // The IdP's next PATCH revives the admin-deleted member: searchable again.
    expect((await scim(t).patch(ids[0]!, { op: 'Replace', path: 'title', value: 'Back' })).status).toBe(200);
    expect((await search('stone')).members.map((m) => m.id)).toEqual([ids[0]]);
    expect((await search('contoso.example')).total).toBe(3);
    expect(ftsIsConsistent()).toBe(true);
  });
});
