import { z } from 'zod';
import { Id, Timestamp } from '../protocol/primitives.js';
import type { TimeBasis } from './business-time.js';
import { CLOCKS, clockOf, type Incident } from './incident.js';
import { clockElapsed, type SlaClock } from './sla-clock.js';

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
