/**
 * The log's member index, split in two so a lookup's log row no longer dirties a page of its own.
 *
 * 0006's (coalesce(member_id, user_name), id) has a random key: at 100k members nearly every row,
 * lookups included, landed on a different index page, so each row cost a WAL page and a checkpoint
 * copy (measured: 1.25 WAL frames per lookup row; 0.22 with the index below, and a quarter of the
 * checkpoint work). Lookups are half of an IdP's requests.
 *
 * - provisioning_log_subject_by_epoch: the same key behind an epoch, `id >> 12` (4,096 rows). A
 *   batch of rows lands in one or two epochs, a few dozen pages. The member filter walks the epochs
 *   newest first (log-query.ts, LOG_EPOCH_SHIFT): about 250 seeks at 1,000,000 rows.
 * - provisioning_log_subject_writes: the old key, for write-side rows only (reads never decide a
 *   member's state), so "the member's latest write" stays one seek (health.ts, blocked deprovisionings).
 *   Its WHERE must stay textually what health.ts's query says, or SQLite will not use it.
 */
export const sql = /* sql */ `
DROP INDEX IF EXISTS provisioning_log_subject;
CREATE INDEX provisioning_log_subject_by_epoch ON provisioning_log(id >> 12, coalesce(member_id, user_name), id);
CREATE INDEX provisioning_log_subject_writes ON provisioning_log(coalesce(member_id, user_name), id)
  WHERE operation NOT IN ('lookup', 'list', 'read', 'discovery');
`;
