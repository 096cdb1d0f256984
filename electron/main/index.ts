import { join } from 'node:path';
import { app, dialog, ipcMain } from 'electron';
import { chooseConfigFile } from '../hub/config/config-path.js';
import { startHubRuntime, type HubRuntime } from '../hub/runtime.js';
import { isOwnPage } from './app-file.js';
import { registerAppScheme, setupAppProtocol } from './app-protocol.js';
import { setupBridgeIpc } from './bridge-ipc.js';
import { setupSecurity } from './security.js';
import { createWallWindow } from './windows.js';

const outDir = join(import.meta.dirname, '..');
let runtime: HubRuntime | null = null;
let disposeIpc: (() => void) | null = null;

registerAppScheme();

async function main(): Promise<void> {
  await app.whenReady();
  setupSecurity(isOwnPage);
  setupAppProtocol(join(outDir, 'renderer'));
  const config = chooseConfigFile(process.argv, process.env, app.getPath('userData'));
  runtime = await startHubRuntime({ config });
  disposeIpc = setupBridgeIpc(ipcMain, runtime, isOwnPage);
  createWallWindow(join(outDir, 'preload'));
}

app.on('window-all-closed', () => {
  app.quit();
});
app.on('will-quit', () => {
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
