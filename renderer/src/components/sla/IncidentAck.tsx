import type { Alert } from '../../../../shared/protocol/alert.js';
import { useFleet } from '../../store/store-context.js';
import { AckForm } from '../alerts/AckForm.js';
import { AckStatus } from '../alerts/AckStatus.js';
import { useAckView } from '../alerts/use-ack-view.js';

/** The incident's alert acknowledged from the board: the same form and state as the alert list's. */
function AlertAck({ siteId, alert }: { siteId: string; alert: Alert }) {
  const action = useFleet((s) => s.actions.get(siteId)?.get(alert.id) ?? null);
  const view = useAckView(alert, action);
  return (
    <>
      <AckStatus view={view} />
      <AckForm siteId={siteId} alertId={alert.id} status={view.status} />
    </>
  );
}

/**
 * Acknowledge from the SLA board: the incident's alert, while it is open (acknowledging it is the
 * response that stops the response clock). Nothing once the alert is gone.
 */
export function IncidentAck({ siteId, alertId }: { siteId: string; alertId: string }) {
  const alert = useFleet((s) => s.alerts.get(siteId)?.get(alertId));
  return alert ? <AlertAck siteId={siteId} alert={alert} /> : null;
}
