// npm run bench:render — how hard does the wall work to draw a busy fleet? Issue 8's "Speed":
// loads in Debian's Chromium at 1920×1080 against `serve` with the simulator, one after another
// (side by side they would share the 2 cores and distort each other): (a) 500 devices at ~50
// device updates/s, (b) 10,000 devices at ~2,000/s, (c) the page of (a) idle, and (d) that idle
// page with (b)'s hub and sites running beside it: the machine's own long frames at load (b).
// Writes docs/performance.md's "render" section.
import { parseArgs } from 'node:util';
import { launchChromium, rendererBuild } from '../tests/e2e/browser-setup.js';
import { runLoad, WINDOW_MS, type Fleet, type Load, type LoadResult } from './render-load.js';
import { renderSection } from './render-report.js';
import { writeSection } from './report.js';

const { values: flags } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    out: { type: 'string', default: 'docs/performance.md' },
    // For a quick look while working: `--only b`. The report needs (a) and (b) for its targets.
    only: { type: 'string', default: 'a,b,c,d' },
  },
});
const MINUTES = Number(flags.minutes);
if (!(MINUTES * 60_000 >= WINDOW_MS)) throw new Error('--minutes: at least 0.5');

// Tick lengths found by trying: the simulator's metric drift changes about 6–7 % of the devices
// per tick, so 500 devices every 650 ms give ~50 updates/s and 10,000 every 340 ms ~2,000/s. The
// page's own count of what arrives is what the report shows.
const LOAD_B = {
  sites: 50,
  devices: 200,
  scenario: 'flapping',
  tickMs: 340,
} as const satisfies Fleet;

const LOADS: readonly Load[] = [
  {
    id: 'a',
    label: '(a) 500 devices, ~50 updates/s',
    sites: 5,
    devices: 100,
    scenario: 'flapping',
    tickMs: 650,
  },
  { id: 'b', label: '(b) 10,000 devices, ~2,000 updates/s', ...LOAD_B },
  {
    id: 'c',
    label: '(c) the page of (a), idle',
    sites: 5,
    devices: 100,
    scenario: 'calm',
    tickMs: 3_600_000,
  },
  {
    id: 'd',
    label: "(d) the page of (c) beside (b)'s hub and sites",
    sites: 5,
    devices: 100,
    scenario: 'calm',
    tickMs: 3_600_000,
    beside: LOAD_B,
  },
];

const rendererDir = rendererBuild();
const browser = await launchChromium();
try {
  const results: LoadResult[] = [];
  const only = new Set(flags.only.split(','));
  for (const load of LOADS.filter((l) => only.has(l.id))) {
    results.push(await runLoad(browser, rendererDir, load, MINUTES));
  }
  const doc = renderSection(results, MINUTES, `npm run bench:render -- --minutes ${MINUTES}`);
  writeSection(flags.out, 'render', doc);
  console.log(`\n${doc}\nwritten to ${flags.out}`);
} finally {
  await browser.close();
}
process.exit(0);
