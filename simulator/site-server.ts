import { performance } from 'node:perf_hooks';
import { systemClock } from '../shared/system-clock.js';
import type { Clock } from '../shared/clock.js';
import type { SiteEvent, UnsequencedEvent } from '../shared/protocol/events.js';
import { siteModelToPlain } from '../shared/site-model/site-model.js';
import type { Journal } from './journal.js';
import { LiveFeed } from './live-feed.js';
import { helloFor } from './site-options.js';
import type { GroundTruth, SentFrames, SimSiteOptions } from './site-options.js';
import { AckLedger } from './ack-ledger.js';
import { attachSession } from './site-session.js';
import { loadSiteState } from './site-state.js';
import type { SiteState } from './site-state.js';
import { openTransport } from './site-transport.js';
import type { SiteTransport } from './site-transport.js';
import { NamedTimers } from './timers.js';
import type { SiteWorld } from './world.js';

export type { GroundTruth, SentFrames, SimSiteOptions } from './site-options.js';
export { AGENT_VERSION } from './site-options.js';

/**
 * A simulated site: the server end of protocol v1, fed by a SiteWorld and numbered by a Journal.
 * It also misbehaves on demand (goes silent, restarts its sockets, sends garbage) so the hub's
 * handling of each can be tested against a real socket.
 */
export class SimSite {
  readonly options: SimSiteOptions;
  readonly sentFrames: SentFrames = {
    hello: 0,
    snapshot: 0,
    events: 0,
    heartbeat: 0,
    malformed: 0,
  };
  private readonly clock: Clock;
  private readonly timers: NamedTimers;
  private readonly feed: LiveFeed;
  private readonly sentEvents: SiteEvent[] = [];
  private state: SiteState | null = null;
  private transport: SiteTransport | null = null;
  private restarting: Promise<void> | null = null;
  /** Kept across restarts and stop, so the URL stays known while the sockets are down. */
  private boundPort: number | null = null;

  constructor(options: SimSiteOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.timers = new NamedTimers(this.clock);
    this.feed = new LiveFeed(this.clock, this.sentFrames);
  }

  get siteId(): string {
    return this.options.siteId;
  }

  /** The port listened on (also while restarting or after stop); null before the first start. */
  get port(): number | null {
    return this.boundPort;
  }

  get url(): string {
    if (this.boundPort === null) throw new Error(`${this.siteId}: not started`);
    const scheme = this.options.tls ? 'https' : 'http';
    return `${scheme}://${this.options.host ?? '127.0.0.1'}:${this.boundPort}`;
  }

  /** The http server while listening (null once stopped). */
  get httpServer(): SiteTransport['http'] | null {
    return this.transport?.http ?? null;
  }

  /** What the site did with each acknowledgement id it received (kept across restarts). */
  readonly acks = new AckLedger();

  get world(): SiteWorld {
    return this.loaded().world;
  }

  get journal(): Journal {
    return this.loaded().journal;
  }

  /** Every numbered event, in order (empty when keepSent is false). */
  get sent(): readonly SiteEvent[] {
    return this.sentEvents;
  }

  /** Dashboards connected now (past the handshake), synced or not. */
  get connectedClients(): number {
    return this.transport?.io.of('/').sockets.size ?? 0;
  }

  /** Sockets that have synced and receive live events. */
  get liveSockets(): number {
    return this.feed.size;
  }

  get silent(): boolean {
    return this.feed.silent;
  }

  /** Pending timers (0 after stop). */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Listens and starts ticking; returns the URL. Continues the journal file if there is one. */
  async start(): Promise<string> {
    if (this.transport || this.restarting) throw new Error(`${this.siteId}: already started`);
    if (!this.state) {
      this.state = loadSiteState(this.options, this.clock, this.now());
      this.record(this.state.initial);
    }
    // Started again after stop(): the same port, so dashboards find the site where it was.
    await this.listen(this.options.port ?? this.boundPort ?? 0);
    const o = this.options;
    this.timers.every('tick', o.tickMs ?? 1000, () => {
      this.tickNow();
    });
    this.scheduleHeartbeat(o.heartbeatMs ?? 2000);
    const restartEvery = o.restartEveryMs ?? (o.scenario === 'restart' ? 15_000 : undefined);
    if (restartEvery !== undefined) {
      this.timers.every('restart', restartEvery, () => {
        this.restartSockets().catch((error: unknown) => {
          this.report(error);
        });
      });
    }
    const outageAfter = o.outageAfterMs ?? (o.scenario === 'outage' ? 10_000 : undefined);
    if (outageAfter !== undefined) {
      this.timers.after('outage', outageAfter, () => {
        this.goSilent();
        if (o.outageForMs !== undefined) {
          this.timers.after('wake', o.outageForMs, () => {
            this.wakeUp();
          });
        }
      });
    }
    return this.url;
  }

  /** Clears every timer, closes socket.io, the listener and every connection. */
  async stop(): Promise<void> {
    this.timers.clearAll();
    this.feed.dropHeld();
    // A restart that failed to listen again has already been reported; stop closes regardless.
    await this.restarting?.catch(() => undefined);
    await this.closeTransport();
  }

  /** The "restart" scenario: sockets and their state are lost, the journal is kept. */
  async restartSockets(): Promise<void> {
    const transport = this.transport;
    if (!transport || this.restarting) return;
    this.restarting = (async () => {
      await this.closeTransport();
      await this.listen(transport.port);
    })();
    try {
      await this.restarting;
    } finally {
      this.restarting = null;
    }
  }

  /** The "outage" scenario: sockets stay open but nothing is sent or answered until wakeUp(). */
  goSilent(): void {
    this.feed.goSilent();
  }

  /** Sends the live sockets what they missed, then answers what was held. */
  wakeUp(): void {
    this.feed.wake(this.loaded().journal);
  }

  /** Runs one tick now (the tick timer calls this); returns the events it numbered. */
  tickNow(): SiteEvent[] {
    const now = this.now();
    return this.publish(this.loaded().world.tick(now), now);
  }

  /**
   * Takes one device down (or brings it back) now, numbered, journaled and sent like a tick, so
   * a test knows exactly when a failure entered the chain. Throws for an unknown device id.
   */
  setDeviceDown(deviceId: string, down: boolean): void {
    const now = this.now();
    this.publish(this.loaded().world.setDeviceDown(deviceId, down, now), now);
  }

  /** How fast a device's disk fills from now on (percent per day): proactive-warning tests. */
  setDiskFill(deviceId: string, perDay: number): void {
    this.loaded().world.setDiskFill(deviceId, perDay);
  }

  /** Emits n malformed frames to the live sockets (never journaled); returns how many went out. */
  sendMalformed(n: number): number {
    const { journal } = this.loaded();
    return this.feed.malformed(n, journal.stream, journal.lastSeq + 1, this.now());
  }

  /**
   * Numbers and emits `count` metric samples in batches, as fast as the live sockets take them:
   * after each batch it yields and waits for their write buffers to drain, so memory stays flat.
   */
  async pushMetricBurst(count: number, batchSize = 500): Promise<number> {
    let done = 0;
    while (done < count && this.transport) {
      const at = this.now();
      const events = this.loaded().world.burstSamples(Math.min(batchSize, count - done), at);
      if (events.length === 0) break;
      this.publish(events, at);
      done += events.length;
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.feed.drain();
    }
    return done;
  }

  groundTruth(): GroundTruth {
    const { journal } = this.loaded();
    return { stream: journal.stream, seq: journal.lastSeq, ...siteModelToPlain(journal.model) };
  }

  private loaded(): SiteState {
    if (!this.state) throw new Error(`${this.siteId}: not started`);
    return this.state;
  }

  private now(): number {
    return this.options.preciseTime ? performance.timeOrigin + performance.now() : this.clock.now();
  }

  private report(error: unknown): void {
    if (this.options.onError) this.options.onError(error);
    else console.error(`${this.siteId}:`, error);
  }

  private record(events: readonly SiteEvent[]): void {
    if (this.options.keepSent === false) return;
    for (const event of events) this.sentEvents.push(event);
  }

  /** Journal first (on disk before anything is sent), then the live sockets. */
  private publish(events: readonly UnsequencedEvent[], at: number): SiteEvent[] {
    if (events.length === 0) return [];
    const { journal } = this.loaded();
    const numbered = journal.append(events, at);
    this.record(numbered);
    this.feed.publish(journal.stream, numbered);
    return numbered;
  }

  private scheduleHeartbeat(everyMs: number): void {
    const { journal } = this.loaded();
    const wait = this.feed.heartbeat(journal.stream, everyMs, this.now());
    this.timers.after('heartbeat', wait, () => {
      this.scheduleHeartbeat(everyMs);
    });
  }

  private async listen(port: number): Promise<void> {
    const transport = await openTransport(this.options.host ?? '127.0.0.1', port, this.options.tls);
    this.transport = transport;
    this.boundPort = transport.port;
    this.feed.attach(transport.io, this.loaded().journal.lastSeq);
    attachSession(transport.io, {
      token: this.options.token,
      hello: () => helloFor(this.options, this.loaded().journal.stream),
      journal: () => this.loaded().journal,
      world: () => this.loaded().world,
      now: () => this.now(),
      publish: (events, at) => this.publish(events, at),
      feed: this.feed,
      frames: this.sentFrames,
      acks: this.acks,
    });
  }

  private async closeTransport(): Promise<void> {
    const transport = this.transport;
    this.transport = null;
    this.feed.attach(null, this.feed.liveSeq);
    if (transport) await transport.close();
  }
}
