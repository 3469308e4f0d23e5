import type { Request, Response, Router } from 'express';
import type { ListQuery, ScimOutcome, ScimRequestContext } from '../../core/provisioning/users-service.js';
import { DEFAULT_COUNT } from '../../core/provisioning/users-service.js';
import { answerWhenDurable } from '../answer-when-durable.js';
import { ScimError } from '../../core/scim/errors.js';
import { isPlainObject } from '../../core/scim/resources/user-doc.js';
import { scimContext } from './context.js';
import { sendScim } from './send.js';

function intParam(v: unknown, name: string, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new ScimError(400, 'invalidValue', `${name} must be an integer.`);
  // Clamp to what SQLite's LIMIT/OFFSET take: 1e300 is "past the end", not an overflow.
  return Math.trunc(Math.min(Math.max(n, -1), 2 ** 31));
}

function one(v: unknown, name: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new ScimError(400, 'invalidValue', `${name} must be given once, as a string.`);
  return v;
}

/** RFC 7644 §3.4.2: startIndex < 1 means 1; a negative count means 0. */
export function listQuery(src: Record<string, unknown>): ListQuery {
  const sortOrder = one(src.sortOrder, 'sortOrder')?.toLowerCase();
  if (sortOrder !== undefined && sortOrder !== 'ascending' && sortOrder !== 'descending') {
    throw new ScimError(400, 'invalidValue', 'sortOrder must be "ascending" or "descending".');
  }
  const filter = one(src.filter, 'filter');
  return {
    filter: filter?.trim() === '' ? undefined : filter,
    startIndex: intParam(src.startIndex, 'startIndex', 1),
    count: intParam(src.count, 'count', DEFAULT_COUNT),
    sortBy: one(src.sortBy, 'sortBy'),
    sortOrder: sortOrder === 'descending' ? 'descending' : 'ascending',
  };
}

/** What a SCIM resource type's use cases offer its routes (users-service.ts, groups-service.ts). */
export interface ResourceService {
  list(q: ListQuery, ctx: ScimRequestContext): ScimOutcome;
  get(id: string, ctx: ScimRequestContext): ScimOutcome;
  create(ctx: ScimRequestContext): ScimOutcome;
  replace(id: string, ctx: ScimRequestContext): ScimOutcome;
  patch(id: string, ctx: ScimRequestContext): ScimOutcome;
  remove(id: string, ctx: ScimRequestContext): ScimOutcome;
}

export interface ResourceRouteDeps {
  readonly publicBaseUrl: () => string;
  /** Resolves once commits so far are durable; a write is answered after it. */
  readonly durable: () => Promise<void>;
  /** The listener's error answer, for a write that could not be made durable. */
  readonly renderError: Parameters<typeof answerWhenDurable>[2];
}

const allow = (methods: string) => (_req: Request, res: Response) => {
  res.setHeader('Allow', methods);
  res.type('text/plain').send(methods);
};

/** SearchRequest carries attributes as arrays in the body rather than in the query string. */
const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : typeof v === 'string' ? v.split(',') : []);

/**
 * The routes of one SCIM resource type (`/Users`, `/Groups`): list, `.search`, and one resource;
 * every handler goes through the service, which also writes the log rows. Registered on `r`, the
 * SCIM router itself (a nested Router is one more dispatch on every request), so each path answers
 * OPTIONS itself, as Express would for a Router of its own.
 */
export function resourceRoutes(base: '/Users' | '/Groups', service: ResourceService, deps: ResourceRouteDeps, r: Router): void {
  const ctx = (req: Request, res: Response, body?: unknown, query?: Record<string, unknown>) => scimContext(req, res, deps.publicBaseUrl(), body ?? req.body, query);
  const send = (res: Response, o: ScimOutcome) => sendScim(res, o.status, o.body, o.headers, o.json);
  // A write is acknowledged only once its commit is on disk (see group-commit.ts). The use case
  // runs first: a refusal is answered at once by the error handler.
  const sendDurable = (res: Response, o: ScimOutcome) => {
    answerWhenDurable(res, deps.durable, deps.renderError);
    send(res, o);
  };

  // One route per path, methods inside: a request is matched against each path once.
  r.route(base)
    .get((req, res) => {
      const query = req.query as Record<string, unknown>; // parsed once (see scimContext)
      send(res, service.list(listQuery(query), ctx(req, res, null, query)));
    })
    .post((req, res) => sendDurable(res, service.create(ctx(req, res))))
    .options(allow('GET, HEAD, POST'));
  r.route(`${base}/.search`)
    .options(allow('POST'))
    .post((req, res) => {
      const body: unknown = req.body;
      if (!isPlainObject(body)) throw new ScimError(400, 'invalidSyntax', 'The search body must be a JSON object (SearchRequest).');
      const c = { ...ctx(req, res), attributes: names(body.attributes), excludedAttributes: names(body.excludedAttributes) };
      send(res, service.list(listQuery(body), c));
    });
  r.route(`${base}/:id`)
    .get((req, res) => send(res, service.get(req.params.id, ctx(req, res, null))))
    .put((req, res) => sendDurable(res, service.replace(req.params.id, ctx(req, res))))
    .patch((req, res) => sendDurable(res, service.patch(req.params.id, ctx(req, res))))
    .delete((req, res) => sendDurable(res, service.remove(req.params.id, ctx(req, res, null))))
    .options(allow('DELETE, GET, HEAD, PATCH, PUT'));
}
