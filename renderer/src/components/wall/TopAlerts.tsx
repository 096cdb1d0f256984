import { useMemo } from 'react';
import { alertRows, NO_FILTER, type AlertFilter, type AlertRow } from '../../alerts/alert-rows.js';
import { useNow } from '../../clock/clock-context.js';
import { displayName } from '../../format/names.js';
import { useFleet, useFleetStore } from '../../store/store-context.js';
import { WHOLE_FLEET, type WallScope } from '../../routing/hash-route.js';
import { Age } from '../common/Age.js';
import { SeverityBadge } from '../common/SeverityBadge.js';

/** Lines the wall gives its most urgent unhandled alerts. */
export const TOP_ALERTS = 3;

const UNHANDLED: AlertFilter = { ...NO_FILTER, state: 'unacknowledged' };

function TopAlertLine({ row }: { row: AlertRow }) {
  const site = useFleet((s) => s.sites.get(row.siteId)?.name ?? row.siteId);
  const raisedAt = row.kind === 'alert' ? row.alert.raisedAt : row.raisedAt;
  const title =
    row.kind === 'alert'
      ? displayName(row.alert.title, row.alert.id)
      : displayName(row.root.title, row.root.key);
  return (
    <li className="top-alerts__line" data-testid="top-alert" data-key={row.key}>
      <SeverityBadge severity={row.kind === 'alert' ? row.alert.severity : row.severity} />
      <span className="top-alerts__title" title={title.title}>
        <bdi>{title.text}</bdi>
        {row.kind === 'root'
          ? ` — ${row.matching} ${row.matching === 1 ? 'alert' : 'alerts'}`
          : null}
      </span>
      <bdi className="top-alerts__site">{displayName(site, row.siteId).text}</bdi>
      <Age since={raisedAt} className="age top-alerts__age" />
    </li>
  );
}

/**
 * The wall's band of the most urgent alerts nobody has taken yet: unacknowledged, not in
 * maintenance, folded by cause (a core switch down is one line), worst and longest open first,
 * in large type. It takes its height from the wall, which fits its tiles to what is left.
 *
 * Built once a second from the store as it is then, not on every delta: folding reads every
 * site's alerts, and a busy 10,000-device wall gets several deltas a second (bench:render, load
 * (b): building on each one cost the page a quarter more main-thread time and twice the missed
 * frames). A second's delay is nothing to a band read across the room.
 */
export function TopAlerts({ scope = WHOLE_FLEET }: { scope?: WallScope }) {
  const store = useFleetStore();
  const second = useNow(1000);
  const loaded = useFleet((s) => s.version !== null);
  const top = useMemo(() => {
    const { sites, devices, alerts, actions, checks } = store.getState();
    const fleet = { version: null, sites, devices, alerts, actions, checks };
    const down = (id: string) => sites.get(id)?.health.state === 'down';
    const filter: AlertFilter = {
      ...UNHANDLED,
      customers: scope.customers ?? [],
      siteIds: scope.sites ?? [],
    };
    return alertRows(fleet, filter, new Set(), down, second)
      .filter((row) => !row.suppressed)
      .slice(0, TOP_ALERTS);
  }, [store, second, scope]);
  // Always there, at one height: the wall's area (and so its plan) does not change as alerts
  // come and go.
  return (
    <section className="top-alerts" data-testid="top-alerts" aria-label="Unhandled alerts">
      {!loaded ? null : top.length === 0 ? (
        <p className="top-alerts__none" data-testid="top-alerts-none">
          ✓ No unhandled alerts
        </p>
      ) : (
        <ol>
          {top.map((row) => (
            <TopAlertLine key={row.key} row={row} />
          ))}
        </ol>
      )}
    </section>
  );
}
