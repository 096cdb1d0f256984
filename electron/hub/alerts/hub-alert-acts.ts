import type { TrackedCheck } from '../../../shared/alerts/check-record.js';
import type { ActionNote, TechnicianAction } from '../../../shared/alerts/technician-action.js';
import type { FleetState } from '../fleet/fleet-state.js';
import type { Delivered } from '../links/ack-request.js';
import type { Reopened } from './posture-watch.js';

/**
 * What the hub does itself about alerts no site owns or records: acknowledging its own alerts
 * (proactive warnings: no site to ask), and the timeline notes of a check that starts or stops
 * flapping and of a posture finding whose acknowledgement a new device re-opened.
 */

/** An ack (or un-ack) of one of the hub's own alerts, carried out at `at`. */
export function actOnHubAlert(
  fleet: Pick<FleetState, 'hubAlert' | 'setHubAlert'>,
  action: TechnicianAction,
  at: number,
): Delivered {
  const alert = fleet.hubAlert(action.siteId, action.alertId);
  if (!alert) return { kind: 'refused', reason: `the hub's alert ${action.alertId} has cleared` };
  const { ackId, technician, comment, sticky, expiresAt } = action;
  const ack = action.kind === 'ack' ? { ackId, technician, comment, at, sticky, expiresAt } : null;
  fleet.setHubAlert(action.siteId, action.alertId, { ...alert, ack });
  return { kind: 'confirmed', hubHandled: null };
}

/** A check started flapping or settled: a note for its latest alert's timeline. */
export function flappingNote({ record, lastAlertId }: TrackedCheck, at: number): ActionNote {
  return {
    siteId: record.siteId,
    alertId: lastAlertId,
    at,
    what: record.flapping ? 'check.flapping' : 'check.settled',
    actor: 'hub',
    source: 'hub',
    comment: '',
    ackId: null,
    detail: `${record.flapPercent.toFixed(1)} % weighted state changes over the last 21 states`,
  };
}

/** A posture finding's acknowledgement dropped as devices joined it: a note for its timeline. */
export function reopenedNote({ siteId, alertId, ack, joined, at }: Reopened): ActionNote {
  const names =
    joined.length <= 3
      ? joined.join(', ')
      : `${joined.slice(0, 3).join(', ')} and ${joined.length - 3} more`;
  const detail = `${names} joined the finding since ${ack.technician} acknowledged it`;
  return {
    siteId,
    alertId,
    at,
    what: 'ack.lapsed',
    actor: 'hub',
    source: 'hub',
    comment: '',
    ackId: ack.ackId,
    detail: detail.length <= 500 ? detail : `${detail.slice(0, 499)}…`,
  };
}
