import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, type Rectangle } from 'electron';
import type { Clock } from '../../shared/clock.js';
import { BOARD_URL } from './app-file.js';
import { publishCrashPage, type CrashPageSource } from './crash-page.js';
import { MemoryCeiling } from './renderer-memory.js';
import { readRendererMemoryMb } from './renderer-memory-reader.js';
import { RendererWatchdog } from './renderer-watchdog.js';

export interface WallWindowOptions extends CrashPageSource {
  readonly preloadDir: string;
  readonly clock: Clock;
  /** Screen N of a wall (config `displays`): its page runs `?display=N`, kiosk, at `bounds`. */
  readonly screen?: { readonly number: number; readonly bounds: Rectangle };
  /** An alarm may be showing (a notice went out lately): no planned reload now. */
  readonly alarmLately?: () => boolean;
}

/** Nobody has touched the window this long: a planned reload disturbs no one. */
const QUIET_AFTER_INPUT_MS = 2 * 60_000;

/** The memory ceiling (renderer-memory.ts) on a board window, freed when it closes. */
function watchMemory(
  window: BrowserWindow,
  clock: Clock,
  alarmLately: () => boolean,
): MemoryCeiling {
  let lastInput = Number.NEGATIVE_INFINITY;
  window.webContents.on('before-input-event', () => {
    lastInput = clock.now();
  });
  const ceiling = new MemoryCeiling(
    {
      // The renderer's own getProcessMemoryInfo() (private memory), asked of its preload; a
      // renderer that does not answer in time (hung, or between pages) is read from the app's
      // metrics instead (its working set).
      memoryMb: async () => {
        if (window.isDestroyed()) return null;
        const own = await readRendererMemoryMb(ipcMain, window.webContents, clock);
        if (own !== null || window.isDestroyed()) return own;
        const pid = window.webContents.getOSProcessId();
        const metric = app.getAppMetrics().find((m) => m.pid === pid);
        // workingSetSize is in KB.
        return metric ? metric.memory.workingSetSize / 1024 : null;
      },
      reload: () => {
        window.webContents.reload();
      },
      isDestroyed: () => window.isDestroyed(),
    },
    clock,
    () => clock.now() - lastInput > QUIET_AFTER_INPUT_MS && !alarmLately(),
  );
  ceiling.start();
  window.once('closed', () => {
    ceiling.dispose();
  });
  return ceiling;
}

export interface WallWindow {
  readonly window: BrowserWindow;
  readonly watchdog: RendererWatchdog;
  readonly memory: MemoryCeiling;
}

/**
 * A board window with the security checklist's web preferences and a crash watchdog: the
 * desktop's window, or one screen of a wall in kiosk mode on its display.
 */
export function createWallWindow(options: WallWindowOptions): WallWindow {
  const screen = options.screen;
  const pageUrl = screen === undefined ? BOARD_URL : `${BOARD_URL}?display=${screen.number}`;
  const window = new BrowserWindow({
    ...(screen === undefined ? { width: 1920, height: 1080 } : screen.bounds),
    // A wall screen: the whole display, no frame, nothing to close by accident.
    ...(screen === undefined ? {} : { kiosk: true, frame: false }),
    backgroundColor: '#0b0f14',
    show: false,
    webPreferences: {
      preload: join(options.preloadDir, 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // A wall screen is never "in the background": its clocks and ages must keep moving.
      backgroundThrottling: false,
    },
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  const watchdog = new RendererWatchdog(window, {
    clock: options.clock,
    pageUrl,
    showCrashPage: (report) => publishCrashPage(options, report),
  });
  const memory = watchMemory(window, options.clock, options.alarmLately ?? (() => false));
  void window.loadURL(pageUrl);
  return { window, watchdog, memory };
}
