/**
 * Typed `ipcMain.handle` wrapper over the channel map in shared/bridge.ts. Every call is checked
 * (channel prefix, main frame, admin origin) and its argument parsed before the handler runs.
 * Refusals throw, so the renderer's `invoke` rejects; the reason goes to the log, not the renderer.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { z } from 'zod';
import type { Channel, ChannelArg, ChannelResult } from '../../shared/bridge.js';
import { checkIpcRequest } from './ipc-guard.js';
import type { SupervisorLog } from './supervisor.js';
import type { AdminOriginSource } from './window.js';

/** The implementation of one channel. */
export type ChannelHandler<C extends Channel> = (arg: ChannelArg<C>, event: IpcMainInvokeEvent) => Promise<ChannelResult<C>>;

export interface HandleContext {
  readonly adminOrigin: AdminOriginSource;
  readonly log: SupervisorLog;
}

/** Register `handler` for `channel`; `argSchema` validates the renderer's argument (an untrusted edge). */
export function handle<C extends Channel>(
  channel: C,
  argSchema: z.ZodType<ChannelArg<C>>,
  handler: ChannelHandler<C>,
  context: HandleContext,
): void {
  ipcMain.handle(channel, async (event, raw: unknown) => {
    const frame = event.senderFrame;
    const verdict = checkIpcRequest(channel, { url: frame?.url, isMainFrame: frame !== null && frame.parent === null }, context.adminOrigin());
    if (!verdict.ok) {
      context.log.warn({ channel, reason: verdict.reason }, 'refused IPC call');
      throw new Error('Refused');
    }
    const arg = argSchema.safeParse(raw);
    if (!arg.success) {
      context.log.warn({ channel }, 'refused IPC call with an invalid argument');
      throw new Error('Invalid argument');
    }
    return handler(arg.data, event);
  });
}
