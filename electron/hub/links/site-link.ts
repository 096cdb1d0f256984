import type { z } from 'zod';
import type { TimerHandle } from '../../../shared/clock.js';
import { describeIssues } from '../../../shared/protocol/errors.js';
import {
  AckReply,
  EventBatch,
  Heartbeat,
  Hello,
  Snapshot,
  SyncReply,
  oversizedArray,
  type AckRequest,
  type SyncRequest,
} from '../../../shared/protocol/messages.js';
import { protocolMismatch } from '../../../shared/protocol/version.js';
import type { SiteLinkConfig } from '../config/hub-options.js';
import { backoffDelay } from './backoff.js';
import type { LinkFacts, LinkStatus } from './link-status.js';
import type { LinkCounters, SiteLinkDeps } from './link-types.js';
import { PendingRequests, TIMED_OUT } from './pending-requests.js';
import { Sequencer } from './sequencer.js';
import { createSiteSocket, type SiteSocket } from './site-socket.js';

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
  };
  private socket: SiteSocket | null = null;
  private status: LinkStatus = 'idle';
  private reason: string | null = null;
  private lastMessageAt: number | null = null;
  private readonly startedAt: number;
  private readonly sequencer = new Sequencer();
  private attempt = 0;
  /** Bumped per connection so late answers from an old connection are ignored. */
  private generation = 0;
  private hasSynced = false;
  private retryTimer: TimerHandle | null = null;
  private readonly requests: PendingRequests;
  /** Until a connection is streaming, it must get there by this deadline or be retried. */
  private handshakeTimer: TimerHandle | null = null;
  /** The site id the first hello announced: another one at this address is refused. */
  private knownSiteId: string | null = null;

  constructor(
    readonly config: SiteLinkConfig,
    private readonly deps: SiteLinkDeps,
  ) {
    this.startedAt = deps.clock.now();
    this.requests = new PendingRequests(deps.clock, deps.requestTimeoutMs ?? 10_000);
  }

  facts(): LinkFacts {
    const { status, reason, lastMessageAt, startedAt } = this;
    return { status, reason, lastMessageAt, startedAt };
  }

  /** Why the link is over a rate budget (events/s, bytes/s), else null. Not built yet. */
  get degraded(): string | null {
    return null;
  }

  get lastSeq(): number | null {
    return this.sequencer.lastSeq;
  }

  /** Timers and sockets this link holds; zero after dispose. */
  get openResources(): number {
    const timers = (this.retryTimer ? 1 : 0) + (this.handshakeTimer ? 1 : 0);
    return this.requests.size + timers + (this.socket ? 1 : 0);
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
    this.requests.cancelAll();
    this.socket?.removeAllListeners();
    this.socket?.io.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
  }

  /** Sends a technician's acknowledgement; resolves with the site's confirmation. */
  async acknowledge(request: AckRequest): Promise<AckReply> {
    const refuse = (reason: string): AckReply => ({ ok: false, ackId: request.ackId, reason });
    if (this.status !== 'streaming') return refuse(`site ${this.config.id} is not connected`);
    const answer = await this.requests.send(this.socket, 'alert.ack', request);
    if (answer === TIMED_OUT) return refuse(`site ${this.config.id} did not confirm in time`);
    const reply = AckReply.safeParse(answer);
    return reply.success ? reply.data : refuse(`invalid reply: ${describeIssues(reply.error)}`);
  }

  private connect(): void {
    this.generation++;
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
      onMessage: {
        hello: (payload) => {
          this.onHello(payload);
        },
        snapshot: (payload) => {
          this.onSnapshot(payload);
        },
        events: (payload) => {
          this.onEvents(payload);
        },
        heartbeat: (payload) => {
          this.onHeartbeat(payload);
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
    const ms = this.deps.requestTimeoutMs ?? 10_000;
    this.handshakeTimer = this.deps.clock.setTimeout(() => {
      this.handshakeTimer = null;
      if (this.status !== 'connecting' && this.status !== 'syncing') return;
      this.retryLater(`the site did not complete the handshake within ${Math.round(ms / 1000)} s`);
      this.socket?.disconnect();
    }, ms);
  }

  private clearHandshakeTimer(): void {
    if (this.handshakeTimer) this.deps.clock.clearTimeout(this.handshakeTimer);
    this.handshakeTimer = null;
  }

  private onHello(payload: unknown): void {
    const hello = this.validate('hello', Hello, payload);
    if (!hello) {
      // Nothing can follow a hello we cannot read: try again later, saying why.
      this.retryLater(`unreadable hello (${this.counters.lastBadPayload ?? 'invalid'})`);
      this.socket?.disconnect();
      return;
    }
    const mismatch = protocolMismatch(hello.protocolVersion);
    if (mismatch) {
      this.refuse(mismatch);
      return;
    }
    if (this.knownSiteId !== null && hello.siteId !== this.knownSiteId) {
      // Another site now answers at this address: never let its devices replace this site's.
      this.refuse(`the site now says it is "${hello.siteId}", not "${this.knownSiteId}"`);
      return;
    }
    this.knownSiteId = hello.siteId;
    this.deps.sink.hello(hello);
    const { stream, lastSeq } = this.sequencer;
    const resume = stream === hello.stream && lastSeq !== null;
    void this.sync(resume ? { stream, after: lastSeq } : { stream: null, after: null });
  }

  private onSnapshot(payload: unknown): void {
    const snapshot = this.validate('snapshot', Snapshot, payload);
    if (!snapshot) return;
    this.lastMessageAt = this.deps.clock.now();
    this.sequencer.reset(snapshot.stream, snapshot.seq);
    this.deps.sink.snapshot(snapshot);
  }

  private onEvents(payload: unknown): void {
    const batch = this.validate('events', EventBatch, payload);
    if (!batch) return;
    this.lastMessageAt = this.deps.clock.now();
    if (!this.sequencer.isCurrent(batch.stream)) {
      // Events of a stream we are not positioned in: only a snapshot can place us.
      if (this.status === 'streaming') void this.sync({ stream: null, after: null });
      return;
    }
    const result = this.sequencer.accept(batch.events);
    this.counters.duplicates += result.duplicates;
    if (result.apply.length > 0) this.deps.sink.events(result.apply);
    if (result.gap) void this.sync({ stream: batch.stream, after: result.gap.expected - 1 });
  }

  private onHeartbeat(payload: unknown): void {
    const heartbeat = this.validate('heartbeat', Heartbeat, payload);
    if (!heartbeat) return;
    if (this.status === 'streaming' && !this.sequencer.isCurrent(heartbeat.stream)) {
      // The site started another stream: our data is from the old one, so it is not fresh.
      void this.sync({ stream: null, after: null });
      return;
    }
    this.lastMessageAt = this.deps.clock.now();
    const gap = this.sequencer.checkHeartbeat(heartbeat.stream, heartbeat.seq);
    if (gap) void this.sync({ stream: heartbeat.stream, after: gap.expected - 1 });
  }

  /** Resume after `request.after`, or take a snapshot; falls back to a snapshot if resume fails. */
  private async sync(request: SyncRequest): Promise<void> {
    const generation = this.generation;
    if (this.hasSynced) this.counters.resyncs++;
    this.hasSynced = true;
    this.sequencer.beginResync();
    this.setStatus('syncing');
    const answer = await this.requests.send(this.socket, 'sync', request);
    if (generation !== this.generation || this.status !== 'syncing') return;
    const reply = answer === TIMED_OUT ? null : SyncReply.safeParse(answer);
    const caughtUp =
      reply?.success === true &&
      reply.data.mode !== 'error' &&
      this.sequencer.lastSeq === reply.data.seq;
    if (caughtUp) {
      this.sequencer.endResync();
      this.attempt = 0;
      this.reason = null;
      this.clearHandshakeTimer();
      this.setStatus('streaming');
    } else if (request.after !== null) {
      void this.sync({ stream: null, after: null });
    } else {
      this.retryLater(answer === TIMED_OUT ? 'the site did not answer a sync' : 'sync failed');
      this.socket?.disconnect();
    }
  }

  private validate<T>(event: string, schema: z.ZodType<T>, payload: unknown): T | null {
    const oversized = oversizedArray(payload);
    if (oversized !== null) return this.reject(event, oversized);
    const parsed = schema.safeParse(payload);
    return parsed.success ? parsed.data : this.reject(event, describeIssues(parsed.error));
  }

  /** Counts a bad payload, remembering what was wrong with it, and drops it. */
  private reject(event: string, problem: string): null {
    this.counters.badPayloads++;
    this.counters.lastBadPayload = `${event}: ${problem}`;
    return null;
  }

  private refuse(reason: string): void {
    this.clearHandshakeTimer();
    this.reason = reason;
    this.setStatus('refused');
    this.socket?.disconnect();
  }

  private retryLater(reason: string): void {
    if (this.status === 'refused' || this.status === 'disposed' || this.retryTimer) return;
    this.clearHandshakeTimer();
    this.generation++;
    this.reason = reason;
    this.setStatus('waiting');
    const delay = backoffDelay(this.attempt++, this.deps.reconnect, this.deps.random);
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
