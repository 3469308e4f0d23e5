import { randomUUID } from 'node:crypto';
import type { Settings } from '../../../shared/api/settings.js';
import type { FieldChange, LogOperation } from '../../../shared/api/log-events.js';
import type { Catalog } from '../mapping/catalog.js';
import type { MemberWriter } from '../members/member-writer.js';
import { notFound, ScimError } from '../scim/errors.js';
import { toUserDoc } from '../scim/resources/user-doc.js';
import type { UserDoc } from '../scim/resources/user-doc.js';
import { etagOf, projectResource, toScimUser } from '../scim/resources/user.js';
import type { UserRowCore } from '../scim/resources/user.js';
import { applyPatch, parsePatchBody } from '../scim/patch.js';
import type { AssetsRepo } from '../store/assets-repo.js';
import { emptyMemberRow, storedDocOf } from '../store/member-row.js';
import type { MemberRow } from '../store/member-row.js';
import type { MembersRepo } from '../store/members-repo.js';
import { guardAssets, nextMemberRow } from './apply-change.js';
import type { ScimLog, WriteReport } from './scim-log.js';
import type { ScimOutcome, ScimRequestContext } from './scim-request.js';

export interface UserUseCaseDeps {
  readonly log: ScimLog;
  readonly members: Pick<MembersRepo, 'byId' | 'byUserName' | 'goneByUserName' | 'goneByExternalId'>;
  readonly assets: Pick<AssetsRepo, 'heldCount' | 'heldTags'>;
  readonly writer: MemberWriter;
  readonly catalog: Catalog;
  readonly settings: () => Settings;
  readonly now: () => Date;
  readonly newId?: () => string;
}

/** The SCIM resource of a member, projected by the request's `attributes`/`excludedAttributes`. */
export const resourceOf = (catalog: Catalog, row: UserRowCore, ctx: ScimRequestContext): Record<string, unknown> =>
  projectResource(toScimUser(row, ctx.baseUrl, storedDocOf(row)), catalog.registry(), ctx.attributes, ctx.excludedAttributes);

/** A member the IdP can address: present, or deleted by the admin (revived by the IdP's next write). */
export function addressable(members: Pick<MembersRepo, 'byId'>, id: string, forWrite: boolean): MemberRow {
  const row = members.byId(id);
  if (row && (row.lifecycle === 'present' || (forWrite && row.lifecycle === 'admin_deleted'))) return row;
  throw notFound(`User ${id} not found.`);
}

function checkIfMatch(row: MemberRow, ctx: ScimRequestContext): void {
  const want = ctx.ifMatch?.trim();
  if (!want || want === '*') return;
  const ok = want.split(',').some((t) => t.trim().replace(/^W\//, '') === etagOf(row.version).replace(/^W\//, ''));
  if (!ok) throw new ScimError(412, undefined, `The resource has changed (now version ${etagOf(row.version)}); fetch it again and retry.`);
}

const actorOf = (ctx: ScimRequestContext): string => `scim:${ctx.client}:${ctx.requestId}`;

/** POST /Users, PUT and PATCH /Users/{id}, DELETE /Users/{id}. */
export function createUserWrites(deps: UserUseCaseDeps) {
  const { log, members, catalog, writer } = deps;
  const newId = deps.newId ?? randomUUID;
  const changeDeps = () => ({ members, assets: deps.assets, catalog, settings: deps.settings() });

  /** Create or revive: Entra/Okta POST after a filter miss. */
  function create(ctx: ScimRequestContext): ScimOutcome {
    return log.logged(ctx, null, () => {
      const doc = toUserDoc(ctx.body, catalog.registry());
      const at = deps.now().toISOString();
      const userName = typeof doc.userName === 'string' ? doc.userName : '';
      const externalId = typeof doc.externalId === 'string' ? doc.externalId : undefined;
      // Revive a member the IdP or the admin deleted: same person by externalId, or by userName when
      // the deleted one had no (or the same) externalId: never merge two different IdP identities.
      const byUser = userName ? members.goneByUserName(userName) : undefined;
      const gone =
        (externalId ? members.goneByExternalId(externalId) : undefined) ??
        (byUser && (byUser.external_id === null || externalId === undefined || byUser.external_id === externalId) ? byUser : undefined);
      const base = gone ?? emptyMemberRow(newId(), at);
      const { row, changes } = nextMemberRow(changeDeps(), gone, base, doc, { keepActiveWhenAbsent: false, now: at });
      const saved = writer.save({ prev: gone, next: row, changes, actor: actorOf(ctx), at });
      return {
        outcome: { status: 201, body: resourceOf(catalog, saved, ctx), headers: { Location: `${ctx.baseUrl}/Users/${saved.id}`, ETag: etagOf(saved.version) } },
        log: { operation: gone ? 'revive' : 'create', memberId: saved.id, userName: saved.user_name, changes },
      };
    });
  }

  /** Shared tail of PUT and PATCH: write the next doc over an existing member. */
  function update(ctx: ScimRequestContext, prev: MemberRow, doc: UserDoc, kind: 'replace' | 'update'): { outcome: ScimOutcome; log: WriteReport } {
    const at = deps.now().toISOString();
    const { row, changes, flaggedLeaver } = nextMemberRow(changeDeps(), prev, prev, doc, { keepActiveWhenAbsent: true, now: at });
    const wasActive = prev.active === 1;
    const operation: LogOperation =
      prev.lifecycle === 'admin_deleted' ? 'revive' : wasActive && row.active === 0 ? 'deactivate' : !wasActive && row.active === 1 ? 'reactivate' : kind;
    // Nothing changed (Entra re-sends values every cycle): the writer keeps version and history quiet.
    const saved = writer.save({ prev, next: row, changes, actor: actorOf(ctx), at });
    return {
      outcome: { status: 200, body: resourceOf(catalog, saved, ctx), headers: { ETag: etagOf(saved.version) } },
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
    return log.logged(ctx, id, () => {
      const prev = addressable(members, id, true);
      checkIfMatch(prev, ctx);
      return update(ctx, prev, toUserDoc(ctx.body, catalog.registry()), 'replace');
    });
  }

  function patch(id: string, ctx: ScimRequestContext): ScimOutcome {
    return log.logged(ctx, id, () => {
      const ops = parsePatchBody(ctx.body);
      const prev = addressable(members, id, true);
      checkIfMatch(prev, ctx);
      return update(ctx, prev, applyPatch(storedDocOf(prev), ops, catalog.registry(), prev.id), 'update');
    });
  }

  /** IdP DELETE: the member is deactivated and hidden from SCIM (404), kept in the app for revival. */
  function remove(id: string, ctx: ScimRequestContext): ScimOutcome {
    return log.logged(ctx, id, () => {
      const prev = addressable(members, id, false);
      checkIfMatch(prev, ctx);
      // Refused (or flagged) whenever assets are still out, whether or not the IdP deactivated first.
      const flagged = guardAssets(changeDeps(), prev, 'delete');
      const at = deps.now().toISOString();
      const changes: FieldChange[] = prev.active === 1 ? [{ field: 'active', old: 'true', new: 'false' }] : [];
      const next: MemberRow = {
        ...prev,
        active: 0,
        lifecycle: 'idp_deleted',
        scim_json: JSON.stringify({ ...storedDocOf(prev), active: false }),
        deleted_at: at,
        last_provisioned_at: at,
        leaver_holding_assets: flagged ? 1 : prev.leaver_holding_assets,
      };
      writer.save({ prev, next, changes: [...changes, { field: 'deletedByIdp', old: null, new: at }], actor: actorOf(ctx), at });
      return { outcome: { status: 204 }, log: { operation: 'delete', memberId: prev.id, userName: prev.user_name, changes } };
    });
  }

  return { create, replace, patch, remove };
}
