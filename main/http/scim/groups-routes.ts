import type { Request, Response, Router } from 'express';
import type { GroupsService } from '../../core/provisioning/groups-service.js';
import type { ScimOutcome } from '../../core/provisioning/users-service.js';
import { answerWhenDurable } from '../answer-when-durable.js';
import { ScimError } from '../../core/scim/errors.js';
import { isPlainObject } from '../../core/scim/resources/user-doc.js';
import { scimContext } from './context.js';
import { listQuery } from './users-routes.js';
import { sendScim } from './send.js';

/**
 * `/Groups` routes; every handler goes through the groups service, which also writes the log rows.
 * While SCIM Desk is set to users only, the service answers lists with an empty ListResponse
 * (Entra's Test Connection probes groups, and a 404 or 5xx there has pushed peers' jobs into
 * quarantine), a group id with 404, and writes with a 400 whose detail says what to switch off.
 */
export function groupsRoutes(groups: GroupsService, publicBaseUrl: () => string, durable: () => Promise<void>, renderError: Parameters<typeof answerWhenDurable>[2], r: Router): void {
  const ctx = (req: Request, res: Response, body?: unknown, query?: Record<string, unknown>) => scimContext(req, res, publicBaseUrl(), body ?? req.body, query);
  const send = (res: Response, o: ScimOutcome) => sendScim(res, o.status, o.body, o.headers, o.json);
  const sendDurable = (res: Response, o: ScimOutcome) => {
    answerWhenDurable(res, durable, renderError);
    send(res, o);
  };
  const allow = (methods: string) => (_req: Request, res: Response) => {
    res.setHeader('Allow', methods);
    res.type('text/plain').send(methods);
  };

  r.route('/Groups')
    .get((req, res) => {
      const query = req.query as Record<string, unknown>;
      send(res, groups.list(listQuery(query), ctx(req, res, null, query)));
    })
    .post((req, res) => sendDurable(res, groups.create(ctx(req, res))))
    .options(allow('GET, HEAD, POST'));
  r.route('/Groups/.search')
    .options(allow('POST'))
    .post((req, res) => {
      const body: unknown = req.body;
      if (!isPlainObject(body)) throw new ScimError(400, 'invalidSyntax', 'The search body must be a JSON object (SearchRequest).');
      const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : typeof v === 'string' ? v.split(',') : []);
      const c = { ...ctx(req, res), attributes: names(body.attributes), excludedAttributes: names(body.excludedAttributes) };
      send(res, groups.list(listQuery(body), c));
    });
  r.route('/Groups/:id')
    .get((req, res) => send(res, groups.get(req.params.id, ctx(req, res, null))))
    .put((req, res) => sendDurable(res, groups.replace(req.params.id, ctx(req, res))))
    .patch((req, res) => sendDurable(res, groups.patch(req.params.id, ctx(req, res))))
    .delete((req, res) => sendDurable(res, groups.remove(req.params.id, ctx(req, res, null))))
    .options(allow('DELETE, GET, HEAD, PATCH, PUT'));
}
