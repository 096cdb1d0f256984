import { describe, expect, it } from 'vitest';
import { IPC_MEMORY } from '../../shared/bridge/channels.js';
import {
  MEMORY_ANSWER_MS,
  readRendererMemoryMb,
  type AskedContentsLike,
  type MemoryIpcMainLike,
} from '../../electron/main/renderer-memory-reader.js';
import { answerMemoryAsks, type MemoryIpcLike } from '../../electron/preload/memory.js';
import { FakeClock } from '../support/fake-clock.js';

type MainListener = (event: { sender: unknown }, ...args: unknown[]) => void;

/** ipcMain as the reader uses it: listeners by channel, and what a renderer sends to them. */
class FakeIpcMain implements MemoryIpcMainLike {
  readonly listeners = new Map<string, Set<MainListener>>();
  on(channel: string, listener: MainListener) {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
  }
  removeListener(channel: string, listener: MainListener) {
    this.listeners.get(channel)?.delete(listener);
  }
  count(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }
  fromRenderer(sender: unknown, channel: string, ...args: unknown[]) {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener({ sender }, ...args);
  }
}

/**
 * A board window: main sends to its preload (wired with answerMemoryAsks, as
 * electron/preload/index.ts does), whose answers reach ipcMain from this window.
 */
class FakeWindow implements AskedContentsLike {
  destroyed = false;
  private readonly preload = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  constructor(main: FakeIpcMain, read: (() => Promise<{ private: number }>) | null) {
    const ipc: MemoryIpcLike = {
      on: (channel, listener) => {
        this.preload.set(channel, listener);
      },
      send: (channel, ...args) => {
        main.fromRenderer(this, channel, ...args);
      },
    };
    if (read) answerMemoryAsks(ipc, read);
  }
  send(channel: string) {
    this.preload.get(channel)?.({});
  }
  isDestroyed() {
    return this.destroyed;
  }
}

describe("a board window's renderer memory, from its own getProcessMemoryInfo()", () => {
  it("asks the window's preload and reads its private memory in MB", async () => {
    const main = new FakeIpcMain();
    const window = new FakeWindow(main, () => Promise.resolve({ private: 1_572_864 }));
    const clock = new FakeClock();
    await expect(readRendererMemoryMb(main, window, clock)).resolves.toBe(1536);
    // Nothing left listening after the answer.
    expect(main.count(IPC_MEMORY)).toBe(0);
    expect(clock.pendingCount).toBe(0);
  });

  it("takes no other window's answer, nor a malformed one, and gives up after a while", async () => {
    const main = new FakeIpcMain();
    const silent = new FakeWindow(main, null);
    const clock = new FakeClock();
    const reading = readRendererMemoryMb(main, silent, clock);
    main.fromRenderer({ another: 'window' }, IPC_MEMORY, { privateKb: 10 });
    main.fromRenderer(silent, IPC_MEMORY, { privateKb: -1 });
    main.fromRenderer(silent, IPC_MEMORY, { privateKb: 10, extra: true });
    clock.advance(MEMORY_ANSWER_MS);
    await expect(reading).resolves.toBeNull();
    expect(main.count(IPC_MEMORY)).toBe(0);
  });

  it('answers nothing when the renderer cannot read its memory, and reads nothing of a closed window', async () => {
    const main = new FakeIpcMain();
    const failing = new FakeWindow(main, () => Promise.reject(new Error('no')));
    const clock = new FakeClock();
    const reading = readRendererMemoryMb(main, failing, clock);
    await Promise.resolve();
    clock.advance(MEMORY_ANSWER_MS);
    await expect(reading).resolves.toBeNull();
    const closed = new FakeWindow(main, () => Promise.resolve({ private: 1 }));
    closed.destroyed = true;
    await expect(readRendererMemoryMb(main, closed, clock)).resolves.toBeNull();
  });
});
