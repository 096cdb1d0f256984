import type { TimerHandle } from '../../../shared/clock.js';
import { describeIssues } from '../../../shared/protocol/errors.js';
import {
  AckReply,
  SyncReply,
  type AckRequest,
  type SyncRequest,
} from '../../../shared/protocol/messages.js';
import { protocolMismatch } from '../../../shared/protocol/version.js';
import { DEFAULT_BUDGETS, type SiteLinkConfig } from '../config/hub-options.js';
import { backoffDelay } from './backoff.js';
import { LinkIngest, type Repair } from './link-ingest.js';
import { ackMismatch, idConflict, syncFailure, syncUnanswered } from './link-reasons.js';
import type { LinkFacts, LinkStatus } from './link-status.js';
import type { LinkCounters, SiteLinkDeps } from './link-types.js';
import { PendingRequests, TIMED_OUT } from './pending-requests.js';
import { RatePause, eventCount } from './rate-pause.js';
import { ResyncBrake } from './resync-brake.js';
import { createSiteSocket, type SiteSocket } from './site-socket.js';

/** The first resync backoff; it doubles up to the reconnect maximum. */
const RESYNC_INITIAL_DELAY_MS = 250;

/**
 * One live connection to one site: handshake, sync (resume or snapshot), ordered ingest, and
 * reconnection with backoff. Never throws on bad input; counts it.
 */
export class SiteLink {
  readonly counters: LinkCounters = {
    badPayloads: 0,
    lastBadPayload: null,
    duplicates: 0,
    reconnects: 0,
    resyncs: 0,
    idConflicts: 0,
    ackMismatches: 0,
    droppedOverBudget: 0,
  };
  private socket: SiteSocket | null = null;
  private status: LinkStatus = 'idle';
  private reason: string | null = null;
  private readonly startedAt: number;
  private readonly ingest: LinkIngest;
  private attempt = 0;
  /** Bumped per connection so late answers from an old connection are ignored. */
  private generation = 0;
  private hasSynced = false;
  private hasStreamed = false;
  private retryTimer: TimerHandle | null = null;
  private readonly requests: PendingRequests;
  private readonly requestTimeoutMs: number;
  /** Until a connection is streaming, it must get there by this deadline or be retried. */
  private handshakeTimer: TimerHandle | null = null;
  /** The site id the first hello announced: another one at this address is refused. */
  private knownSiteId: string | null = null;
  private readonly resyncBrake: ResyncBrake;
  /** A braked resync that must be a snapshot (another stream), not a resume. */
  private resyncNeedsSnapshot = false;
  private syncSentAt = 0;
  private readonly rate: RatePause;

  constructor(
    readonly config: SiteLinkConfig,
    private readonly deps: SiteLinkDeps,
  ) {
    this.startedAt = deps.clock.now();
    this.requestTimeoutMs = deps.requestTimeoutMs ?? 10_000;
    this.requests = new PendingRequests(deps.clock, this.requestTimeoutMs);
    this.ingest = new LinkIngest(this.counters, deps.clock, deps.sink);
    this.resyncBrake = new ResyncBrake(deps.clock, {
      initialDelayMs: RESYNC_INITIAL_DELAY_MS,
      maxDelayMs: deps.reconnect.maxDelayMs,
      resetAfterMs: 4 * Math.max(deps.reconnect.maxDelayMs, RESYNC_INITIAL_DELAY_MS),
    });
    this.rate = new RatePause(deps.budgets ?? DEFAULT_BUDGETS, deps.reconnect);
  }

  facts(): LinkFacts {
    const { status, startedAt } = this;
    const { lastMessageAt, lastAppliedAt, stallReason } = this.ingest.freshness;
    // A pause or a stall explains more than the connection error that followed from it; once
    // the paused link tries again, what happens to that attempt is news again.
    const pause = this.rate.paused ? this.rate.reason : null;
    const reason = status === 'refused' ? this.reason : (pause ?? stallReason ?? this.reason);
    return { status, reason, lastMessageAt, lastAppliedAt, startedAt };
  }

  /** Why the link is paused over a rate budget (events/s, bytes/s), else null. */
  get degraded(): string | null {
    return this.rate.reason;
  }

  get lastSeq(): number | null {
    return this.ingest.sequencer.lastSeq;
  }

  /** Timers and sockets this link holds; zero after dispose. */
  get openResources(): number {
    const timers = (this.retryTimer ? 1 : 0) + (this.handshakeTimer ? 1 : 0);
    return this.requests.size + timers + this.resyncBrake.pending + (this.socket ? 1 : 0);
  }

  start(): void {
    if (this.status !== 'idle') return;
    this.connect();
  }

  dispose(): void {
    this.setStatus('disposed');
    if (this.retryTimer) this.deps.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.clearHandshakeTimer();
    this.resyncBrake.cancel();
    this.requests.cancelAll();
    this.socket?.removeAllListeners();
    this.socket?.io.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  /**
   * Sends a technician's acknowledgement; resolves with the site's confirmation. A reply naming
   * another ack id confirms nothing we sent: counted, and reported as not confirmed. (A second
   * reply to the same request never reaches us: socket.io calls an ack callback once.)
   */
  async acknowledge(request: AckRequest): Promise<AckReply> {
    const refuse = (reason: string): AckReply => ({ ok: false, ackId: request.ackId, reason });
    if (this.status !== 'streaming') return refuse(`site ${this.config.id} is not connected`);
    const answer = await this.requests.send(this.socket, 'alert.ack', request);
    if (answer === TIMED_OUT) return refuse(`site ${this.config.id} did not confirm in time`);
    const reply = AckReply.safeParse(answer);
    if (!reply.success) return refuse(`invalid reply: ${describeIssues(reply.error)}`);
    if (reply.data.ackId !== request.ackId) {
      this.counters.ackMismatches++;
      return refuse(ackMismatch(reply.data.ackId));
    }
    return reply.data;
  }

  private connect(): void {
    this.generation++;
    this.rate.reconnected();
    this.setStatus('connecting');
    this.startHandshakeTimer();
    this.socket ??= createSiteSocket(this.config, {
      clientName: this.deps.clientName ?? 'noc-wallboard',
      connectTimeoutMs: this.deps.connectTimeoutMs ?? 10_000,
      onRefused: (reason) => {
        this.refuse(reason);
      },
      onConnectionLost: (reason) => {
        this.retryLater(reason);
      },
      onBytes: (bytes) => {
        if (this.status !== 'disposed' && this.rate.bytes(bytes, this.deps.clock.now())) {
          this.pause();
        }
      },
      onMessage: {
        hello: (payload) => {
          this.onHello(payload);
        },
        snapshot: (payload) => {
          if (!this.rate.paused) this.ingest.snapshot(payload, this.status);
        },
        events: (payload) => {
          this.onEvents(payload);
        },
        heartbeat: (payload) => {
          if (this.rate.paused) return;
          const repairing = this.resyncBrake.pending > 0;
          this.repair(this.ingest.heartbeat(payload, this.status, repairing));
        },
      },
    });
    this.socket.connect();
  }

  /**
   * A site that accepts the TCP connection but never says hello, never lets the handshake
   * through, or never answers the sync would otherwise hold the link in "connecting" forever.
   */
  private startHandshakeTimer(): void {
    this.clearHandshakeTimer();
    const ms = this.requestTimeoutMs;
    this.handshakeTimer = this.deps.clock.setTimeout(() => {
      this.handshakeTimer = null;
      if (this.status === 'syncing') {
        this.markUnanswered(this.syncSentAt);
        this.giveUp(syncUnanswered(ms));
      } else if (this.status === 'connecting') {
        this.giveUp(`the site did not complete the handshake within ${Math.round(ms / 1000)} s`);
      }
    }, ms);
  }

  private clearHandshakeTimer(): void {
    if (this.handshakeTimer) this.deps.clock.clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
  }

  private onHello(payload: unknown): void {
    const hello = this.ingest.hello(payload, this.status);
    if (!hello) {
      // Nothing can follow a hello we cannot read: try again later, saying why.
      this.giveUp(`unreadable hello (${this.counters.lastBadPayload ?? 'invalid'})`);
      return;
    }
    const mismatch = protocolMismatch(hello.protocolVersion);
    if (mismatch) {
      this.refuse(mismatch);
      return;
    }
    if (this.knownSiteId !== null && hello.siteId !== this.knownSiteId) {
      // Another site answers at this address: never let its devices replace this site's, but
      // keep trying (capped backoff), so the right site is back as soon as it answers again.
      this.counters.idConflicts++;
      this.giveUp(idConflict(hello.siteId, this.knownSiteId));
      return;
    }
    this.ingest.freshness.greeted(this.deps.clock.now());
    this.knownSiteId = hello.siteId;
    this.deps.sink.hello(hello);
    const { stream, lastSeq } = this.ingest.sequencer;
    const resume = stream === hello.stream && lastSeq !== null;
    void this.sync(resume ? { stream, after: lastSeq } : { stream: null, after: null });
  }

  private onEvents(payload: unknown): void {
    const count = eventCount(payload);
    if (!this.rate.paused && this.rate.events(count, this.deps.clock.now())) this.pause();
    if (this.rate.paused) {
      // Not applied: the resume after the pause replays them.
      this.counters.droppedOverBudget += count;
      return;
    }
    this.repair(this.ingest.events(payload, this.status));
  }

  /** A resync (a resume, or a snapshot for another stream), braked by the resync backoff. */
  private repair(repair: Repair): void {
    if (repair === null || this.status !== 'streaming') return; // else a sync runs anyway
    this.resyncNeedsSnapshot ||= repair === 'snapshot';
    this.resyncBrake.request(() => {
      if (this.status !== 'streaming') return;
      const { stream, lastSeq } = this.ingest.sequencer;
      const resume = !this.resyncNeedsSnapshot && stream !== null && lastSeq !== null;
      this.resyncNeedsSnapshot = false;
      void this.sync(resume ? { stream, after: lastSeq } : { stream: null, after: null });
    });
  }

  /** Resume after `request.after`, or take a snapshot; falls back to a snapshot if resume fails. */
  private async sync(request: SyncRequest): Promise<void> {
    const generation = this.generation;
    const { sequencer, freshness } = this.ingest;
    if (this.hasSynced) this.counters.resyncs++;
    this.hasSynced = true;
    this.ingest.syncProblem = null;
    this.syncSentAt = this.deps.clock.now();
    sequencer.beginResync();
    this.setStatus('syncing');
    const answer = await this.requests.send(this.socket, 'sync', request);
    if (generation !== this.generation || this.status !== 'syncing') return;
    if (answer === TIMED_OUT) this.markUnanswered(this.syncSentAt);
    else freshness.clear('sync-unanswered');
    const reply = answer === TIMED_OUT ? null : SyncReply.safeParse(answer);
    const caughtUp =
      reply?.success === true &&
      reply.data.mode !== 'error' &&
      sequencer.lastSeq === reply.data.seq;
    if (caughtUp) {
      sequencer.endResync();
      this.attempt = 0;
      this.reason = null;
      this.rate.streaming();
      this.hasStreamed = true;
      this.clearHandshakeTimer();
      this.setStatus('streaming');
    } else if (request.after !== null) {
      void this.sync({ stream: null, after: null });
    } else {
      const timeoutMs = this.requestTimeoutMs;
      const problem = this.ingest.syncProblem;
      this.giveUp(syncFailure(answer === TIMED_OUT ? null : answer, problem, timeoutMs, sequencer));
    }
  }

  /** Keeps the time of the first sync left unanswered: the reason says since when. */
  private markUnanswered(sentAt: number): void {
    const text = `site sends data but has not answered a ${this.hasStreamed ? 'resync' : 'sync'}`;
    this.ingest.freshness.stalled('sync-unanswered', text, sentAt);
  }

  /**
   * Over a rate budget: drop the connection and come back after the pause. What the hub holds
   * goes stale meanwhile, honestly; the resume on return replays what was dropped.
   */
  private pause(): void {
    this.retryLater(this.rate.reason ?? 'over a rate budget', this.rate.delayMs);
    // Not from inside socket.io's own message handling: once it has finished with this frame.
    const generation = this.generation;
    queueMicrotask(() => {
      if (generation === this.generation) this.socket?.disconnect();
    });
  }

  /** This connection cannot go on: drop it and try again later, saying why. */
  private giveUp(reason: string): void {
    this.retryLater(reason);
    this.socket?.disconnect();
  }

  private refuse(reason: string): void {
    this.clearHandshakeTimer();
    this.resyncBrake.cancel();
    this.reason = reason;
    this.setStatus('refused');
    this.socket?.disconnect();
  }

  private retryLater(reason: string, delayMs?: number): void {
    if (this.status === 'refused' || this.status === 'disposed' || this.retryTimer) return;
    this.clearHandshakeTimer();
    this.resyncBrake.cancel();
    this.resyncNeedsSnapshot = false; // the next connection's hello decides resume or snapshot
    this.generation++;
    this.reason = reason;
    this.setStatus('waiting');
    const delay = delayMs ?? backoffDelay(this.attempt++, this.deps.reconnect, this.deps.random);
    this.retryTimer = this.deps.clock.setTimeout(() => {
      this.retryTimer = null;
      this.counters.reconnects++;
      this.connect();
    }, delay);
  }

  private setStatus(status: LinkStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.deps.onStatus();
  }
}
