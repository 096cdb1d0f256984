import { describeIssues } from '../../../shared/protocol/errors.js';
import { AckReply, type AckRequest } from '../../../shared/protocol/messages.js';
import { ackMismatch } from './link-reasons.js';
import type { LinkCounters } from './link-types.js';
import { TIMED_OUT, type PendingRequests } from './pending-requests.js';
import type { SiteSocket } from './site-socket.js';

/**
 * Sends a technician's acknowledgement on a streaming link; resolves with the site's
 * confirmation. A reply naming another ack id confirms nothing we sent: counted, and reported as
 * not confirmed. (A second reply to the same request never reaches us: socket.io calls an ack
 * callback once.)
 */
export async function requestAck(
  link: {
    readonly siteId: string;
    readonly streaming: boolean;
    readonly socket: SiteSocket | null;
    readonly requests: PendingRequests;
    readonly counters: LinkCounters;
  },
  request: AckRequest,
): Promise<AckReply> {
  const refuse = (reason: string): AckReply => ({ ok: false, ackId: request.ackId, reason });
  if (!link.streaming) return refuse(`site ${link.siteId} is not connected`);
  const answer = await link.requests.send(link.socket, 'alert.ack', request);
  if (answer === TIMED_OUT) return refuse(`site ${link.siteId} did not confirm in time`);
  const reply = AckReply.safeParse(answer);
  if (!reply.success) return refuse(`invalid reply: ${describeIssues(reply.error)}`);
  if (reply.data.ackId !== request.ackId) {
    link.counters.ackMismatches++;
    return refuse(ackMismatch(reply.data.ackId));
  }
  return reply.data;
}
