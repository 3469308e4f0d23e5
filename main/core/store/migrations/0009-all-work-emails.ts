/**
 * Every email the IdP sends is kept now (issue #18): a member may carry two `work` emails, and a
 * filter on `emails[type eq "work"].value` must find either. `work_email` keeps the first (indexed,
 * Entra's lookup column); `other_work_emails` holds the later ones as a JSON array, NULL for the
 * (nearly all) members with at most one, and a partial index lists just the members that have some.
 *
 * The member's email comes from the primary email, else the first work email: the shipped mapping
 * had the work row first. Where both shipped rows still map to `email` in that order, they swap.
 */
export const sql = /* sql */ `
ALTER TABLE members ADD COLUMN other_work_emails TEXT;
CREATE INDEX members_other_work_emails ON members(id) WHERE other_work_emails IS NOT NULL;

CREATE TEMP TABLE email_rows_swap AS
  SELECT w.id AS work_id, w.position AS work_pos, p.id AS primary_id, p.position AS primary_pos
  FROM mappings AS w JOIN mappings AS p
  WHERE w.scim_path = 'emails[type eq "work"].value' AND w.target = 'email'
    AND p.scim_path = 'emails[primary eq true].value' AND p.target = 'email'
    AND w.position < p.position
  LIMIT 1;
UPDATE mappings SET position = (SELECT primary_pos FROM email_rows_swap) WHERE id = (SELECT work_id FROM email_rows_swap);
UPDATE mappings SET position = (SELECT work_pos FROM email_rows_swap) WHERE id = (SELECT primary_id FROM email_rows_swap);
DROP TABLE email_rows_swap;
`;
