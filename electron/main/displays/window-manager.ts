import type { ScreenHomeStore } from '../../hub/store/screen-homes.js';
import {
  homesAfter,
  placeScreens,
  type DisplayInfo,
  type Placement,
  type Rect,
  type ScreenHome,
} from './placement.js';

/**
 * One board window per screen of the wall, each on its display, kept there as displays come
 * and go (docs/displays.md). Every Electron API is behind an adapter (ScreenApi, ScreenWindows,
 * PowerApi) so this is tested with fakes (tests/unit/window-manager.test.ts); electron/main/
 * index.ts passes the real ones.
 */

export type DisplayEvent = 'display-added' | 'display-removed' | 'display-metrics-changed';

/** Electron's `screen`, the parts used. */
export interface ScreenApi {
  displays(): DisplayInfo[];
  on(event: DisplayEvent, listener: () => void): void;
  off(event: DisplayEvent, listener: () => void): void;
}

/** A screen's board window. */
export interface ScreenWindow {
  isDestroyed(): boolean;
  /** Where the window really is (the system may have moved it while no display was attached). */
  getBounds(): Rect;
  setBounds(bounds: Rect): void;
  close(): void;
}

export interface ScreenWindows {
  /** A kiosk board window for screen N (its page runs `?display=N`), at these bounds. */
  open(screen: number, bounds: Rect): ScreenWindow;
}

/** Electron's `powerSaveBlocker`: 'prevent-display-sleep' while a wall runs. */
export interface PowerApi {
  keepDisplayAwake(): number;
  release(id: number): void;
}

const EVENTS: readonly DisplayEvent[] = [
  'display-added',
  'display-removed',
  'display-metrics-changed',
];

const sameRect = (a: Rect, b: Rect) =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/**
 * Where a window is, within a few pixels: on Windows above 100 % scaling a window's bounds read
 * back a few pixels off what was set (electron#51730), and moving it again for that would take
 * it out of kiosk mode and back on every display event.
 */
const nearRect = (a: Rect, b: Rect, slack = 4) =>
  Math.abs(a.x - b.x) <= slack &&
  Math.abs(a.y - b.y) <= slack &&
  Math.abs(a.width - b.width) <= slack &&
  Math.abs(a.height - b.height) <= slack;

export class WindowManager {
  private readonly windows = new Map<number, ScreenWindow>();
  private readonly homes = new Map<number, ScreenHome>();
  private current: Placement[] = [];
  private blocker: number | null = null;
  private started = false;
  private readonly onChange = () => {
    this.arrange();
  };

  constructor(
    private screens: readonly number[],
    private readonly api: ScreenApi,
    private readonly factory: ScreenWindows,
    private readonly power: PowerApi,
    private readonly store: ScreenHomeStore,
    private readonly now: () => number,
    private readonly log: (line: string) => void = console.warn,
  ) {}

  /** Opens each screen's window on its display, keeps the displays awake, follows changes. */
  start(): void {
    if (this.started) return;
    this.started = true;
    try {
      for (const home of this.store.load()) {
        this.homes.set(home.screen, { displayId: home.displayId, bounds: home.bounds });
      }
    } catch (error) {
      // Where the screens were is a convenience: without it they are placed anew, not refused.
      this.log(
        `displays: could not read where the screens were (${String(error)}); placing them anew`,
      );
    }
    this.blocker = this.power.keepDisplayAwake();
    for (const event of EVENTS) this.api.on(event, this.onChange);
    this.arrange();
  }

  /**
   * The screens of the wall changed (a technician set them in the screens view): windows of
   * screens no longer listed close, new ones open, and every screen is placed again.
   */
  setScreens(screens: readonly number[]): void {
    this.screens = [...screens];
    const wanted = new Set(screens);
    for (const [screen, window] of this.windows) {
      if (wanted.has(screen)) continue;
      this.windows.delete(screen);
      if (!window.isDestroyed()) window.close();
    }
    this.current = this.current.filter((placement) => wanted.has(placement.screen));
    this.arrange();
  }

  /** The screens the wall has now, by number. */
  get screenNumbers(): readonly number[] {
    return this.screens;
  }

  /** Where each screen is now. */
  get placements(): readonly Placement[] {
    return this.current;
  }

  /** Listeners, the power blocker and windows held: 0 after dispose. */
  get openResources(): number {
    return (this.started ? EVENTS.length : 0) + (this.blocker === null ? 0 : 1) + this.windows.size;
  }

  /** Places every screen again (a display came, went or changed) and moves what moved. */
  arrange(): void {
    if (!this.started) return;
    const displays = this.api.displays();
    if (displays.length === 0) {
      // Between a display going and the next arriving: keep the windows where they are.
      this.log('displays: none attached; the wall windows stay until one is');
      return;
    }
    const wanted = this.screens.map((screen) => ({ screen, home: this.homes.get(screen) ?? null }));
    this.current = placeScreens(wanted, displays);
    for (const placement of this.current) this.show(placement);
    const at = this.now();
    for (const [screen, home] of homesAfter(this.current, displays)) {
      const before = this.homes.get(screen);
      if (before && before.displayId === home.displayId && sameRect(before.bounds, home.bounds))
        continue;
      this.homes.set(screen, home);
      try {
        this.store.save({ screen, ...home }, at);
      } catch (error) {
        // The wall still shows right now; only the next start may place it anew.
        this.log(`displays: could not store where screen ${screen} is: ${String(error)}`);
      }
    }
  }

  dispose(): void {
    if (!this.started) return;
    this.started = false;
    for (const event of EVENTS) this.api.off(event, this.onChange);
    if (this.blocker !== null) this.power.release(this.blocker);
    this.blocker = null;
    for (const window of this.windows.values()) if (!window.isDestroyed()) window.close();
    this.windows.clear();
  }

  private show(placement: Placement): void {
    const held = this.windows.get(placement.screen);
    if (held && !held.isDestroyed()) {
      // Against where it really is, not where it was last put.
      if (!nearRect(held.getBounds(), placement.bounds)) held.setBounds(placement.bounds);
      return;
    }
    // Not open yet, or closed: a screen of the wall is always shown.
    this.windows.set(placement.screen, this.factory.open(placement.screen, placement.bounds));
  }
}
