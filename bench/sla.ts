// npm run bench:sla — issue 11's "Speed": the wall at 10,000 devices (50 simulated sites × 200,
// ~2,000 device updates/s, bench:render's load (b)) with its SLA panel listing 2,000 open
// incidents that tick at 1 Hz, in Debian's Chromium at 1920×1080 against `serve`; against the
// same board without the panel in the same run, two ways: the wall given the panel's width
// (`#/?sla=off`), and the wall at the panel's width beside an empty stand-in box of the panel's
// size (the panel's own cost); and, for reference, the SLA board view (`#/sla`) with every row.
// Windows rotate through the four, in a different order each round, so a machine that gets
// busier or quieter over the run weighs on all alike. Writes docs/performance.md's "sla" section.
import { parseArgs } from 'node:util';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium, rendererBuild } from '../tests/e2e/browser-setup.js';
import { startServeFixture, type ServeFixture } from '../tests/integration/serve-fixture.js';
import { metrics } from './render-load.js';
import { FRAME_PROBE, shownDevices, takeFrames, waitForShown } from './render-page.js';
import { writeSection } from './report.js';
import { slaSection, type BoardMode, type SlaWindow } from './sla-report.js';
import { framesOver, percentile } from './stats.js';

const { values: flags } = parseArgs({
  options: {
    // Rounds of four 30-s windows: with the panel, without, with a stand-in box, the SLA board.
    rounds: { type: 'string', default: '5' },
    out: { type: 'string', default: 'docs/performance.md' },
  },
});
const ROUNDS = Number(flags.rounds);
if (!(ROUNDS >= 1)) throw new Error('--rounds: at least 1');

const SITES = 50;
const DEVICES = 200;
/** Devices held down per site: 50 × 40 = 2,000 device-down alerts, each an incident. */
const DOWN_PER_SITE = 40;
const WINDOW_MS = 30_000;
/** After switching the panel on or off: the wall re-plans, then settles before it is measured. */
const SETTLE_MS = 5_000;
const READY_TIMEOUT_MS = 180_000;

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
/**
 * Every customer on the default terms: a calendar open all week (every countdown moves every
 * second, worked out through the business-time arithmetic all the same); the down alerts ("high")
 * are P2, servers P1 and printers P3, so over the run some breach, some are at risk, most not.
 */
const SLA = {
  defaultTerms: {
    calendar: {
      timeZone: 'Europe/Berlin',
      hours: {
        mon: ALL_DAY,
        tue: ALL_DAY,
        wed: ALL_DAY,
        thu: ALL_DAY,
        fri: ALL_DAY,
        sat: ALL_DAY,
        sun: ALL_DAY,
      },
    },
    priorities: { disaster: 'P1', high: 'P2' },
    overrides: [
      { deviceKind: 'server', severity: 'high', priority: 'P1' },
      { deviceKind: 'printer', severity: 'high', priority: 'P3' },
    ],
    targets: {
      // Plan targets too: every incident runs all three clocks (the board's plan column, the
      // ordering and the warnings count them).
      P1: { responseMinutes: 3, planMinutes: 20, resolutionMinutes: 60 },
      P2: { responseMinutes: 15, planMinutes: 120, resolutionMinutes: 480 },
      P3: { responseMinutes: 240, planMinutes: 480, resolutionMinutes: 960 },
    },
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function openIncidents(fx: ServeFixture): number {
  return fx.runtime.hub.incidents.list().filter((i) => i.resolvedAt === null).length;
}

/** Holds DOWN_PER_SITE leaves down at every site, none of the scenario's flapping ones. */
function holdDown(fx: ServeFixture): void {
  for (const site of fx.sites) {
    const flapping = new Set(site.world.flapping);
    const leaves = site
      .groundTruth()
      .devices.filter(
        (d) => ['server', 'workstation', 'printer'].includes(d.kind) && !flapping.has(d.id),
      );
    if (leaves.length < DOWN_PER_SITE) throw new Error(`${site.siteId}: too few leaves`);
    for (const device of leaves.slice(0, DOWN_PER_SITE)) site.setDeviceDown(device.id, true);
  }
}

/**
 * The stand-in: an empty box of the panel's width where the panel would be (the bench's own
 * style, switched by a class on the body), so the wall has the same area as beside the panel.
 */
const STAND_IN_STYLE = `
  body.bench-stand-in .wall-page__body::after {
    content: '';
    flex: 0 0 calc(var(--u) * 20);
  }
`;

async function show(page: Page, mode: BoardMode): Promise<void> {
  await page.evaluate(
    ([hash, standIn]) => {
      const g = globalThis as unknown as {
        location: { hash: string };
        document: { body: { classList: { toggle(name: string, on: boolean): void } } };
      };
      g.document.body.classList.toggle('bench-stand-in', standIn);
      g.location.hash = hash;
    },
    [
      mode === 'panel' ? '#/' : mode === 'board' ? '#/sla' : '#/?sla=off',
      mode === 'stand-in',
    ] as const,
  );
}

async function measure(
  page: Page,
  cdp: CDPSession,
  fx: ServeFixture,
  mode: BoardMode,
): Promise<SlaWindow> {
  const panel = mode === 'panel';
  await show(page, mode);
  await page
    .locator('[data-testid="sla-panel"]')
    .waitFor({ state: panel ? 'visible' : 'detached', timeout: 30_000 });
  if (mode === 'board') await page.getByTestId('sla-board').waitFor({ timeout: 30_000 });
  await sleep(SETTLE_MS);
  await takeFrames(page);
  const before = await metrics(cdp);
  await sleep(WINDOW_MS);
  const frames = await takeFrames(page);
  const after = await metrics(cdp);
  const wall = (after.Timestamp ?? NaN) - (before.Timestamp ?? NaN);
  const share = (name: string) => (((after[name] ?? NaN) - (before[name] ?? NaN)) / wall) * 100;
  const rows = await page.locator('[data-testid="sla-panel-row"]').count();
  const open = panel ? await page.getByTestId('sla-panel-open').textContent() : null;
  const shown = await shownDevices(page, true);
  return {
    mode,
    drawn: shown.drawn + shown.cells,
    summarised: shown.summarised,
    busy: share('ThreadTime'),
    tasks: share('TaskDuration'),
    frames: frames.length,
    fps: frames.length / wall,
    p50: percentile(frames, 50),
    p95: percentile(frames, 95),
    max: Math.max(...frames),
    over50: framesOver(frames, 50),
    rowsShown: rows,
    openOnPanel: open === null ? null : Number(open.replace(/[^0-9]/g, '')),
    openInHub: openIncidents(fx),
  };
}

const rendererDir = rendererBuild();
const fx = await startServeFixture({
  sites: SITES,
  devices: DEVICES,
  scenario: 'flapping',
  tickMs: 340,
  heartbeatMs: 1000,
  staleAfterSeconds: 15,
  downAfterSeconds: 60,
  rendererDir,
  sla: SLA,
});
const browser = await launchChromium();
try {
  const started = Date.now();
  while (!fx.runtime.hub.health().every((h) => h.state === 'live')) {
    if (Date.now() - started > READY_TIMEOUT_MS) throw new Error('not every site went live');
    await sleep(200);
  }
  holdDown(fx);
  while (openIncidents(fx) < SITES * DOWN_PER_SITE) {
    if (Date.now() - started > READY_TIMEOUT_MS) {
      throw new Error(`only ${openIncidents(fx)} incidents opened`);
    }
    await sleep(200);
  }
  console.log(`${openIncidents(fx)} open incidents after ${Date.now() - started} ms`);
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  await context.addInitScript({ content: FRAME_PROBE });
  const page = await context.newPage();
  await page.goto(fx.host.url);
  await page.addStyleTag({ content: STAND_IN_STYLE });
  if (!(await waitForShown(page, SITES * DEVICES, READY_TIMEOUT_MS))) {
    console.log(`not all ${SITES * DEVICES} devices shown; measuring anyway`);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const windows: SlaWindow[] = [];
  // The wall's three modes rotate; the SLA board view, a reference, is measured after them: a
  // window that follows it carried the garbage of its 2,000 rows (both long frames with the panel
  // in an earlier run came in a window right after the board's).
  const modes: BoardMode[] = ['panel', 'none', 'stand-in'];
  // Each wall mode once before the rounds, measured but not counted: the page's first minute
  // (compiling, its first collections) would otherwise fall on round 1's first mode alone.
  const warmup: SlaWindow[] = [];
  for (const mode of modes) {
    const result = await measure(page, cdp, fx, mode);
    warmup.push(result);
    console.log(`warm-up ${JSON.stringify(result)}`);
  }
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts one further along: panel first, then none first, and so on.
    const order = modes.map((_, i) => modes[(i + round) % modes.length] ?? 'panel');
    for (const mode of order) {
      const result = await measure(page, cdp, fx, mode);
      windows.push(result);
      console.log(`round ${round + 1}/${ROUNDS} ${JSON.stringify(result)}`);
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    const result = await measure(page, cdp, fx, 'board');
    windows.push(result);
    console.log(`board ${round + 1}/${ROUNDS} ${JSON.stringify(result)}`);
  }
  const markdown = slaSection({
    windows,
    sites: SITES,
    devices: DEVICES,
    downPerSite: DOWN_PER_SITE,
    windowMs: WINDOW_MS,
    settleMs: SETTLE_MS,
    rounds: ROUNDS,
    warmup,
  });
  writeSection(flags.out, 'sla', markdown);
  console.log(markdown);
  console.log(`written to ${flags.out}`);
} finally {
  await browser.close();
  await fx.close();
}
process.exit(0);
