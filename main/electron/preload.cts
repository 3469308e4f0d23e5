/**
 * Preload for the admin window. CommonJS (.cts → preload.cjs) because sandboxed preloads cannot be
 * ES modules, and self-contained because a sandboxed preload can `require` only 'electron' and a few
 * built-ins: the shared contract is imported for types only.
 *
 * Exposes exactly the CompanionBridge, one `ipcRenderer.invoke` per method; never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Channel, ChannelArg, ChannelResult, CompanionBridge } from '../../shared/bridge.js';

function invoke<C extends Channel>(channel: C, arg: ChannelArg<C>): Promise<ChannelResult<C>> {
  return ipcRenderer.invoke(channel, arg) as Promise<ChannelResult<C>>;
}

const bridge = {
  openDataFolder: () => invoke('companion:open-data-folder', undefined),
  getLaunchAtLogin: () => invoke('companion:get-launch-at-login', undefined),
  setLaunchAtLogin: (enabled: boolean) => invoke('companion:set-launch-at-login', enabled),
  getAdminSession: () => invoke('companion:get-admin-session', undefined),
  openExternal: (url: string) => invoke('companion:open-external', url),
} satisfies CompanionBridge;

contextBridge.exposeInMainWorld('companion', bridge);
