import type { AppInfo, SiteSummary } from '../../../shared/bridge/fleet-view.js';
import type { IncidentMap } from '../../../shared/fleet/fleet-reducer.js';
import type { BusinessCalendar } from '../../../shared/sla/business-calendar.js';
import { ALWAYS_OPEN, BusinessTime, type TimeBasis } from '../../../shared/sla/business-time.js';
import { CLOCKS, type ClockName, type Incident } from '../../../shared/sla/incident.js';
import { clockDue, clockElapsed } from '../../../shared/sla/sla-clock.js';

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
  readonly siteName: string;
  readonly response: ClockView;
  readonly resolution: ClockView;
  /** at-risk: past the first warning share; breached: a clock over its target (or recorded). */
  readonly risk: 'ok' | 'at-risk' | 'breached';
  /**
   * Sort key: the due instant of its running clock due first (overdue ones are in the past, the
   * longest overdue first); Infinity when none runs. Instants, not business time left: across
   * calendars (a customer closed for the night, a 24×7 P1) only instants compare.
   */
  readonly dueAt: number;
}

/** The time basis of each customer's clocks, from the calendars the hub sent (one per info). */
const bases = new WeakMap<NonNullable<AppInfo['sla']>, Map<string, TimeBasis>>();

export function basisFor(sla: AppInfo['sla'], customer: string, allHours: boolean): TimeBasis {
  if (allHours || !sla) return ALWAYS_OPEN;
  let byCustomer = bases.get(sla);
  if (!byCustomer) bases.set(sla, (byCustomer = new Map<string, TimeBasis>()));
  const known = byCustomer.get(customer);
  if (known) return known;
  const calendar: BusinessCalendar | null =
    sla.calendars.find((c) => c.customer === customer)?.calendar ?? sla.defaultCalendar;
  const basis = calendar ? new BusinessTime(calendar) : ALWAYS_OPEN;
  byCustomer.set(customer, basis);
  return basis;
}

/** When a running clock is due; Infinity when it is not running (or its calendar never gets there). */
function dueOf(incident: Incident, name: ClockName, basis: TimeBasis): number {
  try {
    return clockDue(incident[name], basis) ?? Infinity;
  } catch {
    return Infinity;
  }
}

function clockView(incident: Incident, name: ClockName, now: number, basis: TimeBasis): ClockView {
  const clock = incident[name];
  const elapsed = clockElapsed(clock, now, basis);
  const state =
    clock.stoppedAt !== null ? 'stopped' : clock.runningSince === null ? 'paused' : 'running';
  const share = clock.targetMs > 0 ? elapsed / clock.targetMs : 1;
  return { state, remainingMs: clock.targetMs - elapsed, share };
}

/**
 * The board's rows at `now`: every open incident, the one due first at the top (overdue ones
 * first of all, the longest overdue first), those with no clock running after, then by site
 * name and id.
 */
export function slaRows(
  incidents: ReadonlyMap<string, IncidentMap>,
  sites: ReadonlyMap<string, SiteSummary>,
  sla: AppInfo['sla'],
  firstWarning: number,
  now: number,
): SlaRow[] {
  const rows: SlaRow[] = [];
  for (const [siteId, map] of incidents) {
    const siteName = sites.get(siteId)?.name ?? siteId;
    for (const incident of map.values()) {
      if (incident.resolvedAt !== null) continue;
      const basis = basisFor(sla, incident.customer, incident.allHours);
      const views = CLOCKS.map((name) => clockView(incident, name, now, basis));
      const [response, resolution] = views as [ClockView, ClockView];
      const running = views.filter((v) => v.state === 'running');
      const dueAt = Math.min(...CLOCKS.map((name) => dueOf(incident, name, basis)));
      const breached =
        incident.breaches.length > 0 || views.some((v) => v.share >= 1 && v.state !== 'stopped');
      const atRisk = running.some((v) => v.share >= firstWarning);
      rows.push({
        incident,
        siteName,
        response,
        resolution,
        risk: breached ? 'breached' : atRisk ? 'at-risk' : 'ok',
        dueAt,
      });
    }
  }
  return rows.sort(
    (a, b) =>
      (a.dueAt === b.dueAt ? 0 : a.dueAt < b.dueAt ? -1 : 1) ||
      a.siteName.localeCompare(b.siteName) ||
      a.incident.id.localeCompare(b.incident.id),
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
