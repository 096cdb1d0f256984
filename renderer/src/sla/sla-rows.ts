import type { AppInfo, SiteSummary } from '../../../shared/bridge/fleet-view.js';
import type { IncidentMap } from '../../../shared/fleet/fleet-reducer.js';
import type { BusinessCalendar } from '../../../shared/sla/business-calendar.js';
import { ALWAYS_OPEN, BusinessTime, type TimeBasis } from '../../../shared/sla/business-time.js';
import { CLOCKS, type ClockName, type Incident } from '../../../shared/sla/incident.js';
import { clockElapsed } from '../../../shared/sla/sla-clock.js';

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
  /** Sort key: business time to the nearest breach of a running clock (overdue first). */
  readonly toBreachMs: number;
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

function clockView(incident: Incident, name: ClockName, now: number, basis: TimeBasis): ClockView {
  const clock = incident[name];
  const elapsed = clockElapsed(clock, now, basis);
  const state =
    clock.stoppedAt !== null ? 'stopped' : clock.runningSince === null ? 'paused' : 'running';
  const share = clock.targetMs > 0 ? elapsed / clock.targetMs : 1;
  return { state, remainingMs: clock.targetMs - elapsed, share };
}

/**
 * The board's rows at `now`: every open incident, the nearest breach first (overdue ones first
 * of all, the longest overdue first), paused ones after the running, by site name and id after.
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
      const toBreachMs = Math.min(...running.map((v) => v.remainingMs), Infinity);
      const breached =
        incident.breaches.length > 0 || views.some((v) => v.share >= 1 && v.state !== 'stopped');
      const atRisk = running.some((v) => v.share >= firstWarning);
      rows.push({
        incident,
        siteName,
        response,
        resolution,
        risk: breached ? 'breached' : atRisk ? 'at-risk' : 'ok',
        toBreachMs,
      });
    }
  }
  return rows.sort(
    (a, b) =>
      a.toBreachMs - b.toBreachMs ||
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
