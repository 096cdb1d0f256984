import { z } from 'zod';
import { Id, Timestamp } from '../protocol/primitives.js';
import type { TimeBasis } from './business-time.js';
import { PauseReason, Priority, type ContractTerms, type PriorityTargets } from './contract.js';
import {
  clockDue,
  clockElapsed,
  pauseClock,
  reopenClock,
  resumeClock,
  startClock,
  stopClock,
  type SlaClock,
} from './sla-clock.js';

/**
 * An SLA incident: opened by an alert (or a folded root's headline alert) at or above its
 * customer's threshold, with a response clock (stopped by the first acknowledgement by a
 * person), a plan clock where the priority has a plan target (stopped when a technician records
 * the plan) and a resolution clock (stopped when the alert clears). Pure data and pure moves; the
 * hub keeps them (electron/hub/sla/) and stores each as it changes. docs/sla.md.
 */

const Clock = z.strictObject({
  targetMs: z.number().nonnegative(),
  accruedMs: z.number().nonnegative(),
  runningSince: Timestamp.nullable(),
  stoppedAt: Timestamp.nullable(),
});

export const CLOCKS = ['response', 'plan', 'resolution'] as const;
export type ClockName = (typeof CLOCKS)[number];

export const Pause = z.strictObject({
  reason: PauseReason,
  /** Waiting on a vendor: whom (the ISP), and their ticket. */
  vendor: z.string().max(200).nullable(),
  reference: z.string().max(200).nullable(),
  by: z.string().min(1).max(200),
  at: Timestamp,
  comment: z.string().max(2000),
});
export type Pause = z.infer<typeof Pause>;

export const Incident = z.strictObject({
  id: Id,
  siteId: Id,
  customer: z.string().min(1).max(200),
  alertId: Id,
  /** The alert's device and check: an alert raised again on them within the window reopens. */
  deviceId: Id.nullable(),
  check: z.string().min(1).max(200),
  title: z.string().min(1).max(500),
  priority: Priority,
  /** Counted around the clock (the priority's 24×7 override), not in business hours. */
  allHours: z.boolean(),
  openedAt: Timestamp,
  response: Clock,
  /** Null where the priority has no plan target (and in incidents stored before there was one). */
  plan: Clock.nullable().default(null),
  resolution: Clock,
  /** Who acknowledged first (the response), and when. */
  respondedBy: z.string().max(200).nullable(),
  /** Who recorded the plan (its text is on the incident's timeline). */
  plannedBy: z.string().max(200).nullable().default(null),
  pause: Pause.nullable(),
  resolvedAt: Timestamp.nullable(),
  /** Breaches, once recorded, stay recorded. */
  breaches: z.array(z.strictObject({ clock: z.enum(CLOCKS), at: Timestamp })).max(3),
  /** Warning shares already raised, per clock (so each is raised once). */
  warned: z.strictObject({
    response: z.array(z.number()).max(12),
    plan: z.array(z.number()).max(12).default([]),
    resolution: z.array(z.number()).max(12),
  }),
});
export type Incident = z.infer<typeof Incident>;

const MINUTE = 60_000;

function clocksFor(targets: PriorityTargets, at: number) {
  return {
    response: startClock(at, targets.responseMinutes * MINUTE),
    plan: targets.planMinutes === undefined ? null : startClock(at, targets.planMinutes * MINUTE),
    resolution: startClock(at, targets.resolutionMinutes * MINUTE),
  };
}

/** The incident's clock of that name; null for a plan clock its priority does not have. */
export function clockOf(incident: Incident, name: ClockName): SlaClock | null {
  return incident[name];
}

/** Applies `move` to the plan clock, where there is one. */
const onPlan = (plan: SlaClock | null, move: (clock: SlaClock) => SlaClock) =>
  plan === null ? null : move(plan);

export interface OpenInput {
  readonly id: string;
  readonly siteId: string;
  readonly customer: string;
  readonly alertId: string;
  readonly deviceId: string | null;
  readonly check: string;
  readonly title: string;
  readonly priority: Priority;
  readonly targets: PriorityTargets;
  readonly at: number;
}

export function openIncident(input: OpenInput): Incident {
  const { targets, at, ...rest } = input;
  return {
    ...rest,
    allHours: targets.allHours,
    openedAt: at,
    ...clocksFor(targets, at),
    respondedBy: null,
    plannedBy: null,
    pause: null,
    resolvedAt: null,
    breaches: [],
    warned: { response: [], plan: [], resolution: [] },
  };
}

/** The first acknowledgement by a person: the response clock stops (later ones change nothing). */
export function respond(incident: Incident, by: string, at: number, basis: TimeBasis): Incident {
  if (incident.response.stoppedAt !== null) return incident;
  return { ...incident, response: stopClock(incident.response, at, basis), respondedBy: by };
}

/**
 * A technician recorded the plan to resolve it: the plan clock stops (a later plan changes
 * nothing of the clock; its text goes on the timeline all the same).
 */
export function recordPlan(incident: Incident, by: string, at: number, basis: TimeBasis): Incident {
  if (incident.plan === null || incident.plan.stoppedAt !== null) return incident;
  return { ...incident, plan: stopClock(incident.plan, at, basis), plannedBy: by };
}

/** Paused for a reason: the clocks the contract names for it stop counting. */
export function pauseIncident(
  incident: Incident,
  pause: Pause,
  terms: ContractTerms,
  basis: TimeBasis,
): Incident {
  if (incident.pause !== null || incident.resolvedAt !== null) return incident;
  const stops = terms.pauses[pause.reason];
  return {
    ...incident,
    pause,
    response: stops.includes('response')
      ? pauseClock(incident.response, pause.at, basis)
      : incident.response,
    plan: stops.includes('plan')
      ? onPlan(incident.plan, (clock) => pauseClock(clock, pause.at, basis))
      : incident.plan,
    resolution: stops.includes('resolution')
      ? pauseClock(incident.resolution, pause.at, basis)
      : incident.resolution,
  };
}

export function resumeIncident(incident: Incident, at: number): Incident {
  if (incident.pause === null) return incident;
  return {
    ...incident,
    pause: null,
    response: resumeClock(incident.response, at),
    plan: onPlan(incident.plan, (clock) => resumeClock(clock, at)),
    resolution: resumeClock(incident.resolution, at),
  };
}

/** Resolved: every clock stops (the response too: nobody can respond to what is over). */
export function resolveIncident(incident: Incident, at: number, basis: TimeBasis): Incident {
  if (incident.resolvedAt !== null) return incident;
  return {
    ...incident,
    pause: null,
    resolvedAt: at,
    response: stopClock(incident.response, at, basis),
    plan: onPlan(incident.plan, (clock) => stopClock(clock, at, basis)),
    resolution: stopClock(incident.resolution, at, basis),
  };
}

/** Back within the window: the resolution clock resumes from what it had counted. */
export function reopenIncident(incident: Incident, alertId: string, at: number): Incident {
  if (incident.resolvedAt === null) return incident;
  return {
    ...incident,
    alertId,
    resolvedAt: null,
    resolution: reopenClock(incident.resolution, at),
    // A plan not yet given is owed again, from what its clock had counted.
    plan:
      incident.plannedBy === null
        ? onPlan(incident.plan, (clock) => reopenClock(clock, at))
        : incident.plan,
  };
}

/**
 * A warning or a breach an incident reached: stored on its timeline, and sent to every window
 * with the fleet's next delta (`slaWarnings`), for notifications (docs/sla.md).
 */
export const SlaWarning = z.strictObject({
  siteId: Id,
  incidentId: Id,
  clock: z.enum(CLOCKS),
  /** The share of the target reached; 1 is the breach. */
  share: z.number().gt(0).max(1),
  /** When it was reached (a restarted hub catches up on what passed while it was down). */
  at: Timestamp,
});
export type SlaWarning = z.infer<typeof SlaWarning>;

/**
 * The warnings (at `shares` of each running clock's target) and breaches the incident has
 * reached by `now` and not yet raised; and the incident with them recorded. Only running clocks
 * are looked at (the book raises what is due before every pause, stop or re-target, so nothing
 * is missed and nothing is dated wrong). A warning share is reached when the clock has counted
 * that much; the breach when it has counted more than its target ("within 4 business hours"
 * includes the fourth). A breach, once recorded, stays recorded and is raised once.
 */
export function dueWarnings(
  incident: Incident,
  now: number,
  shares: readonly number[],
  basis: TimeBasis,
): { incident: Incident; warnings: SlaWarning[] } {
  const warnings: SlaWarning[] = [];
  let next = incident;
  for (const name of CLOCKS) {
    const clock = clockOf(next, name);
    if (clock === null || clock.runningSince === null) continue;
    const warned = next.warned[name];
    const breached = next.breaches.some((b) => b.clock === name);
    const elapsed = clockElapsed(clock, now, basis);
    for (const share of [...shares, 1]) {
      if (warned.includes(share)) continue;
      if (share === 1 ? breached || elapsed <= clock.targetMs : elapsed < share * clock.targetMs) {
        continue;
      }
      // When it got there: from the clock's own arithmetic, not the moment it was noticed.
      const at = reachedAt(clock, share, basis) ?? now;
      warnings.push({ siteId: incident.siteId, incidentId: incident.id, clock: name, share, at });
      next = {
        ...next,
        warned: { ...next.warned, [name]: [...next.warned[name], share] },
        breaches:
          share === 1 && !next.breaches.some((b) => b.clock === name)
            ? [...next.breaches, { clock: name, at }]
            : next.breaches,
      };
    }
  }
  return { incident: next, warnings };
}

/**
 * When a running clock reached `share` of its target (for the breach, 1: the first moment past
 * it), or null when it is not running or its calendar never gets there.
 */
function reachedAt(clock: SlaClock, share: number, basis: TimeBasis): number | null {
  if (clock.runningSince === null) return null;
  // The breach is the first millisecond past the target: one more counted, and back one.
  const left = share * clock.targetMs - clock.accruedMs + (share === 1 ? 1 : 0);
  if (left <= 0) return clock.runningSince;
  try {
    return basis.add(clock.runningSince, left) - (share === 1 ? 1 : 0);
  } catch {
    // A calendar that never opens enough (CalendarUnreachable): no instant to wait for.
    return null;
  }
}

/** The earliest instant a running clock of the incident reaches its next share, or null. */
export function nextWarningAt(
  incident: Incident,
  shares: readonly number[],
  basis: TimeBasis,
): number | null {
  let earliest: number | null = null;
  for (const name of CLOCKS) {
    const clock = clockOf(incident, name);
    if (clock === null || clock.runningSince === null) continue;
    const breached = incident.breaches.some((b) => b.clock === name);
    const next = [...shares, 1].find(
      (share) => !incident.warned[name].includes(share) && !(share === 1 && breached),
    );
    if (next === undefined) continue;
    // The timer fires once the share is passed (for the breach, a millisecond past the target).
    const at = reachedAt(clock, next, basis);
    const fire = at === null ? null : next === 1 ? at + 1 : at;
    if (fire !== null && (earliest === null || fire < earliest)) earliest = fire;
  }
  return earliest;
}

/** The due instant of a clock (null while paused or stopped). */
export function dueAt(incident: Incident, name: ClockName, basis: TimeBasis): number | null {
  const clock = clockOf(incident, name);
  return clock === null ? null : clockDue(clock, basis);
}
