import type { AckView } from '../../../../shared/alerts/alert-state.js';
import { formatDateTime } from '../../history/local-time.js';

/**
 * Where an alert's acknowledgement stands, in words: on its way (pending, with why it has not
 * got through yet), confirmed by the site (who, and until when), refused (the site's reason), or
 * lapsed. `data-status` carries the state for styling and tests.
 */
export function AckStatus({ view }: { view: AckView }) {
  const { status, ack, action, lapsed } = view;
  if (status === 'pending' && action) {
    const verb = action.kind === 'ack' ? 'Acknowledging' : 'Withdrawing the acknowledgement';
    return (
      <span className="alert__ack" data-testid="ack-status" data-status="pending">
        ⧗ {verb} as {action.technician}: waiting for the site
        {action.reason ? ` (${action.reason})` : ''}
      </span>
    );
  }
  if (status === 'acknowledged' && ack) {
    const note = action?.ackId === ack.ackId ? action.hubHandled : null;
    return (
      <span
        className="alert__ack"
        data-testid="ack-status"
        data-status="acknowledged"
        title={note ?? undefined}
      >
        ✓ Acknowledged by <bdi>{ack.technician}</bdi>
        {ack.comment ? (
          <>
            : “<bdi>{ack.comment}</bdi>”
          </>
        ) : null}
        {view.expiresAt === null ? null : ` until ${formatDateTime(view.expiresAt)}`}
        {note ? ' (expiry kept by this dashboard: the site speaks protocol 1.0)' : null}
      </span>
    );
  }
  if (status === 'refused' && action) {
    return (
      <span
        className="alert__ack alert__ack--refused"
        data-testid="ack-status"
        data-status="refused"
      >
        ✗ The site refused {action.technician}’s acknowledgement: {action.reason}
      </span>
    );
  }
  if (lapsed !== null) {
    return (
      <span className="alert__ack" data-testid="ack-status" data-status="lapsed">
        Unacknowledged: {lapsed}
      </span>
    );
  }
  if (action?.kind === 'unack' && action.delivery === 'confirmed') {
    return (
      <span
        className="alert__ack"
        data-testid="ack-status"
        data-status="withdrawn"
        title={action.hubHandled ?? undefined}
      >
        Acknowledgement withdrawn by <bdi>{action.technician}</bdi>
      </span>
    );
  }
  return null;
}
