import Database from 'better-sqlite3';
import { join } from 'node:path';

const FIRST = ['Ada', 'Alan', 'Barbara', 'Claude', 'Donald', 'Edsger', 'Frances', 'Grace', 'Hedy', 'Ivan', 'Joan', 'Ken', 'Lynn', 'Margaret', 'Niklaus', 'Radia'];
const LAST = ['Lovelace', 'Turing', 'Liskov', 'Shannon', 'Knuth', 'Dijkstra', 'Allen', 'Hopper', 'Lamarr', 'Sutherland', 'Clarke', 'Thompson', 'Conway', 'Hamilton', 'Wirth', 'Perlman'];
const DEPARTMENTS = ['Engineering', 'Operations', 'Finance', 'Facilities', 'Sales', 'Support'];

/** `user-000042@bulk.example` for n = 42. */
export const bulkUserName = (n: number): string => `user-${String(n).padStart(6, '0')}@bulk.example`;

/**
 * Writes `count` members straight into the SQLite file (one transaction), as if the IdP had
 * provisioned them. The core must be stopped; its first start created the schema.
 */
export function seedMembers(dataDir: string, count: number): void {
  const db = new Database(join(dataDir, 'scim-desk.db'));
  try {
    const insert = db.prepare(
      `INSERT INTO members (id, user_name, external_id, work_email, active, lifecycle, scim_json, version, source, created_at, updated_at, last_provisioned_at,
         first_name, last_name, display_name, email, job_title, department, role_id)
       VALUES (?, ?, ?, ?, ?, 'present', ?, 1, 'scim', ?, ?, ?, ?, ?, ?, ?, ?, ?, 2)`,
    );
    const now = new Date().toISOString();
    db.transaction(() => {
      for (let n = 1; n <= count; n++) {
        const userName = bulkUserName(n);
        const first = FIRST[n % FIRST.length] ?? 'Ada';
        const last = LAST[Math.floor(n / FIRST.length) % LAST.length] ?? 'Lovelace';
        const display = `${first} ${last} ${n}`;
        const scim = JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName,
          externalId: `bulk-${n}`,
          active: true,
          displayName: display,
          name: { givenName: first, familyName: last },
          emails: [{ type: 'work', primary: true, value: userName }],
        });
        const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
        insert.run(id, userName, `bulk-${n}`, userName, n % 10 === 0 ? 0 : 1, scim, now, now, now, first, last, display, userName, 'Staff', DEPARTMENTS[n % DEPARTMENTS.length] ?? null);
      }
    })();
  } finally {
    db.close();
  }
}
