import { randomUUID } from 'node:crypto';
import { URN_LIST_RESPONSE } from '../../../shared/scim/urns.js';
import type { LogOperation } from '../../../shared/api/log-events.js';
import type { FieldChange } from '../../../shared/api/log-events.js';
import type { SettingsRepo } from '../store/settings-repo.js';
import type { MemberRow, MembersRepo } from '../store/members-repo.js';
import type { LogEntry, ProvisioningLogRepo } from '../store/provisioning-log-repo.js';
import type { Catalog } from '../mapping/catalog.js';
import type { EventBus } from '../events.js';
import type { Db } from '../store/db.js';
import type { WriteBatch } from '../store/write-batch.js';
import { ScimError, notFound } from '../scim/errors.js';
import { toUserDoc } from '../scim/resources/user-doc.js';
import type { UserDoc } from '../scim/resources/user-doc.js';
import { etagOf, projectResource, toScimUser } from '../scim/resources/user.js';
import type { UserRowCore } from '../scim/resources/user.js';
import { applyPatch, parsePatchBody } from '../scim/patch.js';
import { parseFilter } from '../scim/filter/parser.js';
import { filterToSql } from '../scim/filter/to-sql.js';
import { BlockedDeactivationError, RejectedRoleError, guardAssets, nextMemberRow } from './apply-change.js';
import { redactBody } from './redact.js';

/** Per-request facts the service needs for resources (base URL) and the provisioning log. */
export interface ScimRequestContext {
  readonly requestId: string;
  readonly client: string;
  /** Caller address (from X-Forwarded-For only when a proxy hop count is configured). */
  readonly clientAddress: string | null;
  readonly method: string;
  readonly path: string;
  /** hrtime at the start of the request, for the logged duration. */
  readonly startNs: bigint;
  /** The `/scim/v2` URL the client used (or the admin's public base URL). */
  readonly baseUrl: string;
  readonly body: unknown;
  readonly attributes: ReadonlyArray<string>;
  readonly excludedAttributes: ReadonlyArray<string>;
  readonly ifMatch: string | undefined;
}

/** What a route sends back. */
export interface ScimOutcome {
  readonly status: number;
  readonly body?: Record<string, unknown>;
  /** `body` already serialised (a write's response is also its log row's): send this text. */
  readonly json?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ListQuery {
  readonly filter: string | undefined;
  readonly startIndex: number;
  readonly count: number;
  readonly sortBy: string | undefined;
  readonly sortOrder: 'ascending' | 'descending';
}

/** Page size when the client gives none, and the cap (ServiceProviderConfig `filter.maxResults`). */
export const DEFAULT_COUNT = 100;
/** Order of an unsorted list: insertion (rowid), so pages can continue by keyset. */
const DEFAULT_ORDER = 'm.rowid';
/** Remembered page ends (one per paging client and filter is plenty). */
const PAGE_ENDS_MAX = 1000;
export const MAX_RESULTS = 1000;

export interface UsersServiceDeps {
  readonly db: Db;
  /** The SCIM write batch: writes run inside it (see write-batch.ts). */
  readonly batch: WriteBatch;
  readonly members: MembersRepo;
  readonly log: ProvisioningLogRepo;
  readonly catalog: Catalog;
  readonly settings: SettingsRepo;
  readonly events: EventBus;
  readonly now?: () => Date;
  readonly newId?: () => string;
}

export type UsersService = ReturnType<typeof createUsersService>;

const SORT_COLUMNS: Readonly<Record<string, string>> = {
  id: 'm.id',
  userName: 'm.user_name',
  externalId: 'm.external_id',
  'meta.created': 'm.created_at',
  'meta.lastModified': 'm.updated_at',
  displayName: 'm.display_name',
  'name.familyName': 'm.last_name',
  'name.givenName': 'm.first_name',
  active: 'm.active',
};

export function createUsersService(deps: UsersServiceDeps) {
  const { db, batch, members, log, catalog, events } = deps;
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;

  const durationMs = (ctx: ScimRequestContext): number => Number(process.hrtime.bigint() - ctx.startNs) / 1e6;
  const entry = (ctx: ScimRequestContext, e: Pick<LogEntry, 'operation' | 'result' | 'status'> & Partial<LogEntry>): LogEntry => ({
    at: now().toISOString(),
    requestId: ctx.requestId,
    client: ctx.client,
    clientAddress: ctx.clientAddress,
    method: ctx.method,
    path: ctx.path,
    memberId: null,
    userName: null,
    scimType: null,
    detail: null,
    changes: [],
    durationMs: durationMs(ctx),
    request: redactBody(ctx.body),
    response: null,
    ...e,
  });

  const resourceOf = (row: UserRowCore, ctx: ScimRequestContext): Record<string, unknown> =>
    projectResource(toScimUser(row, ctx.baseUrl), catalog.registry(), ctx.attributes, ctx.excludedAttributes);

  function checkIfMatch(row: MemberRow, ctx: ScimRequestContext): void {
    const want = ctx.ifMatch?.trim();
    if (!want || want === '*') return;
    const ok = want.split(',').some((t) => t.trim().replace(/^W\//, '') === etagOf(row.version).replace(/^W\//, ''));
    if (!ok) throw new ScimError(412, undefined, `The resource has changed (now version ${etagOf(row.version)}); fetch it again and retry.`);
  }

  /** A member the IdP can address: present, or deleted by the admin (revived by the IdP's next write). */
  function addressable(id: string, forWrite: boolean): MemberRow {
    const row = members.byId(id);
    if (row && (row.lifecycle === 'present' || (forWrite && row.lifecycle === 'admin_deleted'))) return row;
    throw notFound(`User ${id} not found.`);
  }

  /**
   * Run a write in one transaction (a savepoint of the turn's write batch, see write-batch.ts)
   * together with its log row, so a logged success is a committed change and a failure leaves
   * nothing behind. Refusals are logged after the rollback. The caller answers after `durable()`.
   */
  function write(ctx: ScimRequestContext, fn: () => { outcome: ScimOutcome; log: Partial<LogEntry> & Pick<LogEntry, 'operation'> }): ScimOutcome {
    let logId = 0;
    try {
      const outcome = batch.run(() =>
        db.transaction(() => {
          const r = fn();
          // Serialised once, for the log row and for the answer.
          const json = r.outcome.body === undefined ? undefined : JSON.stringify(r.outcome.body);
          logId = log.insert(entry(ctx, { result: 'success', status: r.outcome.status, response: null, ...(json === undefined ? {} : { responseJson: json }), ...r.log }));
          return json === undefined ? r.outcome : { ...r.outcome, json };
        })(),
      );
      batch.afterCommit(() => events.emit('log-row-added', { id: logId }));
      return outcome;
    } catch (err) {
      logFailure(ctx, err);
      throw err;
    }
  }

  function logFailure(ctx: ScimRequestContext, err: unknown): void {
    const op: LogOperation = err instanceof BlockedDeactivationError ? 'blocked-deactivation' : err instanceof RejectedRoleError ? 'rejected-role' : 'error';
    const status = err instanceof ScimError ? err.status : 500;
    const detail = err instanceof ScimError ? err.detail : 'Internal error (see the application log)';
    const id = /\/Users\/([^/?]+)/.exec(ctx.path)?.[1] ?? null;
    const row = id ? members.byId(decodeURIComponent(id)) : undefined;
    try {
      const logId = log.insert(
        entry(ctx, {
          operation: op,
          result: 'failure',
          status,
          scimType: err instanceof ScimError ? (err.scimType ?? null) : null,
          detail,
          memberId: row?.id ?? null,
          userName: row?.user_name ?? (typeof (ctx.body as UserDoc | null)?.userName === 'string' ? ((ctx.body as UserDoc).userName as string) : null),
        }),
      );
      batch.afterCommit(() => events.emit('log-row-added', { id: logId }));
    } catch {
      // The log write itself failed (disk full, read-only): the error handler reports the original error.
    }
  }

  /** Create or revive: Entra/Okta POST after a filter miss. */
  function create(ctx: ScimRequestContext): ScimOutcome {
    return write(ctx, () => {
      const doc = toUserDoc(ctx.body, catalog.registry());
      const at = now().toISOString();
      const userName = typeof doc.userName === 'string' ? doc.userName : '';
      const externalId = typeof doc.externalId === 'string' ? doc.externalId : undefined;
      // Revive a member the IdP or the admin deleted: same person by externalId, or by userName when
      // the deleted one had no (or the same) externalId: never merge two different IdP identities.
      const byUser = userName ? members.goneByUserName(userName) : undefined;
      const gone =
        (externalId ? members.goneByExternalId(externalId) : undefined) ??
        (byUser && (byUser.external_id === null || externalId === undefined || byUser.external_id === externalId) ? byUser : undefined);
      const settings = deps.settings.get();
      const base: MemberRow = gone ?? emptyRow(newId(), at);
      const { row, changes } = nextMemberRow({ members, catalog, settings }, gone, base, doc, { keepActiveWhenAbsent: false, now: at });
      // Every column is written, so the written row is what a re-read would return.
      const saved = gone ? { ...row, version: gone.version + 1 } : row;
      if (gone) members.update(saved, gone);
      else members.insert(saved);
      members.addHistory(row.id, at, `scim:${ctx.client}:${ctx.requestId}`, changes);
      const body = resourceOf(saved, ctx);
      return {
        outcome: { status: 201, body, headers: { Location: `${ctx.baseUrl}/Users/${row.id}`, ETag: etagOf(saved.version) } },
        log: { operation: gone ? 'revive' : 'create', memberId: row.id, userName: row.user_name, changes },
      };
    });
  }

  /** Shared tail of PUT and PATCH: write the next doc over an existing member. */
  function update(ctx: ScimRequestContext, prev: MemberRow, doc: UserDoc, kind: 'replace' | 'update') {
    const at = now().toISOString();
    const { row, changes, flaggedLeaver } = nextMemberRow({ members, catalog, settings: deps.settings.get() }, prev, prev, doc, {
      keepActiveWhenAbsent: true,
      now: at,
    });
    const wasActive = prev.active === 1;
    const operation: LogOperation =
      prev.lifecycle === 'admin_deleted' ? 'revive' : wasActive && row.active === 0 ? 'deactivate' : !wasActive && row.active === 1 ? 'reactivate' : kind;
    // Nothing at all changed (Entra re-sends values every cycle): keep version and history quiet.
    // An unmapped attribute (a home phone) changes scim_json only, and that is a change too.
    const isNoop = changes.length === 0 && row.scim_json === prev.scim_json && prev.lifecycle === 'present';
    const saved = isNoop ? prev : { ...row, version: prev.version + 1 };
    if (!isNoop) {
      members.update(saved, prev);
      members.addHistory(prev.id, at, `scim:${ctx.client}:${ctx.requestId}`, changes);
    }
    const body = resourceOf(saved, ctx);
    return {
      outcome: { status: 200, body, headers: { ETag: etagOf(saved.version) } },
      log: {
        operation,
        memberId: prev.id,
        userName: saved.user_name,
        changes,
        ...(flaggedLeaver ? { detail: 'Deactivated while still holding assets; flagged as a leaver holding assets.' } : {}),
      },
    };
  }

  function replace(id: string, ctx: ScimRequestContext): ScimOutcome {
    return write(ctx, () => {
      const prev = addressable(id, true);
      checkIfMatch(prev, ctx);
      return update(ctx, prev, toUserDoc(ctx.body, catalog.registry()), 'replace');
    });
  }

  function patch(id: string, ctx: ScimRequestContext): ScimOutcome {
    return write(ctx, () => {
      const ops = parsePatchBody(ctx.body);
      const prev = addressable(id, true);
      checkIfMatch(prev, ctx);
      const current = JSON.parse(prev.scim_json) as UserDoc;
      return update(ctx, prev, applyPatch(current, ops, catalog.registry(), prev.id), 'update');
    });
  }

  /** IdP DELETE: the member is deactivated and hidden from SCIM (404), kept in the app for revival. */
  function remove(id: string, ctx: ScimRequestContext): ScimOutcome {
    return write(ctx, () => {
      const prev = addressable(id, false);
      checkIfMatch(prev, ctx);
      const settings = deps.settings.get();
      // Refused (or flagged) whenever assets are still out, whether or not the IdP deactivated first.
      const flagged = guardAssets({ members, catalog, settings }, prev, 'delete');
      const at = now().toISOString();
      const changes: FieldChange[] = prev.active === 1 ? [{ field: 'active', old: 'true', new: 'false' }] : [];
      const doc = { ...(JSON.parse(prev.scim_json) as UserDoc), active: false };
      members.update({
        ...prev,
        active: 0,
        lifecycle: 'idp_deleted',
        scim_json: JSON.stringify(doc),
        deleted_at: at,
        updated_at: at,
        last_provisioned_at: at,
        version: prev.version + 1,
        leaver_holding_assets: flagged ? 1 : prev.leaver_holding_assets,
      }, prev);
      members.addHistory(prev.id, at, `scim:${ctx.client}:${ctx.requestId}`, [...changes, { field: 'deletedByIdp', old: null, new: at }]);
      return { outcome: { status: 204 }, log: { operation: 'delete', memberId: prev.id, userName: prev.user_name, changes } };
    });
  }

  function get(id: string, ctx: ScimRequestContext): ScimOutcome {
    try {
      const row = addressable(id, false);
      const body = resourceOf(row, ctx);
      log.enqueue(entry(ctx, { operation: 'read', result: 'success', status: 200, memberId: row.id, userName: row.user_name }));
      return { status: 200, body, headers: { ETag: etagOf(row.version) } };
    } catch (err) {
      log.enqueue(entry(ctx, { operation: 'read', result: 'failure', status: err instanceof ScimError ? err.status : 500, detail: err instanceof ScimError ? err.detail : null }));
      throw err;
    }
  }

  function list(q: ListQuery, ctx: ScimRequestContext): ScimOutcome {
    const operation: LogOperation = q.filter ? 'lookup' : 'list';
    try {
      const registry = catalog.registry();
      const where = q.filter ? filterToSql(parseFilter(q.filter, registry)) : { sql: '1', params: [] };
      const count = Math.min(Math.max(q.count, 0), MAX_RESULTS);
      const startIndex = Math.max(q.startIndex, 1);
      const order = sortClause(q);
      // Okta pages by startIndex (1, 101, 201, …): a page that continues the previous one is read by
      // keyset (rowid after its last row) instead of an OFFSET that walks every row before it.
      const pageKey = (): string => `${where.sql}\u0000${JSON.stringify(where.params)}\u0000`;
      const isKeysetOrder = order === DEFAULT_ORDER;
      const after = isKeysetOrder && startIndex > 1 ? pageEnds.get(pageKey() + startIndex) : undefined;
      const rows =
        count === 0
          ? []
          : after !== undefined
            ? keysetStmt(where.sql, count).all(...where.params, after)
            : listStmt(where.sql, order, count).all(...where.params, startIndex - 1);
      const last = rows[rows.length - 1];
      // A full page may be continued: remember where it ended (a lookup never fills its page).
      if (isKeysetOrder && last && rows.length === count) {
        if (pageEnds.size >= PAGE_ENDS_MAX) pageEnds.clear();
        pageEnds.set(pageKey() + (startIndex + rows.length), last.row_id);
      }
      // Skip the COUNT when the page already shows everything (every Entra lookup): saves a query per request.
      const total = startIndex === 1 && rows.length < count ? rows.length : countStmt(where.sql).get(...where.params)!.n;
      const body = {
        schemas: [URN_LIST_RESPONSE],
        totalResults: total,
        startIndex,
        itemsPerPage: rows.length,
        Resources: rows.map((r) => resourceOf(r, ctx)),
      };
      const only = rows.length === 1 ? rows[0] : undefined;
      log.enqueue(entry(ctx, { operation, result: 'success', status: 200, memberId: only?.id ?? null, userName: only?.user_name ?? null, detail: `${total} result(s)` }));
      return { status: 200, body };
    } catch (err) {
      log.enqueue(entry(ctx, { operation, result: 'failure', status: err instanceof ScimError ? err.status : 500, scimType: err instanceof ScimError ? (err.scimType ?? null) : null, detail: err instanceof ScimError ? err.detail : null }));
      throw err;
    }
  }

  function sortClause(q: ListQuery): string {
    if (!q.sortBy) return DEFAULT_ORDER;
    const r = catalog.registry().resolve(q.sortBy);
    const col = r ? SORT_COLUMNS[r.canonical] : undefined;
    if (!col) throw new ScimError(400, 'invalidValue', `sortBy "${q.sortBy}" is not supported; use one of ${Object.keys(SORT_COLUMNS).join(', ')}.`);
    return `${col} ${q.sortOrder === 'descending' ? 'DESC' : 'ASC'}, m.rowid`;
  }

  // Filter SQL varies by shape; statements are cached per shape so a lookup prepares nothing.
  const listCache = new Map<string, ReturnType<Db['prepare']>>();
  const countCache = new Map<string, ReturnType<Db['prepare']>>();
  const cached = (cache: Map<string, ReturnType<Db['prepare']>>, sql: string) => {
    let s = cache.get(sql);
    if (!s) {
      if (cache.size > 500) cache.clear();
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  // Only the columns a SCIM resource needs, and LIMIT as a literal (a clamped integer, never client
  // text): measured on a lookup, SELECT * cost ~15 µs of row building and a bound LIMIT ~45 µs more.
  type ListedRow = UserRowCore & { user_name: string; row_id: number };
  const LIST_COLUMNS = 'm.id, m.user_name, m.scim_json, m.created_at, m.updated_at, m.version, m.rowid AS row_id';
  // A sort not served by an index (sortBy) sorts rowids and keys only, then reads the page's rows:
  // sorting whole rows held OFFSET + count of them in memory (temp_store = MEMORY, db.ts), ~500 MiB
  // for a page at startIndex 99,000 of 100k members.
  const listStmt = (where: string, order: string, limit: number) =>
    cached(
      listCache,
      order === DEFAULT_ORDER
        ? `SELECT ${LIST_COLUMNS} FROM members AS m
           WHERE m.lifecycle = 'present' AND (${where}) ORDER BY ${order} LIMIT ${Math.trunc(limit)} OFFSET ?`
        : `SELECT ${LIST_COLUMNS} FROM members AS m
           WHERE m.rowid IN (SELECT m.rowid FROM members AS m WHERE m.lifecycle = 'present' AND (${where}) ORDER BY ${order} LIMIT ${Math.trunc(limit)} OFFSET ?)
           ORDER BY ${order}`,
    ) as unknown as { all(...p: unknown[]): ListedRow[] };
  const keysetStmt = (where: string, limit: number) =>
    cached(
      listCache,
      `SELECT ${LIST_COLUMNS} FROM members AS m
       WHERE m.lifecycle = 'present' AND (${where}) AND m.rowid > ? ORDER BY ${DEFAULT_ORDER} LIMIT ${Math.trunc(limit)}`,
    ) as unknown as { all(...p: unknown[]): ListedRow[] };
  /**
   * `filter \0 params \0 startIndex` → rowid of the row just before that startIndex, from pages served.
   * Never invalidated: rowids do not move, and a client that asks for exactly that startIndex is
   * continuing a page run, where "after the last row I saw" is the answer it needs even if members
   * before it were deprovisioned since (OFFSET would then skip someone).
   */
  const pageEnds = new Map<string, number>();
  const countStmt = (where: string) =>
    cached(countCache, `SELECT count(*) AS n FROM members AS m WHERE m.lifecycle = 'present' AND (${where})`) as unknown as {
      get(...p: unknown[]): { n: number } | undefined;
    };

  return { create, replace, patch, remove, get, list };
}

/** A blank member row for a create; every column is then set by {@link nextMemberRow}. */
export function emptyRow(id: string, at: string): MemberRow {
  return {
    id,
    user_name: '',
    external_id: null,
    work_email: null,
    active: 1,
    lifecycle: 'present',
    scim_json: '{}',
    version: 1,
    source: 'scim',
    created_at: at,
    updated_at: at,
    last_provisioned_at: at,
    first_name: null,
    last_name: null,
    display_name: null,
    email: null,
    phone: null,
    mobile: null,
    job_title: null,
    department: null,
    location: null,
    employee_number: null,
    street_address: null,
    city: null,
    state: null,
    postal_code: null,
    country: null,
    manager_id: null,
    role_id: null,
    role_locked: 0,
    leaver_holding_assets: 0,
    deleted_at: null,
    custom_json: '{}',
  };
}
