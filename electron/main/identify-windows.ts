import { BrowserWindow, screen } from 'electron';
import { APP_ORIGIN } from './app-file.js';
import type { GeneratedPages } from './generated-pages.js';
import { IDENTIFY_SHOW_MS, identifyLabels, renderIdentifyPage } from './displays/identify.js';
import type { Placement } from './displays/placement.js';

/**
 * Shows each attached display's number on it for a few seconds (the tray's "Identify screens"):
 * a frameless window over the whole display with a page the main process writes, on our own
 * origin (so the CSP and navigation rules hold), closed by itself.
 */
export function identifyScreens(
  pages: GeneratedPages,
  placements: readonly Placement[],
  names: ReadonlyMap<number, string>,
): void {
  const primary = screen.getPrimaryDisplay().id;
  const displays = screen.getAllDisplays().map((d) => ({
    id: d.id,
    bounds: d.bounds,
    scaleFactor: d.scaleFactor,
    rotation: d.rotation,
    primary: d.id === primary,
  }));
  for (const label of identifyLabels(displays, placements, names)) {
    const path = `/identify-${label.number}.html`;
    pages.set(path, renderIdentifyPage(label));
    const window = new BrowserWindow({
      ...label.bounds,
      frame: false,
      alwaysOnTop: true,
      focusable: false,
      skipTaskbar: true,
      backgroundColor: '#0a0e13',
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false },
    });
    void window.loadURL(`${APP_ORIGIN}${path}`);
    setTimeout(() => {
      if (!window.isDestroyed()) window.close();
    }, IDENTIFY_SHOW_MS);
  }
}
