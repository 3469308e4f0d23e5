#!/usr/bin/env node
/**
 * Reference ("bare ceiling") SCIM server for `npm run bench` (issue 9).
 *
 * The same routes the IdPs hit, doing only the database work: no schema validation, no mapping,
 * no roles, no provisioning log, no history. It is what SCIM Desk is measured against, so it must
 * stay naive on purpose; do not add product logic here. By default it keeps the product's durability
 * (WAL + synchronous=FULL, one commit per write, fsync before answering) so the ratio measures our
 * code, not fsync policy. The bench also runs it with `--synchronous NORMAL` as the "floor" (issue 14):
 * in WAL mode a COMMIT then does not fsync, so a write is answered before it is durable; that is
 * strictly less work than SCIM Desk does. (In both modes SQLite's automatic checkpoint still runs, with
 * its syncs, in the COMMIT that takes the WAL past 1,000 pages.)
 *
 * Usage: node bench/reference-server.mjs --port 0 --data-dir DIR [--token T] [--synchronous FULL|NORMAL]
 * It also accepts SCIM Desk's `serve` flags (--scim-port, --connector-key, --admin-port,
 * --admin-token, --log-level; the admin ones are ignored) so the bench can start either with one argv.
 * Prints `SQLite: journal_mode=wal synchronous=FULL` (read back from the connection) and then
 * `SCIM base URL: http://127.0.0.1:PORT/scim/v2` on stdout; exits 0 on SIGTERM/SIGINT.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import express from 'express';
import Database from 'better-sqlite3';

const { values: opts } = parseArgs({
  options: {
    port: { type: 'string' },
    'scim-port': { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'data-dir': { type: 'string' },
    token: { type: 'string' },
    'connector-key': { type: 'string' },
    'admin-port': { type: 'string' },
    'admin-token': { type: 'string' },
    'log-level': { type: 'string' },
    synchronous: { type: 'string', default: 'FULL' },
  },
  strict: true,
});

const port = Number(opts.port ?? opts['scim-port'] ?? 0);
const dataDir = opts['data-dir'];
const token = opts.token ?? opts['connector-key'] ?? process.env.SCIM_TOKEN;
if (!dataDir || !token) {
  process.stderr.write('usage: reference-server.mjs --port 0 --data-dir DIR --token TOKEN\n');
  process.exit(2);
}
mkdirSync(dataDir, { recursive: true });

const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const SCIM_JSON = 'application/scim+json';

const db = new Database(join(dataDir, 'reference.db'));
db.pragma('journal_mode = WAL');
// FULL by default (issue 9's reference). `--synchronous NORMAL` is the floor: no per-commit fsync.
if (!/^(FULL|NORMAL|OFF|EXTRA)$/i.test(opts.synchronous)) throw new Error('--synchronous must be FULL, NORMAL, OFF or EXTRA');
db.pragma(`synchronous = ${opts.synchronous}`);
const SYNCHRONOUS = ['OFF', 'NORMAL', 'FULL', 'EXTRA'];
process.stdout.write(
  `SQLite: journal_mode=${db.pragma('journal_mode', { simple: true })} synchronous=${SYNCHRONOUS[db.pragma('synchronous', { simple: true })]}\n`,
);
db.exec(`
CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  user_name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  external_id TEXT,
  work_email TEXT COLLATE NOCASE,
  json TEXT NOT NULL,
  created TEXT NOT NULL,
  modified TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS users_external_id ON users(external_id);
CREATE INDEX IF NOT EXISTS users_work_email ON users(work_email);
`);

const q = {
  byId: db.prepare('SELECT * FROM users WHERE id = ?'),
  byUserName: db.prepare('SELECT * FROM users WHERE user_name = ?'),
  byExternalId: db.prepare('SELECT * FROM users WHERE external_id = ?'),
  byWorkEmail: db.prepare('SELECT * FROM users WHERE work_email = ?'),
  count: db.prepare('SELECT count(*) AS n FROM users').pluck(),
  page: db.prepare('SELECT * FROM users ORDER BY rowid LIMIT ? OFFSET ?'),
  insert: db.prepare(
    'INSERT INTO users (id, user_name, external_id, work_email, json, created, modified) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
  update: db.prepare(
    'UPDATE users SET user_name = ?, external_id = ?, work_email = ?, json = ?, modified = ? WHERE id = ?',
  ),
  remove: db.prepare('DELETE FROM users WHERE id = ?'),
};

const workEmail = (u) => {
  const list = Array.isArray(u.emails) ? u.emails : [];
  return (list.find((e) => e && e.type === 'work') ?? list.find((e) => e && e.primary) ?? list[0])?.value ?? null;
};

function toResource(row, base) {
  const u = JSON.parse(row.json);
  u.id = row.id;
  u.meta = {
    resourceType: 'User',
    created: row.created,
    lastModified: row.modified,
    location: `${base}/Users/${row.id}`,
  };
  return u;
}

function scimError(res, status, detail, scimType) {
  res.status(status).type(SCIM_JSON).json({ schemas: [ERROR], status: String(status), scimType, detail });
}

/** Only the three filter forms Entra and Okta send for user matching; anything else is a 400. */
const FILTER =
  /^\s*(userName|externalId|emails\[type eq "work"\]\.value)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i;

/** Naive PATCH: set the value at the path. Supports `a`, `a.b`, `emails[type eq "work"].value`, no path. */
function applyOp(u, op) {
  const kind = String(op.op ?? '').toLowerCase();
  if (kind !== 'replace' && kind !== 'add') return; // remove is not part of the benched workload
  let value = op.value;
  if (value === 'True') value = true;
  else if (value === 'False') value = false;
  if (!op.path) {
    Object.assign(u, value);
    return;
  }
  const m = /^(\w+)\[type eq "([^"]+)"\]\.(\w+)$/i.exec(op.path);
  if (m) {
    const [, attr, type, sub] = m;
    const list = Array.isArray(u[attr]) ? u[attr] : (u[attr] = []);
    let entry = list.find((e) => e && e.type === type);
    if (!entry) list.push((entry = { type }));
    entry[sub] = value;
    return;
  }
  const urn = /^(urn:.*):([^:]+)$/.exec(op.path);
  if (urn) {
    (u[urn[1]] ??= {})[urn[2]] = value;
    return;
  }
  const parts = op.path.split('.');
  let target = u;
  for (const p of parts.slice(0, -1)) target = target[p] ??= {};
  target[parts.at(-1)] = value;
}

const app = express();
app.disable('x-powered-by');
app.disable('etag');
app.use(express.json({ type: ['application/json', SCIM_JSON], limit: '1mb' }));

const router = express.Router();
router.use((req, res, next) => {
  if (req.headers.authorization !== `Bearer ${token}`) return scimError(res, 401, 'Unauthorized');
  next();
});

const baseOf = (req) => `http://${req.headers.host}/scim/v2`;

router.get('/Users', (req, res) => {
  const base = baseOf(req);
  const filter = req.query.filter;
  if (typeof filter === 'string' && filter !== '') {
    const m = FILTER.exec(filter);
    if (!m) return scimError(res, 400, 'Unsupported filter', 'invalidFilter');
    const attr = m[1].toLowerCase();
    const value = m[2].replace(/\\(.)/g, '$1');
    const stmt = attr === 'username' ? q.byUserName : attr === 'externalid' ? q.byExternalId : q.byWorkEmail;
    const rows = stmt.all(value);
    return res
      .type(SCIM_JSON)
      .json({ schemas: [LIST], totalResults: rows.length, startIndex: 1, itemsPerPage: rows.length, Resources: rows.map((r) => toResource(r, base)) });
  }
  const startIndex = Math.max(1, Number.parseInt(req.query.startIndex ?? '1', 10) || 1);
  const count = Math.min(1000, Math.max(0, Number.parseInt(req.query.count ?? '100', 10) || 0));
  const rows = q.page.all(count, startIndex - 1);
  res.type(SCIM_JSON).json({
    schemas: [LIST],
    totalResults: q.count.get(),
    startIndex,
    itemsPerPage: rows.length,
    Resources: rows.map((r) => toResource(r, base)),
  });
});

router.get('/Users/:id', (req, res) => {
  const row = q.byId.get(req.params.id);
  if (!row) return scimError(res, 404, 'User not found');
  res.type(SCIM_JSON).json(toResource(row, baseOf(req)));
});

router.post('/Users', (req, res) => {
  const u = req.body;
  if (!u || typeof u.userName !== 'string' || u.userName === '') return scimError(res, 400, 'userName is required', 'invalidValue');
  delete u.id;
  delete u.meta;
  if (u.active === 'True') u.active = true;
  else if (u.active === 'False') u.active = false;
  const id = randomUUID();
  const now = new Date().toISOString();
  try {
    q.insert.run(id, u.userName, u.externalId ?? null, workEmail(u), JSON.stringify(u), now, now);
  } catch (err) {
    if (err && err.code === 'SQLITE_CONSTRAINT_UNIQUE') return scimError(res, 409, 'userName already exists', 'uniqueness');
    throw err;
  }
  res.status(201).type(SCIM_JSON).location(`${baseOf(req)}/Users/${id}`).json(toResource(q.byId.get(id), baseOf(req)));
});

router.patch('/Users/:id', (req, res) => {
  const row = q.byId.get(req.params.id);
  if (!row) return scimError(res, 404, 'User not found');
  const ops = req.body?.Operations;
  if (!Array.isArray(ops)) return scimError(res, 400, 'Operations is required', 'invalidSyntax');
  const u = JSON.parse(row.json);
  for (const op of ops) applyOp(u, op);
  const now = new Date().toISOString();
  try {
    q.update.run(u.userName, u.externalId ?? null, workEmail(u), JSON.stringify(u), now, row.id);
  } catch (err) {
    if (err && err.code === 'SQLITE_CONSTRAINT_UNIQUE') return scimError(res, 409, 'userName already exists', 'uniqueness');
    throw err;
  }
  res.type(SCIM_JSON).json(toResource({ ...row, json: JSON.stringify(u), modified: now }, baseOf(req)));
});

router.put('/Users/:id', (req, res) => {
  const row = q.byId.get(req.params.id);
  if (!row) return scimError(res, 404, 'User not found');
  const u = req.body ?? {};
  delete u.id;
  delete u.meta;
  const now = new Date().toISOString();
  q.update.run(u.userName ?? row.user_name, u.externalId ?? null, workEmail(u), JSON.stringify(u), now, row.id);
  res.type(SCIM_JSON).json(toResource({ ...row, json: JSON.stringify(u), modified: now }, baseOf(req)));
});

router.delete('/Users/:id', (req, res) => {
  const { changes } = q.remove.run(req.params.id);
  if (changes === 0) return scimError(res, 404, 'User not found');
  res.status(204).end();
});

app.use('/scim/v2', router);
app.use((req, res) => scimError(res, 404, 'Not found'));
// Express 5: a malformed JSON body lands here as a 400 from body-parser.
app.use((err, req, res, _next) => scimError(res, err.status ?? 500, err.message, err.status === 400 ? 'invalidSyntax' : undefined));

const server = app.listen(port, opts.host, (err) => {
  if (err) throw err;
  const addr = server.address();
  process.stdout.write(`SCIM base URL: http://${opts.host}:${addr.port}/scim/v2\n`);
});
server.keepAliveTimeout = 65_000;

function shutdown() {
  server.close(() => {
    db.close();
    process.exit(0);
  });
  server.closeAllConnections();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
