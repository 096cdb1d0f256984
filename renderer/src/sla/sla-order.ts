import type { AppInfo } from '../../../shared/bridge/fleet-view.js';
import type { IncidentMap } from '../../../shared/fleet/fleet-reducer.js';
import type { TimeBasis } from '../../../shared/sla/business-time.js';
import { CLOCKS, clockOf, type ClockName, type Incident } from '../../../shared/sla/incident.js';
import { clockDue, type SlaClock } from '../../../shared/sla/sla-clock.js';
import { basisFor } from './sla-basis.js';

/** Boards mark an incident at risk past the first of the default warning shares (docs/sla.md). */
export const FIRST_WARNING = 0.5;

/**
 * An open incident with the instants that matter to a board, worked out once per incident (an
 * incident is immutable data: a change is a new object), not once per second: the board sorts
 * by them and counts breaches and risks by comparing them with the clock. A board of 2,000
 * incidents ticking at 1 Hz then does the business-time arithmetic only for the rows it shows.
 */
export interface SlaEntry {
  readonly incident: Incident;
  readonly basis: TimeBasis;
  /**
   * When its first running clock is due (overdue ones are in the past); Infinity when none runs
   * or its calendar never gets there. Instants, not business time left: across calendars (a
   * customer closed for the night, a 24×7 P1) only instants compare.
   */
  readonly dueAt: number;
  /** When its first running clock passes the first warning share; Infinity: none will. */
  readonly riskAt: number;
  /**
   * The first moment a running clock has counted more than its target: the breach, as the hub
   * records it. Not the due instant plus a millisecond: a target reached at closing time is
   * breached at the next opening, when the clock counts again.
   */
  readonly breachAt: number;
  /** A breach recorded by the hub, or a paused clock already over its target. */
  readonly breachedAlready: boolean;
}

/**
 * Where a running clock has counted `share` of its target (and `past` ms more); Infinity when it
 * does not run or its calendar never gets there.
 */
function instantAt(clock: SlaClock, share: number, basis: TimeBasis, past = 0): number {
  try {
    return clockDue({ ...clock, targetMs: clock.targetMs * share + past }, basis) ?? Infinity;
  } catch {
    return Infinity;
  }
}

function firstAt(incident: Incident, share: number, basis: TimeBasis, past = 0): number {
  return Math.min(
    ...CLOCKS.map((name: ClockName) => {
      const clock = clockOf(incident, name);
      return clock === null ? Infinity : instantAt(clock, share, basis, past);
    }),
  );
}

interface Cached {
  readonly sla: AppInfo['sla'];
  readonly firstWarning: number;
  readonly entry: SlaEntry;
}

/** One entry per incident object and calendar set: an unchanged incident is not worked out again. */
const cache = new WeakMap<Incident, Cached>();

export function slaEntry(
  incident: Incident,
  sla: AppInfo['sla'],
  firstWarning = FIRST_WARNING,
): SlaEntry {
  const known = cache.get(incident);
  if (known && known.sla === sla && known.firstWarning === firstWarning) return known.entry;
  const basis = basisFor(sla, incident.customer, incident.allHours);
  const breachedAlready =
    incident.breaches.length > 0 ||
    CLOCKS.some((name) => {
      const clock = clockOf(incident, name);
      return (
        clock !== null &&
        clock.stoppedAt === null &&
        clock.runningSince === null &&
        clock.accruedMs > clock.targetMs
      );
    });
  const entry: SlaEntry = {
    incident,
    basis,
    dueAt: firstAt(incident, 1, basis),
    riskAt: firstAt(incident, firstWarning, basis),
    breachAt: firstAt(incident, 1, basis, 1),
    breachedAlready,
  };
  cache.set(incident, { sla, firstWarning, entry });
  return entry;
}

/**
 * Every open incident, the one due first at the top (overdue ones first of all, the longest
 * overdue first), those with no clock running after, then by site name and id.
 */
export function slaOrder(
  incidents: ReadonlyMap<string, IncidentMap>,
  siteName: (siteId: string) => string,
  sla: AppInfo['sla'],
  firstWarning = FIRST_WARNING,
): SlaEntry[] {
  // Sites ranked by name once, so the sort compares numbers: incidents opened together (a storm)
  // share a due instant, and a locale comparison per tie cost a 2,000-incident board ~10 ms a sort.
  const collator = new Intl.Collator();
  const siteRank = new Map(
    [...incidents.keys()]
      .map((id) => ({ id, name: siteName(id) }))
      .sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(({ id }, rank) => [id, rank]),
  );
  const entries: { entry: SlaEntry; rank: number }[] = [];
  for (const [siteId, map] of incidents) {
    const rank = siteRank.get(siteId) ?? 0;
    for (const incident of map.values()) {
      if (incident.resolvedAt === null) {
        entries.push({ entry: slaEntry(incident, sla, firstWarning), rank });
      }
    }
  }
  return entries
    .sort(
      (a, b) =>
        (a.entry.dueAt === b.entry.dueAt ? 0 : a.entry.dueAt < b.entry.dueAt ? -1 : 1) ||
        a.rank - b.rank ||
        (a.entry.incident.id < b.entry.incident.id
          ? -1
          : a.entry.incident.id > b.entry.incident.id
            ? 1
            : 0),
    )
    .map((e) => e.entry);
}

export type SlaRisk = 'ok' | 'at-risk' | 'breached';

/**
 * breached: a clock past its target (or recorded), as the hub records it (docs/sla.md); at-risk:
 * a running clock at or past the first warning share.
 */
export function riskAt(entry: SlaEntry, now: number): SlaRisk {
  if (entry.breachedAlready || entry.breachAt <= now) return 'breached';
  return entry.riskAt <= now ? 'at-risk' : 'ok';
}

export interface SlaCounts {
  readonly open: number;
  readonly breached: number;
  readonly atRisk: number;
}

/** The board's totals at `now`: comparisons only, no arithmetic. */
export function slaCounts(entries: readonly SlaEntry[], now: number): SlaCounts {
  let breached = 0;
  let atRisk = 0;
  for (const entry of entries) {
    const risk = riskAt(entry, now);
    if (risk === 'breached') breached++;
    else if (risk === 'at-risk') atRisk++;
  }
  return { open: entries.length, breached, atRisk };
}
