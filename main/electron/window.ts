/**
 * The admin window and the guards around every webContents and the session. The decisions are
 * the pure functions of window-options.ts; this file only wires them to Electron's events.
 * Follows Electron's security checklist: sandbox + isolation, no remote navigation, no new
 * windows, permissions denied, CSP present.
 */
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { fileURLToPath } from 'node:url';
import {
  buildWindowOptions,
  decideNavigation,
  decideWindowOpen,
  FALLBACK_CSP,
  hasCspHeader,
  isPermissionAllowed,
  isSafeExternalUrl,
} from './window-options.js';
import { httpOrigin } from './ipc-guard.js';
import type { SupervisorLog } from './supervisor.js';

/** Returns the admin origin of the running core, or undefined while it is not ready. */
export type AdminOriginSource = () => string | undefined;

/** dist/main/electron/preload.cjs (CommonJS: sandboxed preloads cannot be ESM). */
export function preloadPath(): string {
  return fileURLToPath(new URL('./preload.cjs', import.meta.url));
}

function openExternally(url: string, log: SupervisorLog): void {
  if (!isSafeExternalUrl(url)) return;
  shell.openExternal(url).catch((error: unknown) => log.warn({ err: error }, 'could not open a link in the system browser'));
}

/** Create the admin window (hidden until its first paint) and load the admin URL. */
export function createAdminWindow(adminUrl: string, iconPath: string | undefined, log: SupervisorLog): BrowserWindow {
  const window = new BrowserWindow(buildWindowOptions({ preloadPath: preloadPath(), ...(iconPath !== undefined ? { iconPath } : {}) }));
  window.once('ready-to-show', () => window.show());
  window.loadURL(adminUrl).catch((error: unknown) => log.error({ err: error }, 'admin window failed to load'));
  return window;
}

/**
 * Lock navigation, redirects and window.open to the admin origin; external http(s)/mailto links go to
 * the system browser; webviews are refused. Applied to every webContents ('web-contents-created').
 */
export function guardWebContents(contents: WebContents, adminOrigin: AdminOriginSource, log: SupervisorLog): void {
  const onNavigate = (event: { preventDefault(): void }, url: string): void => {
    const decision = decideNavigation(url, adminOrigin());
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') openExternally(url, log);
    else log.warn({ origin: httpOrigin(url) ?? 'opaque' }, 'blocked navigation');
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) onNavigate(event, event.url); // iframes: same policy
  });
  contents.on('will-redirect', onNavigate);
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url, adminOrigin()) === 'open-external') openExternally(url, log);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Deny permission requests and checks (except clipboard writes from the admin origin); add a CSP if missing. */
export function guardSession(session: Session, adminOrigin: AdminOriginSource): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl ?? contents.getURL(), adminOrigin()));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, adminOrigin()),
  );
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    const origin = adminOrigin();
    if (origin === undefined || httpOrigin(details.url) !== origin || hasCspHeader(details.responseHeaders)) {
      callback({});
      return;
    }
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [FALLBACK_CSP] } });
  });
}
