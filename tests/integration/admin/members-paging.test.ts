import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp } from '../../helpers/make-app.js';
import type { TestApp } from '../../helpers/make-app.js';
import { MemberPageSchema } from '../../../shared/api/members.js';
import type { MemberListQuery } from '../../../shared/api/members.js';
import { encodeCursor, memberListSql } from '../../../main/core/store/member-list-repo.js';
import { admin } from './helpers.js';

const N = 100_000;
let t: TestApp;

interface Seeded {
  id: string;
  userName: string;
  displayName: string | null;
  updatedAt: string;
}
let seeded: Seeded[] = [];

/** Deterministic pseudo-random numbers (no Math.random in tests). */
function lcg(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return Math.floor(s / 65_536); // the low bits of an LCG cycle quickly
  };
}

beforeAll(() => {
  t = makeApp();
  const rnd = lcg(42);
  const insert = t.core.db.prepare(
    `INSERT INTO members (id, user_name, external_id, active, lifecycle, scim_json, created_at, updated_at, display_name, first_name, last_name, email, role_id)
     VALUES (?, ?, ?, ?, 'present', '{}', ?, ?, ?, ?, ?, ?, 2)`,
  );
  const first = ['Ann', 'bob', 'Cleo', 'dan', 'Eve', 'fay', 'Gus', 'hal'];
  seeded = [];
  t.core.db.transaction(() => {
    for (let i = 0; i < N; i++) {
      const r = rnd();
      const id = `m-${(r % 1_000_000).toString(36)}-${i.toString(36)}`;
      const userName = `user${i}@example.com`;
      // Every 10th member has no display name (sorted by userName then); names repeat, so ties fall back to the id.
      const displayName = i % 10 === 0 ? null : `${first[r % first.length]} ${String(r % 5000).padStart(4, '0')}`;
      const updatedAt = new Date(Date.UTC(2026, 0, 1) + (r % 10_000_000) * 1000).toISOString();
      insert.run(id, userName, `ext-${i}`, i % 7 === 0 ? 0 : 1, updatedAt, updatedAt, displayName, 'F', 'L', userName);
      seeded.push({ id, userName, displayName, updatedAt });
    }
  })();
}, 120_000);
afterAll(() => t.close());

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const nameKey = (s: Seeded): string => (s.displayName ?? s.userName).toLowerCase(); // NOCASE folds ASCII only

function oracle(sort: 'name' | 'userName' | '-updated'): Seeded[] {
  const list = [...seeded];
  if (sort === 'name') return list.sort((a, b) => cmp(nameKey(a), nameKey(b)) || cmp(a.id, b.id));
  if (sort === 'userName') return list.sort((a, b) => cmp(a.userName.toLowerCase(), b.userName.toLowerCase()) || cmp(a.id, b.id));
  return list.sort((a, b) => cmp(b.updatedAt, a.updatedAt) || cmp(b.id, a.id));
}

/** One page through the admin API (speed is measured by `npm run bench`, not here). */
async function getPage(query: Record<string, string | number>) {
  const res = await admin(t).get('/api/members').query(query);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return { page: MemberPageSchema.parse(res.body) };
}

function plan(q: MemberListQuery): string {
  const { sql, params } = memberListSql(q, { isSmall: false });
  return (t.core.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
}

describe('member list at 100k members (keyset pagination)', () => {
  it.each(['name', 'userName', '-updated'] as const)('pages by %s: page 1, page 2 and a deep page match the full sort', async (sort) => {
    const want = oracle(sort);
    const p1 = await getPage({ sort, limit: 100 });
    expect(p1.page.total).toBe(N);
    expect(p1.page.members.map((m) => m.id)).toEqual(want.slice(0, 100).map((s) => s.id));
    const p2 = await getPage({ sort, limit: 100, cursor: p1.page.nextCursor! });
    expect(p2.page.members.map((m) => m.id)).toEqual(want.slice(100, 200).map((s) => s.id));

    // A page deep in the list costs the same as the first one.
    const at = want[60_000]!;
    const key = sort === 'name' ? (at.displayName ?? at.userName) : sort === 'userName' ? at.userName : at.updatedAt;
    const deep = await getPage({ sort, limit: 100, cursor: encodeCursor({ s: sort, k: key, id: at.id }) });
    expect(deep.page.members.map((m) => m.id)).toEqual(want.slice(60_001, 60_101).map((s) => s.id));
  });

  it('reads pages through the (sort key, id) indexes, never sorting the table', () => {
    const cursorFor = (s: string) => encodeCursor({ s, k: 'm', id: 'm' });
    expect(plan({ sort: 'name', limit: 100, cursor: cursorFor('name') })).toMatch(/SEARCH m USING INDEX members_sort_name \(<expr>>\?\)/);
    expect(plan({ sort: '-name', limit: 100, cursor: cursorFor('-name') })).toMatch(/SEARCH m USING INDEX members_sort_name \(<expr><\?\)/);
    expect(plan({ sort: 'userName', limit: 100, cursor: cursorFor('userName') })).toMatch(/SEARCH m USING INDEX members_user_name_all \(user_name>\?\)/);
    expect(plan({ sort: '-updated', limit: 100, cursor: cursorFor('-updated') })).toMatch(/SEARCH m USING INDEX members_updated \(updated_at<\?\)/);
    for (const sort of ['name', '-name', 'userName', '-userName', 'updated', '-updated'] as const) {
      expect(plan({ sort, limit: 100 }), sort).not.toContain('TEMP B-TREE');
    }
  });

  it('answers searches and rare filters', async () => {
    const search = await getPage({ query: 'user99999@', limit: 100 });
    expect(search.page.members.map((m) => m.userName)).toEqual(['user99999@example.com']);
    const common = await getPage({ query: 'Cleo', limit: 50 });
    expect(common.page.members).toHaveLength(50);
    const inactive = await getPage({ active: 'false', limit: 100 });
    expect(inactive.page.total).toBe(Math.ceil(N / 7));
  });

  it.each([
    ['a dense substring (every member)', 'example.com'],
    ['a sparse substring', 'user4242'],
    ['a display-name part, any case', 'cLEO 00'],
    ['a one-in-eight name', 'Gus'],
    ['two characters (below a trigram)', '99'],
    ['characters LIKE and FTS treat specially', '"%_\\'],
  ])('search by %s returns exactly the substring matches, in order, across pages', async (_label, query) => {
    const needle = query.toLowerCase();
    const want = oracle('name').filter((m) => [m.userName, m.displayName ?? ''].some((v) => v.toLowerCase().includes(needle)));
    const first = await getPage({ query, limit: 100 });
    expect(first.page.total).toBe(want.length);
    expect(first.page.members.map((m) => m.id)).toEqual(want.slice(0, 100).map((m) => m.id));
    if (want.length > 100) {
      const second = await getPage({ query, limit: 100, cursor: first.page.nextCursor! });
      expect(second.page.members.map((m) => m.id)).toEqual(want.slice(100, 200).map((m) => m.id));
    } else expect(first.page.nextCursor).toBeNull();
  });
});
