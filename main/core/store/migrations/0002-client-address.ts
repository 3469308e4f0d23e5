/**
 * The client's network address on each provisioning log row. Filled from the socket, or from
 * `X-Forwarded-For` only when a proxy hop count is configured (`--trust-proxy`), so a client cannot
 * forge it by sending the header straight to the listener. NULL for rows written before this version.
 */
export const sql = /* sql */ `
ALTER TABLE provisioning_log ADD COLUMN client_address TEXT;
`;
