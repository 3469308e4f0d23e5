import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultDataDir } from '../core/config.js';
import { DB_FILE } from './start-core.js';

/**
 * `serve backup --to FILE [--data-dir DIR]`: an online, consistent copy of the member store
 * (SQLite's backup API), safe while the core is running and serving.
 */
export async function runBackupCommand(argv: ReadonlyArray<string>): Promise<void> {
  let to: string | undefined;
  let dataDir = process.env.SCIMDESK_DATA_DIR || defaultDataDir();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--to') to = argv[++i];
    else if (a === '--data-dir') dataDir = argv[++i] ?? dataDir;
    else throw new Error(`Unknown backup option ${a}. Usage: serve backup --to FILE [--data-dir DIR]`);
  }
  if (!to) throw new Error('Usage: serve backup --to FILE [--data-dir DIR]');
  const file = join(dataDir, DB_FILE);
  if (!existsSync(file)) throw new Error(`No SCIM Desk database at ${file}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(resolve(to));
  } finally {
    db.close();
  }
  process.stdout.write(`Backup written to ${resolve(to)}\n`);
}
