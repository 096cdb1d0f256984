import { app, BrowserWindow, Menu, nativeImage, Tray } from 'electron';
import type { Clock } from '../../../shared/clock.js';
import type { FleetState } from '../../hub/fleet/fleet-state.js';
import type { NoticeMute } from './notice-mute.js';
import { TRAY_ICON_SIZE, TrayController, type TrayLike } from './tray-controller.js';
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
        if (process.platform === 'win32') taskbarOverlay(count);
      },
      timeOfDay: (at) =>
        new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }),
      identify,
    },
    mute,
  );
}

/**
 * Windows shows no badge count: a red disc on each board window's taskbar button while any
 * alert is urgent, with the count for screen readers (`setOverlayIcon`'s description).
 */
function taskbarOverlay(count: number): void {
  const disc =
    count > 0 ? image(trayBitmap('disaster', TRAY_ICON_SIZE, false), TRAY_ICON_SIZE) : null;
  const words = count === 1 ? '1 urgent alert' : `${count} urgent alerts`;
  for (const window of BrowserWindow.getAllWindows()) {
    if (!window.isDestroyed()) window.setOverlayIcon(disc, count > 0 ? words : '');
  }
}
