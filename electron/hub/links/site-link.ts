import type { TechnicianAction } from '../../../shared/alerts/technician-action.js';
import type { SyncRequest } from '../../../shared/protocol/messages.js';
import { DEFAULT_BUDGETS, type SiteLinkConfig } from '../config/hub-options.js';
import { deliverAction, type Delivered } from './ack-request.js';
import { HelloGate } from './hello-gate.js';
import { linkInbound, type LinkInbound } from './link-inbound.js';
import { LinkIngest } from './link-ingest.js';
import { syncFailure, syncUnanswered } from './link-reasons.js';
import { LinkResync } from './link-resync.js';
import type { LinkFacts, LinkStatus } from './link-status.js';
import { Deadline, RetryTimer } from './link-timers.js';
import { zeroLinkCounters, type LinkCounters, type SiteLinkDeps } from './link-types.js';
import { PendingRequests, TIMED_OUT } from './pending-requests.js';
import { RatePause } from './rate-pause.js';
import { createSiteSocket, type SiteSocket } from './site-socket.js';

/**
 * One live connection to one site: handshake, sync (resume or snapshot), ordered ingest, and
 * reconnection with backoff. Never throws on bad input; counts it.
 */
export class SiteLink {
  readonly counters: LinkCounters = zeroLinkCounters();
  private socket: SiteSocket | null = null;
  private status: LinkStatus = 'idle';
  private reason: string | null = null;
  private readonly startedAt: number;
  private readonly ingest: LinkIngest;
  /** Bumped per connection so late answers from an old connection are ignored. */
  private generation = 0;
  private hasSynced = false;
  private hasStreamed = false;
  private readonly retry: RetryTimer;
  private readonly requests: PendingRequests;
  private readonly requestTimeoutMs: number;
  /** Until a connection is streaming, it must get there by this deadline or be retried. */
  private readonly handshake: Deadline;
  private readonly helloGate: HelloGate;
  private readonly resync: LinkResync;
  private syncSentAt = 0;
  private readonly rate: RatePause;
  private readonly inbound: LinkInbound;
  /** The protocol version the site's last accepted hello announced. */
  private peerVersion: string | null = null;

  constructor(
    readonly config: SiteLinkConfig,
    private readonly deps: SiteLinkDeps,
  ) {
    this.startedAt = deps.clock.now();
    this.requestTimeoutMs = deps.requestTimeoutMs ?? 10_000;
    this.requests = new PendingRequests(deps.clock, this.requestTimeoutMs);
    this.ingest = new LinkIngest(this.counters, deps.clock, deps.sink);
    this.helloGate = new HelloGate(this.ingest, this.counters);
    this.resync = new LinkResync({
      clock: deps.clock,
      reconnect: deps.reconnect,
      sequencer: this.ingest.sequencer,
      streaming: () => this.status === 'streaming',
      sync: (request) => {
        void this.sync(request);
      },
    });
    this.rate = new RatePause(deps.budgets ?? DEFAULT_BUDGETS, deps.reconnect, () => this.lastSeq);
    this.retry = new RetryTimer(deps.clock, deps.reconnect, deps.random);
    this.handshake = new Deadline(deps.clock);
    this.inbound = linkInbound({
      clock: deps.clock,
      counters: this.counters,
      ingest: this.ingest,
      rate: this.rate,
      resync: this.resync,
      status: () => this.status,
      pause: () => {
        this.pause();
      },
    });
  }

  facts(): LinkFacts {
    const { status, startedAt } = this;
    const { lastMessageAt, lastAppliedAt, stallReason, storedAt } = this.ingest.freshness;
    // Another site at the address says more than anything about this site's data; a pause or a
    // stall explains more than the connection error that followed from it. Once the paused link
    // tries again, what happens to that attempt is news again.
    const pause = this.rate.paused ? this.rate.reason : null;
    const conflict = this.helloGate.conflict;
    const reason =
      status === 'refused' ? this.reason : (conflict ?? pause ?? stallReason ?? this.reason);
    return { status, reason, lastMessageAt, lastAppliedAt, startedAt, storedAt };
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
    const timers = this.retry.pending + this.handshake.pending + this.resync.pending;
    return this.requests.size + timers + (this.socket ? 1 : 0);
  }

  /**
   * Starts from what the store holds: the hub resumes the site's stream after `seq` (a replay)
   * and ages the data from `dataAt` until the site sends more. Only before start().
   */
  restore(stored: { stream: string; seq: number; dataAt: number | null }): void {
    if (this.status !== 'idle') return;
    this.ingest.sequencer.reset(stored.stream, stored.seq);
    if (stored.dataAt !== null) this.ingest.freshness.restored(stored.dataAt);
  }

  start(): void {
    if (this.status !== 'idle') return;
    this.connect();
  }

  dispose(): void {
    this.setStatus('disposed');
    this.retry.cancel();
    this.handshake.clear();
    this.resync.cancel();
    this.requests.cancelAll();
    this.socket?.removeAllListeners();
    this.socket?.io.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  /** True while the link is streaming: a technician's action can be delivered now. */
  get streaming(): boolean {
    return this.status === 'streaming';
  }

  /** One attempt to deliver a technician's action (see deliverAction); the outbox retries. */
  deliver(action: TechnicianAction): Promise<Delivered> {
    const { socket, requests, counters, peerVersion } = this;
    const link = { siteId: this.config.id, streaming: this.streaming, peerVersion };
    return deliverAction({ ...link, socket, requests, counters }, action);
  }

  private connect(): void {
    this.generation++;
    this.rate.reconnected();
    this.setStatus('connecting');
    this.startHandshake();
    this.socket ??= createSiteSocket(this.config, {
      clientName: this.deps.clientName ?? 'noc-wallboard',
      connectTimeoutMs: this.deps.connectTimeoutMs ?? 10_000,
      onRefused: (reason) => {
        this.refuse(reason);
      },
      onConnectionLost: (reason) => {
        this.retryLater(reason);
      },
      onBytes: this.inbound.bytes,
      onMessage: {
        hello: (payload) => {
          this.onHello(payload);
        },
        snapshot: this.inbound.snapshot,
        events: this.inbound.events,
        heartbeat: this.inbound.heartbeat,
      },
    });
    this.socket.connect();
  }

  /**
   * A site that accepts the TCP connection but never says hello, never lets the handshake
   * through, or never answers the sync would otherwise hold the link in "connecting" forever.
   */
  private startHandshake(): void {
    const ms = this.requestTimeoutMs;
    this.handshake.start(ms, () => {
      if (this.status === 'syncing') {
        this.ingest.unanswered(this.syncSentAt, this.hasStreamed);
        // What it sent meanwhile was no replay (it never said so): over the budget, a pause.
        if (this.rate.synced(null, this.deps.clock.now())) this.pause();
        else this.giveUp(syncUnanswered(ms));
      } else if (this.status === 'connecting') {
        this.giveUp(`the site did not complete the handshake within ${Math.round(ms / 1000)} s`);
      }
    });
  }

  /** A connection's first hello starts its sync (see HelloGate for the rest). */
  private onHello(payload: unknown): void {
    const verdict = this.helloGate.check(payload, this.status);
    if (verdict.kind === 'refused') this.refuse(verdict.reason);
    if (verdict.kind === 'retry') this.giveUp(verdict.reason);
    if (verdict.kind !== 'accepted') return;
    const { hello, changed } = verdict;
    this.peerVersion = hello.protocolVersion;
    this.ingest.freshness.greeted(this.deps.clock.now());
    if (changed) this.deps.sink.hello(hello);
    const { stream, lastSeq } = this.ingest.sequencer;
    const resume = stream === hello.stream && lastSeq !== null;
    void this.sync(resume ? { stream, after: lastSeq } : { stream: null, after: null });
  }

  /** Resume after `request.after`, or take a snapshot; falls back to a snapshot if resume fails. */
  private async sync(request: SyncRequest): Promise<void> {
    const generation = this.generation;
    const { sequencer, freshness } = this.ingest;
    if (this.hasSynced) this.counters.resyncs++;
    this.hasSynced = true;
    this.syncSentAt = this.deps.clock.now();
    this.ingest.beginSync();
    this.rate.syncStarted(request);
    this.setStatus('syncing');
    const answer = await this.requests.send(this.socket, 'sync', request);
    if (generation !== this.generation || this.status !== 'syncing') return;
    if (answer === TIMED_OUT) this.ingest.unanswered(this.syncSentAt, this.hasStreamed);
    else freshness.clear('sync-unanswered');
    if (this.rate.synced(answer, this.deps.clock.now())) {
      this.pause();
      return;
    }
    if (answer !== TIMED_OUT && this.ingest.caughtUp(answer, request)) {
      sequencer.endResync();
      this.retry.succeeded();
      this.reason = null;
      this.rate.streaming();
      this.hasStreamed = true;
      this.handshake.clear();
      this.setStatus('streaming');
    } else if (request.after !== null) {
      void this.sync({ stream: null, after: null });
    } else {
      const timeoutMs = this.requestTimeoutMs;
      const problem = this.ingest.syncProblem;
      const held = { lastSeq: sequencer.lastSeq, snapshotApplied: this.ingest.snapshotApplied };
      this.giveUp(syncFailure(answer === TIMED_OUT ? null : answer, problem, timeoutMs, held));
    }
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
    this.handshake.clear();
    this.resync.cancel();
    this.reason = reason;
    this.setStatus('refused');
    this.socket?.disconnect();
  }

  private retryLater(reason: string, delayMs?: number): void {
    if (this.status === 'refused' || this.status === 'disposed') return;
    const retry = () => {
      this.counters.reconnects++;
      this.connect();
    };
    if (!this.retry.schedule(retry, delayMs)) return;
    this.handshake.clear();
    this.resync.reset();
    this.generation++;
    this.reason = reason;
    this.setStatus('waiting');
  }

  private setStatus(status: LinkStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.deps.onStatus();
  }
}
