import { join } from 'node:path';
import {
  app,
  dialog,
  ipcMain,
  net,
  Notification,
  protocol,
  session,
  type BrowserWindow,
} from 'electron';
import { systemClock } from '../../shared/system-clock.js';
import { chooseConfigFile } from '../hub/config/config-path.js';
import { fleetSnapshot } from '../hub/publisher/fleet-views.js';
import { startHubRuntime, type HubRuntime } from '../hub/runtime.js';
import { isOwnPage } from './app-file.js';
import { registerAppScheme, setupAppProtocol } from './app-protocol.js';
import { setupBridgeIpc } from './bridge-ipc.js';
import { GeneratedPages } from './generated-pages.js';
import { setupSecurity } from './security.js';
import { createWallWindow, type WallWindow } from './windows.js';
import { WindowHealthBook } from './window-health.js';
import { setupNativeNotices, type NativeNotices } from './native-notices.js';
import { focusOn } from './notice-focus.js';
import { setupWallScreens, type WallScreens } from './wall-screens.js';
import { BoardWindows } from './board-windows.js';
import { NoticeMute } from './tray/notice-mute.js';
import { setupTray } from './tray/electron-tray.js';
import { identifyScreens } from './identify-windows.js';
import type { TrayController } from './tray/tray-controller.js';

const outDir = join(import.meta.dirname, '..');
let runtime: HubRuntime | null = null;
let disposeIpc: (() => void) | null = null;
let natives: NativeNotices | null = null;
let boards: BoardWindows<BrowserWindow, WallScreens> | null = null;
let stopScreens: (() => void) | null = null;
let tray: TrayController | null = null;
const pages = new GeneratedPages();

registerAppScheme(protocol);
// A data folder of its own (a second instance, a test): the store and Chromium's data go there.
if (process.env.NOC_DATA) app.setPath('userData', process.env.NOC_DATA);

async function main(): Promise<void> {
  await app.whenReady();
  setupSecurity({ app, session: session.defaultSession, isOwnPage });
  setupAppProtocol(protocol, (url) => net.fetch(url), join(outDir, 'renderer'), pages);
  const config = chooseConfigFile(process.argv, process.env, app.getPath('userData'));
  // The simulator is loaded only when the demo runs: it is a chunk of its own, not in index.js.
  const startDemo = () => import('../../simulator/demo-fleet.js').then((m) => m.startDemoFleet());
  // The store (history, and the state the board starts from) lives in the app's data folder.
  runtime = await startHubRuntime({ config, startDemo, dataDir: app.getPath('userData') });
  if (runtime.storeRecovered !== null) console.warn(runtime.storeRecovered);
  const health = new WindowHealthBook();
  disposeIpc = setupBridgeIpc(ipcMain, runtime, isOwnPage, { windows: () => health.list() });
  /** A board window, counted in the app's health while it is open. */
  const opened = (board: WallWindow, screen: number | null): BrowserWindow => {
    health.track(
      board.window,
      screen,
      () => board.watchdog.health,
      () => board.memory.health,
    );
    return board.window;
  };
  const screens = runtime.hub.screens;
  // The longest an alarm holds a screen, and a minute more: no planned reload meanwhile.
  const alarmWindowMs = () =>
    Math.max(60, ...screens.layouts().map((layout) => layout.alarms?.holdSeconds ?? 0)) * 1000 +
    60_000;
  const notifier = runtime.hub.notifier;
  const windowOptions = {
    preloadDir: join(outDir, 'preload'),
    clock: systemClock,
    pages,
    lastKnownState: () => (runtime ? fleetSnapshot(runtime.hub.fleet, systemClock.now()) : null),
    alarmLately: () =>
      notifier.lastToldAt !== null && systemClock.now() - notifier.lastToldAt < alarmWindowMs(),
  };
  const homes = runtime.screenHomes;
  // With screens (config `displays`, or set in the screens view), a kiosk window on each; else
  // one window. Followed as technicians change them.
  const numbers = () => screens.layouts().map((layout) => layout.display);
  boards = new BoardWindows<BrowserWindow, WallScreens>(
    {
      wall: (list) =>
        setupWallScreens(
          list,
          (number, bounds) =>
            opened(createWallWindow({ ...windowOptions, screen: { number, bounds } }), number),
          homes,
        ),
      single: () => opened(createWallWindow(windowOptions), null),
    },
    numbers(),
  );
  const names = () =>
    new Map(
      screens
        .layouts()
        .flatMap((layout) =>
          layout.name === undefined ? [] : [[layout.display, layout.name] as const],
        ),
    );
  const identify = () => {
    identifyScreens(pages, boards?.currentWall?.placements() ?? [], names());
  };
  // A technician changed the screens (windows open and close to match), or asked each display
  // to show its number (the screens view's "Identify screens", as the tray's).
  let seen = screens.state;
  stopScreens = screens.onChange((state) => {
    if (state.version !== seen.version) boards?.setScreens(numbers());
    if (state.identifyUntil !== seen.identifyUntil) identify();
    seen = state;
  });
  const board = () => boards?.board() ?? null;
  const mute = new NoticeMute(() => systemClock.now());
  natives = setupNativeNotices(
    runtime.hub.notifier,
    {
      isSupported: () => Notification.isSupported(),
      create: (options) => new Notification(options),
    },
    (target) => {
      const window = board();
      // A wall screen runs its playlist: brought forward, not sent elsewhere.
      const wallScreen = boards?.wallRuns === true && window === boards.currentWall?.first();
      if (window) focusOn(window, wallScreen ? null : target);
    },
    console.warn,
    mute,
  );
  tray = setupTray(
    runtime.hub.fleet,
    systemClock,
    mute,
    () => {
      const window = board();
      if (window) focusOn(window, null);
    },
    identify,
  );
}

// Windows shows notifications only for an app with this id (electron-builder.yml's appId).
if (process.platform === 'win32') app.setAppUserModelId('org.noc-wallboard.app');

app.on('window-all-closed', () => {
  app.quit();
});
// Before the windows close: a display event while quitting must not open a screen again.
app.on('before-quit', () => {
  stopScreens?.();
  stopScreens = null;
  boards?.dispose();
});
app.on('will-quit', () => {
  natives?.dispose();
  natives = null;
  stopScreens?.();
  stopScreens = null;
  boards?.dispose();
  boards = null;
  tray?.dispose();
  tray = null;
  disposeIpc?.();
  disposeIpc = null;
  void runtime?.dispose();
  runtime = null;
});

main().catch((error: unknown) => {
  // A bad config must be seen, not just logged: the message names the file and the field.
  const message = error instanceof Error ? error.message : String(error);
  console.error('NOC Wallboard failed to start:', message);
  dialog.showErrorBox('NOC Wallboard could not start', message);
  app.exit(1);
});
