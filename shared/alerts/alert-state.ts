import type { Alert, AlertAck } from '../protocol/alert.js';
import type { TechnicianAction } from './technician-action.js';

/**
 * The one rule for an open alert's acknowledgement state, used by the hub (timers, timeline) and
 * by every window (what it shows), so they cannot disagree. Pure: `now` is passed in.
 *
 * - unacknowledged: nobody has acknowledged it, or the acknowledgement lapsed or was withdrawn.
 * - pending: a technician's ack (or un-ack) is on its way and the site has not confirmed it yet.
 * - acknowledged: the site confirmed an acknowledgement that still holds.
 * - refused: the latest ack was refused by the site (with its reason); the alert is unacknowledged.
 */
export type AckStatus = 'unacknowledged' | 'pending' | 'acknowledged' | 'refused';

export interface AckView {
  readonly status: AckStatus;
  /** The acknowledgement that holds (status acknowledged), else null. */
  readonly ack: AlertAck | null;
  /** The latest technician action, whatever its state. */
  readonly action: TechnicianAction | null;
  /** When the holding acknowledgement lapses (null: never, or none holds). */
  readonly expiresAt: number | null;
  /** Why an acknowledgement the site reported no longer holds (expired, severity changed). */
  readonly lapsed: string | null;
}

/**
 * The alert's acknowledgement state at `now`, from what the site reports (`alert.ack`) and the
 * latest technician action the hub holds for it. The site's word decides, except where it cannot
 * know: expiry and the "not sticky" rule for a 1.0 site (the hub's action carries them), and an
 * un-ack the hub carried out itself.
 */
export function ackView(alert: Alert, action: TechnicianAction | null, now: number): AckView {
  const base = { action, ack: null, expiresAt: null, lapsed: null };
  if (action?.delivery === 'pending') return { ...base, status: 'pending' };
  const siteAck = alert.ack;
  // A confirmed un-ack newer than the site's ack: the site has not said so yet (or cannot: 1.0).
  const withdrawn =
    action?.kind === 'unack' &&
    action.delivery === 'confirmed' &&
    (siteAck === null || siteAck.at <= (action.settledAt ?? action.requestedAt));
  if (siteAck === null || withdrawn) {
    const refused = action?.kind === 'ack' && action.delivery === 'refused';
    return { ...base, status: refused ? 'refused' : 'unacknowledged' };
  }
  const ours = action?.kind === 'ack' && action.ackId === siteAck.ackId ? action : null;
  const expiresAt = siteAck.expiresAt ?? ours?.expiresAt ?? null;
  if (expiresAt !== null && now >= expiresAt) {
    return { ...base, status: 'unacknowledged', lapsed: 'the acknowledgement expired' };
  }
  const sticky = siteAck.sticky ?? ours?.sticky ?? true;
  if (!sticky && ours !== null && alert.severity !== ours.severity) {
    return {
      ...base,
      status: 'unacknowledged',
      lapsed: `the alert changed severity (${ours.severity} → ${alert.severity})`,
    };
  }
  return { ...base, status: 'acknowledged', ack: siteAck, expiresAt };
}
