// npm run screenshot — the README's picture of the board: the demo fleet served to Debian's
// Chromium at 1920×1080, after some simulated life, with one site stopped long enough to be
// down and another just stopped (stale), so the picture shows how data that is not live looks.
// Writes docs/images/wallboard.png.
import { mkdirSync } from 'node:fs';
import { startHubRuntime } from '../electron/hub/runtime.js';
import { startServeHost } from '../electron/serve/serve-host.js';
import { DEMO_FLEET_OPTIONS } from '../simulator/demo-fleet.js';
import { fleetHubConfig, startSimFleet } from '../simulator/fleet.js';
import { launchChromium, rendererBuild } from '../tests/e2e/browser-setup.js';

const OUT = 'docs/images/wallboard.png';
/** The demo hub's thresholds (electron/hub/runtime.ts): stale at once, down after 30 s. */
const DOWN_AFTER_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const fleet = await startSimFleet(DEMO_FLEET_OPTIONS);
const runtime = await startHubRuntime({
  config: null,
  startDemo: () =>
    Promise.resolve({ sites: fleetHubConfig(fleet).sites, stop: () => fleet.stop() }),
});
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
  const [, , goingDown, goingStale] = fleet.sites;
  await goingDown?.stop();
  await sleep(DOWN_AFTER_MS - 8_000);
  await goingStale?.stop();
  await sleep(8_000 + 3_000);
  await page.locator('[data-testid="site-tile"][data-state="down"]').first().waitFor();
  mkdirSync('docs/images', { recursive: true });
  await page.screenshot({ path: OUT });
  console.log(`written ${OUT}`);
} finally {
  await browser.close();
  await host.close();
  await runtime.dispose();
}
