import { IPC_EVENT, IPC_INVOKE } from '../../shared/bridge/channels.js';
import type { NocBridge } from '../../shared/bridge/contract.js';

/** The slice of ipcRenderer the bridge uses, so it can be tested with a fake. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * `window.noc`. contextBridge hands the page a proxy of every function, so a page could never
 * remove a listener by reference (electron#33328): `on` returns the only way to unsubscribe, a
 * closure over the exact function registered with ipcRenderer. The IPC event object never
 * reaches the page, only the payload. Answers and payloads go on as `unknown`: the page checks
 * them against the contract, and the sandboxed preload must not bundle zod to do it twice.
 */
export function createPreloadBridge(ipc: IpcRendererLike): NocBridge {
  return {
    invoke: (name, args) => ipc.invoke(IPC_INVOKE, name, args),
    on(name, listener) {
      const wrapped = (_event: unknown, eventName: unknown, payload: unknown) => {
        if (eventName === name) listener(payload);
      };
      ipc.on(IPC_EVENT, wrapped);
      return () => {
        ipc.removeListener(IPC_EVENT, wrapped);
      };
    },
  };
}
