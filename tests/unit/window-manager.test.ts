import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DisplayInfo, Rect } from '../../electron/main/displays/placement.js';
import {
  WindowManager,
  type DisplayEvent,
  type ScreenApi,
  type ScreenWindow,
} from '../../electron/main/displays/window-manager.js';
import { openHubStore } from '../../electron/hub/store/hub-store.js';
import {
  MemoryScreenHomeStore,
  type ScreenHomeStore,
} from '../../electron/hub/store/screen-homes.js';

/**
 * The window manager with fakes for Electron's screen, windows and power blocker: a window
 * per screen on its display, moved when displays come and go and back when they return, the
 * placement remembered in the store across a restart, and everything released on dispose.
 */

const display = (id: number, x: number, width = 1920, height = 1080): DisplayInfo => ({
  id,
  bounds: { x, y: 0, width, height },
  scaleFactor: 1,
  rotation: 0,
  primary: x === 0,
});

class FakeScreen implements ScreenApi {
  attached: DisplayInfo[] = [];
  readonly listeners = new Map<DisplayEvent, Set<() => void>>();
  displays() {
    return this.attached;
  }
  on(event: DisplayEvent, listener: () => void) {
    const set = this.listeners.get(event) ?? new Set();
    set.add(listener);
    this.listeners.set(event, set);
  }
  off(event: DisplayEvent, listener: () => void) {
    this.listeners.get(event)?.delete(listener);
  }
  change(event: DisplayEvent, displays: DisplayInfo[]) {
    this.attached = displays;
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
  get listening() {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

class FakeWindow implements ScreenWindow {
  closed = false;
  moves = 0;
  constructor(
    readonly screen: number,
    public bounds: Rect,
  ) {}
  isDestroyed() {
    return this.closed;
  }
  getBounds() {
    return this.bounds;
  }
  setBounds(bounds: Rect) {
    this.bounds = bounds;
    this.moves++;
  }
  close() {
    this.closed = true;
  }
}

function rig(
  screens: number[],
  displays: DisplayInfo[],
  store: ScreenHomeStore = new MemoryScreenHomeStore(),
) {
  const screen = new FakeScreen();
  screen.attached = displays;
  const opened: FakeWindow[] = [];
  const power = { held: new Set<number>(), next: 1 };
  const manager = new WindowManager(
    screens,
    screen,
    {
      open: (n, bounds) => {
        const window = new FakeWindow(n, bounds);
        opened.push(window);
        return window;
      },
    },
    {
      keepDisplayAwake: () => {
        const id = power.next++;
        power.held.add(id);
        return id;
      },
      release: (id) => power.held.delete(id),
    },
    store,
    () => 1000,
    () => undefined,
  );
  const xOf = (n: number) => opened.find((w) => w.screen === n && !w.closed)?.bounds.x;
  return { screen, opened, power, manager, xOf };
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'noc-screens-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('WindowManager', () => {
  it('opens a window per screen on its display and keeps the displays awake', () => {
    const { manager, opened, power, xOf } = rig([1, 2], [display(1, 1920), display(2, 0)]);
    manager.start();
    expect(opened).toHaveLength(2);
    expect([xOf(1), xOf(2)]).toEqual([0, 1920]);
    expect(power.held.size).toBe(1);
  });

  it('moves a window off a removed display, brings it back when the display returns, never off-screen', () => {
    const left = display(1, 0);
    const right = display(2, 1920, 2560, 1440);
    const { manager, screen, opened, xOf } = rig([1, 2], [left, right]);
    manager.start();
    screen.change('display-removed', [left]);
    expect(xOf(2)).toBe(0);
    expect(manager.placements.map((p) => p.by)).toEqual(['id', 'displaced']);
    screen.change('display-added', [left, right]);
    expect(xOf(2)).toBe(1920);
    expect(opened).toHaveLength(2);
    // A change that moves nothing moves no window.
    const moves = opened.map((w) => w.moves);
    screen.change('display-metrics-changed', [left, right]);
    expect(opened.map((w) => w.moves)).toEqual(moves);
  });

  it('leaves a window a few pixels off alone (Windows at 125 % reads bounds back off by a pixel or two)', () => {
    const { manager, screen, opened } = rig([1], [display(1, 0)]);
    manager.start();
    if (opened[0]) opened[0].bounds = { x: 0, y: 0, width: 1921, height: 1079 };
    screen.change('display-metrics-changed', [display(1, 0)]);
    expect(opened[0]?.moves).toBe(0);
  });

  it('follows a resolution change on the same display', () => {
    const { manager, screen, opened } = rig([1], [display(1, 0)]);
    manager.start();
    screen.change('display-metrics-changed', [display(1, 0, 3840, 2160)]);
    expect(opened[0]?.bounds).toEqual({ x: 0, y: 0, width: 3840, height: 2160 });
  });

  it('keeps the windows where they are while no display is attached, and puts back one the system moved', () => {
    const { manager, screen, opened } = rig([1], [display(1, 0)]);
    manager.start();
    screen.change('display-removed', []);
    expect(opened[0]?.closed).toBe(false);
    expect(opened[0]?.moves).toBe(0);
    // Meanwhile the system put the window elsewhere; the display comes back as it was.
    if (opened[0]) opened[0].bounds = { x: -5000, y: 0, width: 800, height: 600 };
    screen.change('display-added', [display(1, 0)]);
    expect(opened[0]?.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
  });

  it('stores display ids beyond 2^53 (Chromium makes them from the monitor) and reads them back', async () => {
    const file = join(dir, 'noc.sqlite');
    const big = 0x4c2d0b5d * 2 ** 24; // ~2.1e16, like an EDID-made id: over 2^53
    const first = await openHubStore(file, [], () => 1000);
    rig([1], [display(big, 0)], first.screens).manager.start();
    await first.store.close();
    const second = await openHubStore(file, [], () => 2000);
    expect(second.screens.load().map((home) => home.displayId)).toEqual([big]);
    await second.store.close();
  });

  it('remembers each screen in the store: after a restart with new display ids, found by bounds', async () => {
    const file = join(dir, 'noc.sqlite');
    const first = await openHubStore(file, [], () => 1000);
    const a = rig([1, 2], [display(10, 0), display(20, 1920)], first.screens);
    a.manager.start();
    a.manager.dispose();
    await first.store.close();

    const second = await openHubStore(file, [], () => 2000);
    expect(second.screens.load()).toEqual([
      { screen: 1, displayId: 10, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
      { screen: 2, displayId: 20, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } },
    ]);
    // The operating system renumbered the displays; the wall is what it was.
    const b = rig([1, 2], [display(7, 1920), display(8, 0)], second.screens);
    b.manager.start();
    expect(b.manager.placements.map((p) => [p.screen, p.displayId, p.by])).toEqual([
      [1, 8, 'bounds'],
      [2, 7, 'bounds'],
    ]);
    expect(second.screens.load().map((home) => home.displayId)).toEqual([8, 7]);
    b.manager.dispose();
    await second.store.close();
  });

  it('follows the screens a technician sets: a new screen opens on a free display, one taken off closes', () => {
    const { manager, opened, xOf } = rig([1], [display(1, 0), display(2, 1920)]);
    manager.start();
    manager.setScreens([1, 2]);
    expect(opened.filter((w) => !w.closed).map((w) => w.screen)).toEqual([1, 2]);
    expect([xOf(1), xOf(2)]).toEqual([0, 1920]);
    manager.setScreens([2]);
    expect(opened.filter((w) => !w.closed).map((w) => w.screen)).toEqual([2]);
    expect(manager.placements.map((p) => p.screen)).toEqual([2]);
    expect(manager.screenNumbers).toEqual([2]);
    // The screen left stays where it was: the first display is no one's now, but it is not moved.
    expect(xOf(2)).toBe(1920);
    expect(manager.openResources).toBe(3 + 1 + 1);
  });

  it('releases its listeners, the power blocker and its windows on dispose', () => {
    const { manager, screen, opened, power } = rig([1, 2], [display(1, 0), display(2, 1920)]);
    manager.start();
    expect(manager.openResources).toBe(3 + 1 + 2);
    manager.dispose();
    expect(manager.openResources).toBe(0);
    expect(screen.listening).toBe(0);
    expect(power.held.size).toBe(0);
    expect(opened.every((w) => w.closed)).toBe(true);
  });
});
