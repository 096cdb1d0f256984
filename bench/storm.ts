// npm run bench:storm — issue 10's "Speed": 10,000 devices (50 simulated sites × 200) behind
// `serve`, the alert list open in Debian's Chromium at 1920×1080; ten storms, each the storm
// scenario's failure (a site's gateway goes down, everything beneath it turns unreachable and
// alerts) at five sites at once: ~1,000 alerts at once, ~4,000 within seconds. Measured: the time
// from the gateway failing at the site to its folded root incident painted in the list, the
// page's frames during each storm, and the event loop of the process running the hub.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium, rendererBuild } from '../tests/e2e/browser-setup.js';
import { startServeFixture, type ServeFixture } from '../tests/integration/serve-fixture.js';
import { FRAME_PROBE, takeFrames } from './render-page.js';
import { writeSection } from './report.js';
import { stormSection, type StormResult } from './storm-report.js';

const { values: flags } = parseArgs({
  options: {
    storms: { type: 'string', default: '10' },
    out: { type: 'string', default: 'docs/performance.md' },
  },
});
const STORMS = Number(flags.storms);
const SITES = 50;
const DEVICES = 200;
const SITES_PER_STORM = 5;
const GATEWAY = 'gw-1';
/** Frames are counted from the failure for this long: the alerts keep coming for 2–3 ticks. */
const STORM_MS = 8_000;
const CALM_MS = 4_000;
const PAINT_TIMEOUT_MS = 15_000;

/**
 * Watches for rows by key in every animation frame; the first frame a key is in the document is
 * the frame that paints it: `__stormSeen[key]` is that frame's time on the wall clock (the page's
 * timeOrigin + its rAF time), comparable with the bench's Date.now() on the same machine.
 */
const STORM_PROBE = `
  window.__stormKeys = [];
  window.__stormSeen = {};
  const watch = (now) => {
    for (const key of window.__stormKeys) {
      if (window.__stormSeen[key] === undefined &&
          document.querySelector('[data-key="' + key + '"]') !== null) {
        window.__stormSeen[key] = performance.timeOrigin + now;
      }
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
`;

interface StormGlobals {
  __stormKeys: string[];
  __stormSeen: Record<string, number>;
  readonly document: { querySelector(selector: string): unknown };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rootKey = (siteId: string) => `${siteId}|device:${GATEWAY}`;

function watchFor(page: Page, keys: string[]): Promise<void> {
  return page.evaluate((list) => {
    const g = globalThis as unknown as StormGlobals;
    g.__stormKeys = list;
    g.__stormSeen = {};
  }, keys);
}

function seen(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => ({ ...(globalThis as unknown as StormGlobals).__stormSeen }));
}

function present(page: Page, key: string): Promise<boolean> {
  return page.evaluate(
    (k) =>
      (globalThis as unknown as StormGlobals).document.querySelector(`[data-key="${k}"]`) !== null,
    key,
  );
}

async function storm(fx: ServeFixture, page: Page, round: number) {
  const sites = fx.sites.slice(
    (round * SITES_PER_STORM) % SITES,
    ((round * SITES_PER_STORM) % SITES) + SITES_PER_STORM,
  );
  const keys = sites.map((site) => rootKey(site.siteId));
  await watchFor(page, keys);
  await takeFrames(page);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const alertsBefore = fx.runtime.hub.fleet.sites().reduce((n, s) => n + s.model.alerts.size, 0);
  const failedAt = Date.now();
  for (const site of sites) site.setDeviceDown(GATEWAY, true);
  const deadline = failedAt + PAINT_TIMEOUT_MS;
  let painted: Record<string, number> = {};
  while (Date.now() < deadline) {
    painted = await seen(page);
    if (keys.every((key) => painted[key] !== undefined)) break;
    await sleep(50);
  }
  await sleep(Math.max(0, failedAt + STORM_MS - Date.now()));
  loop.disable();
  const frames = await takeFrames(page);
  const alertsAfter = fx.runtime.hub.fleet.sites().reduce((n, s) => n + s.model.alerts.size, 0);
  const latencies = keys.map((key) => {
    const at = painted[key];
    return at === undefined ? null : at - failedAt;
  });
  // Recover, and wait for the list to be calm again before the next storm.
  for (const site of sites) site.setDeviceDown(GATEWAY, false);
  for (const key of keys) {
    const until = Date.now() + PAINT_TIMEOUT_MS;
    while ((await present(page, key)) && Date.now() < until) await sleep(100);
  }
  await sleep(CALM_MS);
  return {
    latencies,
    frames,
    alertsRaised: alertsAfter - alertsBefore,
    loopP99Ms: loop.percentile(99) / 1e6,
    loopMaxMs: loop.max / 1e6,
  };
}

const rendererDir = rendererBuild();
const fx = await startServeFixture({
  sites: SITES,
  devices: DEVICES,
  scenario: 'calm',
  tickMs: 1000,
  heartbeatMs: 1000,
  staleAfterSeconds: 15,
  downAfterSeconds: 60,
  rendererDir,
});
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript({ content: FRAME_PROBE });
  await context.addInitScript({ content: STORM_PROBE });
  const page = await context.newPage();
  await page.goto(new URL('/#/alerts', fx.host.url).href);
  await page.waitForSelector('[data-testid="alert-list-view"]');
  // Every site live before the first storm, then a settling minute's worth of quiet.
  const started = Date.now();
  while (!fx.runtime.hub.health().every((h) => h.state === 'live')) {
    if (Date.now() - started > 120_000) throw new Error('not every site went live');
    await sleep(200);
  }
  await sleep(5_000);
  // The baseline, in the same run: the same board's frames over as long without a storm.
  await takeFrames(page);
  await sleep(STORM_MS * 3);
  const quietFrames = await takeFrames(page);
  console.log(
    `quiet: ${quietFrames.length} frames, longest ${Math.round(Math.max(...quietFrames))} ms`,
  );
  const storms: StormResult[] = [];
  for (let round = 0; round < STORMS; round++) {
    const result = await storm(fx, page, round);
    storms.push(result);
    console.log(
      `storm ${round + 1}/${STORMS}: roots painted after ${result.latencies.map((l) => (l === null ? 'never' : `${Math.round(l)} ms`)).join(', ')}; ` +
        `${result.alertsRaised} alerts; frames ${result.frames.length}, longest ${Math.round(Math.max(...result.frames))} ms; loop p99 ${result.loopP99Ms.toFixed(1)} ms`,
    );
  }
  const markdown = stormSection({
    storms,
    quietFrames,
    sites: SITES,
    devices: DEVICES,
    perStorm: SITES_PER_STORM,
    stormMs: STORM_MS,
  });
  writeSection(flags.out, 'storm', markdown);
  console.log(markdown);
  console.log(`written to ${flags.out}`);
} finally {
  await browser.close();
  await fx.close();
}
