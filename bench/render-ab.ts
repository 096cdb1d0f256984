// npm run bench:render-ab -- --a DIR --b DIR: two renderer builds against the same fleet, to tell
// whether a change to the wall helps at load (b) of bench:render (10,000 devices, ~2,000
// updates/s). One hub and its 50 simulated sites feed two `serve` hosts, one per build; a page of
// each is measured in turn (never both at once: they would share the 2 cores), the order swapped
// each round so a drift of the machine falls on both. Prints frames over 50 ms, long animation
// frames and main-thread busy per slot and in total. A build: `npx electron-vite build --outDir
// DIR` (the page is DIR/renderer).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { startServeHost, type ServeHost } from '../electron/serve/serve-host.js';
import { startServeFixture } from '../tests/integration/serve-fixture.js';
import { launchChromium } from '../tests/e2e/browser-setup.js';
import { metrics } from './render-load.js';
import { FRAME_PROBE, takeFrames, takeLongFrames, waitForShown } from './render-page.js';
import { framesOver, median, percentile } from './stats.js';

const { values: flags } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '60' },
  },
});
if (flags.a === undefined || flags.b === undefined) {
  throw new Error('--a and --b: two renderer build folders (each with index.html)');
}
const ROUNDS = Number(flags.rounds);
const SECONDS = Number(flags.seconds);
if (!(ROUNDS >= 1 && SECONDS >= 10)) throw new Error('--rounds ≥ 1, --seconds ≥ 10');
const TOTAL = 50 * 200;
const WARMUP_MS = 10_000;

interface Slot {
  readonly build: 'a' | 'b';
  readonly over50: number;
  readonly longFrames: number;
  /** Frames over 20 ms (a vsync missed): many more than over 50 ms, so a change shows sooner. */
  readonly missed: number;
  readonly p95: number;
  readonly busy: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function measure(browser: Browser, host: ServeHost, build: 'a' | 'b'): Promise<Slot> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    await context.addInitScript({ content: FRAME_PROBE });
    const page = await context.newPage();
    await page.goto(host.url);
    if (!(await waitForShown(page, TOTAL, 120_000))) console.log(`${build}: not all shown`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await sleep(WARMUP_MS);
    await takeFrames(page);
    await takeLongFrames(page);
    const before = await metrics(cdp);
    await sleep(SECONDS * 1000);
    const frames = await takeFrames(page);
    const long = await takeLongFrames(page);
    const after = await metrics(cdp);
    const wall = (after.Timestamp ?? NaN) - (before.Timestamp ?? NaN);
    const slot: Slot = {
      build,
      over50: framesOver(frames, 50),
      longFrames: long.filter((f) => f > 50).length,
      missed: frames.filter((f) => f > 20).length,
      p95: percentile(frames, 95),
      busy: (((after.ThreadTime ?? NaN) - (before.ThreadTime ?? NaN)) / wall) * 100,
    };
    console.log(JSON.stringify(slot));
    return slot;
  } finally {
    await context.close();
  }
}

const fixture = await startServeFixture({
  sites: 50,
  devices: 200,
  scenario: 'flapping',
  tickMs: 340,
  heartbeatMs: 1000,
  staleAfterSeconds: 15,
  downAfterSeconds: 60,
  rendererDir: resolve(flags.a),
});
let hostB: ServeHost | null = null;
const browser = await launchChromium();
try {
  hostB = await startServeHost({
    runtime: fixture.runtime,
    host: '127.0.0.1',
    port: 0,
    viewerToken: null,
    rendererDir: resolve(flags.b),
  });
  const hosts = { a: fixture.host, b: hostB };
  const slots: Slot[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const);
    for (const build of order) slots.push(await measure(browser, hosts[build], build));
  }
  for (const build of ['a', 'b'] as const) {
    const mine = slots.filter((s) => s.build === build);
    const sum = (key: 'over50' | 'longFrames' | 'missed') => mine.reduce((n, s) => n + s[key], 0);
    console.log(
      `${build} (${flags[build]}): ${sum('over50')} frames over 50 ms, ${sum('longFrames')} long ` +
        `animation frames, ${sum('missed')} frames over 20 ms in ${ROUNDS} × ${SECONDS} s; median busy ` +
        `${median(mine.map((s) => s.busy)).toFixed(1)} %, median p95 ` +
        `${median(mine.map((s) => s.p95)).toFixed(2)} ms`,
    );
  }
} finally {
  await browser.close();
  await hostB?.close();
  await fixture.close();
}
process.exit(0);
