/**
 * One index for the log's member filter instead of two. Every log row, lookups included, inserted
 * into both (member_id, id) and (user_name, id): random keys, so each row dirtied two index pages
 * of its own. Measured at 100k members, that was 60 % of a read's log-row cost (~85 → ~55 µs per row
 * with one index fewer). The member filter now reads (coalesce(member_id, user_name), id): rows of a
 * known member by its id, refused creates (no member id) by the userName the IdP sent; a userName
 * typed into the filter is resolved to the member's id first (log-query.ts).
 */
export const sql = /* sql */ `
DROP INDEX IF EXISTS provisioning_log_member;
DROP INDEX IF EXISTS provisioning_log_user_name;
CREATE INDEX provisioning_log_subject ON provisioning_log(coalesce(member_id, user_name), id);
`;
