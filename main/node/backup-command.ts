import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultDataDir } from '../core/config.js';
import { copyDatabase } from '../core/store/backup.js';
import { DB_FILE } from './start-core.js';

const USAGE = 'Usage: serve backup --to FILE [--data-dir DIR]';

/** fsync a file or directory so a rename is on disk, not just in the page cache. */
function fsyncPath(path: string, flags: 'r' | 'r+'): void {
  const fd = openSync(path, flags);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * `serve backup --to FILE [--data-dir DIR]`: an online, consistent copy of the member store, safe
 * while the core is running and serving. SQLite's backup API copies every page in one step (so the
 * copy is one snapshot and a busy writer cannot keep restarting it). The copy goes to a temp file
 * next to FILE, owner-only (it holds personal data and key hashes); it is switched out of WAL mode so
 * it is one self-contained file, checked with integrity_check, fsynced, and only then renamed to
 * FILE, so FILE is never a half-written backup.
 * Restore: stop SCIM Desk, replace scim-desk.db with the copy, delete scim-desk.db-wal and -shm, start.
 */
export async function runBackupCommand(argv: ReadonlyArray<string>): Promise<void> {
  let to: string | undefined;
  let dataDir = process.env.SCIMDESK_DATA_DIR || defaultDataDir();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--to') to = argv[++i];
    else if (a === '--data-dir') dataDir = argv[++i] ?? dataDir;
    else throw new Error(`Unknown backup option ${a}. ${USAGE}`);
  }
  if (!to) throw new Error(USAGE);
  const file = join(dataDir, DB_FILE);
  const target = resolve(to);
  if (!existsSync(file)) throw new Error(`No SCIM Desk database at ${file}`);
  if (target === resolve(file) || target.startsWith(`${resolve(file)}-`)) throw new Error('The backup must not overwrite the live database or its -wal/-shm files.');
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  closeSync(openSync(tmp, 'wx', 0o600));
  try {
    await copyDatabase(file, tmp);
    fsyncPath(tmp, 'r+');
    renameSync(tmp, target);
    if (process.platform !== 'win32') fsyncPath(dirname(target), 'r');
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  process.stdout.write(`Backup written to ${target}\n`);
}
