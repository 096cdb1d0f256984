// One load of bench/wall-render.ts: a fresh `serve` fixture with its simulated fleet, one board
// at 1920×1080, measured in 30-s windows; then heap, screen coverage at 1080p and 4K, and the
// time from a reload until every device cell is painted.
import type { Browser, BrowserContext, CDPSession } from 'playwright-core';
import { startServeFixture } from '../tests/integration/serve-fixture.js';
import type { Scenario } from '../simulator/scenarios.js';
import { startBesideLoad, type BesideLoad } from './render-beside.js';
import { afterPaint } from '../tests/e2e/browser-setup.js';
import {
  countDeltas,
  shownDevices,
  domElements,
  FRAME_PROBE,
  takeFrames,
  takeLongFrames,
  waitForShown,
  type Shown,
} from './render-page.js';
import { framesOver, percentile } from './stats.js';

export const WINDOW_MS = 30_000;
const WARMUP_MS = 10_000;
const READY_TIMEOUT_MS = 120_000;

export interface Load {
  readonly id: string;
  readonly label: string;
  readonly sites: number;
  readonly devices: number;
  readonly scenario: Scenario;
  readonly tickMs: number;
  /**
   * A second hub and its sites running this fleet while the page is measured, its deltas taken by
   * a bridge client in Node (render-beside.ts): the machine's own share of long frames.
   */
  readonly beside?: Fleet;
}

/** A simulated fleet: sites × devices, changing by the scenario at every tick. */
export type Fleet = Pick<Load, 'sites' | 'devices' | 'scenario' | 'tickMs'>;

export interface Window {
  readonly endS: number;
  /** Main-thread CPU time (CDP Performance metric ThreadTime) / wall time, %. */
  readonly busy: number;
  /** CDP TaskDuration (main-thread task time, wall clock) / wall time, %. */
  readonly tasks: number;
  readonly fps: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly over50: number;
  /** Frames longer than one 60 Hz interval plus jitter (> 20 ms): a frame the page missed. */
  readonly missed: number;
  /**
   * Long animation frames over 50 ms (takeLongFrames): frames whose main-thread work took that
   * long, including time the thread waited for a core (load (d) has a few on an idle page).
   */
  readonly longFrames: number;
  readonly frames: number;
  readonly updatesPerS: number;
  readonly deltasPerS: number;
  /** Device updates/s the bridge client beside the page took (Load.beside); 0 without one. */
  readonly besideUpdatesPerS: number;
  readonly dom: number;
}

export interface LoadResult {
  readonly load: Load;
  readonly windows: readonly Window[];
  readonly heapMinute2Mb: number | null;
  readonly heapEndMb: number;
  readonly onScreen1080: Shown;
  readonly onScreen4k: Shown;
  readonly cellsAtEnd: number;
  /** ms from reload to every device cell present and painted; null if not within the timeout. */
  readonly reloadMs: number | null;
  /**
   * The page's `crossOriginIsolated` (serve's headers): its timers, and so the frame times, read
   * to 5 µs when true, to 100 µs when not (Chromium).
   */
  readonly isolated: boolean;
}

/** The page's CDP Performance metrics by name (ThreadTime, TaskDuration, Timestamp…). */
export async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/**
 * The page's memory after a forced GC: the JS heap plus ArrayBuffer backing stores (V8 keeps
 * those outside the heap; the history rings live there, so the heap alone would hide them).
 */
async function heapAfterGcMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, backingStorageSize } = await cdp.send('Runtime.getHeapUsage');
  return (usedSize + backingStorageSize) / 2 ** 20;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runLoad(
  browser: Browser,
  rendererDir: string,
  load: Load,
  minutes: number,
): Promise<LoadResult> {
  const total = load.sites * load.devices;
  // The hub's own freshness defaults (15 s stale, 60 s down), not the tests' 1 s: a board whose
  // sites flip stale and live every second measures something no wall does.
  const fixture = await startServeFixture({
    ...load,
    heartbeatMs: 1000,
    staleAfterSeconds: 15,
    downAfterSeconds: 60,
    rendererDir,
  });
  let context: BrowserContext | null = null;
  let beside: BesideLoad | null = null;
  try {
    context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    beside = load.beside === undefined ? null : await startBesideLoad(load.beside, rendererDir);
    await context.addInitScript({ content: FRAME_PROBE });
    const page = await context.newPage();
    const counter = countDeltas(page);
    await page.goto(fixture.host.url);
    if (!(await waitForShown(page, total, READY_TIMEOUT_MS))) {
      console.log(`${load.id}: not all ${total} devices shown; measuring anyway`);
    }
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await sleep(WARMUP_MS);

    const windows: Window[] = [];
    let heapMinute2Mb: number | null = null;
    const count = Math.max(1, Math.round((minutes * 60_000) / WINDOW_MS));
    await takeFrames(page);
    await takeLongFrames(page);
    let before = await metrics(cdp);
    let seen = { ...counter };
    let besideSeen = beside?.deviceUpdates() ?? 0;
    for (let i = 1; i <= count; i++) {
      await sleep(WINDOW_MS);
      const frames = await takeFrames(page);
      const longFrames = (await takeLongFrames(page)).filter((f) => f > 50).length;
      const after = await metrics(cdp);
      const wall = (after.Timestamp ?? NaN) - (before.Timestamp ?? NaN);
      const share = (name: string) => (((after[name] ?? NaN) - (before[name] ?? NaN)) / wall) * 100;
      windows.push({
        endS: (i * WINDOW_MS) / 1000,
        busy: share('ThreadTime'),
        tasks: share('TaskDuration'),
        fps: frames.length / wall,
        p50: percentile(frames, 50),
        p95: percentile(frames, 95),
        max: Math.max(...frames),
        over50: framesOver(frames, 50),
        missed: frames.filter((f) => f > 20).length,
        longFrames,
        frames: frames.length,
        updatesPerS: (counter.deviceUpdates - seen.deviceUpdates) / wall,
        deltasPerS: (counter.deltas - seen.deltas) / wall,
        besideUpdatesPerS: ((beside?.deviceUpdates() ?? 0) - besideSeen) / wall,
        dom: await domElements(page),
      });
      console.log(`${load.id} ${JSON.stringify(windows.at(-1))}`);
      // The forced GC sits between windows, outside the measured time.
      if (i * WINDOW_MS === 120_000 && i < count) heapMinute2Mb = await heapAfterGcMb(cdp);
      before = await metrics(cdp);
      seen = { ...counter };
      besideSeen = beside?.deviceUpdates() ?? 0;
      await takeFrames(page);
      await takeLongFrames(page);
    }
    const heapEndMb = await heapAfterGcMb(cdp);
    if (minutes * 60_000 === 120_000) heapMinute2Mb = heapEndMb;
    const onScreen1080 = await shownDevices(page, true);
    const cellsAtEnd = await page.locator('[data-testid="device"]').count();
    const isolated = (await page.evaluate('crossOriginIsolated')) === true;
    await page.setViewportSize({ width: 3840, height: 2160 });
    await afterPaint(page);
    const onScreen4k = await shownDevices(page, true);
    await page.setViewportSize({ width: 1920, height: 1080 });

    const started = performance.now();
    await page.reload({ waitUntil: 'commit' });
    const painted = await waitForShown(page, total, READY_TIMEOUT_MS);
    if (painted) await afterPaint(page);
    const reloadMs = painted ? performance.now() - started : null;
    return {
      load,
      windows,
      heapMinute2Mb,
      heapEndMb,
      onScreen1080,
      onScreen4k,
      cellsAtEnd,
      reloadMs,
      isolated,
    };
  } finally {
    // Each closed whatever the others do: a failed close must not leave a hub and its sites.
    const closing = await Promise.allSettled([context?.close(), beside?.close()]);
    await fixture.close();
    for (const result of closing) {
      if (result.status === 'rejected')
        console.error(`${load.id}: close: ${String(result.reason)}`);
    }
  }
}
