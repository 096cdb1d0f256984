import { IPC_EVENT, IPC_INVOKE } from '../../shared/bridge/channels.js';
import type { BridgeEvents, BridgeResult, HostEventName } from '../../shared/bridge/contract.js';
import type { WindowHealth } from '../../shared/bridge/window-health.js';
import type { Clock } from '../../shared/clock.js';
import { runCommand } from '../hub/bridge/commands.js';
import { RendererErrors } from '../hub/bridge/error-reports.js';
import { COMMAND_LIMIT, describeLimit } from '../hub/bridge/rate-limit.js';
import { ReportFloodGuard } from '../hub/bridge/report-flood.js';
import { appInfo, type HubRuntime } from '../hub/runtime.js';
import { desktopTechnician } from './technician.js';
import { systemClock } from '../../shared/system-clock.js';

/** The parts of Electron's IPC objects used here: narrow, so tests drive them with fakes. */
export interface SenderLike {
  readonly id: number;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
  removeListener(event: 'destroyed', listener: () => void): unknown;
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
  /** Time stamps of reported errors and their rate limit; default: the system clock. */
  readonly clock?: Clock;
  /** Where reported page errors are logged; default: the main process' stderr. */
  readonly logError?: (line: string) => void;
  /** The app's board windows and how they fared (`app.windows`). */
  readonly windows?: () => WindowHealth[];
}

/**
 * The one way the main process sends a window an event: a misspelt name, a payload that is not
 * the contract's, or an event only the page's transport may raise fails to compile.
 */
export function sendEvent<K extends HostEventName>(
  sender: SenderLike,
  name: K,
  payload: BridgeEvents[K],
): void {
  if (!sender.isDestroyed()) sender.send(IPC_EVENT, name, payload);
}

/**
 * Wires the bridge contract onto IPC: every call's sender frame must be one of our pages, and
 * its arguments pass the contract's schemas before anything runs. Each window that subscribes
 * gets fleet deltas until it subscribes again or is destroyed. Errors a page reports are
 * counted and logged in the main process, at most COMMAND_LIMIT per window (the serve host's
 * limit per viewer); what a window sends beyond that is refused and its count logged once per
 * limit window. Returns the dispose.
 */
export function setupBridgeIpc(
  ipcMain: IpcMainLike,
  runtime: HubRuntime,
  isOwnPage: (url: string) => boolean,
  deps: BridgeIpcDeps = {},
): () => void {
  const subscriptions = new Map<number, () => void>();
  /** Every window that has called us, with the listener that forgets it when it is destroyed. */
  const watched = new Map<number, { sender: SenderLike; destroyed: () => void }>();
  const technician = desktopTechnician(runtime.hub.options.technician);
  const info = appInfo(runtime, 'electron', technician);
  const clock = deps.clock ?? systemClock;
  const errors = new RendererErrors(clock, deps.logError);
  const floods = new ReportFloodGuard(
    clock,
    deps.logError ??
      ((line) => {
        console.error(line);
      }),
  );
  const callerName = (id: number) => `window ${id}`;

  function watch(sender: SenderLike): void {
    const id = sender.id;
    if (watched.has(id)) return;
    const destroyed = () => {
      subscriptions.get(id)?.();
      subscriptions.delete(id);
      floods.forget(callerName(id));
      watched.delete(id);
    };
    sender.once('destroyed', destroyed);
    watched.set(id, { sender, destroyed });
  }

  function subscribe(sender: SenderLike, parts: boolean) {
    subscriptions.get(sender.id)?.();
    const { snapshot, unsubscribe } = runtime.publisher.subscribe(
      (delta) => {
        sendEvent(sender, 'fleet.delta', delta);
      },
      parts
        ? {
            send: (part) => {
              sendEvent(sender, 'fleet.snapshotPart', part);
            },
            downShare: info.siteDownShare,
          }
        : undefined,
    );
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
    watch(event.sender);
    if (name === 'app.reportError' && !floods.admit(callerName(event.sender.id))) {
      const message = `app.reportError: ${describeLimit(COMMAND_LIMIT, 'reports')} from this window`;
      return { ok: false, error: { code: 'rate-limited', message } };
    }
    return runCommand(name, args, {
      hub: runtime.hub,
      info,
      history: runtime.history,
      technician,
      subscribe: ({ parts }) => subscribe(event.sender, parts),
      reportError: (report) => errors.record(report),
      ...(deps.windows ? { windows: deps.windows } : {}),
    });
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
    for (const { sender, destroyed } of watched.values()) {
      sender.removeListener('destroyed', destroyed);
    }
    watched.clear();
    floods.dispose();
  };
}
