import { join } from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './app-file.js';

/** A wallboard window with the security checklist's web preferences. */
export function createWallWindow(preloadDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1920,
    height: 1080,
    backgroundColor: '#0b0f14',
    show: false,
    webPreferences: {
      preload: join(preloadDir, 'index.cjs'),
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
  // A renderer that dies (out of memory after weeks on a wall) comes back by itself.
  window.webContents.on('render-process-gone', (_event, details) => {
    console.error(`wallboard renderer gone (${details.reason}); reloading`);
    if (!window.isDestroyed()) window.webContents.reload();
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
