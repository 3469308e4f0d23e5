/**
 * Pure security policy for the desktop window: the BrowserWindow options and the navigation,
 * window.open and permission decisions. Electron-free on purpose (no `electron` import, not even
 * types) so unit tests check the policy under plain Node; window.ts applies it to Electron objects,
 * where TypeScript checks these shapes against Electron's own types.
 */
import { httpOrigin } from './ipc-guard.js';

/** Inputs of the options builder. */
export interface WindowOptionsInput {
  /** Absolute path of the compiled CommonJS preload (preload.cjs). */
  readonly preloadPath: string;
  /** Window and taskbar icon (used on Linux and Windows; macOS takes it from the bundle). */
  readonly iconPath?: string;
}

/** The subset of Electron's WebPreferences we set; every security flag is explicit. */
export interface SecureWebPreferences {
  readonly preload: string;
  readonly sandbox: true;
  readonly contextIsolation: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly webviewTag: false;
  readonly experimentalFeatures: false;
  readonly navigateOnDragDrop: false;
  readonly spellcheck: boolean;
}

/** The subset of BrowserWindowConstructorOptions we set. */
export interface SecureWindowOptions {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
  readonly title: string;
  readonly show: boolean;
  readonly backgroundColor: string;
  readonly autoHideMenuBar: boolean;
  readonly icon?: string;
  readonly webPreferences: SecureWebPreferences;
}

/**
 * Build the options for the admin window. The security flags are literals, not parameters: there is
 * no input that turns them off (Electron security checklist items 2–4, 6, 8, 12).
 */
export function buildWindowOptions(input: WindowOptionsInput): SecureWindowOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'SCIM Desk',
    show: false, // shown on 'ready-to-show' to avoid a white flash
    backgroundColor: '#1f2430',
    autoHideMenuBar: true,
    ...(input.iconPath !== undefined ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/**
 * The URL the window loads: the admin origin with the token in the fragment (`/#token=…`), exactly
 * what `serve` prints as "Admin UI:". A fragment never reaches the server or its logs; the renderer
 * reads it, keeps the token in memory and clears it from the address.
 */
export function adminLoginUrl(adminUrl: string, adminToken: string): string {
  return `${new URL(adminUrl).origin}/#token=${encodeURIComponent(adminToken)}`;
}

/** Schemes we hand to the operating system (system browser, mail client); everything else is dropped. */
const EXTERNAL_SCHEMES: ReadonlySet<string> = new Set(['https:', 'http:', 'mailto:']);

/** True when `url` may be given to `shell.openExternal` (http, https, mailto only; never file: or custom schemes). */
export function isSafeExternalUrl(url: string): boolean {
  try {
    return EXTERNAL_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false; // malformed: refuse
  }
}

/** What to do with a navigation or window.open target. */
export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/**
 * In-window navigation (will-navigate, will-redirect): stay on the admin origin, send safe external
 * links to the system browser, drop the rest. `adminOrigin` undefined (core not ready) denies all.
 */
export function decideNavigation(url: string, adminOrigin: string | undefined): NavigationDecision {
  if (adminOrigin !== undefined && httpOrigin(url) === adminOrigin) return 'allow';
  return isSafeExternalUrl(url) ? 'open-external' : 'deny';
}

/**
 * `window.open` / target=_blank: the app is single-window, so never create a second BrowserWindow.
 * Admin-origin targets are denied (the renderer routes in-app); safe external links open outside.
 */
export function decideWindowOpen(url: string, adminOrigin: string | undefined): Exclude<NavigationDecision, 'allow'> {
  if (adminOrigin !== undefined && httpOrigin(url) === adminOrigin) return 'deny';
  return isSafeExternalUrl(url) ? 'open-external' : 'deny';
}

/**
 * Permission requests (camera, notifications, geolocation, …) are denied. The one exception is
 * sanitized clipboard *writes* from the admin origin, so "Copy SCIM URL"/"Copy key" buttons work;
 * clipboard reads stay denied.
 */
export function isPermissionAllowed(permission: string, requestingUrl: string | undefined, adminOrigin: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && adminOrigin !== undefined && httpOrigin(requestingUrl) === adminOrigin;
}

/**
 * CSP added to admin-origin responses only when the core sent none (defence in depth: the admin
 * listener sets its own via helmet). Mantine injects style tags, hence 'unsafe-inline' for styles only.
 */
export const FALLBACK_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** True when a response header map already carries a CSP (header names are case-insensitive). */
export function hasCspHeader(headers: Readonly<Record<string, ReadonlyArray<string> | string>> | undefined): boolean {
  if (headers === undefined) return false;
  return Object.keys(headers).some((name) => name.toLowerCase() === 'content-security-policy');
}
