import { EventEmitter } from 'node:events';
import { IPC_INVOKE } from '../../shared/bridge/channels.js';
import type { BridgeResult } from '../../shared/bridge/contract.js';
import type { InvokeEventLike, IpcMainLike, SenderLike } from '../../electron/main/bridge-ipc.js';

/** Stand-ins for Electron's ipcMain and a window's webContents, for the bridge's IPC wiring. */

type Handler = (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();

  handle(channel: string, handler: Handler): void {
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** What the page's `window.noc.invoke(name, args)` does, from a frame at `url`. */
  async call(sender: FakeSender, url: string, ...args: unknown[]): Promise<BridgeResult<unknown>> {
    const handler = this.handlers.get(IPC_INVOKE);
    if (!handler) throw new Error(`nothing handles ${IPC_INVOKE}`);
    return (await handler({ sender, senderFrame: { url } }, ...args)) as BridgeResult<unknown>;
  }
}

/** A window's webContents: keeps what the main process sends it. */
export class FakeSender extends EventEmitter implements SenderLike {
  readonly sent: unknown[][] = [];
  private destroyed = false;

  constructor(readonly id: number) {
    super();
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}
