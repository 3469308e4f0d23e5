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

/** Per table or index: growth from s0 to s1 minus growth from s1 to s2, the largest difference first. */
export function extraGrowth(s0, s1, s2) {
  if (!s0.tables || !s1.tables || !s2.tables) return [];
  const at = (s, name) => s.tables[name] ?? 0;
  return Object.keys(s2.tables)
    .map((name) => ({ name, bytes: at(s1, name) - at(s0, name) - (at(s2, name) - at(s1, name)) }))
    .filter((t) => t.bytes !== 0)
    .sort((a, b) => Math.abs(b.bytes) - Math.abs(a.bytes));
}
