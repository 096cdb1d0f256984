import { IPC_EVENT, IPC_INVOKE } from '../../shared/bridge/channels.js';
import type { BridgeResult } from '../../shared/bridge/contract.js';
import type { FleetDelta } from '../../shared/bridge/fleet-view.js';
import type { Clock } from '../../shared/clock.js';
import { runCommand } from '../hub/bridge/commands.js';
import { RendererErrors } from '../hub/bridge/error-reports.js';
import { appInfo, type HubRuntime } from '../hub/runtime.js';
import { systemClock } from '../../shared/system-clock.js';

/** The parts of Electron's IPC objects used here: narrow, so tests drive them with fakes. */
export interface SenderLike {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
}
export interface InvokeEventLike {
  readonly sender: SenderLike;
  readonly senderFrame: { readonly url: string } | null;
}
export interface IpcMainLike {
  handle(
    channel: string,
    handler: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export interface BridgeIpcDeps {
  /** Time stamps of reported errors; default: the system clock. */
  readonly clock?: Clock;
  /** Where reported page errors are logged; default: the main process' stderr. */
  readonly logError?: (line: string) => void;
}

/**
 * Wires the bridge contract onto IPC: every call's sender frame must be one of our pages, and
 * its arguments pass the contract's schemas before anything runs. Each window that subscribes
 * gets fleet deltas until it subscribes again or is destroyed. Errors a page reports are
 * counted and logged in the main process. Returns the dispose.
 */
export function setupBridgeIpc(
  ipcMain: IpcMainLike,
  runtime: HubRuntime,
  isOwnPage: (url: string) => boolean,
  deps: BridgeIpcDeps = {},
): () => void {
  const subscriptions = new Map<number, () => void>();
  const info = appInfo(runtime, 'electron');
  const errors = new RendererErrors(deps.clock ?? systemClock, deps.logError);

  function subscribe(sender: SenderLike) {
    subscriptions.get(sender.id)?.();
    const { snapshot, unsubscribe } = runtime.publisher.subscribe((delta: FleetDelta) => {
      if (!sender.isDestroyed()) sender.send(IPC_EVENT, 'fleet.delta', delta);
    });
    if (!subscriptions.has(sender.id)) {
      sender.once('destroyed', () => {
        subscriptions.get(sender.id)?.();
        subscriptions.delete(sender.id);
      });
    }
    subscriptions.set(sender.id, unsubscribe);
    return snapshot;
  }

  ipcMain.handle(IPC_INVOKE, async (event, name, args): Promise<BridgeResult<unknown>> => {
    const url = event.senderFrame?.url ?? '';
    if (!isOwnPage(url)) {
      return {
        ok: false,
        error: {
          code: 'forbidden',
          message: `calls from ${url || 'an unknown frame'} are refused`,
        },
      };
    }
    return runCommand(name, args, {
      hub: runtime.hub,
      info,
      subscribe: () => subscribe(event.sender),
      reportError: (report) => errors.record(report),
    });
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  };
}
