import { memo, useCallback, useMemo, useState } from 'react';
import type { CheckRecord } from '../../../../shared/alerts/check-record.js';
import { foldAlerts, type RootIncident } from '../../../../shared/alerts/folding.js';
import { inMaintenance } from '../../../../shared/maintenance/maintenance-window.js';
import { formatTimeOfDay } from '../../format/time.js';
import { EMPTY_CHECKS } from '../../../../shared/fleet/fleet-reducer.js';
import { useShownSiteState } from '../../status/use-site-state.js';
import { useShallow } from 'zustand/react/shallow';
import { EMPTY_ALERTS, EMPTY_DEVICES } from '../../store/fleet-data.js';
import { alertIdsWorstFirst } from '../../store/selectors.js';
import { useFleet } from '../../store/store-context.js';
import { Age } from '../common/Age.js';
import { SeverityBadge } from '../common/SeverityBadge.js';
import { displayName } from '../../format/names.js';
import { NameText } from './NameText.js';
import { AckForm } from '../alerts/AckForm.js';
import { AckStatus } from '../alerts/AckStatus.js';
import { CheckBadges } from '../alerts/CheckBadges.js';
import { useAckView } from '../alerts/use-ack-view.js';
import type { Alert } from '../../../../shared/protocol/alert.js';

/** Inside a maintenance window running now: suppressed, and said so. */
function MaintenanceMark({ siteId, deviceId }: { siteId: string; deviceId: string | null }) {
  const window = useFleet((s) => inMaintenance(s.sites.get(siteId)?.maintenance ?? [], deviceId));
  if (window === null) return null;
  return (
    <span className="alert__maintenance" data-testid="alert-maintenance" title={window.reason}>
      in maintenance until {formatTimeOfDay(window.until)} (suppressed)
    </span>
  );
}

/** A check that flaps, clear this moment: still one line until it settles. */
function FlappingClearItem({ record }: { record: CheckRecord }) {
  const title = displayName(record.title, record.key);
  return (
    <li className="alert alert--clear" data-testid="alert-flapping-clear" data-check={record.key}>
      <SeverityBadge severity={record.severity} />
      <span className="alert__title" title={title.title}>
        <bdi>{title.text}</bdi>
      </span>
      <span className="alert__device">
        ⇅ flapping {Math.round(record.flapPercent)} %, clear this moment (raised {record.raises}{' '}
        times)
      </span>
    </li>
  );
}

/** The alert's acknowledgement: where it stands, and a technician's controls. */
function AlertAckCell({ siteId, alert }: { siteId: string; alert: Alert }) {
  const action = useFleet((s) => s.actions.get(siteId)?.get(alert.id) ?? null);
  const technician = useFleet((s) => s.info?.technician ?? null);
  const view = useAckView(alert, action);
  return (
    <>
      <AckStatus view={view} />
      {technician === null ? null : (
        <AckForm siteId={siteId} alertId={alert.id} status={view.status} />
      )}
    </>
  );
}

const AlertItem = memo(function AlertItem({
  siteId,
  alertId,
  focused = false,
}: {
  siteId: string;
  alertId: string;
  /** The alert a notice's click was about: scrolled into view and marked. */
  focused?: boolean;
}) {
  const alert = useFleet((s) => s.alerts.get(siteId)?.get(alertId));
  const deviceId = alert?.deviceId ?? null;
  const deviceName = useFleet((s) =>
    deviceId === null ? null : (s.devices.get(siteId)?.get(deviceId)?.name ?? deviceId),
  );
  // A title is site text too: cleaned like a name, and cut with an ellipsis so the age beside it
  // stays in view (the full title is its `title`).
  const title = alert ? displayName(alert.title, alertId) : null;
  const scrollTo = useCallback(
    (element: HTMLLIElement | null) => {
      if (focused) element?.scrollIntoView({ block: 'center' });
    },
    [focused],
  );
  if (!alert || !title) return null;
  return (
    <li
      ref={scrollTo}
      className="alert"
      data-testid="alert"
      data-alert-id={alertId}
      data-severity={alert.severity}
      data-focused={focused}
    >
      <SeverityBadge severity={alert.severity} />
      <span className="alert__title" title={title.title}>
        <bdi>{title.text}</bdi>
      </span>
      {deviceId === null ? (
        <span className="alert__device">whole site</span>
      ) : (
        <NameText className="alert__device" name={deviceName} id={deviceId} />
      )}
      <Age since={alert.raisedAt} className="age alert__age" />
      <CheckBadges siteId={siteId} alert={alert} />
      <MaintenanceMark siteId={siteId} deviceId={alert.deviceId} />
      <AlertAckCell siteId={siteId} alert={alert} />
    </li>
  );
});

/** One root cause and the alerts it explains: the headline, then (expanded) the rest. */
function RootItem({
  siteId,
  root,
  ids,
  focus,
}: {
  siteId: string;
  root: RootIncident;
  ids: string[];
  focus: string | null;
}) {
  // Opens when it holds the alert a notice was about: at once, and when a later click on the same
  // site's view names one of its alerts (adjusted while rendering, as React advises).
  const holds = (id: string | null) => id !== null && root.folded.includes(id);
  const [open, setOpen] = useState(() => holds(focus));
  const [seenFocus, setSeenFocus] = useState(focus);
  if (focus !== seenFocus) {
    setSeenFocus(focus);
    if (holds(focus)) setOpen(true);
  }
  const folded = new Set(root.folded);
  const own = new Set(root.own);
  const count = root.folded.length;
  return (
    <li className="alert-root" data-testid="alert-root" data-root={root.key}>
      <button
        type="button"
        className="alert-root__toggle"
        aria-expanded={open}
        data-testid="alert-root-toggle"
        onClick={() => {
          setOpen(!open);
        }}
      >
        {open ? '▾' : '▸'} <bdi>{displayName(root.title, root.key).text}</bdi> — {count}{' '}
        {count === 1 ? 'alert' : 'alerts'} folded
      </button>
      <ul>
        {ids
          .filter((id) => own.has(id) || (open && folded.has(id)))
          .map((id) => (
            <AlertItem key={id} siteId={siteId} alertId={id} focused={id === focus} />
          ))}
      </ul>
    </li>
  );
}

/**
 * The site's open alerts, worst and newest first, folded by root cause (shared/alerts/folding.ts):
 * a down parent device, or the site when it is unreachable, shows once, with the alerts it
 * explains folded beneath it.
 */
export function AlertList({ siteId, focus = null }: { siteId: string; focus?: string | null }) {
  const ids = useFleet(useShallow((s) => alertIdsWorstFirst(s.alerts.get(siteId) ?? EMPTY_ALERTS)));
  const alerts = useFleet((s) => s.alerts.get(siteId) ?? EMPTY_ALERTS);
  const devices = useFleet((s) => s.devices.get(siteId) ?? EMPTY_DEVICES);
  const name = useFleet((s) => s.sites.get(siteId)?.name ?? siteId);
  const unreachable = useShownSiteState(siteId)?.state === 'down';
  const folding = useMemo(
    () => foldAlerts({ name, unreachable }, devices, alerts),
    [name, unreachable, devices, alerts],
  );
  const alone = new Set(folding.unfolded);
  const checks = useFleet((s) => s.checks.get(siteId) ?? EMPTY_CHECKS);
  const flappingClear = [...checks.values()].filter((c) => c.flapping && c.alertId === null);
  return (
    <section className="alert-list" data-testid="alert-list">
      <h2>
        Open alerts ({ids.length})
        {folding.roots.length > 0 ? (
          <span className="muted">
            {' '}
            · {folding.roots.length} {folding.roots.length === 1 ? 'cause' : 'causes'}
          </span>
        ) : null}
      </h2>
      {ids.length === 0 && flappingClear.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {folding.roots.map((root) => (
            <RootItem key={root.key} siteId={siteId} root={root} ids={ids} focus={focus} />
          ))}
          {ids
            .filter((id) => alone.has(id))
            .map((id) => (
              <AlertItem key={id} siteId={siteId} alertId={id} focused={id === focus} />
            ))}
          {flappingClear.map((record) => (
            <FlappingClearItem key={record.key} record={record} />
          ))}
        </ul>
      )}
    </section>
  );
}
