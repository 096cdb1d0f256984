// docs/performance.md's "storm" section, from bench/storm.ts's measurements.
import { machineLine } from './report.js';
import { framesOver, percentile } from './stats.js';

export interface StormResult {
  /** Per failed site: ms from the failure to the root incident's first painted frame. */
  readonly latencies: readonly (number | null)[];
  /** Frame durations (ms) from the failure through the storm window. */
  readonly frames: readonly number[];
  readonly alertsRaised: number;
  readonly loopP99Ms: number;
  readonly loopMaxMs: number;
}

export interface StormRun {
  readonly storms: readonly StormResult[];
  /** The baseline: frame durations (ms) of the same board without a storm, same run. */
  readonly quietFrames: readonly number[];
  readonly sites: number;
  readonly devices: number;
  readonly perStorm: number;
  readonly stormMs: number;
}

const ms = (value: number) =>
  Number.isFinite(value) ? `${value < 100 ? value.toFixed(1) : Math.round(value)} ms` : '—';
const verdict = (met: boolean) => (met ? '**met**' : '**not met**');

export function stormSection(run: StormRun): string {
  const latencies = run.storms.flatMap((s) => s.latencies);
  const painted = latencies.filter((l): l is number => l !== null);
  const never = latencies.length - painted.length;
  const frames = run.storms.flatMap((s) => s.frames);
  const over50 = framesOver(frames, 50);
  const p95 = percentile(frames, 95);
  const longest = Math.max(...frames);
  const loopP99 = percentile(
    run.storms.map((s) => s.loopP99Ms),
    50,
  );
  const rows = run.storms.map(
    (s, i) =>
      `| ${i + 1} | ${s.latencies.map((l) => (l === null ? 'never' : ms(l))).join(', ')} | ${s.alertsRaised.toLocaleString('en-US')} | ${s.frames.length} | ${ms(percentile(s.frames, 95))} | ${ms(Math.max(...s.frames))} | ${framesOver(s.frames, 50)} | ${ms(s.loopP99Ms)} | ${ms(s.loopMaxMs)} |`,
  );
  const quiet = run.quietFrames;
  const quietP95 = percentile(quiet, 95);
  const p50 = percentile(painted, 50);
  const p99 = percentile(painted, 99);
  return `
## Alert storms: \`npm run bench:storm\`

Issue 10's storm benchmark. ${run.sites} simulated sites × ${run.devices} devices
(${(run.sites * run.devices).toLocaleString('en-US')}) behind \`serve\` (hub, simulator and bench in
one Node process), the alert list (\`#/alerts\`) open in Debian's Chromium, headless, 1920×1080.
Each storm is the storm scenario's failure — a site's gateway goes down, everything beneath it
turns unreachable and alerts — at ${run.perStorm} sites at once (set with the simulator's
\`setDeviceDown\` so the bench knows the instant). Painted: the first animation frame in which the
site's folded root incident ("Internet gateway down — N alerts folded") is in the page, on the
page's clock (timeOrigin + rAF time) against the bench's \`Date.now()\` on the same machine.
Frames: rAF intervals from the failure for ${run.stormMs / 1000} s. Event loop:
\`monitorEventLoopDelay\` of the process running the hub (and the simulated sites) over the
same window.

Command: \`npm run bench:storm\`
Machine: ${machineLine()}
Date: ${new Date().toISOString().slice(0, 10)}

| storm | root painted after (per site) | alerts raised | frames | frame p95 | longest | > 50 ms | loop p99 | loop max |
|---:|---|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

Over ${run.storms.length} storms (${latencies.length} root incidents): painted after **${ms(p50)}** p50, **${ms(p99)}** p99${never > 0 ? `, ${never} never within 15 s` : ''}; frame p95 **${ms(p95)}**, longest **${ms(longest)}**, ${over50} frames over 50 ms; the hub process's event-loop p99 (median of storms) ${ms(loopP99)}.

Targets: the folded incident painted within 1 s: ${verdict(never === 0 && p99 <= 1000)} (p99 ${ms(p99)}); no frame over 50 ms: ${verdict(over50 === 0)} (${over50}, longest ${ms(longest)}); frame p95 under 16.7 ms: ${verdict(p95 < 16.7)} (${p95.toFixed(2)} ms). A frame interval at 60 Hz is 16.67 ms itself (serve's page is cross-origin isolated, so frame times read to 5 µs rather than 0.1 ms); ${frames.filter((f) => f > 20).length} of ${frames.length} frames took longer than 20 ms (a missed frame).

Baseline, same run: the same board with no storm, ${quiet.length} frames over ${(3 * run.stormMs) / 1000} s: frame p95 **${quietP95.toFixed(2)} ms**, longest ${ms(Math.max(...quiet))}, ${quiet.filter((f) => f > 20).length} over 20 ms. The storm's p95 against it: ${(p95 / quietP95).toFixed(3)}×.
`;
}
