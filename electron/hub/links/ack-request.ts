import type { TechnicianAction } from '../../../shared/alerts/technician-action.js';
import { describeIssues } from '../../../shared/protocol/errors.js';
import { AckReply, type AckRequest } from '../../../shared/protocol/messages.js';
import { speaksAtLeast } from '../../../shared/protocol/version.js';
import { ackMismatch } from './link-reasons.js';
import type { LinkCounters } from './link-types.js';
import { TIMED_OUT, type PendingRequests } from './pending-requests.js';
import type { SiteSocket } from './site-socket.js';

/** What one delivery attempt of a technician's action came to. */
export type Delivered =
  /** The site applied it; `hubHandled` says what the hub carries out itself (a 1.0 site). */
  | { readonly kind: 'confirmed'; readonly hubHandled: string | null }
  /** The site answered no: final. */
  | { readonly kind: 'refused'; readonly reason: string }
  /** Not delivered this time (not connected, no answer): tried again, as long as it takes. */
  | { readonly kind: 'retry'; readonly reason: string }
  /**
   * The site answered, but not as the protocol says (unreadable, or naming another ack id):
   * tried again a few times, then given up as refused, so one bad site cannot hold its queue.
   */
  | { readonly kind: 'invalid'; readonly reason: string };

/** Protocol 1.1 added ack expiry, the "not sticky" rule and un-ack. */
const ACK_POLICY_MINOR = 1;

export const HUB_LAPSES_ACK =
  'the site speaks protocol 1.0: this dashboard lapses the acknowledgement itself (expiry, severity change); the site still shows it';
export const HUB_WITHDRAWS_ACK =
  'the site speaks protocol 1.0: withdrawn on this dashboard only; the site still shows the acknowledgement';

interface LinkForDelivery {
  readonly siteId: string;
  readonly streaming: boolean;
  readonly socket: SiteSocket | null;
  readonly requests: PendingRequests;
  readonly counters: LinkCounters;
  /** The protocol version the site's hello announced (null before one). */
  readonly peerVersion: string | null;
}

/**
 * One attempt to deliver a technician's action on a streaming link, in what the site's protocol
 * version knows: a 1.0 site is sent no 1.1 fields (its strict schema would refuse the ack), and
 * an un-ack, which it cannot receive, is carried out by the hub alone. A reply naming another
 * ack id confirms nothing we sent: counted, and tried again. (A second reply to one request
 * never reaches us: socket.io calls an ack callback once.)
 */
export async function deliverAction(
  link: LinkForDelivery,
  action: TechnicianAction,
): Promise<Delivered> {
  const { siteId } = link;
  if (!link.streaming || link.peerVersion === null) {
    return { kind: 'retry', reason: `site ${siteId} is not connected` };
  }
  const current = speaksAtLeast(link.peerVersion, ACK_POLICY_MINOR);
  const { ackId, alertId, technician, comment } = action;
  if (action.kind === 'unack' && !current)
    return { kind: 'confirmed', hubHandled: HUB_WITHDRAWS_ACK };
  let request: AckRequest = { ackId, alertId, technician, comment };
  if (current && action.kind === 'ack') {
    request = { ...request, sticky: action.sticky, expiresAt: action.expiresAt };
  }
  const name = action.kind === 'ack' ? 'alert.ack' : 'alert.unack';
  const answer = await link.requests.send(link.socket, name, request);
  if (answer === TIMED_OUT)
    return { kind: 'retry', reason: `site ${siteId} did not confirm in time` };
  const reply = AckReply.safeParse(clipReason(answer));
  if (!reply.success) {
    link.counters.badPayloads++;
    return { kind: 'invalid', reason: `invalid reply: ${describeIssues(reply.error)}` };
  }
  if (reply.data.ackId !== ackId) {
    link.counters.ackMismatches++;
    return { kind: 'invalid', reason: ackMismatch(reply.data.ackId) };
  }
  if (!reply.data.ok) return { kind: 'refused', reason: reply.data.reason };
  const policy = action.kind === 'ack' && (action.expiresAt !== null || !action.sticky);
  return { kind: 'confirmed', hubHandled: !current && policy ? HUB_LAPSES_ACK : null };
}

/** A refusal's reason longer than the schema takes is cut, not the refusal lost with it. */
function clipReason(answer: unknown): unknown {
  if (typeof answer !== 'object' || answer === null || !('reason' in answer)) return answer;
  const { reason } = answer;
  if (typeof reason !== 'string' || reason.length <= MAX_REASON) return answer;
  return { ...answer, reason: `${reason.slice(0, MAX_REASON - 1)}…` };
}

const MAX_REASON = 500;
