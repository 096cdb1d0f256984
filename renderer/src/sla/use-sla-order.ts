import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SiteSummary } from '../../../shared/bridge/fleet-view.js';
import { useFleet } from '../store/store-context.js';
import { slaOrder, type SlaEntry } from './sla-order.js';

function siteNames(sites: ReadonlyMap<string, SiteSummary>): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, site] of sites) names.set(id, site.name);
  return names;
}

/**
 * The open incidents in board order, made again when an incident, a site's name or the calendars
 * change: not on a site's status change (many a second on a busy wall), not on the clock's tick.
 */
export function useSlaOrder(): readonly SlaEntry[] {
  const incidents = useFleet((s) => s.incidents);
  const names = useFleet(useShallow((s) => siteNames(s.sites)));
  const sla = useFleet((s) => s.info?.sla);
  return useMemo(
    () => slaOrder(incidents, (id) => names.get(id) ?? id, sla),
    [incidents, names, sla],
  );
}
