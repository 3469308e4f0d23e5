import type { LogOperation } from '../../../shared/api/log-events.js';
import type { EventBus } from '../events.js';
import { describeFailure } from '../errors.js';
import { ScimError, errorBody } from '../scim/errors.js';
import type { LogEntry, ProvisioningLogRepo } from '../store/provisioning-log-repo.js';
import type { MembersRepo } from '../store/members-repo.js';
import type { UnitOfWork } from '../store/unit-of-work.js';
import { BlockedDeactivationError, RejectedRoleError } from './apply-change.js';
import { redactBody } from './redact.js';
import type { ScimOutcome, ScimRequestContext } from './scim-request.js';

/** What a write reports for its log row. */
export type WriteReport = Partial<LogEntry> & Pick<LogEntry, 'operation'>;

/** A write's answer and log row, plus rows about the members it moved (a group change), same request. */
export interface LoggedWrite {
  readonly outcome: ScimOutcome;
  readonly log: WriteReport;
  readonly related?: ReadonlyArray<WriteReport>;
}

/**
 * The provisioning log of the SCIM use cases: one row per request, built the same way for
 * successes and refusals. Status and words of a refusal come from {@link describeFailure}, the
 * mapping the wire answer uses too.
 */
export interface ScimLog {
  /**
   * Run a write in one savepoint of the turn's write batch (unit-of-work.ts) together with its log
   * row, so a logged success is a committed change and a failure leaves nothing behind. Refusals
   * are logged after the rollback; `failureSubject` adds what the refusal's row is about (a group).
   * The caller answers after `durable()`.
   */
  logged(ctx: ScimRequestContext, memberId: string | null, fn: () => LoggedWrite, failureSubject?: () => Partial<LogEntry>): ScimOutcome;
  /** Queue the row of a read (lookups must not cost a commit each). */
  read(ctx: ScimRequestContext, e: Pick<LogEntry, 'operation' | 'result' | 'status'> & Partial<LogEntry>): void;
  /** Queue the row of a refused read. */
  readFailed(ctx: ScimRequestContext, operation: LogOperation, err: unknown): void;
}

/** Characters of a filter an empty lookup's log row shows. */
const FILTER_SHOWN = 200;

/** A list's log detail: `3 results`; an empty lookup names what was looked for (the IdP creates it next, or says why not). */
export function listDetail(total: number, filter: string | undefined): string {
  if (total === 0 && filter) return `No match for ${filter.length > FILTER_SHOWN ? `${filter.slice(0, FILTER_SHOWN)}…` : filter}`;
  return `${total} result${total === 1 ? '' : 's'}`;
}

export interface ScimLogDeps {
  readonly uow: UnitOfWork;
  readonly log: ProvisioningLogRepo;
  readonly members: Pick<MembersRepo, 'byId'>;
  readonly events: EventBus;
  readonly now: () => Date;
}

export function createScimLog(deps: ScimLogDeps): ScimLog {
  const { uow, log, events } = deps;
  const entry = (ctx: ScimRequestContext, e: Pick<LogEntry, 'operation' | 'result' | 'status'> & Partial<LogEntry>): LogEntry => ({
    at: deps.now().toISOString(),
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
    durationMs: Number(process.hrtime.bigint() - ctx.startNs) / 1e6,
    request: redactBody(ctx.body),
    response: null,
    ...e,
  });
  const announce = (id: number): void => uow.afterCommit(() => events.emit('log-row-added', { id }));

  function failed(ctx: ScimRequestContext, memberId: string | null, err: unknown, subject: Partial<LogEntry>): void {
    const operation: LogOperation = err instanceof BlockedDeactivationError ? 'blocked-deactivation' : err instanceof RejectedRoleError ? 'rejected-role' : 'error';
    const f = describeFailure(err);
    const row = memberId === null ? undefined : deps.members.byId(memberId);
    const sent = (ctx.body as { userName?: unknown } | null)?.userName;
    try {
      // Joins the turn's batch: the refusal's row is as cheap as a success's.
      const id = uow.write(() =>
        log.insert(
          entry(ctx, {
            operation,
            result: 'failure',
            status: f.status,
            scimType: f.scimType ?? null,
            detail: f.message,
            // What the IdP was answered, so the log entry shows the refusal as the IdP saw it.
            response: errorBody({ status: f.status, scimType: f.scimType, detail: f.message }),
            memberId: row?.id ?? null,
            userName: row?.user_name ?? (typeof sent === 'string' ? sent : null),
            ...subject,
          }),
        ),
      );
      announce(id);
    } catch {
      // The log write itself failed (disk full, read-only): the error handler reports the original error.
    }
  }

  return {
    logged(ctx, memberId, fn, failureSubject) {
      try {
        const ids: number[] = [];
        const outcome = uow.write(() => {
          const r = fn();
          // Serialised once, for the log row and for the answer.
          const json = r.outcome.body === undefined ? undefined : JSON.stringify(r.outcome.body);
          ids.push(log.insert(entry(ctx, { result: 'success', status: r.outcome.status, response: null, ...(json === undefined ? {} : { responseJson: json }), ...r.log })));
          // Rows about the members the write moved carry no bodies: the request's row has them.
          for (const rel of r.related ?? []) ids.push(log.insert(entry(ctx, { result: 'success', status: r.outcome.status, request: null, response: null, ...rel })));
          return json === undefined ? r.outcome : { ...r.outcome, json };
        });
        for (const id of ids) announce(id);
        return outcome;
      } catch (err) {
        failed(ctx, memberId, err, failureSubject?.() ?? {});
        throw err;
      }
    },
    read: (ctx, e) => log.enqueue(entry(ctx, e)),
    readFailed(ctx, operation, err) {
      const f = describeFailure(err);
      const detail = err instanceof ScimError || f.status < 500 ? f.message : null;
      const response = errorBody({ status: f.status, scimType: f.scimType, detail: f.message });
      log.enqueue(entry(ctx, { operation, result: 'failure', status: f.status, scimType: f.scimType ?? null, detail, response }));
    },
  };
}
