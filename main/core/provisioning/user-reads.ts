import { URN_LIST_RESPONSE } from '../../../shared/scim/urns.js';
import type { LogOperation } from '../../../shared/api/log-events.js';
import type { Catalog } from '../mapping/catalog.js';
import { ScimError } from '../scim/errors.js';
import { etagOf } from '../scim/resources/user.js';
import { parseFilter } from '../scim/filter/parser.js';
import { filterToSql } from '../scim/filter/to-sql.js';
import type { MembersRepo } from '../store/members-repo.js';
import { SORT_COLUMNS } from '../store/scim-users-query.js';
import type { ScimUsersQuery } from '../store/scim-users-query.js';
import { listDetail } from './scim-log.js';
import type { ScimLog } from './scim-log.js';
import { MAX_RESULTS } from './scim-request.js';
import type { ListQuery, ScimOutcome, ScimRequestContext } from './scim-request.js';
import { addressable, resourceOf, wantsGroups } from './user-writes.js';
import type { UserGroups } from './user-groups.js';

export interface UserReadDeps {
  readonly log: ScimLog;
  readonly members: Pick<MembersRepo, 'byId'>;
  readonly users: ScimUsersQuery;
  readonly catalog: Catalog;
  readonly groups: Pick<UserGroups, 'of'>;
}

/** GET /Users/{id} and the list (`GET /Users`, `POST /Users/.search`). */
export function createUserReads(deps: UserReadDeps) {
  const { log, catalog } = deps;

  function get(id: string, ctx: ScimRequestContext): ScimOutcome {
    try {
      const row = addressable(deps.members, id, false);
      const body = resourceOf(catalog, row, ctx, wantsGroups(ctx) ? (deps.groups.of([row.id]).get(row.id) ?? []) : []);
      log.read(ctx, { operation: 'read', result: 'success', status: 200, memberId: row.id, userName: row.user_name });
      return { status: 200, body, headers: { ETag: etagOf(row.version) } };
    } catch (err) {
      log.readFailed(ctx, 'read', err);
      throw err;
    }
  }

  /** The canonical sortBy attribute, or a refusal naming the supported ones. */
  function sortKey(sortBy: string | undefined): string | undefined {
    if (!sortBy) return undefined;
    const canonical = catalog.registry().resolve(sortBy)?.canonical;
    if (canonical === undefined || SORT_COLUMNS[canonical] === undefined) {
      throw new ScimError(400, 'invalidValue', `sortBy "${sortBy}" is not supported; use one of ${Object.keys(SORT_COLUMNS).join(', ')}.`);
    }
    return canonical;
  }

  function list(q: ListQuery, ctx: ScimRequestContext): ScimOutcome {
    const operation: LogOperation = q.filter ? 'lookup' : 'list';
    try {
      const where = q.filter ? filterToSql(parseFilter(q.filter, catalog.registry())) : { sql: '1', params: [] };
      const startIndex = Math.max(q.startIndex, 1);
      const { rows, total } = deps.users.page({
        where,
        sortBy: sortKey(q.sortBy),
        descending: q.sortOrder === 'descending',
        startIndex,
        count: Math.min(Math.max(q.count, 0), MAX_RESULTS),
      });
      const groups = wantsGroups(ctx) && rows.length > 0 ? deps.groups.of(rows.map((r) => r.id)) : new Map<string, never>();
      const body = {
        schemas: [URN_LIST_RESPONSE],
        totalResults: total,
        startIndex,
        itemsPerPage: rows.length,
        Resources: rows.map((r) => resourceOf(catalog, r, ctx, groups.get(r.id))),
      };
      const only = rows.length === 1 ? rows[0] : undefined;
      log.read(ctx, { operation, result: 'success', status: 200, memberId: only?.id ?? null, userName: only?.user_name ?? null, detail: listDetail(total, q.filter) });
      return { status: 200, body };
    } catch (err) {
      log.readFailed(ctx, operation, err);
      throw err;
    }
  }

  return { get, list };
}
