/**
 * The main-process side of the CompanionBridge: one `handle()` per channel of shared/bridge.ts.
 * Every handler runs only after ipc.ts has checked the sender and parsed the argument.
 */
import { shell } from 'electron';
import { z } from 'zod';
import type { AdminSession } from '../../shared/bridge.js';
import { getLaunchAtLogin, setLaunchAtLogin } from './autolaunch.js';
import { handle, type HandleContext } from './ipc.js';
import type { Supervisor } from './supervisor.js';
import { isSafeExternalUrl } from './window-options.js';

export interface BridgeDeps extends HandleContext {
  /** The core's data folder (what "Open data folder" reveals). */
  readonly dataDir: string;
  readonly supervisor: Supervisor;
}

/** Register all bridge channels. Call once, after app 'ready'. */
export function registerBridgeHandlers(deps: BridgeDeps): void {
  handle(
    'companion:open-data-folder',
    z.void(),
    async () => {
      const error = await shell.openPath(deps.dataDir);
      if (error !== '') throw new Error(`Could not open the data folder: ${error}`);
    },
    deps,
  );
  handle('companion:get-launch-at-login', z.void(), async () => getLaunchAtLogin(), deps);
  handle('companion:set-launch-at-login', z.boolean(), async (enabled) => setLaunchAtLogin(enabled), deps);
  handle(
    'companion:get-admin-session',
    z.void(),
    async (): Promise<AdminSession> => {
      const state = deps.supervisor.state();
      if (state.status !== 'ready') throw new Error('The SCIM Desk core is not running');
      return { adminUrl: state.ready.adminUrl, token: state.ready.adminToken };
    },
    deps,
  );
  handle(
    'companion:open-external',
    z.string().max(2048),
    async (url) => {
      if (!isSafeExternalUrl(url)) throw new Error('Only http, https and mailto links open externally');
      await shell.openExternal(url);
    },
    deps,
  );
}
