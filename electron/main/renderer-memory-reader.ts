import { z } from 'zod';
import { IPC_MEMORY, IPC_MEMORY_ASK } from '../../shared/bridge/channels.js';
import type { Clock, TimerHandle } from '../../shared/clock.js';

/** The preload's answer (electron/preload/memory.ts), checked: it comes from a renderer. */
const MemoryAnswer = z.strictObject({ privateKb: z.number().nonnegative() });

/** What the reader needs of a board window's contents and of ipcMain: fakes in tests. */
export interface AskedContentsLike {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface MemoryIpcMainLike {
  on(channel: string, listener: (event: { sender: unknown }, ...args: unknown[]) => void): unknown;
  removeListener(
    channel: string,
    listener: (event: { sender: unknown }, ...args: unknown[]) => void,
  ): unknown;
}

/** An answer later than this is no answer (a renderer too busy or hung to give one). */
export const MEMORY_ANSWER_MS = 5_000;

/**
 * Reads a board window's renderer memory the way the issue asks, `getProcessMemoryInfo()`, which
 * only the renderer can call: asks its preload and waits for the answer from that window alone
 * (another window's answer, or a malformed one, is ignored). Null when no answer comes in time;
 * the caller then reads the app's metrics (a hung renderer answers nothing).
 */
export function readRendererMemoryMb(
  ipcMain: MemoryIpcMainLike,
  contents: AskedContentsLike,
  clock: Clock,
  timeoutMs = MEMORY_ANSWER_MS,
): Promise<number | null> {
  if (contents.isDestroyed()) return Promise.resolve(null);
  return new Promise((resolve) => {
    let timer: TimerHandle | null = null;
    const finish = (value: number | null) => {
      ipcMain.removeListener(IPC_MEMORY, listener);
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      resolve(value);
    };
    const listener = (event: { sender: unknown }, payload: unknown) => {
      if (event.sender !== contents) return;
      const answer = MemoryAnswer.safeParse(payload);
      if (answer.success) finish(answer.data.privateKb / 1024);
    };
    ipcMain.on(IPC_MEMORY, listener);
    timer = clock.setTimeout(() => {
      finish(null);
    }, timeoutMs);
    contents.send(IPC_MEMORY_ASK);
  });
}
