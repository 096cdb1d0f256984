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
import { createWallWindow } from './windows.js';
import { setupNativeNotices, type NativeNotices } from './native-notices.js';
import { focusOn } from './notice-focus.js';
import { setupWallScreens, type WallScreens } from './wall-screens.js';
import { NoticeMute } from './tray/notice-mute.js';
import { setupTray } from './tray/electron-tray.js';
import { identifyScreens } from './identify-windows.js';
import type { TrayController } from './tray/tray-controller.js';

const outDir = join(import.meta.dirname, '..');
let runtime: HubRuntime | null = null;
let disposeIpc: (() => void) | null = null;
let natives: NativeNotices | null = null;
let wall: WallScreens | null = null;
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
  disposeIpc = setupBridgeIpc(ipcMain, runtime, isOwnPage);
  const layouts = runtime.hub.options.displays ?? [];
  // The longest an alarm holds a screen, and a minute more: no planned reload meanwhile.
  const alarmWindowMs =
    Math.max(60, ...layouts.map((layout) => layout.alarms?.holdSeconds ?? 0)) * 1000 + 60_000;
  const notifier = runtime.hub.notifier;
  const windowOptions = {
    preloadDir: join(outDir, 'preload'),
    clock: systemClock,
    pages,
    lastKnownState: () => (runtime ? fleetSnapshot(runtime.hub.fleet, systemClock.now()) : null),
    alarmLately: () =>
      notifier.lastToldAt !== null && systemClock.now() - notifier.lastToldAt < alarmWindowMs,
  };
  // With screens configured (config `displays`), a kiosk window on each; else one window.
  const screens = layouts.map((layout) => layout.display);
  let board: () => BrowserWindow | null;
  if (screens.length > 0) {
    wall = setupWallScreens(
      screens,
      (number, bounds) => createWallWindow({ ...windowOptions, screen: { number, bounds } }).window,
      runtime.screens,
    );
    board = () => wall?.first() ?? null;
  } else {
    const { window } = createWallWindow(windowOptions);
    board = () => (window.isDestroyed() ? null : window);
  }
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
      if (window) focusOn(window, screens.length > 0 ? null : target);
    },
    console.warn,
    mute,
  );
  const names = new Map(
    layouts.flatMap((layout) =>
      layout.name === undefined ? [] : [[layout.display, layout.name] as const],
    ),
  );
  tray = setupTray(
    runtime.hub.fleet,
    systemClock,
    mute,
    () => {
      const window = board();
      if (window) focusOn(window, null);
    },
    () => {
      identifyScreens(pages, wall?.placements() ?? [], names);
    },
  );
}

// Windows shows notifications only for an app with this id (electron-builder.yml's appId).
if (process.platform === 'win32') app.setAppUserModelId('org.noc-wallboard.app');

app.on('window-all-closed', () => {
  app.quit();
});
// Before the windows close: a display event while quitting must not open a screen again.
app.on('before-quit', () => {
  wall?.dispose();
  wall = null;
});
app.on('will-quit', () => {
  natives?.dispose();
  natives = null;
  wall?.dispose();
  wall = null;
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
