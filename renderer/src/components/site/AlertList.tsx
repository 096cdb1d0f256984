import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { EMPTY_ALERTS } from '../../store/fleet-data.js';
import { alertIdsWorstFirst } from '../../store/selectors.js';
import { useFleet } from '../../store/store-context.js';
import { Age } from '../common/Age.js';
import { SeverityBadge } from '../common/SeverityBadge.js';
import { displayName } from '../../format/names.js';
import { NameText } from './NameText.js';
import { AckForm } from '../alerts/AckForm.js';
import { AckStatus } from '../alerts/AckStatus.js';
import { useAckView } from '../alerts/use-ack-view.js';
import type { Alert } from '../../../../shared/protocol/alert.js';

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
}: {
  siteId: string;
  alertId: string;
}) {
  const alert = useFleet((s) => s.alerts.get(siteId)?.get(alertId));
  const deviceId = alert?.deviceId ?? null;
  const deviceName = useFleet((s) =>
    deviceId === null ? null : (s.devices.get(siteId)?.get(deviceId)?.name ?? deviceId),
  );
  // A title is site text too: cleaned like a name, and cut with an ellipsis so the age beside it
  // stays in view (the full title is its `title`).
  const title = alert ? displayName(alert.title, alertId) : null;
  if (!alert || !title) return null;
  return (
    <li
      className="alert"
      data-testid="alert"
      data-alert-id={alertId}
      data-severity={alert.severity}
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
      <AlertAckCell siteId={siteId} alert={alert} />
    </li>
  );
});

/** The site's open alerts, worst and newest first. */
export function AlertList({ siteId }: { siteId: string }) {
  const ids = useFleet(useShallow((s) => alertIdsWorstFirst(s.alerts.get(siteId) ?? EMPTY_ALERTS)));
  return (
    <section className="alert-list" data-testid="alert-list">
      <h2>Open alerts ({ids.length})</h2>
      {ids.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul>
          {ids.map((id) => (
            <AlertItem key={id} siteId={siteId} alertId={id} />
          ))}
        </ul>
      )}
    </section>
  );
}
