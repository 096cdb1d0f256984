import { describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/hub/bridge/commands.js';
import { Hub } from '../../electron/hub/hub.js';
import { WindowHealthBook, type TrackedWindow } from '../../electron/main/window-health.js';
import type { MemoryHealth } from '../../electron/main/renderer-memory.js';
import type { RendererHealth } from '../../electron/main/renderer-watchdog.js';
import { commandContext } from '../support/command-context.js';
import { FakeClock } from '../support/fake-clock.js';

/** The app's health: each board window's crash, hang and memory counts, while it is open. */

class FakeWindow implements TrackedWindow {
  private closed: (() => void) | null = null;
  once(_event: 'closed', listener: () => void) {
    this.closed = listener;
    return this;
  }
  close() {
    this.closed?.();
  }
}

const crashes = (over: Partial<RendererHealth> = {}): RendererHealth => ({
  crashes: 0,
  reloads: 0,
  crashPages: 0,
  hangs: 0,
  lastCrashReason: null,
  ...over,
});
const memory = (over: Partial<MemoryHealth> = {}): MemoryHealth => ({
  checks: 3,
  lastMb: 212.4,
  plannedReloads: 0,
  waiting: false,
  ...over,
});

describe("the app's windows in its health", () => {
  it('lists each open window, the board first, then the screens by number; a closed one goes', () => {
    const book = new WindowHealthBook();
    const two = new FakeWindow();
    let twoCrashes = crashes();
    book.track(
      two,
      2,
      () => twoCrashes,
      () => memory({ plannedReloads: 1 }),
    );
    book.track(
      new FakeWindow(),
      null,
      () => crashes(),
      () => memory({ lastMb: null }),
    );
    twoCrashes = crashes({ crashes: 2, reloads: 2, lastCrashReason: 'oom' });
    expect(book.list()).toEqual([
      {
        screen: null,
        crashes: 0,
        reloads: 0,
        crashPages: 0,
        hangs: 0,
        lastCrashReason: null,
        plannedReloads: 0,
        memoryMb: null,
      },
      {
        screen: 2,
        crashes: 2,
        reloads: 2,
        crashPages: 0,
        hangs: 0,
        lastCrashReason: 'oom',
        plannedReloads: 1,
        memoryMb: 212,
      },
    ]);
    two.close();
    expect(book.list().map((w) => w.screen)).toEqual([null]);
    expect(book.size).toBe(1);
  });

  it('reaches the page through the bridge; a host without windows (serve) says null', async () => {
    const hub = new Hub(
      {
        staleAfterMs: 1000,
        downAfterMs: 5000,
        reconnect: { initialDelayMs: 100, maxDelayMs: 1000 },
        sites: [],
      },
      { clock: new FakeClock(0) },
    );
    const book = new WindowHealthBook();
    book.track(
      new FakeWindow(),
      1,
      () => crashes({ hangs: 1 }),
      () => memory(),
    );
    const desktop = commandContext(hub, 'Ana', { windows: () => book.list() });
    expect(await runCommand('app.windows', {}, desktop)).toMatchObject({
      ok: true,
      value: [{ screen: 1, hangs: 1, memoryMb: 212 }],
    });
    // A viewer on serve may ask (it acts on nothing); serve has no windows of its own.
    expect(await runCommand('app.windows', {}, commandContext(hub, null))).toEqual({
      ok: true,
      value: null,
    });
    hub.dispose();
  });
});
