import { describeIssues } from '../../../shared/protocol/errors.js';
import { MAX_BATCH, MAX_SNAPSHOT_ITEMS, SyncReply } from '../../../shared/protocol/messages.js';

/**
 * Reasons for a person at the wall: what happened, and the number that was exceeded, in words
 * a technician can act on. None of them holds a running count or age, so a site's health does
 * not change while the problem merely lasts.
 */

const LIMITS: readonly (readonly [string, number])[] = [
  ['events', MAX_BATCH],
  ['devices', MAX_SNAPSHOT_ITEMS],
  ['alerts', MAX_SNAPSHOT_ITEMS],
];

const count = (n: number) => n.toLocaleString('en-US');

/** "snapshot refused: 100,000 devices, over the cap of 50,000", or null when no array is over. */
export function oversizeReason(event: string, payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  for (const [key, max] of LIMITS) {
    const value: unknown = (payload as Record<string, unknown>)[key];
    if (Array.isArray(value) && value.length > max) {
      return `${event} refused: ${count(value.length)} ${key}, over the cap of ${count(max)}`;
    }
  }
  return null;
}

export const syncUnanswered = (timeoutMs: number) =>
  `the site did not answer a sync within ${Math.round(timeoutMs / 1000)} s`;

export const idConflict = (announced: string, expected: string) =>
  `address answered as "${announced}", expected "${expected}"`;

export const ackMismatch = (ackId: string) =>
  `the site confirmed another acknowledgement (ack id ${ackId})`;

/** Why a sync got the link nowhere, in the site's words where it gave any. */
export function syncFailure(
  answer: unknown,
  problem: string | null,
  timeoutMs: number,
  held: { readonly lastSeq: number | null; readonly snapshotApplied: boolean },
): string {
  if (answer === null) return syncUnanswered(timeoutMs);
  if (problem !== null) return problem;
  const reply = SyncReply.safeParse(answer);
  if (!reply.success) return `sync failed: invalid reply (${describeIssues(reply.error)})`;
  if (reply.data.mode === 'error') return `sync failed: ${reply.data.reason}`;
  const answered = `sync failed: the site answered seq ${reply.data.seq}`;
  // Only a snapshot is asked for last: the reply alone cannot place the hub in a stream.
  if (!held.snapshotApplied) return `${answered} but sent no snapshot`;
  return `${answered} but sent only up to ${held.lastSeq ?? 'nothing'}`;
}
