import { BRIDGE_KEY, type CompanionBridge } from '../../../shared/bridge';

/**
 * The desktop extras exposed by the Electron preload. In `serve` mode (a plain browser) there is no
 * bridge, so callers must handle `undefined` and fall back to browser behaviour.
 */
export function getDesktopBridge(): CompanionBridge | undefined {
  const candidate = (window as unknown as Record<string, unknown>)[BRIDGE_KEY];
  return candidate && typeof candidate === 'object' ? (candidate as CompanionBridge) : undefined;
}

/** Whether the renderer runs inside the desktop app (and can, e.g., reveal the data folder). */
export function isDesktop(): boolean {
  return getDesktopBridge() !== undefined;
}

/** Opens a link in the system browser on the desktop, or a new tab in browser mode. */
export async function openExternal(url: string): Promise<void> {
  const bridge = getDesktopBridge();
  if (bridge) {
    await bridge.openExternal(url);
    return;
  }
  window.open(url, '_blank', 'noopener,noreferrer');
}
