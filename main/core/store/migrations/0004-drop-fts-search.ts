/**
 * Member search moves out of SQLite into an in-memory index (store/member-search-index.ts): the FTS5
 * trigram index of 0003 made every SCIM write flush an FTS segment at COMMIT, about a third of the
 * server's time in an Entra-style cycle. The table and its triggers go.
 */
export const sql = /* sql */ `
DROP TRIGGER IF EXISTS members_search_insert;
DROP TRIGGER IF EXISTS members_search_delete;
DROP TRIGGER IF EXISTS members_search_update;
DROP TABLE IF EXISTS members_search;
`;
