import type { RotateKeyResponse, SettingsPatch, SettingsView } from '../../../shared/api/settings';
import type { Health } from '../../../shared/api/health';
import { api } from './http-client';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

/** `getSettings` */
export function fetchSettings(signal?: AbortSignal): Promise<SettingsView> {
  return api.call('getSettings', {}, opts(signal));
}

/** `putSettings` with any subset; answers the full view. */
export function saveSettings(patch: SettingsPatch): Promise<SettingsView> {
  return api.call('putSettings', { body: patch });
}

/** `rotateConnectorKey`: a new key, shown once. */
export function rotateConnectorKey(graceMinutes: number): Promise<RotateKeyResponse> {
  return api.call('rotateConnectorKey', { body: { graceMinutes } });
}

/** `getHealth` */
export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return api.call('getHealth', {}, opts(signal));
}
