import Database from 'better-sqlite3';

/**
 * Copy the database at `file` into `to` (an existing empty file) while it may be open and written
 * by a running core. SQLite's backup API copies every page in one step, so the copy is one snapshot
 * and a busy writer cannot keep restarting it. The copy is switched out of WAL mode, so it is one
 * self-contained file, and checked with integrity_check.
 */
export async function copyDatabase(file: string, to: string): Promise<void> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(to, { progress: () => 0x7fffffff });
    const copy = new Database(to, { fileMustExist: true });
    try {
      // A backup is one self-contained file: rollback journal mode, so opening it never needs -wal/-shm.
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`The backup copy failed its integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
  } finally {
    db.close();
  }
}
