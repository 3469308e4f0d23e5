/**
 * The tray icon: what keeps SCIM Desk visible while the window is closed and the SCIM endpoint
 * keeps serving. Status comes from the admin API (GET /api/health, polled), the same API the GUI
 * uses; Pause SCIM is PUT /api/settings. The core's own state comes from the supervisor.
 */
import { clipboard, Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import { adminEndpoint, describeHealth, fetchHealth, newFailures, setScimEnabled, type Health } from './health.js';
import type { SupervisorLog, SupervisorState } from './supervisor.js';

export interface TrayOptions {
  readonly iconPath: string;
  /** Current supervisor state (the core's URLs and token live in its `ready`). */
  readonly coreState: () => SupervisorState;
  readonly onOpen: () => void;
  readonly onRestartCore: () => void;
  readonly onQuit: () => void;
  /** Called when a poll finds failures that were not there at the previous poll. */
  readonly onNewFailures: (count: number) => void;
  readonly log: SupervisorLog;
  /** Health poll interval. Default 15 s. */
  readonly pollMs?: number;
}

export interface TrayController {
  /** Re-read health and rebuild menu and tooltip now (e.g. after the core became ready). */
  refresh(): Promise<void>;
  destroy(): void;
}

function coreLine(state: SupervisorState): string | undefined {
  switch (state.status) {
    case 'ready':
      return undefined; // health lines say it all
    case 'idle':
    case 'starting':
      return 'Core: starting…';
    case 'backing-off':
      return `Core: restarting (${state.reason})`;
    case 'failed':
      return `Core stopped: ${state.reason}`;
    case 'stopping':
    case 'stopped':
      return 'Core: stopped';
  }
}

/** Create the tray icon and start polling the core's health. */
export function createTray(options: TrayOptions): TrayController {
  const image = nativeImage.createFromPath(options.iconPath);
  const tray = new Tray(process.platform === 'darwin' ? image.resize({ width: 16, height: 16 }) : image);
  let health: Health | undefined;
  let healthError: string | undefined;
  let polling = false;

  const render = (): void => {
    const state = options.coreState();
    const ready = state.status === 'ready' ? state.ready : undefined;
    const status = coreLine(state);
    const described = ready && health ? describeHealth(health, Date.now()) : undefined;
    const statusLines = [...(status ? [status] : []), ...(described?.lines ?? []), ...(ready && healthError ? [`Status unavailable: ${healthError}`] : [])];
    const template: MenuItemConstructorOptions[] = [
      ...statusLines.map((label): MenuItemConstructorOptions => ({ label, enabled: false })),
      { type: 'separator' },
      { label: 'Open SCIM Desk', click: options.onOpen },
      { label: 'Copy SCIM URL', enabled: ready !== undefined, click: () => ready && clipboard.writeText(ready.scimUrl) },
      {
        label: health?.scimEnabled === false ? 'Resume SCIM' : 'Pause SCIM',
        enabled: ready !== undefined && health !== undefined,
        click: () => {
          if (!ready || !health) return;
          setScimEnabled(adminEndpoint(ready.adminUrl, ready.adminToken), !health.scimEnabled)
            .then(() => refresh())
            .catch((error: unknown) => options.log.warn({ err: error }, 'could not change SCIM state from the tray'));
        },
      },
      ...(state.status === 'failed' ? [{ label: 'Restart core', click: options.onRestartCore }] : []),
      { type: 'separator' },
      { label: 'Quit SCIM Desk', click: options.onQuit },
    ];
    tray.setContextMenu(Menu.buildFromTemplate(template));
    tray.setToolTip(described?.tooltip ?? `SCIM Desk — ${status ?? 'status unavailable'}`);
  };

  async function refresh(): Promise<void> {
    const state = options.coreState();
    if (state.status !== 'ready' || polling) {
      render();
      return;
    }
    polling = true;
    try {
      const next = await fetchHealth(adminEndpoint(state.ready.adminUrl, state.ready.adminToken));
      const count = newFailures(health, next);
      health = next;
      healthError = undefined;
      if (count > 0) options.onNewFailures(count);
    } catch (error) {
      // The core may be restarting; show it in the menu and try again at the next poll.
      healthError = error instanceof Error ? error.message : String(error);
    } finally {
      polling = false;
    }
    render();
  }

  tray.on('click', options.onOpen); // Windows/Linux: left click opens; the menu is on right click
  const timer = setInterval(() => void refresh(), options.pollMs ?? 15_000);
  render();

  return {
    refresh,
    destroy() {
      clearInterval(timer);
      tray.destroy();
    },
  };
}
