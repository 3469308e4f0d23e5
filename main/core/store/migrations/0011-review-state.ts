/**
 * The Sync review, kept up to date as the log grows instead of folded from the log on every visit
 * (issue #16: after a first sync of 100,000 users the old fold read every row since the last
 * acknowledgement, ~60 s, and Acknowledge took 70 s).
 *
 * - review_state: the log row id the review has read up to (`folded_to`).
 * - review_changes: one row per member with its net change since its first write after the last
 *   acknowledgement. A row whose `last_id` is at or below the last acknowledged `to_log_id` is
 *   acknowledged (hidden, pruned in small batches), so Acknowledge is one INSERT into `reviews`.
 * - review_problems: refusals (and fallbacks to the default role), one per kind and member (or
 *   userName, for a refused create). They stay open across acknowledgements until a later
 *   successful write of that member resolves them or the admin dismisses them with a reason.
 *   `sticky = 0` rows (auth failures, refusals not about one member) only count since the last
 *   acknowledgement.
 *
 * Reading starts after the last acknowledgement, so an upgraded database shows what the old fold showed.
 *
 * review_group_changes: the same net change per IdP group (renamed, members joined or left); a
 * group's problems are review_problems rows whose subject is `group:<id>` (`group_name` names it).
 *
 * assets.retired_at: a disposed asset is retired (kept with its checkout history) rather than deleted.
 *
 * members_leavers: the health card counts leavers holding assets on every poll; without an index
 * that was a scan of every member (~250 ms at 100,000), blocking SCIM meanwhile.
 */
export const sql = /* sql */ `
CREATE TABLE review_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  folded_to INTEGER NOT NULL
);
INSERT INTO review_state (id, folded_to) VALUES (1, coalesce((SELECT to_log_id FROM reviews ORDER BY id DESC LIMIT 1), 0));

CREATE TABLE review_changes (
  member_id TEXT PRIMARY KEY,
  user_name TEXT,
  display_name TEXT,
  first_id INTEGER NOT NULL,
  last_id INTEGER NOT NULL,
  last_at TEXT NOT NULL,
  first_op TEXT NOT NULL,
  last_op TEXT NOT NULL,
  revived INTEGER NOT NULL DEFAULT 0,
  kind TEXT,
  changes_json TEXT NOT NULL
);
CREATE INDEX review_changes_kind ON review_changes(kind, last_id);
CREATE INDEX review_changes_last ON review_changes(last_id);

CREATE TABLE review_problems (
  id INTEGER PRIMARY KEY,
  problem_key TEXT NOT NULL UNIQUE,
  operation TEXT NOT NULL,
  subject TEXT NOT NULL,
  sticky INTEGER NOT NULL,
  member_id TEXT,
  user_name TEXT,
  log_id INTEGER NOT NULL,
  first_at TEXT NOT NULL,
  at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 1,
  status INTEGER NOT NULL,
  scim_type TEXT,
  method TEXT NOT NULL,
  detail TEXT,
  requested_role TEXT COLLATE NOCASE,
  group_name TEXT,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'dismissed')),
  closed_at TEXT,
  closed_by TEXT,
  dismiss_reason TEXT
);
CREATE INDEX review_problems_open ON review_problems(state, operation, id);
CREATE INDEX review_problems_subject ON review_problems(subject) WHERE state = 'open';

CREATE TABLE review_group_changes (
  group_id TEXT PRIMARY KEY,
  display_name TEXT,
  first_id INTEGER NOT NULL,
  last_id INTEGER NOT NULL,
  last_at TEXT NOT NULL,
  first_op TEXT NOT NULL,
  last_op TEXT NOT NULL,
  kind TEXT,
  changes_json TEXT NOT NULL
);
CREATE INDEX review_group_changes_last ON review_group_changes(last_id);

ALTER TABLE assets ADD COLUMN retired_at TEXT;
CREATE INDEX members_leavers ON members(leaver_holding_assets) WHERE leaver_holding_assets = 1;
CREATE INDEX review_problems_role ON review_problems(requested_role) WHERE state = 'open' AND requested_role IS NOT NULL;
`;
