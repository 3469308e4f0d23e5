/**
 * The tray's view of the core: GET /api/health and PUT /api/settings over HTTP with the admin
 * token (the same API the GUI uses), plus the pure formatting and "new failures?" logic.
 * Electron-free on purpose (unit-testable with a plain HTTP server).
 */
import { HealthSchema, type Health } from '../../shared/api/health.js';
import type { SettingsPatch } from '../../shared/api/settings.js';

export type { Health };

/** Where and how to reach the admin API. */
export interface AdminEndpoint {
  /** e.g. http://127.0.0.1:8081 (no path, no fragment). */
  readonly origin: string;
  readonly token: string;
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** Admin origin of the core's admin URL (drops any path or `#token=` fragment). */
export function adminEndpoint(adminUrl: string, token: string): AdminEndpoint {
  return { origin: new URL(adminUrl).origin, token };
}

interface CallInit {
  readonly method: 'GET' | 'PUT';
  readonly body?: string;
}

async function call(endpoint: AdminEndpoint, path: string, init: CallInit, fetchImpl: FetchLike): Promise<unknown> {
  const response = await fetchImpl(`${endpoint.origin}${path}`, {
    method: init.method,
    headers: {
      accept: 'application/json',
      authorization: `Bearer ${endpoint.token}`,
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body !== undefined ? { body: init.body } : {}),
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`${init.method} ${path} answered ${response.status}`);
  return response.status === 204 ? undefined : response.json();
}

/** GET /api/health, parsed. */
export async function fetchHealth(endpoint: AdminEndpoint, fetchImpl: FetchLike = fetch): Promise<Health> {
  const parsed = HealthSchema.safeParse(await call(endpoint, '/api/health', { method: 'GET' }, fetchImpl));
  if (!parsed.success) {
    // Short enough for a tray menu line; the field names say which side drifted from shared/api/health.ts.
    throw new Error(`unexpected /api/health answer (${[...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ')})`);
  }
  return parsed.data;
}

/** PUT /api/settings { scimEnabled } — the tray's Pause/Resume SCIM. */
export async function setScimEnabled(endpoint: AdminEndpoint, enabled: boolean, fetchImpl: FetchLike = fetch): Promise<void> {
  const body: SettingsPatch = { scimEnabled: enabled };
  await call(endpoint, '/api/settings', { method: 'PUT', body: JSON.stringify(body) }, fetchImpl);
}

/** "just now", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(thenIso: string, nowMs: number): string {
  const then = Date.parse(thenIso);
  if (Number.isNaN(then)) return 'unknown';
  const minutes = Math.floor(Math.max(0, nowMs - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ago`;
  return `${Math.floor(minutes / (24 * 60))} d ago`;
}

/** Status lines for the tray menu and its tooltip (Windows caps tooltips at 127 characters). */
export function describeHealth(health: Health, nowMs: number): { readonly lines: ReadonlyArray<string>; readonly tooltip: string } {
  const contact = health.lastRequestAt
    ? `${formatAgo(health.lastRequestAt, nowMs)}${health.lastClient ? ` (${health.lastClient})` : ''}`
    : 'never';
  const lines = [
    `SCIM: ${health.scimEnabled ? 'on' : 'paused'}`,
    `Last IdP contact: ${contact}`,
    `Failures (24 h): ${health.failures24h}`,
    ...(health.blockedDeprovisionings > 0 ? [`Blocked deprovisionings: ${health.blockedDeprovisionings}`] : []),
  ];
  const tooltip = `SCIM Desk — SCIM ${health.scimEnabled ? 'on' : 'paused'}, ${health.failures24h} failures (24 h)`;
  return { lines, tooltip: tooltip.slice(0, 127) };
}

/**
 * Failures that arrived between two polls. `failures24h` is a rolling count, so this can miss
 * failures that arrive exactly as old ones age out; good enough for a nudge, never negative.
 */
export function newFailures(previous: Health | undefined, next: Health): number {
  if (previous === undefined) return 0; // first poll: old failures are not news
  return Math.max(0, next.failures24h - previous.failures24h);
}

/** Notify only when there is news and nobody is looking at the window. */
export function shouldNotify(failureCount: number, isWindowVisible: boolean): boolean {
  return failureCount > 0 && !isWindowVisible;
}
