/**
 * The log's member index without a random key, so a log row no longer dirties an index page of its own.
 *
 * 0006's (coalesce(member_id, user_name), id) has a random key: at 100k members nearly every row
 * landed on a different index page, so each row cost a WAL page and a checkpoint copy (measured:
 * 1.25 WAL frames per lookup row, 0.22 with the index below; a write-side row with that index cost
 * 150 µs to insert and commit, 64 µs without).
 *
 * - provisioning_log_subject_by_epoch: the same key behind an epoch, `id >> 12` (4,096 rows). A
 *   batch of rows lands in one or two epochs, a few dozen pages. The member filter walks the epochs
 *   newest first (log-query.ts, LOG_EPOCH_SHIFT): about 250 seeks at 1,000,000 rows.
 * - provisioning_log_blocked: refused deactivations only (rare rows), so health.ts finds each asset
 *   holder's latest refusal in one seek, then looks for a later write in the epochs after it.
 */
export const sql = /* sql */ `
DROP INDEX IF EXISTS provisioning_log_subject;
CREATE INDEX provisioning_log_subject_by_epoch ON provisioning_log(id >> 12, coalesce(member_id, user_name), id);
CREATE INDEX provisioning_log_blocked ON provisioning_log(member_id, id) WHERE operation = 'blocked-deactivation';
`;
