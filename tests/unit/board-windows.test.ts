import { describe, expect, it } from 'vitest';
import { BoardWindows, type Wall } from '../../electron/main/board-windows.js';

/**
 * The desktop app's windows as the wall's screens change: the wall's kiosk windows or the one
 * window, never none (Electron quits when the last window closes).
 */

class FakeWindow {
  closed = false;
  constructor(readonly name: string) {}
  isDestroyed() {
    return this.closed;
  }
}

/** What happened, in order: the test of "never without a window" is an order. */
const events: string[] = [];

class FakeWall implements Wall<FakeWindow> {
  disposed = false;
  windows = new Map<number, FakeWindow>();
  constructor(screens: readonly number[]) {
    this.setScreens(screens);
  }
  first() {
    const n = Math.min(...this.windows.keys());
    return this.windows.get(n) ?? null;
  }
  setScreens(screens: readonly number[]) {
    for (const [n, w] of this.windows) {
      if (!screens.includes(n)) {
        w.closed = true;
        this.windows.delete(n);
      }
    }
    for (const n of screens)
      if (!this.windows.has(n)) this.windows.set(n, new FakeWindow(`screen ${n}`));
  }
  dispose() {
    events.push('wall closed');
    this.disposed = true;
    for (const w of this.windows.values()) w.closed = true;
    this.windows.clear();
  }
}

function rig(screens: number[]) {
  const walls: FakeWall[] = [];
  const singles: FakeWindow[] = [];
  const boards = new BoardWindows<FakeWindow>(
    {
      wall: (s) => {
        const wall = new FakeWall(s);
        walls.push(wall);
        return wall;
      },
      single: () => {
        events.push('board opened');
        const window = new FakeWindow('board');
        singles.push(window);
        return window;
      },
    },
    screens,
  );
  const open = () => [
    ...singles.filter((w) => !w.closed).map((w) => w.name),
    ...walls.flatMap((wall) => [...wall.windows.values()].map((w) => w.name)),
  ];
  return { boards, walls, singles, open };
}

describe('the desktop app’s board windows', () => {
  it('opens the wall’s screens when it has some, else the one window', () => {
    expect(rig([2, 1]).open()).toEqual(['screen 2', 'screen 1']);
    expect(rig([]).open()).toEqual(['board']);
    expect(rig([2, 1]).boards.board()?.name).toBe('screen 1');
  });

  it('opens screens a technician adds beside the window they work in, and follows removals', () => {
    const { boards, open } = rig([]);
    boards.setScreens([1, 2]);
    expect(open()).toEqual(['board', 'screen 1', 'screen 2']);
    expect(boards.wallRuns).toBe(true);
    // A notice's click goes to the technician's own window while it is open.
    expect(boards.board()?.name).toBe('board');
    boards.setScreens([2]);
    expect(open()).toEqual(['board', 'screen 2']);
  });

  it('opens the one window before the last screen closes: the app never has none', () => {
    const { boards, walls, open } = rig([1]);
    events.length = 0;
    boards.setScreens([]);
    expect(events).toEqual(['board opened', 'wall closed']);
    expect(open()).toEqual(['board']);
    expect(walls[0]?.disposed).toBe(true);
    expect(boards.wallRuns).toBe(false);
  });

  it('closes the wall on dispose and opens nothing after', () => {
    const { boards, open } = rig([1, 2]);
    boards.dispose();
    expect(open()).toEqual([]);
    boards.setScreens([3]);
    expect(open()).toEqual([]);
  });
});
