// npm run screenshot — the README's picture of the board: the demo fleet served to Debian's
// Chromium at 1920×1080, after a few seconds of simulated life. Writes docs/images/wallboard.png.
import { mkdirSync } from 'node:fs';
import { startHubRuntime } from '../electron/hub/runtime.js';
import { startServeHost } from '../electron/serve/serve-host.js';
import { startDemoFleet } from '../simulator/demo-fleet.js';
import { launchChromium, rendererBuild } from '../tests/e2e/browser-setup.js';

const OUT = 'docs/images/wallboard.png';
const runtime = await startHubRuntime({ config: null, startDemo: startDemoFleet });
const host = await startServeHost({
  runtime,
  host: '127.0.0.1',
  port: 0,
  viewerToken: null,
  rendererDir: rendererBuild(),
});
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.goto(host.url);
  await page.locator('[data-testid="site-tile"][data-state="live"]').first().waitFor();
  await new Promise((resolve) => setTimeout(resolve, 8000)); // let devices flap and alerts open
  mkdirSync('docs/images', { recursive: true });
  await page.screenshot({ path: OUT });
  console.log(`written ${OUT}`);
} finally {
  await browser.close();
  await host.close();
  await runtime.dispose();
}
