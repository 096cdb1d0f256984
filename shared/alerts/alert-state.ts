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
 * know: for a site that speaks 1.0 (the action says `hubHandled`), the hub keeps the expiry and
 * the "not sticky" rule, and carries out an un-ack itself. Un-acks are matched by the ack id they
 * withdraw, never by comparing times: the site's clock and the hub's may differ.
 */
export function ackView(alert: Alert, action: TechnicianAction | null, now: number): AckView {
  const base = { action, ack: null, expiresAt: null, lapsed: null };
  if (action?.delivery === 'pending') return { ...base, status: 'pending' };
  const siteAck = alert.ack;
  // A confirmed un-ack of the very acknowledgement the site still reports (a 1.0 site, or a
  // 1.1 site whose update has not arrived yet).
  const withdrawn =
    action?.kind === 'unack' &&
    action.delivery === 'confirmed' &&
    siteAck !== null &&
    siteAck.ackId === action.withdraws;
  if (siteAck === null || withdrawn) {
    const refused = action?.kind === 'ack' && action.delivery === 'refused';
    return { ...base, status: refused ? 'refused' : 'unacknowledged' };
  }
  // The hub keeps the rules a 1.0 site cannot: only for our own acknowledgement of this alert.
  const kept =
    action?.kind === 'ack' && action.ackId === siteAck.ackId && action.hubHandled !== null
      ? action
      : null;
  const expiresAt = siteAck.expiresAt ?? kept?.expiresAt ?? null;
  if (expiresAt !== null && now >= expiresAt) {
    return { ...base, status: 'unacknowledged', lapsed: 'the acknowledgement expired' };
  }
  if (kept !== null && !kept.sticky && alert.severity !== kept.severity) {
    return {
      ...base,
      status: 'unacknowledged',
      lapsed: `the alert changed severity (${kept.severity} → ${alert.severity})`,
    };
  }
  return { ...base, status: 'acknowledged', ack: siteAck, expiresAt };
}
