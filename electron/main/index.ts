import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, dialog } from 'electron';
import { chooseConfigFile } from './config-path.js';
import { startHubRuntime, type HubRuntime } from './hub-runtime.js';
import { setupSecurity } from './security.js';
import { createWallWindow } from './windows.js';

const outDir = join(import.meta.dirname, '..');
const rendererUrl = pathToFileURL(join(outDir, 'renderer')).href;

let runtime: HubRuntime | null = null;

async function main(): Promise<void> {
  await app.whenReady();
  setupSecurity((url) => url.startsWith(rendererUrl));
  runtime = await startHubRuntime(
    chooseConfigFile(process.argv, process.env, app.getPath('userData')),
  );
  createWallWindow(outDir);
}

app.on('window-all-closed', () => {
  app.quit();
});
app.on('will-quit', () => {
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
