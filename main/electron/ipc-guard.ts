/**
 * The fail-closed gate every IPC handler passes before it runs (GitHub Desktop checks the sender,
 * VS Code allows only prefixed channels). Electron-free on purpose so unit tests import it under
 * plain Node; ipc.ts feeds it `event.senderFrame`.
 */
import { CHANNEL_PREFIX } from '../../shared/bridge.js';

/** What ipc.ts knows about the frame that sent a message. */
export interface IpcSender {
  /** `event.senderFrame?.url`; undefined when the frame is gone (navigated away or destroyed). */
  readonly url: string | undefined;
  /** True for the top-level frame; iframes never get the bridge. */
  readonly isMainFrame: boolean;
}

export type IpcVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** True when `channel` is a `companion:` channel with a non-empty name after the prefix. */
export function isCompanionChannel(channel: string): boolean {
  return channel.startsWith(CHANNEL_PREFIX) && channel.length > CHANNEL_PREFIX.length;
}

/**
 * The origin (`scheme://host:port`) of an http(s) URL, or undefined for anything else
 * (file:, data:, about:blank, devtools:, malformed). Opaque origins never match.
 */
export function httpOrigin(url: string | undefined): string | undefined {
  if (url === undefined || url === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // malformed URL: treated as "no origin", which every check refuses
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.origin;
}

/** True when the sender is the main frame of a page on exactly the admin origin. */
export function isTrustedSender(sender: IpcSender, adminOrigin: string | undefined): boolean {
  const origin = httpOrigin(sender.url);
  return sender.isMainFrame && adminOrigin !== undefined && origin !== undefined && origin === adminOrigin;
}

/** Check channel prefix, then sender; the first failure wins. */
export function checkIpcRequest(channel: string, sender: IpcSender, adminOrigin: string | undefined): IpcVerdict {
  if (!isCompanionChannel(channel)) return { ok: false, reason: `channel "${channel}" lacks the ${CHANNEL_PREFIX} prefix` };
  if (adminOrigin === undefined) return { ok: false, reason: 'the core is not ready, so no origin is trusted' };
  if (!sender.isMainFrame) return { ok: false, reason: 'sender is not the main frame' };
  if (!isTrustedSender(sender, adminOrigin)) {
    return { ok: false, reason: `sender origin ${httpOrigin(sender.url) ?? 'opaque'} is not the admin origin` };
  }
  return { ok: true };
}
