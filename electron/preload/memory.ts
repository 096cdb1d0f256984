import { IPC_MEMORY, IPC_MEMORY_ASK } from '../../shared/bridge/channels.js';

/** The slice of ipcRenderer the answer uses, so a fake tests it. */
export interface MemoryIpcLike {
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  send(channel: string, ...args: unknown[]): void;
}

/** Electron's ProcessMemoryInfo, the parts used (kilobytes). */
export interface ProcessMemoryLike {
  readonly private: number;
  readonly residentSet?: number;
}

/**
 * Answers the main process's asks for this renderer's memory (renderer-memory.ts): its private
 * memory, what a leak grows, from `process.getProcessMemoryInfo()` (in a sandboxed preload's
 * `process`). The page has no part in it: nothing is exposed to it, and it cannot answer.
 */
export function answerMemoryAsks(ipc: MemoryIpcLike, read: () => Promise<ProcessMemoryLike>): void {
  ipc.on(IPC_MEMORY_ASK, () => {
    read().then(
      (info) => {
        ipc.send(IPC_MEMORY, { privateKb: info.private });
      },
      () => {
        // Unreadable now: no answer, and the main process reads the app's metrics instead.
      },
    );
  });
}
