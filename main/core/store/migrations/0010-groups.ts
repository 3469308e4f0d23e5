/**
 * Groups from the IdP and roles from groups (issue #18).
 * - `scim_groups`: one row per group the IdP pushed; `scim_json` keeps the resource without `id`,
 *   `meta` and `members` (Microsoft's group extension included), like `members.scim_json`.
 *   displayName is not unique (RFC 7643 §4.2 says uniqueness "none"; Entra allows two groups of one name).
 * - `group_members`: memberships, one row per (group, member); a member's groups are read by the
 *   second index.
 * - `roles.idp_groups`: the IdP group names (JSON array) that grant the role; `roles.position`:
 *   the order in which roles are tried (built-in first, then by name, as the list showed them).
 * - `members.role_source`: which group or attribute value gave the member its role (NULL when it was
 *   the fallback or the admin's choice), so a member who leaves the group loses the role again.
 * - `provisioning_log.group_id`/`group_name`: the group a log row is about.
 * A database that already holds data keeps the users-only behaviour it had until the admin turns
 * groups on; a new one stores groups from the start.
 */
export const sql = /* sql */ `
CREATE TABLE scim_groups (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  external_id TEXT,
  scim_json TEXT NOT NULL DEFAULT '{}',
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX scim_groups_display_name ON scim_groups(display_name COLLATE NOCASE);
CREATE INDEX scim_groups_external_id ON scim_groups(external_id);

CREATE TABLE group_members (
  group_id TEXT NOT NULL REFERENCES scim_groups(id) ON DELETE CASCADE,
  member_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, member_id)
) WITHOUT ROWID;
CREATE INDEX group_members_member ON group_members(member_id, group_id);

ALTER TABLE roles ADD COLUMN idp_groups TEXT NOT NULL DEFAULT '[]';
ALTER TABLE roles ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
UPDATE roles SET position = (
  SELECT count(*) FROM roles AS r
  WHERE r.is_builtin > roles.is_builtin
     OR (r.is_builtin = roles.is_builtin AND (lower(r.name) < lower(roles.name) OR (lower(r.name) = lower(roles.name) AND r.id < roles.id)))
);

ALTER TABLE members ADD COLUMN role_source TEXT;

ALTER TABLE provisioning_log ADD COLUMN group_id TEXT;
ALTER TABLE provisioning_log ADD COLUMN group_name TEXT;

INSERT INTO settings (key, value) SELECT 'groupProvisioning', '"users-only"'
  WHERE EXISTS (SELECT 1 FROM settings WHERE key = 'mappingsSeeded');
`;
