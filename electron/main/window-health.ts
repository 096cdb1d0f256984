import type { WindowHealth } from '../../shared/bridge/window-health.js';
import type { MemoryHealth } from './renderer-memory.js';
import type { RendererHealth } from './renderer-watchdog.js';

/** A board window, the parts read: Electron's BrowserWindow, or a fake in tests. */
export interface TrackedWindow {
  once(event: 'closed', listener: () => void): unknown;
}

interface Tracked {
  readonly screen: number | null;
  readonly crashes: () => RendererHealth;
  readonly memory: () => MemoryHealth;
}

/**
 * The desktop app's board windows and how each has fared, for the screens view (the bridge's
 * `app.windows`): the crash watchdog's and the memory ceiling's counts, kept while the window
 * is open and dropped when it closes. Every crash, hang and reload is also logged as it happens.
 */
export class WindowHealthBook {
  private readonly windows = new Map<TrackedWindow, Tracked>();

  track(
    window: TrackedWindow,
    screen: number | null,
    crashes: () => RendererHealth,
    memory: () => MemoryHealth,
  ): void {
    this.windows.set(window, { screen, crashes, memory });
    window.once('closed', () => {
      this.windows.delete(window);
    });
  }

  get size(): number {
    return this.windows.size;
  }

  /** The ordinary window first, then the screens by number. */
  list(): WindowHealth[] {
    return [...this.windows.values()]
      .map(({ screen, crashes, memory }) => {
        const c = crashes();
        const m = memory();
        return {
          screen,
          crashes: c.crashes,
          reloads: c.reloads,
          crashPages: c.crashPages,
          hangs: c.hangs,
          lastCrashReason: c.lastCrashReason?.slice(0, 200) ?? null,
          plannedReloads: m.plannedReloads,
          memoryMb: m.lastMb === null ? null : Math.round(m.lastMb),
        };
      })
      .sort((a, b) => (a.screen ?? 0) - (b.screen ?? 0));
  }
}
