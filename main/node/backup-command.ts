import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../core/config.js';
import { copyDatabase } from '../core/store/backup.js';
import { DB_FILE } from './start-core.js';
import { OptionError } from './options.js';
import { CORE_OPTIONS } from '../../shared/core-options.js';

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

/** `--to FILE [--data-dir DIR]`; the data folder falls back to its `SCIMDESK_*` twin as in `serve`. */
function parseBackupArgs(argv: ReadonlyArray<string>): { to: string | undefined; dataDir: string } {
  const options = { to: { type: 'string' }, 'data-dir': { type: 'string' } } as const;
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new OptionError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
  return { to: values.to, dataDir: values['data-dir'] || process.env[CORE_OPTIONS.dataDir.env] || defaultDataDir() };
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
  const { to, dataDir } = parseBackupArgs(argv);
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
