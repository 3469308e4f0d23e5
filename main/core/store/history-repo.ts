import type { FieldChange } from '../../../shared/api/log-events.js';
import type { Db } from './db.js';
import type { UnitOfWork } from './unit-of-work.js';
import { parseChanges } from './json-columns.js';

/** One change set of a member: who changed what, when. */
export interface HistoryEntry {
  readonly at: string;
  readonly actor: string;
  readonly changes: FieldChange[];
}

/** `member_history`: one row per change set (migration 0005). */
export interface HistoryRepo {
  add(memberId: string, at: string, actor: string, changes: ReadonlyArray<FieldChange>): void;
  /** Newest first. */
  forMember(memberId: string, limit: number): HistoryEntry[];
}

export function createHistoryRepo(db: Db, uow: UnitOfWork): HistoryRepo {
  const insert = db.prepare('INSERT INTO member_history (member_id, at, actor, changes_json) VALUES (?, ?, ?, ?)');
  const select = db.prepare<[string, number], { at: string; actor: string; changes_json: string }>(
    'SELECT at, actor, changes_json FROM member_history WHERE member_id = ? ORDER BY id DESC LIMIT ?',
  );
  return {
    add(memberId, at, actor, changes) {
      if (changes.length > 0) insert.run(memberId, at, actor, JSON.stringify(changes.map((c) => ({ field: c.field, old: c.old, new: c.new, ...(c.requested === undefined ? {} : { requested: c.requested }) }))));
    },
    forMember(memberId, limit) {
      uow.beforeRead();
      return select.all(memberId, limit).map((h) => ({ at: h.at, actor: h.actor, changes: parseChanges(h.changes_json, 'member_history.changes_json') }));
    },
  };
}
