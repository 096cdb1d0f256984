import { powerSaveBlocker, screen, type BrowserWindow } from 'electron';
import type { ScreenHomeStore } from '../hub/store/screen-homes.js';
import type { DisplayInfo, Placement, Rect } from './displays/placement.js';
import { WindowManager, type ScreenApi, type ScreenWindow } from './displays/window-manager.js';

/**
 * The real adapters for the window manager (electron/main/displays/window-manager.ts): Electron's
 * `screen`, kiosk board windows and `powerSaveBlocker`. The logic lives in the manager and is
 * tested with fakes; this file only translates.
 */

function displayInfos(): DisplayInfo[] {
  const primary = screen.getPrimaryDisplay().id;
  return screen.getAllDisplays().map((d) => ({
    id: d.id,
    bounds: d.bounds,
    scaleFactor: d.scaleFactor,
    rotation: d.rotation,
    primary: d.id === primary,
  }));
}

const electronScreen: ScreenApi = {
  displays: displayInfos,
  on: (event, listener) => {
    screen.on(event as 'display-added', listener);
  },
  off: (event, listener) => {
    screen.removeListener(event as 'display-added', listener);
  },
};

/** A kiosk window does not move while in kiosk mode: out of it, moved, back in. */
function screenWindow(window: BrowserWindow): ScreenWindow {
  return {
    isDestroyed: () => window.isDestroyed(),
    getBounds: () => window.getBounds(),
    setBounds: (bounds: Rect) => {
      window.setKiosk(false);
      window.setBounds(bounds);
      window.setKiosk(true);
    },
    close: () => {
      window.close();
    },
  };
}

export interface WallScreens {
  /** The window of the lowest-numbered screen that is open (a notice's click goes there). */
  first(): BrowserWindow | null;
  /** Where each screen is now. */
  placements(): readonly Placement[];
  /** The wall's screens changed (the screens view): windows open and close to match. */
  setScreens(screens: readonly number[]): void;
  dispose(): void;
}

/** Opens the wall's screens (config `displays`) and keeps each on its display. */
export function setupWallScreens(
  screens: readonly number[],
  open: (screen: number, bounds: Rect) => BrowserWindow,
  store: ScreenHomeStore,
): WallScreens {
  const windows = new Map<number, BrowserWindow>();
  const manager = new WindowManager(
    screens,
    electronScreen,
    {
      open: (n, bounds) => {
        const window = open(n, bounds);
        windows.set(n, window);
        return screenWindow(window);
      },
    },
    {
      keepDisplayAwake: () => powerSaveBlocker.start('prevent-display-sleep'),
      release: (id) => {
        powerSaveBlocker.stop(id);
      },
    },
    store,
    () => Date.now(),
  );
  manager.start();
  return {
    first: () => {
      for (const n of [...manager.screenNumbers].sort((a, b) => a - b)) {
        const window = windows.get(n);
        if (window && !window.isDestroyed()) return window;
      }
      return null;
    },
    placements: () => manager.placements,
    setScreens: (next) => {
      manager.setScreens(next);
      for (const n of [...windows.keys()]) if (!next.includes(n)) windows.delete(n);
    },
    dispose: () => {
      manager.dispose();
      windows.clear();
    },
  };
}
