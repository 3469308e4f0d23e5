import { HealthSchema } from '../../../shared/api/health.js';
import { RoleInputSchema, RoleListSchema, RolePatchSchema, RoleSchema } from '../../../shared/api/roles.js';
import { RotateKeyRequestSchema, RotateKeyResponseSchema, SettingsPatchSchema, SettingsViewSchema } from '../../../shared/api/settings.js';
import type { ApiRouteKey } from '../../../shared/api/routes.js';
import type { AdminServices } from '../../core/admin/admin-services.js';
import { bodyOf, intId, parseInput, sendJson } from './io.js';
import type { Handler } from './io.js';

/** Health, settings, the connector key and roles. */
export function settingsHandlers(s: AdminServices): Record<Extract<ApiRouteKey, 'getHealth' | 'getSettings' | 'putSettings' | 'rotateConnectorKey' | 'listRoles' | 'createRole' | 'renameRole' | 'patchRole' | 'deleteRole'>, Handler> {
  return {
    getHealth: (_req, res) => sendJson(res, HealthSchema, s.health()),
    getSettings: (_req, res) => sendJson(res, SettingsViewSchema, s.settings.view()),
    putSettings: (req, res) => {
      s.settings.update(parseInput(SettingsPatchSchema, req.body, 'body'));
      sendJson(res, SettingsViewSchema, s.settings.view());
    },
    rotateConnectorKey: (req, res) => {
      const { graceMinutes } = parseInput(RotateKeyRequestSchema, bodyOf(req), 'body');
      // The secret is in this one response only: never cached by the browser or a proxy.
      res.setHeader('Cache-Control', 'no-store');
      sendJson(res, RotateKeyResponseSchema, s.settings.rotateKey(graceMinutes));
    },
    listRoles: (_req, res) => sendJson(res, RoleListSchema, { roles: s.roles.list() }),
    createRole: (req, res) => {
      const input = parseInput(RoleInputSchema, req.body, 'body');
      sendJson(res, RoleSchema, s.roles.create(input.name, input.idpGroups), 201);
    },
    patchRole: (req, res) => {
      const id = intId(req, 'role');
      sendJson(res, RoleSchema, s.roles.update(id, parseInput(RolePatchSchema, req.body, 'body')));
    },
    renameRole: (req, res) => {
      const id = intId(req, 'role');
      sendJson(res, RoleSchema, s.roles.rename(id, parseInput(RoleInputSchema, req.body, 'body').name));
    },
    deleteRole: (req, res) => {
      s.roles.remove(intId(req, 'role'));
      res.status(204).end();
    },
  };
}
