import type { Db } from './db.js';

/**
 * Substring search for the admin member list, held in memory next to the connection.
 *
 * Why not in SQLite: an FTS5 trigram index (migration 0003) answered searches, but kept in step by
 * triggers it cost every SCIM write an FTS segment flush at COMMIT: the CPU profile of an Entra-style
 * cycle showed a third of the server's time there (cycle 13.8 s → 8.9 s at 3,000 users without it),
 * and counting a dense match ("user" in 100k) still took about 100 ms. Scanning 100k short lowercased
 * strings in V8 takes a few milliseconds, costs the write path one function call per changed row, and
 * matches case-insensitively beyond ASCII (SQLite's LIKE folds ASCII only).
 *
 * Consistency: TEMP triggers on this connection call `member_search_dirty(rowid)` whenever a row's
 * searched columns or lifecycle are written (by any code on this connection). Dirty rows are re-read
 * from the table before the next search, so a rolled-back write is simply read back as it was. The
 * index is built when first asked for (members-routes.ts: after the first member list), so start-up
 * does not pay for it.
 *
 * What it holds: every listable member (lifecycle not 'admin_deleted', as the list shows), keyed by
 * rowid, as `userName \u0001 displayName \u0001 email` lowercased.
 */
export interface MemberSearchIndex {
  /** Rowids of listable members whose userName, display name or email contains `text` (any case). */
  find(text: string): number[];
}

const SEP = '\u0001';
const indexes = new WeakMap<Db, MemberSearchIndex>();

/**
 * The index of this connection, created (and its triggers installed) on first call. Create it
 * outside a transaction: TEMP triggers created inside one vanish if it rolls back, and the index
 * would then miss every later write.
 */
export function memberSearchIndex(db: Db): MemberSearchIndex {
  let index = indexes.get(db);
  if (!index) {
    if (db.inTransaction) throw new Error('The member search index must be created outside a transaction (commit the open write batch first).');
    index = createIndex(db);
    indexes.set(db, index);
  }
  return index;
}

type SearchedRow = [rowid: number, userName: string, displayName: string | null, email: string | null];

const haystack = (r: SearchedRow): string => `${r[1]}${SEP}${r[2] ?? ''}${SEP}${r[3] ?? ''}`.toLowerCase();

function createIndex(db: Db): MemberSearchIndex {
  const hay = new Map<number, string>();
  let dirty = new Set<number>();
  db.function('member_search_dirty', { deterministic: false, directOnly: false }, (rowid: unknown) => {
    dirty.add(Number(rowid));
    return null;
  });
  db.exec(`
    CREATE TEMP TRIGGER IF NOT EXISTS member_search_insert AFTER INSERT ON main.members BEGIN SELECT member_search_dirty(new.rowid); END;
    CREATE TEMP TRIGGER IF NOT EXISTS member_search_update AFTER UPDATE OF user_name, display_name, email, lifecycle ON main.members
      BEGIN SELECT member_search_dirty(new.rowid); END;
    CREATE TEMP TRIGGER IF NOT EXISTS member_search_delete AFTER DELETE ON main.members BEGIN SELECT member_search_dirty(old.rowid); END;
  `);
  const listable = "lifecycle <> 'admin_deleted'";
  const all = db.prepare(`SELECT rowid, user_name, display_name, email FROM members WHERE ${listable}`).raw();
  const one = db.prepare(`SELECT rowid, user_name, display_name, email FROM members WHERE rowid = ? AND ${listable}`).raw();

  // Created outside a transaction (memberSearchIndex), so this first read is committed state.
  for (const r of all.iterate() as IterableIterator<SearchedRow>) hay.set(r[0], haystack(r));

  // A row read inside an open transaction may still be rolled back: it stays dirty, so the next
  // refresh reads it again.
  function refresh(): void {
    if (dirty.size === 0) return;
    const rowids = dirty;
    if (!db.inTransaction) dirty = new Set();
    for (const rowid of rowids) {
      const r = one.get(rowid) as SearchedRow | undefined;
      if (r) hay.set(rowid, haystack(r));
      else hay.delete(rowid);
    }
  }

  return {
    find(text) {
      refresh();
      const needle = text.toLowerCase();
      const out: number[] = [];
      if (needle.includes(SEP)) return out;
      for (const [rowid, h] of hay) if (h.includes(needle)) out.push(rowid);
      return out;
    },
  };
}
