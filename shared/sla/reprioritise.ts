import type { TimeBasis } from './business-time.js';
import type { Priority, PriorityTargets } from './contract.js';
import type { ClockName, Incident } from './incident.js';
import { pauseClock, resumeClock, retargetClock, startClock, type SlaClock } from './sla-clock.js';

/** A technician changes an incident's priority: its clocks re-target (docs/sla.md). */

const MINUTE = 60_000;

/**
 * A technician re-prioritised it at `at`: what each clock counted up to then (in the old
 * basis, `basis`) stays counted, and it counts on from `at` in the new priority's basis (24×7 or
 * business hours) towards the new target. The shares already reached under the new target count
 * as warned (no warning dated in the past); a breach the new target makes is raised from `at`.
 */
export function reprioritise(
  incident: Incident,
  priority: Priority,
  targets: PriorityTargets,
  at: number,
  basis: TimeBasis,
  shares: readonly number[],
  /** The clocks the incident's pause stops, if it is paused (a new plan clock starts paused). */
  paused: readonly ClockName[] = [],
): Incident {
  const bank = (clock: SlaClock, targetMs: number): SlaClock => {
    const banked =
      clock.runningSince === null ? clock : resumeClock(pauseClock(clock, at, basis), at);
    return retargetClock(banked, targetMs);
  };
  const response = bank(incident.response, targets.responseMinutes * MINUTE);
  const resolution = bank(incident.resolution, targets.resolutionMinutes * MINUTE);
  const { plan, plannedBy } = replan(incident, targets, at, basis, paused, bank);
  const reached = (clock: SlaClock | null) =>
    clock === null ? [] : shares.filter((share) => clock.accruedMs >= share * clock.targetMs);
  return {
    ...incident,
    priority,
    allHours: targets.allHours,
    response,
    plan,
    plannedBy,
    resolution,
    warned: { response: reached(response), plan: reached(plan), resolution: reached(resolution) },
  };
}

/**
 * The plan clock under a new priority: a plan already given stays given (re-targeted where the
 * new priority has a plan target); a plan target the new priority adds counts from the change
 * (paused, if the incident's pause stops the plan clock); one it drops goes with its clock.
 */
function replan(
  incident: Incident,
  targets: PriorityTargets,
  at: number,
  basis: TimeBasis,
  paused: readonly ClockName[],
  bank: (clock: SlaClock, targetMs: number) => SlaClock,
): { plan: SlaClock | null; plannedBy: string | null } {
  const targetMs = targets.planMinutes === undefined ? null : targets.planMinutes * MINUTE;
  if (incident.plan !== null && incident.plannedBy !== null) {
    const plan = targetMs === null ? incident.plan : retargetClock(incident.plan, targetMs);
    return { plan, plannedBy: incident.plannedBy };
  }
  if (targetMs === null) return { plan: null, plannedBy: null };
  if (incident.plan !== null) return { plan: bank(incident.plan, targetMs), plannedBy: null };
  const started = startClock(at, targetMs);
  return {
    plan: paused.includes('plan') ? pauseClock(started, at, basis) : started,
    plannedBy: null,
  };
}
