/**
 * First schema. Members keep the whole SCIM resource (`scim_json`, without id/meta) next to the
 * member fields derived from it through the mapping table, so a GET returns what the IdP sent.
 * Lookup columns (user_name, external_id, work_email) are maintained by the SCIM write path and
 * indexed so Entra's per-user filter queries are O(log n).
 */
export const sql = /* sql */ `
CREATE TABLE roles (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  is_builtin INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
INSERT INTO roles (id, name, is_builtin, created_at) VALUES
  (1, 'Administrator', 1, strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  (2, 'Staff User', 1, strftime('%Y-%m-%dT%H:%M:%fZ','now'));

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE connector_keys (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT,
  last_used_at TEXT
);

CREATE TABLE members (
  id TEXT PRIMARY KEY,
  user_name TEXT NOT NULL COLLATE NOCASE,
  external_id TEXT,
  work_email TEXT COLLATE NOCASE,
  active INTEGER NOT NULL DEFAULT 1,
  lifecycle TEXT NOT NULL DEFAULT 'present' CHECK (lifecycle IN ('present', 'idp_deleted', 'admin_deleted')),
  scim_json TEXT NOT NULL DEFAULT '{}',
  version INTEGER NOT NULL DEFAULT 1,
  source TEXT NOT NULL DEFAULT 'scim' CHECK (source IN ('scim', 'manual')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_provisioned_at TEXT,
  first_name TEXT,
  last_name TEXT,
  display_name TEXT,
  email TEXT COLLATE NOCASE,
  phone TEXT,
  mobile TEXT,
  job_title TEXT,
  department TEXT,
  location TEXT,
  employee_number TEXT,
  street_address TEXT,
  city TEXT,
  state TEXT,
  postal_code TEXT,
  country TEXT,
  manager_id TEXT,
  role_id INTEGER REFERENCES roles(id),
  role_locked INTEGER NOT NULL DEFAULT 0,
  leaver_holding_assets INTEGER NOT NULL DEFAULT 0,
  deleted_at TEXT,
  custom_json TEXT NOT NULL DEFAULT '{}'
);
-- userName is unique among members the IdP can see; deleted ones keep theirs for revival without blocking reuse.
CREATE UNIQUE INDEX members_user_name ON members(user_name) WHERE lifecycle = 'present';
-- (user_name, id): also the admin list's keyset order for sort=userName.
CREATE INDEX members_user_name_all ON members(user_name, id);
CREATE INDEX members_external_id ON members(external_id);
CREATE INDEX members_work_email ON members(work_email);
CREATE INDEX members_role ON members(role_id);
-- Admin member list keyset orders (sort key, id): "name" is the display name, else the userName.
CREATE INDEX members_sort_name ON members(coalesce(display_name, user_name) COLLATE NOCASE, id);
CREATE INDEX members_updated ON members(updated_at, id);

CREATE TABLE member_history (
  id INTEGER PRIMARY KEY,
  member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX member_history_member ON member_history(member_id, id);

CREATE TABLE custom_fields (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('text', 'number', 'date', 'boolean'))
);

CREATE TABLE mappings (
  id INTEGER PRIMARY KEY,
  position INTEGER NOT NULL,
  scim_path TEXT NOT NULL,
  target TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE assets (
  id INTEGER PRIMARY KEY,
  tag TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name TEXT NOT NULL,
  category TEXT,
  serial_number TEXT,
  notes TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE checkouts (
  id INTEGER PRIMARY KEY,
  asset_id INTEGER NOT NULL REFERENCES assets(id),
  member_id TEXT NOT NULL REFERENCES members(id),
  checked_out_at TEXT NOT NULL,
  checked_in_at TEXT
);
CREATE UNIQUE INDEX checkouts_open_asset ON checkouts(asset_id) WHERE checked_in_at IS NULL;
CREATE INDEX checkouts_member ON checkouts(member_id) WHERE checked_in_at IS NULL;

-- AUTOINCREMENT: ids are never reused after retention pruning empties the table, so an SSE
-- Last-Event-ID or an acknowledged review's to_log_id keeps meaning "everything after this".
CREATE TABLE provisioning_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  request_id TEXT NOT NULL,
  client TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  operation TEXT NOT NULL,
  member_id TEXT,
  user_name TEXT,
  result TEXT NOT NULL CHECK (result IN ('success', 'failure', 'skipped')),
  status INTEGER NOT NULL,
  scim_type TEXT,
  detail TEXT,
  duration_ms REAL NOT NULL,
  changes_json TEXT,
  request_json TEXT,
  response_json TEXT
);
CREATE INDEX provisioning_log_at ON provisioning_log(at);
CREATE INDEX provisioning_log_member ON provisioning_log(member_id, id);
CREATE INDEX provisioning_log_operation ON provisioning_log(operation, id);
CREATE INDEX provisioning_log_result ON provisioning_log(result, id);
-- Admin log filters by client and by member userName (rows of refused creates have no member id).
CREATE INDEX provisioning_log_client ON provisioning_log(client, id);
CREATE INDEX provisioning_log_user_name ON provisioning_log(user_name, id);

CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  from_log_id INTEGER NOT NULL,
  to_log_id INTEGER NOT NULL,
  acknowledged_at TEXT NOT NULL,
  acknowledged_by TEXT NOT NULL
);
`;
