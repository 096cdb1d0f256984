import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  RendererWatchdog,
  type CrashReport,
  type GoneListener,
  type WatchedContentsLike,
  type WatchedWindowLike,
} from '../../electron/main/renderer-watchdog.js';
import { FakeClock } from '../support/fake-clock.js';

const BOARD = 'app://noc/index.html';
const CRASH_PAGE = 'app://noc/crashed.html';

class FakeContents extends EventEmitter implements WatchedContentsLike {
  loads: string[] = [];
  url = BOARD;
  destroyed = false;
  killed = 0;
  override on(event: 'render-process-gone', listener: GoneListener): this {
    return super.on(event, listener);
  }
  override removeListener(event: 'render-process-gone', listener: GoneListener): this {
    return super.removeListener(event, listener);
  }
  loadURL(url: string): Promise<void> {
    this.loads.push(url);
    this.url = url;
    return Promise.resolve();
  }
  getURL(): string {
    return this.url;
  }
  forcefullyCrashRenderer(): void {
    this.killed++;
    this.crash('killed');
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  crash(reason = 'crashed'): void {
    this.emit('render-process-gone', {}, { reason, exitCode: 1 });
  }
}

class FakeWindow extends EventEmitter implements WatchedWindowLike {
  readonly webContents = new FakeContents();
  close(): void {
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

function setup() {
  const clock = new FakeClock();
  const window = new FakeWindow();
  const reports: CrashReport[] = [];
  const logs: string[] = [];
  const watchdog = new RendererWatchdog(window, {
    clock,
    pageUrl: BOARD,
    showCrashPage: (report) => {
      reports.push(report);
      return CRASH_PAGE;
    },
    log: (m) => logs.push(m),
  });
  return { clock, window, contents: window.webContents, watchdog, reports, logs };
}

/** Crashes, then returns how long until the board was loaded again (fake time, 100 ms steps). */
function reloadDelayAfterCrash(clock: FakeClock, contents: FakeContents): number {
  const before = contents.loads.length;
  contents.crash();
  let waited = 0;
  while (contents.loads.length === before) {
    if (waited > 60_000) throw new Error('no reload within a minute');
    clock.advance(100);
    waited += 100;
  }
  return waited;
}

describe('the renderer watchdog', () => {
  it('reloads the board after the first delay, not at once', () => {
    const { clock, contents, logs } = setup();
    contents.crash('oom');
    expect(contents.loads).toEqual([]);
    clock.advance(999);
    expect(contents.loads).toEqual([]);
    clock.advance(1);
    expect(contents.loads).toEqual([BOARD]);
    expect(logs[0]).toBe(
      'wallboard renderer gone (oom, exit code 1); crash 1 in 5 min, reload in 1000 ms',
    );
  });

  it('doubles the delay with each crash in the window, then shows the crash page', () => {
    const { clock, contents, reports, watchdog } = setup();
    const delays = [1, 2, 3, 4, 5].map(() => reloadDelayAfterCrash(clock, contents));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000]);
    const crashedAt = clock.now();
    contents.crash();
    // Past the cap: the crash page at once, not another reload.
    expect(contents.loads.at(-1)).toBe(CRASH_PAGE);
    expect(reports).toEqual([{ crashes: 6, at: crashedAt, retryAt: crashedAt + 10 * 60_000 }]);
    expect(watchdog.health).toEqual({
      crashes: 6,
      reloads: 5,
      crashPages: 1,
      hangs: 0,
      lastCrashReason: 'crashed',
    });
  });

  it('tries the board again long after showing the crash page', () => {
    const { clock, contents } = setup();
    for (let i = 0; i < 6; i++) contents.crash();
    expect(contents.loads).toEqual([CRASH_PAGE]);
    clock.advance(10 * 60_000 - 1);
    expect(contents.loads).toEqual([CRASH_PAGE]);
    clock.advance(1);
    expect(contents.loads).toEqual([CRASH_PAGE, BOARD]);
    // By then the window has passed: a new crash starts the backoff over.
    expect(reloadDelayAfterCrash(clock, contents)).toBe(1000);
  });

  it('leaves the board alone when "Retry now" already brought it back', () => {
    const { clock, contents } = setup();
    for (let i = 0; i < 6; i++) contents.crash();
    contents.url = BOARD; // the page's own link navigated back
    clock.advance(10 * 60_000);
    expect(contents.loads).toEqual([CRASH_PAGE]);
  });

  it('never loops on a crash page that crashes itself', () => {
    const { clock, contents } = setup();
    for (let i = 0; i < 6; i++) contents.crash();
    contents.crash(); // the crash page's renderer died
    expect(contents.loads).toEqual([CRASH_PAGE]);
    clock.advance(29_999);
    expect(contents.loads).toEqual([CRASH_PAGE]);
    clock.advance(1);
    expect(contents.loads).toEqual([CRASH_PAGE, CRASH_PAGE]);
  });

  it('forgets crashes older than the window', () => {
    const { clock, contents } = setup();
    expect(reloadDelayAfterCrash(clock, contents)).toBe(1000);
    expect(reloadDelayAfterCrash(clock, contents)).toBe(2000);
    clock.advance(5 * 60_000);
    expect(reloadDelayAfterCrash(clock, contents)).toBe(1000);
  });

  it('kills a page that stays unresponsive, which then reloads like a crash', () => {
    const { clock, window, contents, watchdog } = setup();
    window.emit('unresponsive');
    clock.advance(20_000);
    window.emit('responsive'); // a long GC pause: nothing to do
    clock.advance(60_000);
    expect(contents.killed).toBe(0);
    window.emit('unresponsive');
    window.emit('unresponsive'); // Electron repeats it; one timer only
    clock.advance(30_000);
    expect(contents.killed).toBe(1);
    clock.advance(1000);
    expect(contents.loads).toEqual([BOARD]);
    expect(watchdog.health).toMatchObject({ crashes: 1, hangs: 1, lastCrashReason: 'killed' });
  });

  it('clears its timers and stops when the window closes', () => {
    const { clock, window, contents, watchdog } = setup();
    contents.crash();
    window.emit('unresponsive');
    expect(clock.pendingCount).toBe(2);
    window.close();
    expect(clock.pendingCount).toBe(0);
    expect(watchdog.pendingTimers).toBe(0);
    clock.advance(60 * 60_000);
    expect(contents.loads).toEqual([]);
    expect(window.listenerCount('closed')).toBe(0);
    expect(window.listenerCount('unresponsive')).toBe(0);
  });

  it('removes every listener when disposed with the window still open', () => {
    const { clock, window, contents, watchdog } = setup();
    contents.crash();
    watchdog.dispose();
    expect(clock.pendingCount).toBe(0);
    expect(contents.listenerCount('render-process-gone')).toBe(0);
    for (const event of ['unresponsive', 'responsive', 'closed']) {
      expect(window.listenerCount(event)).toBe(0);
    }
  });
});
