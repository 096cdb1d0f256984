import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import type { Clock } from '../../shared/clock.js';
import { BOARD_URL } from './app-file.js';
import { publishCrashPage, type CrashPageSource } from './crash-page.js';
import { RendererWatchdog } from './renderer-watchdog.js';

export interface WallWindowOptions extends CrashPageSource {
  readonly preloadDir: string;
  readonly clock: Clock;
}

export interface WallWindow {
  readonly window: BrowserWindow;
  readonly watchdog: RendererWatchdog;
}

/** A wallboard window with the security checklist's web preferences and a crash watchdog. */
export function createWallWindow(options: WallWindowOptions): WallWindow {
  const window = new BrowserWindow({
    width: 1920,
    height: 1080,
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
    pageUrl: BOARD_URL,
    showCrashPage: (report) => publishCrashPage(options, report),
  });
  void window.loadURL(BOARD_URL);
  return { window, watchdog };
}
