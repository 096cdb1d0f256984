import { useMemo, useSyncExternalStore } from 'react';
import { EMPTY_INCIDENTS, type IncidentMap } from '../../../../shared/fleet/fleet-reducer.js';
import type { AppInfo } from '../../../../shared/bridge/fleet-view.js';
import { useBoardClock } from '../../clock/clock-context.js';
import { formatTimeOfDay } from '../../format/time.js';
import { slaEntry } from '../../sla/sla-order.js';
import { useFleet } from '../../store/store-context.js';

/** True when the site has an open SLA incident (its tile then has a line of flags). */
export function hasOpenIncident(incidents: IncidentMap | undefined): boolean {
  for (const incident of incidents?.values() ?? []) if (incident.resolvedAt === null) return true;
  return false;
}

/**
 * The site's nearest due instant among its open incidents' running clocks, the first instant one
 * breaches (later than its due instant when the target is reached at closing time: sla-order.ts),
 * and any breach already recorded.
 */
function nearest(incidents: IncidentMap, sla: AppInfo['sla']) {
  let due = Infinity;
  let breachAt = Infinity;
  let breached = false;
  for (const incident of incidents.values()) {
    if (incident.resolvedAt !== null) continue;
    const entry = slaEntry(incident, sla);
    breached ||= entry.breachedAlready;
    due = Math.min(due, entry.dueAt);
    breachAt = Math.min(breachAt, entry.breachAt);
  }
  return { due, breachAt, breached };
}

/**
 * A tile's SLA flag: the site's nearest due instant ("SLA due 14:30"), or "SLA BREACHED" once a
 * clock has breached (as the hub and the SLA panel count it). It re-renders when the site's
 * incidents change or when the breach comes, not every second: the wall has many tiles.
 */
export function SlaFlag({ siteId }: { siteId: string }) {
  const incidents = useFleet((s) => s.incidents.get(siteId) ?? EMPTY_INCIDENTS);
  const sla = useFleet((s) => s.info?.sla);
  const { due, breachAt, breached } = useMemo(() => nearest(incidents, sla), [incidents, sla]);
  const clock = useBoardClock();
  const passed = useSyncExternalStore(clock.subscribe, () => clock.displayNow() >= breachAt);
  if (!breached && due === Infinity) return null;
  const overdue = breached || passed;
  return (
    <span
      className="site-flag"
      data-flag="sla"
      data-overdue={overdue || undefined}
      data-testid="site-sla"
      title="The site's nearest SLA due time (SLA board: #/sla)"
    >
      <span className="site-flag__word">{overdue ? 'SLA BREACHED' : 'SLA'}</span>
      {overdue ? null : ` due ${formatTimeOfDay(due)}`}
    </span>
  );
}
