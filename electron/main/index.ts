import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app } from 'electron';
import { startHubRuntime, type HubRuntime } from './hub-runtime.js';
import { setupSecurity } from './security.js';
import { createWallWindow } from './windows.js';

const outDir = join(import.meta.dirname, '..');
const rendererUrl = pathToFileURL(join(outDir, 'renderer')).href;

/** `--config FILE`, else $NOC_CONFIG, else config.yaml in the app's data folder. */
function configPath(): string {
  const flag = process.argv.indexOf('--config');
  const fromFlag = flag >= 0 ? process.argv[flag + 1] : undefined;
  return fromFlag ?? process.env.NOC_CONFIG ?? join(app.getPath('userData'), 'config.yaml');
}

let runtime: HubRuntime | null = null;

async function main(): Promise<void> {
  await app.whenReady();
  setupSecurity((url) => url.startsWith(rendererUrl));
  runtime = await startHubRuntime(configPath());
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
  console.error('NOC Wallboard failed to start:', error);
  app.exit(1);
});
