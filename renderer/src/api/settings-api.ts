import { RotateKeyResponseSchema, SettingsViewSchema, type RotateKeyResponse, type SettingsPatch, type SettingsView } from '../../../shared/api/settings';
import { HealthSchema, type Health } from '../../../shared/api/health';
import { apiPath, apiRequest } from './http-client';

/** GET /api/settings */
export function fetchSettings(signal?: AbortSignal): Promise<SettingsView> {
  return apiRequest(apiPath('/settings'), SettingsViewSchema, signal ? { signal } : {});
}

/** PUT /api/settings with any subset; answers the full view. */
export function saveSettings(patch: SettingsPatch): Promise<SettingsView> {
  return apiRequest(apiPath('/settings'), SettingsViewSchema, { method: 'PUT', body: patch });
}

/** POST /api/scim/connector-key: a new key, shown once. */
export function rotateConnectorKey(graceMinutes: number): Promise<RotateKeyResponse> {
  return apiRequest(apiPath('/scim/connector-key'), RotateKeyResponseSchema, { method: 'POST', body: { graceMinutes } });
}

/** GET /api/health */
export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return apiRequest(apiPath('/health'), HealthSchema, signal ? { signal } : {});
}
