import { Router } from 'express';
import { URN_LIST_RESPONSE } from '../../../shared/scim/urns.js';
import { ScimError, notFound } from '../../core/scim/errors.js';
import { listQuery } from './users-routes.js';
import { sendScim } from './send.js';

const NO_GROUPS =
  'SCIM Desk provisions users only and does not store groups. Turn group provisioning off in your identity provider ' +
  '(Entra ID: Provisioning > Mappings > "Provision Microsoft Entra ID Groups" = No; Okta: do not use Push Groups).';

/**
 * `/Groups` without groups: lists and filters answer an empty ListResponse (Entra's Test Connection
 * probes it, and a 404 or 5xx there has pushed peers' jobs into quarantine), a group id is 404, and
 * writes get a 400 whose detail tells the admin what to switch off.
 */
export function groupsRoutes(): Router {
  const r = Router();
  r.get('/Groups', (req, res) => {
    const q = listQuery(req.query as Record<string, unknown>);
    sendScim(res, 200, { schemas: [URN_LIST_RESPONSE], totalResults: 0, startIndex: Math.max(q.startIndex, 1), itemsPerPage: 0, Resources: [] });
  });
  r.post('/Groups/.search', (_req, res) => sendScim(res, 200, { schemas: [URN_LIST_RESPONSE], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] }));
  r.get('/Groups/:id', (req) => {
    throw notFound(`Group ${req.params.id} not found. ${NO_GROUPS}`);
  });
  const refuse = (): never => {
    throw new ScimError(400, 'invalidValue', NO_GROUPS);
  };
  r.post('/Groups', refuse);
  r.put('/Groups/:id', refuse);
  r.patch('/Groups/:id', refuse);
  r.delete('/Groups/:id', (req) => {
    throw notFound(`Group ${req.params.id} not found. ${NO_GROUPS}`);
  });
  return r;
}
