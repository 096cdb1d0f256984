// npm run bench:wall — does a wall page leak? Two boards in Debian's Chromium side by side for
// the same time: one on a busy fleet (1,400 devices, flapping, a tick every 250 ms), one on an
// idle fleet of the same size (the baseline). Reports heap, DOM nodes, listeners and script
// time for both, and writes docs/performance.md's "wall" section.
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium, rendererBuild } from '../tests/e2e/browser-setup.js';
import { startServeFixture, type ServeFixture } from '../tests/integration/serve-fixture.js';
import { machineLine, writeSection } from './report.js';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '720' },
    sites: { type: 'string', default: '10' },
    devices: { type: 'string', default: '140' },
    out: { type: 'string', default: 'docs/performance.md' },
  },
});
const SECONDS = Number(flags.seconds);
const SITES = Number(flags.sites);
const DEVICES = Number(flags.devices);
const WARMUP_MS = 15_000;
const SAMPLE_MS = 10_000;

interface Sample {
  heapMb: number;
  nodes: number;
  listeners: number;
  scriptSeconds: number;
}

async function sample(cdp: CDPSession): Promise<Sample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
  return {
    heapMb: usedSize / 2 ** 20,
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    scriptSeconds: metric('ScriptDuration'),
  };
}

async function openBoard(page: Page, fixture: ServeFixture): Promise<CDPSession> {
  await page.goto(fixture.host.url);
  await page
    .locator('[data-testid="site-tile"][data-state="live"]')
    .nth(SITES - 1)
    .waitFor({ timeout: 30_000 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return cdp;
}

const rendererDir = rendererBuild();
const common = { sites: SITES, devices: DEVICES, heartbeatMs: 1000, rendererDir };
const busy = await startServeFixture({ ...common, scenario: 'flapping', tickMs: 250 });
const idle = await startServeFixture({ ...common, scenario: 'calm', tickMs: 3_600_000 });
let deltas = 0;
let deviceUpdates = 0;
const counting = busy.runtime.publisher.subscribe((delta) => {
  deltas++;
  deviceUpdates += delta.devices.length + delta.devicePatches.length;
});
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const boards = {
    busy: await openBoard(await context.newPage(), busy),
    idle: await openBoard(await context.newPage(), idle),
  };
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  const series: Record<'busy' | 'idle', Sample[]> = { busy: [], idle: [] };
  const started = Date.now();
  deltas = 0;
  deviceUpdates = 0;
  while (Date.now() - started <= SECONDS * 1000) {
    series.busy.push(await sample(boards.busy));
    series.idle.push(await sample(boards.idle));
    console.log(
      `${Math.round((Date.now() - started) / 1000)} s: busy ${series.busy.at(-1)?.heapMb.toFixed(2)} MB, idle ${series.idle.at(-1)?.heapMb.toFixed(2)} MB`,
    );
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
  }
  const elapsed = (Date.now() - started) / 1000;
  const row = (name: 'busy' | 'idle', label: string) => {
    const list = series[name];
    const first = list[0];
    const last = list.at(-1);
    const middle = list[Math.floor((list.length * 3) / 4)];
    if (!first || !last || !middle) return `| ${label} | – | – | – | – | – | – | – |`;
    const max = Math.max(...list.map((s) => s.heapMb));
    const lastQuarter = last.heapMb - middle.heapMb;
    const busyShare = ((last.scriptSeconds - first.scriptSeconds) / elapsed) * 100;
    return `| ${label} | ${first.heapMb.toFixed(2)} MB | ${middle.heapMb.toFixed(2)} MB | ${last.heapMb.toFixed(2)} MB | ${lastQuarter >= 0 ? '+' : ''}${lastQuarter.toFixed(2)} MB | ${max.toFixed(2)} MB | ${first.nodes} → ${middle.nodes} → ${last.nodes} | ${first.listeners} → ${middle.listeners} → ${last.listeners} | ${busyShare.toFixed(1)} % |`;
  };
  const doc = `## Wall page memory: \`npm run bench:wall\`

Two boards open side by side in Debian's Chromium at 1920×1080, served by \`serve\`, for
${Math.round(elapsed)} s after a ${WARMUP_MS / 1000} s warm-up: one on a busy fleet (${SITES} sites × ${DEVICES} devices,
scenario flapping, a simulation tick every 250 ms: ${(deltas / elapsed).toFixed(1)} deltas/s carrying
${Math.round(deviceUpdates / elapsed)} device updates/s), one on an idle fleet of the same size (heartbeats
only) as the baseline. Heap is measured after a forced garbage collection, every ${SAMPLE_MS / 1000} s.
The busy board's heap first grows while each device's sparkline history fills (capped at 120
points per device: most are full after about 7 minutes here, those of rarely changing devices
later); a leak would show as steady growth in the last quarter of the run. DOM nodes and listeners: after warm-up → at ¾
time → at the end.

Command: \`npm run bench:wall -- --seconds ${SECONDS} --sites ${SITES} --devices ${DEVICES}\`
Machine: ${machineLine()}
Date: ${new Date().toISOString().slice(0, 10)}

| board | heap after warm-up | at ¾ time | at end | change in the last quarter | max | DOM nodes | JS listeners | script time |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${row('busy', 'busy fleet')}
${row('idle', 'idle fleet (baseline)')}
`;
  writeSection(flags.out, 'wall', doc);
  console.log(`\n${doc}\nwritten to ${flags.out}`);
} finally {
  counting.unsubscribe();
  await browser.close();
  await busy.close();
  await idle.close();
}
process.exit(0);
