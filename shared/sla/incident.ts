import { z } from 'zod';
import { Id, Timestamp } from '../protocol/primitives.js';
import type { TimeBasis } from './business-time.js';
import { PauseReason, Priority, type ContractTerms, type PriorityTargets } from './contract.js';
import {
  clockDue,
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
 * hub keeps them (electron/hub/sla/) and stores each as it changes. The warnings and breaches
 * an incident reaches are worked out in incident-warnings.ts. docs/sla.md.
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

/** The due instant of a clock (null while paused or stopped). */
export function dueAt(incident: Incident, name: ClockName, basis: TimeBasis): number | null {
  const clock = clockOf(incident, name);
  return clock === null ? null : clockDue(clock, basis);
}
