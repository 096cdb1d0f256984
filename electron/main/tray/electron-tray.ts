import { app, BrowserWindow, Menu, nativeImage, Tray } from 'electron';
import type { Clock } from '../../../shared/clock.js';
import type { FleetState } from '../../hub/fleet/fleet-state.js';
import type { NoticeMute } from './notice-mute.js';
import { TRAY_ICON_SIZE, TrayController, type TrayLike } from './tray-controller.js';
import { TaskbarOverlay } from './taskbar-overlay.js';
import { trayBitmap } from './tray-icon.js';

/**
 * The real tray for TrayController (tested with a fake): Electron's Tray, its context menu and
 * the app's badge count (macOS dock, Linux Unity launchers; on Windows, which has no badge, an
 * overlay on the board windows' taskbar buttons).
 */
/** Drawn at 32 px and marked as 2× (a 16-point icon): sharp on HiDPI, the right size in a menu bar. */
function image(bitmap: Buffer, size: number) {
  return nativeImage.createFromBitmap(bitmap, { width: size, height: size, scaleFactor: 2 });
}

export function setupTray(
  fleet: Pick<FleetState, 'subscribe' | 'sites' | 'actionOf'>,
  clock: Clock,
  mute: NoticeMute,
  show: () => void,
  identify: () => void,
): TrayController {
  const tray = new Tray(image(trayBitmap(null, TRAY_ICON_SIZE, false), TRAY_ICON_SIZE));
  const overlay = process.platform === 'win32' ? taskbarOverlay() : null;
  const like: TrayLike = {
    setImage: (bitmap, size) => {
      tray.setImage(image(bitmap, size));
    },
    setToolTip: (text) => {
      tray.setToolTip(text);
    },
    setMenu: (items) => {
      tray.setContextMenu(
        Menu.buildFromTemplate(
          items.map((item) => ({
            label: item.label,
            enabled: item.enabled ?? true,
            ...(item.click ? { click: item.click } : {}),
          })),
        ),
      );
    },
    destroy: () => {
      overlay?.dispose();
      tray.destroy();
    },
  };
  return new TrayController(
    fleet,
    clock,
    like,
    {
      show,
      quit: () => {
        app.quit();
      },
      badge: (count) => {
        app.setBadgeCount(count);
        overlay?.set(count);
      },
      timeOfDay: (at) =>
        new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
      identify,
    },
    mute,
  );
}

/** Windows shows no badge count: an overlay on each board window's taskbar button instead. */
function taskbarOverlay(): TaskbarOverlay<Electron.NativeImage> {
  return new TaskbarOverlay({
    windows: () => BrowserWindow.getAllWindows(),
    onWindowCreated: (listener) => {
      const created = (_event: Electron.Event, window: BrowserWindow) => {
        listener(window);
        // A window made hidden gets its taskbar button when shown: marked again then (on
        // 'show', not 'ready-to-show', whose listener added here would run before the one that
        // shows the window, windows.ts).
        window.once('show', () => {
          listener(window);
        });
      };
      app.on('browser-window-created', created);
      return () => {
        app.off('browser-window-created', created);
      };
    },
    icon: () => image(trayBitmap('disaster', TRAY_ICON_SIZE, false), TRAY_ICON_SIZE),
  });
}
