/**
 * The metrics token (issue #17): a bearer for `GET /metrics`, separate from the connector key and
 * the admin token, so a Prometheus server can be given read access to numbers without the power
 * to provision. One row at most; only its SHA-256 hash is stored, as for the connector key.
 */
export const sql = /* sql */ `
CREATE TABLE metrics_token (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
`;
