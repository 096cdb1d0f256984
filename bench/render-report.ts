// The markdown of bench/wall-render.ts's section: a summary beside the Uptime Kuma figures issue 8
// quotes, the issue's targets met or not, and every 30-s window of every load.
import type { LoadResult, Window } from './render-load.js';
import type { Shown } from './render-page.js';
import { WINDOW_MS } from './render-load.js';
import { machineLine } from './report.js';
import { FRAME_TIME_ROUNDING_MS, median } from './stats.js';

const fixed = (value: number | null, unit = '', digits = 1) =>
  value === null || !Number.isFinite(value) ? '–' : `${value.toFixed(digits)}${unit}`;
const thousands = (value: number) => Math.round(value).toLocaleString('en-US');
const med = (result: LoadResult, pick: (w: Window) => number) => median(result.windows.map(pick));
const worst = (result: LoadResult) => Math.max(...result.windows.map((w) => w.max));
const over50 = (result: LoadResult) => result.windows.reduce((sum, w) => sum + w.over50, 0);
const longFrames = (result: LoadResult) => result.windows.reduce((sum, w) => sum + w.longFrames, 0);
/** Share of frames longer than 20 ms (a missed vsync) over the whole run, %. */
const missedShare = (result: LoadResult) => {
  const frames = result.windows.reduce((sum, w) => sum + w.frames, 0);
  const missed = result.windows.reduce((sum, w) => sum + w.missed, 0);
  return frames === 0 ? NaN : (missed / frames) * 100;
};
const total = (result: LoadResult) => result.load.sites * result.load.devices;
const verdict = (met: boolean) => (met ? '**met**' : '**not met**');
const LOAD_COUNT: Readonly<Record<number, string>> = { 1: 'One', 2: 'Two', 3: 'Three', 4: 'Four' };

function summary(results: readonly LoadResult[]): string {
  const rows: [string, (r: LoadResult) => string, string][] = [
    ['delivered device updates/s (median)', (r) => thousands(med(r, (w) => w.updatesPerS)), '~52'],
    ['`fleet.delta` events/s (median)', (r) => fixed(med(r, (w) => w.deltasPerS)), '–'],
    [
      'beside the page: device updates/s a Node bridge client took from a second hub (median)',
      (r) => (r.load.beside === undefined ? '–' : thousands(med(r, (w) => w.besideUpdatesPerS))),
      '–',
    ],
    [
      'main-thread busy, CPU time (median)',
      (r) =>
        fixed(
          med(r, (w) => w.busy),
          ' %',
        ),
      '98 %',
    ],
    [
      'main-thread task time (median)',
      (r) =>
        fixed(
          med(r, (w) => w.tasks),
          ' %',
        ),
      '–',
    ],
    ['fps (median)', (r) => fixed(med(r, (w) => w.fps)), '46'],
    [
      'frame p50 (median)',
      (r) =>
        fixed(
          med(r, (w) => w.p50),
          ' ms',
          2,
        ),
      '–',
    ],
    [
      'frame p95 (median)',
      (r) =>
        fixed(
          med(r, (w) => w.p95),
          ' ms',
          2,
        ),
      '33 ms',
    ],
    ['worst frame', (r) => fixed(worst(r), ' ms'), '–'],
    ['frames over 50 ms (whole run)', (r) => String(over50(r)), '–'],
    ['frames over 20 ms, a missed vsync (whole run)', (r) => fixed(missedShare(r), ' %', 2), '–'],
    [
      'long animation frames over 50 ms, main-thread work (whole run)',
      (r) => String(longFrames(r)),
      '–',
    ],
    ['heap + ArrayBuffers after GC, minute 2', (r) => fixed(r.heapMinute2Mb, ' MB'), '171 MB'],
    ['heap + ArrayBuffers after GC, end', (r) => fixed(r.heapEndMb, ' MB'), '–'],
    ['DOM elements (median)', (r) => thousands(med(r, (w) => w.dom)), '–'],
    ['devices on screen, 1920×1080', (r) => shownText(r.onScreen1080, total(r)), '15 of 500'],
    ['devices on screen, 3840×2160', (r) => shownText(r.onScreen4k, total(r)), '–'],
    [
      'reload → every device shown',
      (r) => (r.reloadMs === null ? 'not within 120 s' : `${thousands(r.reloadMs)} ms`),
      '–',
    ],
  ];
  const head = `| | ${results.map((r) => r.load.label).join(' | ')} | Uptime Kuma 2.5.3, load (a), quoted from issue 8 |`;
  const rule = `|---|${results.map(() => '---:').join('|')}|---:|`;
  const body = rows.map(
    ([name, cell, kuma]) => `| ${name} | ${results.map(cell).join(' | ')} | ${kuma} |`,
  );
  return [head, rule, ...body].join('\n');
}

/** "10,000 of 10,000 (9,800 as cells, 200 in summaries)". */
function shownText(shown: Shown, of: number): string {
  const parts = [
    shown.cells > 0 ? `${thousands(shown.cells)} DOM cells` : null,
    shown.drawn > 0 ? `${thousands(shown.drawn)} canvas cells` : null,
    shown.summarised > 0 ? `${thousands(shown.summarised)} in summaries` : null,
  ].filter((part) => part !== null);
  return `${thousands(shown.total)} of ${thousands(of)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

/** The machine's floor: frames over 50 ms of the idle page with load (b) beside it, if run. */
function floorText(results: readonly LoadResult[]): string {
  const d = results.find((r) => r.load.id === 'd');
  if (d === undefined) return "The machine's floor, load (d), was not run.";
  return `The machine's floor in the same run, (d) (an idle page while (b)'s hub and sites run beside it, their deltas taken by a Node client): ${over50(d)} frames over 50 ms (worst ${fixed(worst(d), ' ms')}), ${longFrames(d)} long animation frames over 50 ms, ${fixed(missedShare(d), ' %', 2)} of frames over 20 ms. It shows what the hub and sites do to a page with nothing to draw, not how much they stretch the board's own frames at (b).`;
}

function targets(results: readonly LoadResult[], minutes: number): string {
  const a = results.find((r) => r.load.id === 'a');
  const b = results.find((r) => r.load.id === 'b');
  if (!a || !b) return '';
  const growth =
    b.heapMinute2Mb !== null && minutes >= 10
      ? ((b.heapEndMb - b.heapMinute2Mb) / b.heapMinute2Mb) * 100
      : null;
  const aBusy = med(a, (w) => w.busy);
  const aFps = med(a, (w) => w.fps);
  const bP95 = med(b, (w) => w.p95);
  const bBusy = med(b, (w) => w.busy);
  return [
    `- (a) under 10 % busy: ${fixed(aBusy, ' %')}, ${verdict(aBusy < 10)}; at 60 fps (median ≥ 59): ${fixed(aFps, ' fps')}, ${verdict(aFps >= 59)}.`,
    `- (b) frame p95 ≤ 16.7 ms: ${fixed(bP95, ' ms', 2)} (median of the windows' p95), ${verdict(Math.round(bP95 * 10) / 10 <= 16.7)}; ${fixed(missedShare(b), ' %', 2)} of frames took over 20 ms (${b.isolated ? 'the page is cross-origin isolated, so its frame times read to 5 µs and an on-time 60-Hz frame reads 16.67 ms' : 'the page was not cross-origin isolated: its frame times read to 0.1 ms, so an on-time 60-Hz frame reads 16.6–16.8 ms'}).`,
    `- (b) no frame over 50 ms after the first paint: ${over50(b)} over 50 ms (worst ${fixed(worst(b), ' ms')}), ${verdict(over50(b) === 0)}. Long animation frames over 50 ms (main-thread work in the page's frames, stretched by whatever else wanted a core): ${longFrames(b)}. ${floorText(results)}`,
    `- (b) main thread under 30 % busy: ${fixed(bBusy, ' %')}, ${verdict(bBusy < 30)}.`,
    growth === null
      ? `- (b) heap growth from minute 2 to minute 10 under 5 %: **not measured** (this run lasted ${minutes} min per load).`
      : `- (b) heap growth from minute 2 to minute 10 under 5 %: ${fixed(growth, ' %')}, ${verdict(growth < 5)}.`,
    `- (b) all 10,000 devices' states visible at 1080p (summarised where needed): ${shownText(b.onScreen1080, total(b))}, ${verdict(b.onScreen1080.total >= total(b))}.`,
  ].join('\n');
}

function windowTable(result: LoadResult): string {
  const beside = result.load.beside !== undefined;
  const head = `#### ${result.load.label}: ${result.load.sites} sites × ${result.load.devices} devices, scenario ${result.load.scenario}, a tick every ${result.load.tickMs.toLocaleString('en-US')} ms

| window end | updates/s | deltas/s | busy (CPU) | task time | fps | p50 | p95 | max | > 50 ms | long animation frames > 50 ms | DOM elements |${beside ? ' updates/s beside |' : ''}
|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|${beside ? '---:|' : ''}`;
  const rows = result.windows.map(
    (w) =>
      `| ${w.endS} s | ${thousands(w.updatesPerS)} | ${fixed(w.deltasPerS)} | ${fixed(w.busy, ' %')} | ${fixed(w.tasks, ' %')} | ${fixed(w.fps)} | ${fixed(w.p50, ' ms', 2)} | ${fixed(w.p95, ' ms', 2)} | ${fixed(w.max, ' ms')} | ${w.over50} | ${w.longFrames} | ${thousands(w.dom)} |${beside ? ` ${thousands(w.besideUpdatesPerS)} |` : ''}`,
  );
  return [head, ...rows].join('\n');
}

export function renderSection(
  results: readonly LoadResult[],
  minutes: number,
  command: string,
): string {
  const short =
    minutes < 10
      ? `\n**This run used ${minutes} minutes per load, not the issue's 10**, so the heap at minute 10 (and its growth from minute 2) is not measured.\n`
      : '';
  return `## Wall rendering: \`npm run bench:render\`

Issue 8's render benchmark. ${LOAD_COUNT[results.length] ?? results.length} loads, **one after another** (side by side they would share the
machine's cores), each a fresh \`serve\` with simulated sites and one board in Debian's Chromium
(headless, 1920×1080), measured for ${minutes} min in ${WINDOW_MS / 1000}-s windows after every device is
shown and a 10-s warm-up. Per window: **busy** = the renderer main thread's CPU time
(DevTools \`Performance.getMetrics\` \`ThreadTime\`) / wall time (its \`Timestamp\`); **task time** =
\`TaskDuration\` (main-thread tasks, wall clock) / wall time; fps and frame durations from a
requestAnimationFrame loop injected before the page's scripts (frames come in whole 60-Hz vsync
intervals, and a frame counts as **over 50 ms** only when it reads more than ${FRAME_TIME_ROUNDING_MS} ms over: the
timestamps are rounded, so three intervals, exactly 50 ms, read 50.000 or 50.005 ms; four read
66.67 ms); **long animation frames** =
the page's \`long-animation-frame\` entries over 50 ms (frames whose main-thread work, script,
style, layout and paint, took that long, including time the thread waited for a core; a rAF gap
over 50 ms without one was held back elsewhere: raster, the compositor, the machine);
**updates/s** = device changes in
the \`fleet.delta\` frames the page's bridge WebSocket received (DevTools WebSocket frame events,
parsed in Node, so counting costs the page nothing). Heap: \`HeapProfiler.collectGarbage\` then
\`Runtime.getHeapUsage\`, its \`usedSize\` plus \`backingStorageSize\` (ArrayBuffers live outside
the JS heap; the history rings are ArrayBuffers). On screen: devices shown as a DOM cell, a canvas
cell or in a summary, on the tiles whose box meets the viewport; the 3840×2160 figure resizes the
viewport for one sample. Reload: \`page.reload()\` until every device is shown so, plus two frames,
timed from Node. Medians are over the windows. The frame loop
itself asks for a frame every vsync, so the idle load (c) shows the probe's own cost. Load (d), if
run, is the machine's floor for (b): (c)'s idle page while a second \`serve\` runs (b)'s 50 sites
and a bridge client in Node takes its deltas as a board's socket would (its updates/s per window
in the last column of its table), so the hub, the sites and their traffic load the machine but
the page draws none of it. Its long frames come from the machine; it does not show how much that
load stretches the board's own frames at (b), and it lacks one cost of (b): there the browser
also hands every delta frame to the bench over DevTools.
${short}
Command: \`${command}\`
Machine: ${machineLine()}
Date: ${new Date().toISOString().slice(0, 10)}

${summary(results)}

The Uptime Kuma column is quoted from issue 8 (its 2.5.3 dashboard at load (a), measured on this
machine kind), not measured by this benchmark.

Targets (issue 8):

${targets(results, minutes)}

Per window:

${results.map(windowTable).join('\n\n')}
`;
}
