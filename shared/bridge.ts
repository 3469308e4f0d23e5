/**
 * The desktop bridge: what the preload exposes to the renderer as `window.companion`, and the IPC
 * channel map behind it. Environment-neutral (no node:*, no DOM, no electron): the renderer, the
 * preload and the Electron main process all compile against this one contract.
 *
 * In `serve` mode there is no bridge (`window.companion` is undefined); the renderer falls back to
 * browser behaviour (see renderer/src/platform/desktop-bridge.ts).
 */

/** The key under which the preload exposes the bridge (`window.companion`). */
export const BRIDGE_KEY = 'companion';

/** Every IPC channel name starts with this; the main process refuses anything else (fail closed). */
export const CHANNEL_PREFIX = 'companion:';

/** The admin session the desktop shell hands to its own window. */
export interface AdminSession {
  /** The admin origin, e.g. `http://127.0.0.1:8081` (the core's `ready.adminUrl`). */
  readonly adminUrl: string;
  /** Bearer token for `/api/*` (`Authorization: Bearer <token>`). */
  readonly token: string;
}

/** Desktop-only extras; everything else the renderer does over HTTP/SSE in both modes. */
export interface CompanionBridge {
  /** Reveal the data folder (database, logs) in the system file manager. */
  openDataFolder(): Promise<void>;
  /** Whether SCIM Desk starts (to the tray) when the user logs in. Off by default. */
  getLaunchAtLogin(): Promise<boolean>;
  /** Turn launch at login on or off; resolves to the state the OS reports afterwards. */
  setLaunchAtLogin(enabled: boolean): Promise<boolean>;
  /** The admin URL and token of the running core (the session hand-off). */
  getAdminSession(): Promise<AdminSession>;
  /** Open an http(s) or mailto link in the system browser; other schemes are refused. */
  openExternal(url: string): Promise<void>;
}

/**
 * IPC channel map: channel name → the handler's signature. Every channel takes exactly one argument
 * (`void` when there is none) so `handle()` and `invoke()` can be typed generically.
 */
export type Channels = {
  'companion:open-data-folder': (a: void) => Promise<void>;
  'companion:get-launch-at-login': (a: void) => Promise<boolean>;
  'companion:set-launch-at-login': (a: boolean) => Promise<boolean>;
  'companion:get-admin-session': (a: void) => Promise<AdminSession>;
  'companion:open-external': (a: string) => Promise<void>;
};

/** A channel name of the map. */
export type Channel = keyof Channels;
/** The argument a channel's handler receives. */
export type ChannelArg<C extends Channel> = Parameters<Channels[C]>[0];
/** What a channel's handler resolves to. */
export type ChannelResult<C extends Channel> = Awaited<ReturnType<Channels[C]>>;

/** Compile-time check that every channel carries the prefix the main process enforces. */
type AssertPrefixed<T extends `${typeof CHANNEL_PREFIX}${string}`> = T;
export type PrefixedChannels = AssertPrefixed<Channel>;
