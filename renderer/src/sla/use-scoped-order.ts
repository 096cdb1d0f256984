import { useMemo } from 'react';
import { inScope, type WallScope } from '../routing/hash-route.js';
import { useFleet } from '../store/store-context.js';
import type { SlaEntry } from './sla-order.js';

/**
 * The incidents of part of the fleet (a wall or an SLA board of one customer's screen), in the
 * board's order; the whole order, unchanged, for the whole fleet.
 */
export function useScopedOrder(all: readonly SlaEntry[], scope: WallScope): readonly SlaEntry[] {
  const sites = useFleet((s) => s.sites);
  return useMemo(
    () =>
      scope.customers === null && scope.sites === null
        ? all
        : all.filter((entry) =>
            inScope(
              scope,
              entry.incident.siteId,
              // The incident knows its customer even if its site has left the fleet's map.
              sites.get(entry.incident.siteId)?.customer ?? entry.incident.customer,
            ),
          ),
    [all, scope, sites],
  );
}
