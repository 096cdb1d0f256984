import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { alertRows, NO_FILTER, type AlertFilter, type AlertRow } from '../../alerts/alert-rows.js';
import { useNow } from '../../clock/clock-context.js';
import { displayName } from '../../format/names.js';
import { useFleet, useFleetStore } from '../../store/store-context.js';
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
 * in large type. It takes its height from the wall, which fits its tiles to what is left. Built
 * when alerts, acknowledgements or the down sites change, not on every device sample.
 */
export function TopAlerts() {
  const store = useFleetStore();
  const alerts = useFleet((s) => s.alerts);
  const actions = useFleet((s) => s.actions);
  const down = useFleet(
    useShallow((s) =>
      [...s.sites.values()].filter((x) => x.health.state === 'down').map((x) => x.id),
    ),
  );
  // Which windows run where, as one string: it changes only when a window starts or ends.
  const maintenance = useFleet((s) =>
    [...s.sites.values()]
      .flatMap((site) => site.maintenance.map((m) => `${site.id}:${m.windowId}`))
      .join('|'),
  );
  // Devices that are down, as one string: a parent going down folds its children's alerts even
  // when no alert changes; a device sample alone changes nothing here.
  const downDevices = useFleet((s) => {
    const ids: string[] = [];
    for (const [siteId, devices] of s.devices) {
      for (const device of devices.values())
        if (device.status === 'down') ids.push(`${siteId}/${device.id}`);
    }
    return ids.join('|');
  });
  const now = useNow(60_000);
  const top = useMemo(() => {
    const { sites, devices, checks } = store.getState();
    const downSet = new Set(down);
    const fleet = { version: null, sites, devices, alerts, actions, checks };
    return alertRows(fleet, UNHANDLED, new Set(), (id) => downSet.has(id), now)
      .filter((row) => !row.suppressed)
      .slice(0, TOP_ALERTS);
    // Sites and devices are read from the store; `maintenance` and `downDevices` are the
    // triggers: a window starting or ending, a device going down or up, re-sorts the band.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [store, alerts, actions, down, maintenance, downDevices, now]);
  if (top.length === 0) return null;
  return (
    <section className="top-alerts" data-testid="top-alerts" aria-label="Unhandled alerts">
      <ol>
        {top.map((row) => (
          <TopAlertLine key={row.key} row={row} />
        ))}
      </ol>
    </section>
  );
}
