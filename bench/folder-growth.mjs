/**
 * The data folder at rest, for bench/flood.mjs: its size, the database's bytes per table and index,
 * and the rows refused traffic left in the provisioning log. Read with the server stopped.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Sum of the sizes of the files under `dir`. */
function folderBytes(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) n += statSync(join(e.parentPath ?? e.path, e.name)).size;
  return n;
}

/**
 * The data folder at rest (server stopped): its size, the database's bytes per table and index
 * (SQLite's dbstat), and the rows the refused-traffic counter wrote (`requestId` "refused-…").
 */
export async function atRest(dir, dbFile) {
  const snap = { bytes: folderBytes(dir) };
  try {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(dir, dbFile), { readonly: true });
    try {
      snap.refused = db
        .prepare("SELECT count(*) AS rows, coalesce(sum(length(path) + length(coalesce(detail, '')) + length(coalesce(request_json, ''))), 0) AS bytes FROM provisioning_log WHERE request_id LIKE 'refused-%'")
        .get();
      snap.tables = Object.fromEntries(db.prepare('SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name').raw().all());
    } finally {
      db.close();
    }
  } catch (err) {
    snap.error = err.message;
  }
  return snap;
}

/** Per table or index: bytes gained (or lost) from snapshot `a` to snapshot `b`, the largest change first. */
export function growthByTable(a, b) {
  if (!a.tables || !b.tables) return [];
  return Object.keys(b.tables)
    .map((name) => ({ name, bytes: b.tables[name] - (a.tables[name] ?? 0) }))
    .filter((t) => t.bytes !== 0)
    .sort((x, y) => Math.abs(y.bytes) - Math.abs(x.bytes));
}
