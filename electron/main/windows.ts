import { join } from 'node:path';
import { BrowserWindow } from 'electron';

/** A wallboard window with the checklist's web preferences. */
export function createWallWindow(outDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1920,
    height: 1080,
    backgroundColor: '#0d1117',
    show: false,
    webPreferences: {
      preload: join(outDir, 'preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // A wall screen is never "in the background"; its clocks must keep ticking.
      backgroundThrottling: false,
    },
  });
  window.once('ready-to-show', () => {
    window.show();
  });
  void window.loadFile(join(outDir, 'renderer/index.html'));
  return window;
}
