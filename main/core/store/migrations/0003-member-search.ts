/**
 * Substring search for the admin member list at 100k members: an FTS5 trigram index over the
 * three searched columns, kept in step by triggers. A LIKE '%x%' over 100k rows cost 15–40 ms per
 * count; the trigram index answers "how many match" in about a millisecond when few do, which is
 * how the list decides between reading the matches and walking its sort index (members-list.ts).
 *
 * Members deleted by the admin are never listed, so they are kept out of the index: a plain text
 * search can then be counted from the index alone. An external-content FTS5 'delete' must repeat
 * exactly what was indexed, so every trigger tests the lifecycle of the row it removes. The update
 * trigger fires only when a searched column or the lifecycle really changes, so the SCIM write path
 * (which rewrites every column) pays nothing for the unchanged ones.
 */
export const sql = /* sql */ `
CREATE VIRTUAL TABLE members_search USING fts5(
  user_name, display_name, email,
  content = 'members', content_rowid = 'rowid', tokenize = 'trigram'
);
CREATE TRIGGER members_search_insert AFTER INSERT ON members WHEN new.lifecycle <> 'admin_deleted' BEGIN
  INSERT INTO members_search (rowid, user_name, display_name, email) VALUES (new.rowid, new.user_name, new.display_name, new.email);
END;
CREATE TRIGGER members_search_delete AFTER DELETE ON members WHEN old.lifecycle <> 'admin_deleted' BEGIN
  INSERT INTO members_search (members_search, rowid, user_name, display_name, email) VALUES ('delete', old.rowid, old.user_name, old.display_name, old.email);
END;
-- One trigger, so the 'delete' of the old entry always runs before the insert of the new one
-- (SQLite does not promise an order between two triggers on the same event).
CREATE TRIGGER members_search_update AFTER UPDATE OF user_name, display_name, email, lifecycle ON members
WHEN old.user_name IS NOT new.user_name OR old.display_name IS NOT new.display_name OR old.email IS NOT new.email
  OR old.lifecycle IS NOT new.lifecycle BEGIN
  INSERT INTO members_search (members_search, rowid, user_name, display_name, email)
    SELECT 'delete', old.rowid, old.user_name, old.display_name, old.email WHERE old.lifecycle <> 'admin_deleted';
  INSERT INTO members_search (rowid, user_name, display_name, email)
    SELECT new.rowid, new.user_name, new.display_name, new.email WHERE new.lifecycle <> 'admin_deleted';
END;
INSERT INTO members_search (rowid, user_name, display_name, email)
  SELECT rowid, user_name, display_name, email FROM members WHERE lifecycle <> 'admin_deleted';
`;
