import type { TimeBasis } from '../../../shared/sla/business-time.js';
import type { ClockName, Incident } from '../../../shared/sla/incident.js';
import { clockElapsed, type SlaClock } from '../../../shared/sla/sla-clock.js';
import { riskAt, type SlaEntry, type SlaRisk } from './sla-order.js';

/** One SLA clock as the board shows it at a moment. */
export interface ClockView {
  readonly state: 'running' | 'paused' | 'stopped';
  /** Business time left (ms); negative: overdue by that much. */
  readonly remainingMs: number;
  /** The share of the target counted (0 to 1 and beyond). */
  readonly share: number;
}

export interface SlaRow {
  readonly incident: Incident;
  readonly response: ClockView;
  /** Null where the incident's priority has no plan target. */
  readonly plan: ClockView | null;
  readonly resolution: ClockView;
  /** at-risk: past the first warning share; breached: a clock over its target (or recorded). */
  readonly risk: SlaRisk;
}

function clockView(clock: SlaClock, now: number, basis: TimeBasis): ClockView {
  const elapsed = clockElapsed(clock, now, basis);
  const state =
    clock.stoppedAt !== null ? 'stopped' : clock.runningSince === null ? 'paused' : 'running';
  const share = clock.targetMs > 0 ? elapsed / clock.targetMs : 1;
  return { state, remainingMs: clock.targetMs - elapsed, share };
}

/** One ordered incident as shown at `now`: its two clocks, its risk. */
export function slaRow(entry: SlaEntry, now: number): SlaRow {
  const { incident, basis } = entry;
  return {
    incident,
    response: clockView(incident.response, now, basis),
    plan: incident.plan === null ? null : clockView(incident.plan, now, basis),
    resolution: clockView(incident.resolution, now, basis),
    risk: riskAt(entry, now),
  };
}

/**
 * The clock a one-line board shows: the running one due first (all count in one calendar, so
 * the least left is due first; response before plan before resolution on a tie), else the
 * first one paused, else the resolution clock.
 */
export function leadClock(row: SlaRow): { name: ClockName; view: ClockView } {
  const clocks = (
    [
      ['response', row.response],
      ['plan', row.plan],
      ['resolution', row.resolution],
    ] as const
  ).flatMap(([name, view]) => (view === null ? [] : [{ name, view }]));
  const running = clocks.filter((c) => c.view.state === 'running');
  if (running.length > 0) {
    return running.reduce((first, c) => (c.view.remainingMs < first.view.remainingMs ? c : first));
  }
  return (
    clocks.find((c) => c.view.state === 'paused') ?? { name: 'resolution', view: row.resolution }
  );
}

/** "1:02:03" left, or "+0:12:00" overdue. */
export function formatCountdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const text = `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return ms < 0 ? `+${text}` : text;
}
