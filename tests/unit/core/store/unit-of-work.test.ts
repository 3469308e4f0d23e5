import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { openDb } from '../../../../main/core/store/db.js';
import type { Db } from '../../../../main/core/store/db.js';
import { createStore } from '../../../../main/core/store/store.js';
import type { Store } from '../../../../main/core/store/store.js';
import { EventBus } from '../../../../main/core/events.js';
import { tempDir } from '../../../helpers/temp-dir.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function open(): { db: Db; store: Store; file: string } {
  const t = tempDir();
  const file = join(t.dir, 'scim-desk.db');
  const db = openDb(file);
  const store = createStore(db, { sync: () => Promise.resolve(), onRollback: () => undefined, events: new EventBus() });
  cleanup = () => {
    db.close();
    t.cleanup();
  };
  return { db, store, file };
}

/** What another connection (another process, a crash's survivor) sees: committed rows only. */
const committedRoles = (file: string): string[] => {
  const other = new Database(file, { readonly: true });
  try {
    return other.prepare('SELECT name FROM roles ORDER BY id').pluck().all() as string[];
  } finally {
    other.close();
  }
};

describe('unit of work', () => {
  it('commits the open write batch before any repository read made outside a write', async () => {
    const { db, store, file } = open();
    store.uow.write(() => store.roles.insert('Night Shift', new Date().toISOString()));
    // The batch stays open until the end of the turn…
    expect(db.inTransaction).toBe(true);
    expect(committedRoles(file)).not.toContain('Night Shift');
    await Promise.resolve(); // a read that starts after an await, in the same turn
    // …but a read outside a write commits it first, so it can only see committed rows.
    expect(store.roles.refByName('Night Shift')?.name).toBe('Night Shift');
    expect(db.inTransaction).toBe(false);
    expect(committedRoles(file)).toContain('Night Shift');
  });

  it('lets a write read its own uncommitted rows without committing the batch', () => {
    const { db, store, file } = open();
    store.uow.write(() => {
      store.roles.insert('Auditor', new Date().toISOString());
      expect(store.roles.refByName('Auditor')).toBeDefined();
      expect(db.inTransaction).toBe(true);
    });
    expect(committedRoles(file)).not.toContain('Auditor');
  });

  it('rolls back a failed write alone and keeps the batch for the others', () => {
    const { store, file } = open();
    store.uow.write(() => store.roles.insert('Kept', new Date().toISOString()));
    expect(() =>
      store.uow.write(() => {
        store.roles.insert('Dropped', new Date().toISOString());
        throw new Error('refused');
      }),
    ).toThrow('refused');
    store.uow.flush();
    expect(committedRoles(file)).toEqual(expect.arrayContaining(['Kept']));
    expect(committedRoles(file)).not.toContain('Dropped');
  });

  it('log reads write the rows queued by lookups first', () => {
    const { store } = open();
    store.log.enqueue({
      at: new Date().toISOString(), requestId: 'r1', client: 'Okta', method: 'GET', path: '/scim/v2/Users', operation: 'lookup',
      memberId: null, userName: null, result: 'success', status: 200, scimType: null, detail: null, durationMs: 1, changes: [], request: null, response: null,
    });
    expect(store.logRead.maxId()).toBe(1);
    expect(store.logRead.page({}, undefined, 10).map((r) => r.requestId)).toEqual(['r1']);
  });
});
