import type { TimeBasis } from '../../../shared/sla/business-time.js';
import type { ClockName, Incident } from '../../../shared/sla/incident.js';
import { clockElapsed } from '../../../shared/sla/sla-clock.js';
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
  readonly resolution: ClockView;
  /** at-risk: past the first warning share; breached: a clock over its target (or recorded). */
  readonly risk: SlaRisk;
}

function clockView(incident: Incident, name: ClockName, now: number, basis: TimeBasis): ClockView {
  const clock = incident[name];
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
    response: clockView(incident, 'response', now, basis),
    resolution: clockView(incident, 'resolution', now, basis),
    risk: riskAt(entry, now),
  };
}

/**
 * The clock a one-line board shows: the running one due first (both count in one calendar, so
 * the least left is due first), else the one paused, else the resolution clock.
 */
export function leadClock(row: SlaRow): { name: ClockName; view: ClockView } {
  const { response, resolution } = row;
  if (response.state === 'running' && resolution.state === 'running') {
    return response.remainingMs <= resolution.remainingMs
      ? { name: 'response', view: response }
      : { name: 'resolution', view: resolution };
  }
  for (const state of ['running', 'paused'] as const) {
    if (response.state === state) return { name: 'response', view: response };
    if (resolution.state === state) return { name: 'resolution', view: resolution };
  }
  return { name: 'resolution', view: resolution };
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
