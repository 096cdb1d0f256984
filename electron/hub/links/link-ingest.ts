import type { z } from 'zod';
import type { Clock } from '../../../shared/clock.js';
import { describeIssues } from '../../../shared/protocol/errors.js';
import {
  EventBatch,
  Heartbeat,
  Hello,
  Snapshot,
  SyncReply,
  oversizedArray,
  type SyncRequest,
} from '../../../shared/protocol/messages.js';
import { Freshness } from './freshness.js';
import { oversizeReason } from './link-reasons.js';
import type { LinkStatus } from './link-status.js';
import type { LinkCounters, SiteSink } from './link-types.js';
import { Sequencer } from './sequencer.js';

/** What the data asks of the link: a resume from the last seq, a snapshot, or nothing. */
export type Repair = 'resume' | 'snapshot' | null;

/**
 * The data half of a site link: validates what arrives, applies it in order through the
 * sequencer, keeps the data's freshness (and why it stalled), and says when a resync is needed.
 * The link owns the connection, the syncs and their brakes.
 */
export class LinkIngest {
  readonly sequencer = new Sequencer();
  readonly freshness = new Freshness();
  /** Why the running sync cannot succeed though answered (its snapshot was refused). */
  syncProblem: string | null = null;
  /** Whether the running sync brought a snapshot: only then does a snapshot answer place us. */
  snapshotApplied = false;

  constructor(
    private readonly counters: LinkCounters,
    private readonly clock: Clock,
    private readonly sink: SiteSink,
  ) {}

  /**
   * Whether a message may be used at this point of the connection: a hello only as its first
   * message, a snapshot only while a sync asked for is under way, events only once one was asked
   * for, a heartbeat only after the hello. Anything else is counted as a bad payload and
   * dropped, so nothing a site sends before the hub knows who it is (or unasked) is ever applied
   * or taken as a sign of life. On a connection being dropped (paused, given up) what still
   * arrives is not used, and not counted.
   */
  inTurn(event: 'hello' | 'snapshot' | 'events' | 'heartbeat', status: LinkStatus): boolean {
    if (status !== 'connecting' && status !== 'syncing' && status !== 'streaming') return false;
    const problem = outOfTurn(event, status);
    if (problem === null) return true;
    this.reject(event, problem, status);
    return false;
  }

  hello(payload: unknown, status: LinkStatus): Hello | null {
    return this.validate('hello', Hello, payload, status);
  }

  /** A sync starts: nothing it brings is known yet, and out-of-order events wait for it. */
  beginSync(): void {
    this.syncProblem = null;
    this.snapshotApplied = false;
    this.sequencer.beginResync();
  }

  snapshot(payload: unknown, status: LinkStatus): void {
    const snapshot = this.validate('snapshot', Snapshot, payload, status);
    if (!snapshot) return;
    this.snapshotApplied = true;
    this.sequencer.reset(snapshot.stream, snapshot.seq);
    const now = this.clock.now();
    this.freshness.applied(now);
    this.sink.snapshot(snapshot, now);
  }

  events(payload: unknown, status: LinkStatus): Repair {
    const batch = this.validate('events', EventBatch, payload, status);
    if (!batch) return null;
    const now = this.clock.now();
    this.freshness.message(now);
    if (!this.sequencer.isCurrent(batch.stream)) {
      // Events of a stream we are not positioned in: only a snapshot can place us.
      this.freshness.stalled('foreign-stream', 'site sends events of another stream', now);
      return 'snapshot';
    }
    const result = this.sequencer.accept(batch.events);
    this.counters.duplicates += result.duplicates;
    if (result.apply.length > 0) {
      this.freshness.applied(now);
      this.sink.events(result.apply, batch.stream, now);
    }
    if (!result.gap) return null;
    const { expected, got } = result.gap;
    this.freshness.stalled('gap', `site sent seq ${got} after ${expected - 1}; resyncing`, now);
    return 'resume';
  }

  /**
   * Whether a sync's answer says the hub now holds everything up to the seq the site has. Past
   * that seq is fine: live events sent right after the reply can arrive in the same read and
   * are applied before the awaited answer is looked at. A snapshot asked for or answered must
   * have arrived in this sync, else the position held from before could pass for it; a resume
   * must still be in the stream it asked about.
   */
  caughtUp(answer: unknown, request: SyncRequest): boolean {
    const reply = SyncReply.safeParse(answer);
    if (!reply.success || reply.data.mode === 'error') return false;
    const wantsSnapshot = request.after === null || reply.data.mode === 'snapshot';
    if (wantsSnapshot && !this.snapshotApplied) return false;
    const { stream, lastSeq } = this.sequencer;
    const sameStream = this.snapshotApplied || stream === request.stream;
    return sameStream && lastSeq !== null && lastSeq >= reply.data.seq;
  }

  /** A sync sent at `sentAt` went unanswered: the reason says since when (the first one). */
  unanswered(sentAt: number, resync: boolean): void {
    const text = `site sends data but has not answered a ${resync ? 'resync' : 'sync'}`;
    this.freshness.stalled('sync-unanswered', text, sentAt);
  }

  /**
   * A heartbeat is fresh data only when it confirms the seq the hub holds, of the current
   * stream, while streaming with no resync outstanding (`repairing`).
   */
  heartbeat(payload: unknown, status: LinkStatus, repairing: boolean): Repair {
    const heartbeat = this.validate('heartbeat', Heartbeat, payload, status);
    if (!heartbeat) return null;
    const now = this.clock.now();
    this.freshness.message(now);
    if (status !== 'streaming') return null;
    if (!this.sequencer.isCurrent(heartbeat.stream)) {
      // The site started another stream: our data is from the old one, so it is not fresh.
      this.freshness.stalled('foreign-stream', 'site switched to another stream', now);
      return 'snapshot';
    }
    const gap = this.sequencer.checkHeartbeat(heartbeat.stream, heartbeat.seq);
    if (gap) {
      const text = `site announced seq ${gap.got} but sent only up to ${gap.expected - 1}; resyncing`;
      this.freshness.stalled('gap', text, now);
      return 'resume';
    }
    if (heartbeat.seq === this.sequencer.lastSeq && !repairing) {
      this.freshness.applied(now);
      this.sink.confirmed?.(heartbeat.stream, heartbeat.seq, now);
    }
    return null;
  }

  private validate<T>(
    event: string,
    schema: z.ZodType<T>,
    payload: unknown,
    status: LinkStatus,
  ): T | null {
    const oversized = oversizedArray(payload);
    if (oversized !== null) {
      if (status === 'syncing') this.syncProblem = oversizeReason(event, payload);
      return this.reject(event, oversized, status);
    }
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    const problem = describeIssues(parsed.error);
    if (status === 'syncing' && event === 'snapshot') {
      this.syncProblem = `snapshot refused: ${problem}`;
    }
    return this.reject(event, problem, status);
  }

  /** Counts a bad payload, remembering what was wrong with it, and drops it. */
  private reject(event: string, problem: string, status: LinkStatus): null {
    this.counters.badPayloads++;
    this.counters.lastBadPayload = `${event}: ${problem}`;
    const now = this.clock.now();
    this.freshness.heard(now);
    if (status === 'streaming') {
      // Before streaming, the failed handshake or sync says more precisely what went wrong.
      const text = `site sends invalid data (first: ${event}: ${problem})`;
      this.freshness.stalled('invalid', text, now);
    }
    return null;
  }
}

/** Why `event` cannot be used while the connection is in `status`, or null when it can. */
function outOfTurn(
  event: 'hello' | 'snapshot' | 'events' | 'heartbeat',
  status: 'connecting' | 'syncing' | 'streaming',
): string | null {
  switch (event) {
    case 'hello':
      return status === 'connecting' ? null : `repeated while ${status}`;
    case 'snapshot':
      if (status === 'syncing') return null;
      return status === 'connecting'
        ? 'sent before a sync was asked for'
        : 'sent while streaming, with no sync asked for';
    case 'events':
      return status === 'connecting' ? 'sent before a sync was asked for' : null;
    case 'heartbeat':
      // Before its hello the hub does not know who sends it: not even a sign of life.
      return status === 'connecting' ? 'sent before the hello' : null;
  }
}
