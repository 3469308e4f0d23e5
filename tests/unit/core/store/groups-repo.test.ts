import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDb } from '../../../../main/core/store/db.js';
import { createStore } from '../../../../main/core/store/store.js';
import type { Store } from '../../../../main/core/store/store.js';
import { emptyMemberRow } from '../../../../main/core/store/member-row.js';
import { EventBus } from '../../../../main/core/events.js';
import { tempDir } from '../../../helpers/temp-dir.js';

/**
 * The groups repository remembers whether any membership exists, so a user's groups cost no query
 * on every IdP lookup while nobody is in a group. That memory must never hide a membership.
 */

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function open(): Store {
  const t = tempDir();
  const db = openDb(join(t.dir, 'scim-desk.db'));
  const store = createStore(db, { sync: () => Promise.resolve(), onRollback: () => undefined, events: new EventBus() });
  cleanup = () => {
    store.uow.flush();
    db.close();
    t.cleanup();
  };
  const at = '2026-01-01T00:00:00.000Z';
  store.uow.write(() => {
    store.members.insert({ ...emptyMemberRow('m1', at), user_name: 'one@example.com' });
    store.groups.insert({ id: 'g1', display_name: 'Crew', external_id: null, scim_json: '{"displayName":"Crew"}', version: 1, created_at: at, updated_at: at });
  });
  store.uow.flush();
  return store;
}

const names = (store: Store): string[] => (store.groups.groupsOfMembers(['m1']).get('m1') ?? []).map((g) => g.display_name);

describe('groups repository', () => {
  it('answers a member\'s groups before, while and after anyone is in a group', () => {
    const store = open();
    expect(names(store)).toEqual([]);
    store.uow.write(() => store.groups.addMember('g1', 'm1'));
    expect(names(store)).toEqual(['Crew']);
    expect(store.groups.groupsOf('m1').map((g) => g.display_name)).toEqual(['Crew']);
    store.uow.write(() => store.groups.removeMember('g1', 'm1'));
    expect(names(store)).toEqual([]);
    store.uow.write(() => store.groups.addMember('g1', 'm1'));
    expect(names(store)).toEqual(['Crew']);
  });

  it('never keeps "nobody is in a group" from a write that rolled back', () => {
    const store = open();
    store.uow.write(() => store.groups.addMember('g1', 'm1'));
    store.uow.flush();
    // A write removes the last membership, reads (nobody left), then fails: its savepoint rolls back.
    expect(() =>
      store.uow.write(() => {
        store.groups.removeMember('g1', 'm1');
        expect(store.groups.groupsOf('m1')).toEqual([]);
        throw new Error('refused after the read');
      }),
    ).toThrow('refused after the read');
    store.uow.flush();
    expect(names(store)).toEqual(['Crew']);
    expect(store.groups.memberIds('g1')).toEqual(['m1']);
  });
});
