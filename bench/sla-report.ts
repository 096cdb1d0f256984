// docs/performance.md's "sla" section, from bench/sla.ts's measurements.
import { machineLine } from './report.js';
import { median } from './stats.js';

/**
 * panel: the wall with its SLA panel (`#/`); none: without (`#/?sla=off`), the wall taking the
 * panel's width too; stand-in: without, and an empty box of the panel's size in its place;
 * board: the SLA board view (`#/sla`) listing every incident, for reference (no target).
 */
export type BoardMode = 'panel' | 'none' | 'stand-in' | 'board';

export interface SlaWindow {
  readonly mode: BoardMode;
  /** Renderer main-thread CPU time (CDP ThreadTime) / wall time, %. */
  readonly busy: number;
  /** CDP TaskDuration / wall time, %. */
  readonly tasks: number;
  readonly frames: number;
  readonly fps: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly over50: number;
  /** Devices drawn as a cell (canvas or DOM) on screen at the window's end. */
  readonly drawn: number;
  /** Devices on screen only in a site's summary (counts by status) at the window's end. */
  readonly summarised: number;
  /** Incident rows the panel showed at the window's end (0 without the panel). */
  readonly rowsShown: number;
  /** The panel's own count of open incidents at the window's end; null without the panel. */
  readonly openOnPanel: number | null;
  /** Open incidents in the hub at the window's end. */
  readonly openInHub: number;
}

export interface SlaRun {
  readonly windows: readonly SlaWindow[];
  readonly sites: number;
  readonly devices: number;
  readonly downPerSite: number;
  readonly windowMs: number;
  readonly settleMs: number;
  readonly rounds: number;
  /** One window of each wall mode before the rounds, measured but not counted (the page warming up). */
  readonly warmup: readonly SlaWindow[];
}

const fmt = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '—');
const verdict = (met: boolean) => (met ? '**met**' : '**not met**');
const LABEL: Record<BoardMode, string> = {
  panel: 'with the SLA panel',
  none: 'without: the wall takes its width',
  'stand-in': 'without: an empty box in its place',
  board: 'the SLA board view (#/sla), every row',
};

function row(w: SlaWindow, i: number): string {
  return `| ${i + 1} | ${w.mode} | ${fmt(w.busy)} % | ${fmt(w.tasks)} % | ${fmt(w.fps, 0)} | ${fmt(w.p50)} ms | ${fmt(w.p95)} ms | ${fmt(w.max)} ms | ${w.over50} | ${w.drawn.toLocaleString('en-US')} / ${w.summarised.toLocaleString('en-US')} | ${w.mode === 'panel' ? `${w.rowsShown} of ${w.openOnPanel ?? '—'}` : '—'} | ${w.openInHub.toLocaleString('en-US')} |`;
}

/** Per round, the panel's window less the `other` mode's: drift over the run cancels. */
function pairedAdded(windows: readonly SlaWindow[], rounds: number, other: BoardMode): number {
  const per = windows.length / rounds;
  const added: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const round = windows.slice(r * per, (r + 1) * per);
    const panel = round.find((w) => w.mode === 'panel');
    const base = round.find((w) => w.mode === other);
    if (panel && base) added.push(panel.busy - base.busy);
  }
  return median(added);
}

export function slaSection(run: SlaRun): string {
  const of = (mode: BoardMode) => run.windows.filter((w) => w.mode === mode);
  const summary = (mode: BoardMode) => {
    const list = of(mode);
    const med = (key: 'busy' | 'tasks' | 'p95' | 'fps' | 'drawn' | 'summarised') =>
      median(list.map((w) => w[key]));
    return `| ${LABEL[mode]} | ${list.length} | ${fmt(med('busy'))} % | ${fmt(med('tasks'))} % | ${fmt(med('fps'), 0)} | ${fmt(med('p95'))} ms | ${fmt(Math.max(...list.map((w) => w.max)))} ms | ${list.reduce((n, w) => n + w.over50, 0)} | ${med('drawn').toLocaleString('en-US')} / ${med('summarised').toLocaleString('en-US')} |`;
  };
  const ownCost = pairedAdded(run.windows, run.rounds, 'stand-in');
  const vsWider = pairedAdded(run.windows, run.rounds, 'none');
  const panel = of('panel');
  const over50 = panel.reduce((n, w) => n + w.over50, 0);
  const longest = Math.max(...panel.map((w) => w.max));
  const open = median(run.windows.map((w) => w.openInHub));
  return `
## SLA panel beside the wall: \`npm run bench:sla\`

Issue 11's SLA benchmark. ${run.sites} simulated sites × ${run.devices} devices
(${(run.sites * run.devices).toLocaleString('en-US')}) behind \`serve\`, in the flapping scenario at
bench:render's load (b) (a tick every 340 ms: ~2,000 device updates/s), with ${run.downPerSite}
devices held down at every site: ${(run.sites * run.downPerSite).toLocaleString('en-US')} device-down
alerts, each an open SLA incident. Every customer is on the default terms: a calendar open all
week in Europe/Berlin (so every countdown moves every second, through the business-time
arithmetic all the same), servers P1 (3 min to respond, 20 to plan, 60 to resolve),
workstations P2 (15 min, 2 h, 8 h), printers P3 (4 h, 8 h, 16 h): every incident runs three
clocks, and over the run some breach, some are at risk. One board in Debian's Chromium (headless,
1920×1080) shows the wall. ${run.rounds} rounds of three ${run.windowMs / 1000}-s windows, each
measured ${run.settleMs / 1000} s after switching, the order rotating each round: **panel** (\`#/\`);
**none** (\`#/?sla=off\`: the wall takes the panel's width as well, so it has more to paint);
**stand-in** (\`#/?sla=off\` and an empty box of the panel's size in its place, set by the bench's
own style: the same wall area as beside the panel, so panel − stand-in is the panel's own cost);
and then, for reference, ${run.rounds} windows of **board**: the SLA board view (\`#/sla\`, a
viewer's page), a row for every open incident, each countdown ticking, after the rounds
(a wall window that followed it carried the garbage of its rows).
Before the rounds, one window of each wall mode, measured but not counted (the same length, in
the same order as round 1): a page just loaded with ${run.sites * run.downPerSite} incidents compiles
and collects garbage in its first minute, which would otherwise fall on round 1's first mode
alone. What those windows saw is listed below the rounds, not hidden.
Busy = the renderer main thread's CPU time (DevTools \`ThreadTime\`) / wall time; task time =
\`TaskDuration\` / wall time; frames from an injected requestAnimationFrame loop. On screen: devices
drawn as a cell / devices shown only in a site's summary (counts by status), at each window's end.

Command: \`npm run bench:sla -- --rounds ${run.rounds}\`
Machine: ${machineLine()}
Date: ${new Date().toISOString().slice(0, 10)}

| board | windows | busy (median) | task time | fps | frame p95 | longest | frames > 50 ms | on screen: drawn / summarised |
|---|---:|---:|---:|---:|---:|---:|---:|---|
${summary('panel')}
${summary('stand-in')}
${summary('none')}
${summary('board')}

Open incidents in the hub: ${open.toLocaleString('en-US')} (median over the windows).

Targets (issue 11):

- The SLA panel adds under 5 % main-thread busy: ${verdict(ownCost < 5 && vsWider < 5)}. Against the stand-in (the panel's own cost: rendering, layout and painting its rows once a second, the order kept over ${open.toLocaleString('en-US')} incidents): **${fmt(ownCost, 2)} points**; against the wall that takes its width: **${fmt(vsWider, 2)} points**. Each is the median over the rounds of the panel's window less the other in the same round.
- No frame over 50 ms with the panel: ${verdict(over50 === 0)} (${over50} over ${panel.length} windows, longest ${fmt(longest)} ms).

Per window:

| # | board | busy | task time | fps | frame p50 | frame p95 | longest | > 50 ms | drawn / summarised | panel rows shown of open | open in hub |
|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|
${run.windows.map(row).join('\n')}

Warm-up (not counted above):

| # | board | busy | task time | fps | frame p50 | frame p95 | longest | > 50 ms | drawn / summarised | panel rows shown of open | open in hub |
|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|
${run.warmup.map(row).join('\n')}
`;
}
