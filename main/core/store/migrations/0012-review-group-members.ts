/**
 * The Sync review's group changes, at the size of a real group (review of the #16 merge): 0011 kept
 * every `member:<userName>` line of a group in one JSON column, parsed and rewritten on each group
 * write, so Okta pushing a 8,000-member group one member per PATCH took a minute of event loop.
 *
 * - review_group_members: one row per group and member with the first old and the last new value
 *   since the last acknowledgement, upserted per write (a member who joined and left nets to nothing).
 * - review_group_changes.joined / left_count: the group's net joins and leaves, kept as the rows
 *   above change, so a page never counts them.
 * - review_problems_subject also covers dismissed problems: a later successful write closes those
 *   too, so the next refusal of the member shows again.
 */
export const sql = /* sql */ `
CREATE TABLE review_group_members (
  group_id TEXT NOT NULL,
  user_name TEXT NOT NULL,
  first_old TEXT,
  last_new TEXT,
  last_id INTEGER NOT NULL,
  PRIMARY KEY (group_id, user_name)
) WITHOUT ROWID;
CREATE INDEX review_group_members_last ON review_group_members(last_id);
ALTER TABLE review_group_changes ADD COLUMN joined INTEGER NOT NULL DEFAULT 0;
ALTER TABLE review_group_changes ADD COLUMN left_count INTEGER NOT NULL DEFAULT 0;
DROP INDEX review_problems_subject;
CREATE INDEX review_problems_subject ON review_problems(subject) WHERE state <> 'resolved';
`;
