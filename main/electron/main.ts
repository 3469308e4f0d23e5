/**
 * Electron main process: single-instance lock, lifecycle and quit policy. Thin on purpose: the
 * SCIM server is the core (a supervised utilityProcess running serve.js); this file wires the
 * window, tray, bridge and notifications to it.
 *
 * Quit policy: closing the window keeps the SCIM endpoint serving (the IdP provisions on its own
 * schedule); only Quit (tray, Cmd+Q, SIGTERM) stops the core, gracefully.
 */
import { app, dialog, session, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { wasLaunchedHidden } from './autolaunch.js';
import { registerBridgeHandlers } from './bridge-handlers.js';
import { buildCoreArgs } from './core-args.js';
import { createCoreSupervisor } from './core-process.js';
import { createMainLog } from './main-log.js';
import { notifyFailures } from './notifications.js';
import type { SupervisorState } from './supervisor.js';
import { createTray, type TrayController } from './tray.js';
import { createAdminWindow, guardSession, guardWebContents } from './window.js';
import { adminLoginUrl } from './window-options.js';

const PRODUCT_NAME = 'SCIM Desk';
const APP_ID = 'com.scimdesk.app';

/** Icons ship as extraResources when packaged (electron-builder.yml) and live in build/ in development. */
function assetPath(name: 'icon.png' | 'tray.png'): string {
  return app.isPackaged ? join(process.resourcesPath, name) : join(app.getAppPath(), 'build', name);
}

function main(): void {
  // Same folder the headless `serve` defaults to (main/core/config.ts), so both modes share one
  // database. Set before the lock: Electron keeps the single-instance lock in userData.
  app.setPath('userData', join(app.getPath('appData'), PRODUCT_NAME));
  if (!app.requestSingleInstanceLock()) {
    app.quit(); // the first instance gets 'second-instance' and shows its window
    return;
  }
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID); // notifications need it on Windows

  const coreArgs = buildCoreArgs(process.argv.slice(1), app.getPath('userData'));
  const dataDir = coreArgs[coreArgs.indexOf('--data-dir') + 1] ?? app.getPath('userData');
  const { log, file, path: logPath } = createMainLog(join(app.getPath('userData'), 'logs'), !app.isPackaged);
  log.info({ version: app.getVersion(), electron: process.versions.electron, dataDir }, 'starting');

  const supervisor = createCoreSupervisor({
    args: coreArgs,
    log: log.child({ module: 'supervisor' }),
    onOutputLine: (_stream, line) => {
      file.write(`${line}\n`);
      if (!app.isPackaged) process.stderr.write(`[core] ${line}\n`);
    },
  });
  const adminOrigin = (): string | undefined => {
    const state = supervisor.state();
    return state.status === 'ready' ? new URL(state.ready.adminUrl).origin : undefined;
  };

  let window: BrowserWindow | undefined;
  let tray: TrayController | undefined;
  let openWhenReady = !wasLaunchedHidden(process.argv);

  const showWindow = (): void => {
    const state = supervisor.state();
    if (state.status !== 'ready') {
      openWhenReady = true; // opened as soon as the core reports ready
      if (state.status === 'failed') showCoreFailure(state.reason);
      return;
    }
    if (window !== undefined && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return;
    }
    window = createAdminWindow(adminLoginUrl(state.ready.adminUrl, state.ready.adminToken), app.isPackaged && process.platform === 'darwin' ? undefined : assetPath('icon.png'), log);
    window.on('closed', () => {
      window = undefined; // the core keeps serving; the tray reopens the window
    });
  };

  const showCoreFailure = (reason: string): void => {
    dialog
      .showMessageBox({
        type: 'error',
        title: PRODUCT_NAME,
        message: 'The SCIM Desk server stopped after repeated failures.',
        detail: `${reason}\n\nThe IdP cannot provision until it runs again. Use "Restart core" in the tray menu. Log: ${logPath}`,
      })
      .catch((error: unknown) => log.error({ err: error }, 'could not show the failure dialog'));
  };

  const onCoreState = (state: SupervisorState): void => {
    void tray?.refresh();
    if (state.status === 'failed') showCoreFailure(state.reason);
    if (state.status !== 'ready') return;
    // After a restart the admin origin may differ (port 0); reload so the page talks to the new core.
    if (window !== undefined && !window.isDestroyed() && new URL(window.webContents.getURL() || 'about:blank').origin !== adminOrigin()) {
      window.loadURL(adminLoginUrl(state.ready.adminUrl, state.ready.adminToken)).catch((error: unknown) => log.error({ err: error }, 'reload after core restart failed'));
    }
    if (openWhenReady) {
      openWhenReady = false;
      showWindow();
    }
  };
  supervisor.subscribe(onCoreState);

  // Quit policy: the first before-quit is held until the core has stopped, then we quit for real.
  let quitPhase: 'running' | 'stopping' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (quitPhase === 'done') return;
    event.preventDefault();
    if (quitPhase === 'stopping') return;
    quitPhase = 'stopping';
    log.info({}, 'quit requested; stopping the core');
    supervisor
      .stop()
      .catch((error: unknown) => log.error({ err: error }, 'core did not stop cleanly'))
      .finally(() => {
        quitPhase = 'done';
        tray?.destroy();
        log.info({}, 'bye');
        file.close();
        app.quit();
      });
  });
  app.on('window-all-closed', () => {
    // Deliberately empty: without a listener Electron would quit, and the SCIM endpoint with it.
  });
  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow()); // macOS dock click
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => app.quit());

  const fatal = (error: unknown): void => {
    log.fatal({ err: error }, 'unexpected error in the main process');
    dialog.showErrorBox(PRODUCT_NAME, `SCIM Desk hit an unexpected error and will close.\n\n${String(error)}\n\nLog: ${logPath}`);
    void supervisor.stop().finally(() => app.exit(1));
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);

  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, adminOrigin, log));
  app
    .whenReady()
    .then(() => {
      guardSession(session.defaultSession, adminOrigin);
      registerBridgeHandlers({ dataDir, supervisor, adminOrigin, log });
      tray = createTray({
        iconPath: assetPath('tray.png'),
        coreState: () => supervisor.state(),
        onOpen: showWindow,
        onRestartCore: () => supervisor.start(),
        onQuit: () => app.quit(),
        onNewFailures: (count) => notifyFailures(count, window?.isVisible() ?? false, showWindow),
        log,
      });
      supervisor.start();
    })
    .catch(fatal);
}

main();
