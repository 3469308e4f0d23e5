import { URN_LIST_RESPONSE } from '../../../shared/scim/urns.js';
import type { LogOperation } from '../../../shared/api/log-events.js';
import type { Settings } from '../../../shared/api/settings.js';
import { ScimError, notFound } from '../scim/errors.js';
import type { Filter } from '../scim/filter/ast.js';
import { evaluateFilter } from '../scim/filter/evaluate.js';
import { parseFilter } from '../scim/filter/parser.js';
import { GROUP_RESOLVER } from '../scim/group-schema.js';
import { toScimGroup } from '../scim/resources/group.js';
import { etagOf, projectResource } from '../scim/resources/user.js';
import { groupDocOf } from '../store/groups-repo.js';
import type { GroupRow, GroupsRepo } from '../store/groups-repo.js';
import { listDetail } from './scim-log.js';
import type { ScimLog } from './scim-log.js';
import { MAX_RESULTS } from './scim-request.js';
import type { ListQuery, ScimOutcome, ScimRequestContext } from './scim-request.js';

/** What SCIM Desk tells an IdP that sends group writes while it is set to users only. */
export const USERS_ONLY_GUIDANCE =
  'SCIM Desk is set to provision users only and does not store groups. Turn group provisioning off in your identity provider ' +
  '(Entra ID: Provisioning > Mappings > "Provision Microsoft Entra ID Groups" = No; Okta: do not use Push Groups), ' +
  'or choose "Users and groups" under Roles in SCIM Desk.';

export interface GroupReadDeps {
  readonly log: ScimLog;
  readonly groups: Pick<GroupsRepo, 'byId' | 'all' | 'byDisplayName' | 'byExternalId' | 'presentMembers'>;
  readonly settings: () => Settings;
}

/** Whether the answer lists `members`: not when excluded (Entra always excludes them) or left out of `attributes`. */
export function wantsMembers(ctx: Pick<ScimRequestContext, 'attributes' | 'excludedAttributes'>): boolean {
  const isMembers = (a: string, exact: boolean): boolean => new RegExp(`^(urn:ietf:params:scim:schemas:core:2\\.0:Group:)?members${exact ? '$' : '(\\.|$)'}`, 'i').test(a.trim());
  if (ctx.excludedAttributes.some((a) => isMembers(a, true))) return false;
  return ctx.attributes.length === 0 || ctx.attributes.some((a) => isMembers(a, false));
}

/** The group's SCIM resource, projected by `attributes`/`excludedAttributes`. */
export function groupResourceOf(groups: Pick<GroupsRepo, 'presentMembers'>, row: GroupRow, ctx: ScimRequestContext): Record<string, unknown> {
  const members = wantsMembers(ctx) ? groups.presentMembers(row.id) : undefined;
  return projectResource(toScimGroup(row, groupDocOf(row), ctx.baseUrl, members), GROUP_RESOLVER, ctx.attributes, ctx.excludedAttributes);
}

/** `attr eq "value"` on displayName, externalId or id: answered from an index instead of every group. */
function indexedLookup(filter: Filter, groups: GroupReadDeps['groups']): GroupRow[] | undefined {
  if (filter.kind !== 'compare' || filter.op !== 'eq' || typeof filter.value !== 'string' || filter.path.sub) return undefined;
  const value = filter.value;
  switch (filter.path.attr.name) {
    case 'displayName':
      return groups.byDisplayName(value);
    case 'externalId':
      return groups.byExternalId(value);
    case 'id': {
      const row = groups.byId(value);
      return row ? [row] : [];
    }
    default:
      return undefined;
  }
}

const SORT_KEYS: Readonly<Record<string, (g: GroupRow) => string>> = {
  id: (g) => g.id,
  displayName: (g) => g.display_name.toLowerCase(),
  externalId: (g) => g.external_id ?? '',
  'meta.created': (g) => g.created_at,
  'meta.lastModified': (g) => g.updated_at,
};

/** GET /Groups/{id} and the list (`GET /Groups`, `POST /Groups/.search`). */
export function createGroupReads(deps: GroupReadDeps) {
  const { log, groups } = deps;
  const isOn = (): boolean => deps.settings().groupProvisioning === 'groups';

  function get(id: string, ctx: ScimRequestContext): ScimOutcome {
    try {
      const row = isOn() ? groups.byId(id) : undefined;
      if (!row) throw notFound(`Group ${id} not found.${isOn() ? '' : ` ${USERS_ONLY_GUIDANCE}`}`);
      const body = groupResourceOf(groups, row, ctx);
      log.read(ctx, { operation: 'read', result: 'success', status: 200, groupId: row.id, groupName: row.display_name });
      return { status: 200, body, headers: { ETag: etagOf(row.version) } };
    } catch (err) {
      log.readFailed(ctx, 'read', err);
      throw err;
    }
  }

  /** Groups matching the filter, in the order asked (insertion order by default). */
  function matching(q: ListQuery): GroupRow[] {
    if (!isOn()) {
      // Users only: still parse the filter, so a malformed one is a 400 either way.
      if (q.filter) parseFilter(q.filter, GROUP_RESOLVER);
      return [];
    }
    const filter = q.filter ? parseFilter(q.filter, GROUP_RESOLVER) : undefined;
    let rows = filter ? indexedLookup(filter, groups) : undefined;
    if (!rows) {
      const all = groups.all();
      rows = filter === undefined ? all : all.filter((g) => evaluateFilter(filter, filterView(g, groups)));
    }
    if (q.sortBy) {
      const canonical = GROUP_RESOLVER.resolve(q.sortBy)?.canonical;
      const key = canonical === undefined ? undefined : SORT_KEYS[canonical];
      if (!key) throw new ScimError(400, 'invalidValue', `sortBy "${q.sortBy}" is not supported for groups; use one of ${Object.keys(SORT_KEYS).join(', ')}.`);
      const dir = q.sortOrder === 'descending' ? -1 : 1;
      rows = [...rows].sort((a, b) => (key(a) < key(b) ? -dir : key(a) > key(b) ? dir : 0));
    }
    return rows;
  }

  function list(q: ListQuery, ctx: ScimRequestContext): ScimOutcome {
    const operation: LogOperation = q.filter ? 'lookup' : 'list';
    try {
      const rows = matching(q);
      const startIndex = Math.max(q.startIndex, 1);
      const page = rows.slice(startIndex - 1, startIndex - 1 + Math.min(Math.max(q.count, 0), MAX_RESULTS));
      const body = {
        schemas: [URN_LIST_RESPONSE],
        totalResults: rows.length,
        startIndex,
        itemsPerPage: page.length,
        Resources: page.map((g) => groupResourceOf(groups, g, ctx)),
      };
      const only = page.length === 1 ? page[0] : undefined;
      log.read(ctx, { operation, result: 'success', status: 200, groupId: only?.id ?? null, groupName: only?.display_name ?? null, detail: listDetail(rows.length, q.filter) });
      return { status: 200, body };
    } catch (err) {
      log.readFailed(ctx, operation, err);
      throw err;
    }
  }

  return { get, list };
}

/** What a filter is evaluated against: the stored document, id, meta and (only if asked) members. */
function filterView(g: GroupRow, groups: GroupReadDeps['groups']): Record<string, unknown> {
  const doc = groupDocOf(g);
  const view: Record<string, unknown> = { ...doc, id: g.id, meta: { created: g.created_at, lastModified: g.updated_at } };
  // Members are read lazily: only a filter that names them pays for them.
  Object.defineProperty(view, 'members', { enumerable: true, get: () => groups.presentMembers(g.id).map((m) => ({ value: m.id, display: m.display_name ?? m.user_name, type: 'User' })) });
  return view;
}
