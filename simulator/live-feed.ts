import type { Clock } from '../shared/clock.js';
import type { SiteEvent } from '../shared/protocol/events.js';
import { withoutTags } from '../shared/protocol/device.js';
import { MAX_BATCH } from '../shared/protocol/messages.js';
import type { Journal } from './journal.js';
import { malformedFrame } from './malformed.js';
import type { SentFrames } from './site-options.js';
import { drained } from './site-transport.js';
import type { SiteServer, SiteSocket } from './site-transport.js';

/** Dashboards that read device tags (protocol 1.2 and later), and those older. */
const ROOM = 'live';
const ROOM_UNTAGGED = 'live-1.1';
const ROOMS = [ROOM, ROOM_UNTAGGED];

/**
 * The sockets that have synced and get live events, and what they were last sent. It also holds
 * the "silent" switch of the outage scenario: while silent nothing goes out and every answer is
 * held; waking sends what the live sockets missed first, so they see no gap.
 */
export class LiveFeed {
  private readonly sockets = new Set<SiteSocket>();
  /** The live sockets of dashboards older than 1.2 (sent events without device tags). */
  private readonly untagged = new Set<SiteSocket>();
  private io: SiteServer | null = null;
  private quiet = false;
  private held: (() => void)[] = [];
  private seq = 0;
  private lastSentAt: number;

  constructor(
    private readonly clock: Clock,
    private readonly frames: SentFrames,
  ) {
    this.lastSentAt = clock.now();
  }

  get size(): number {
    return this.sockets.size;
  }

  get silent(): boolean {
    return this.quiet;
  }

  /** Last seq handed to the live sockets (behind the journal only while silent). */
  get liveSeq(): number {
    return this.seq;
  }

  /** A new socket.io server (after start or a restart) starts with nobody live. */
  attach(io: SiteServer | null, seq: number): void {
    this.io = io;
    this.sockets.clear();
    this.untagged.clear();
    this.seq = seq;
  }

  /** A dashboard older than 1.2 (`tags` false) gets its devices without tags. */
  join(socket: SiteSocket, tags = true): void {
    void socket.join(tags ? ROOM : ROOM_UNTAGGED);
    this.sockets.add(socket);
    if (!tags) this.untagged.add(socket);
  }

  leave(socket: SiteSocket): void {
    for (const room of ROOMS) void socket.leave(room);
    this.sockets.delete(socket);
    this.untagged.delete(socket);
  }

  /** Runs now, or holds until wake() while silent. */
  whenAwake(run: () => void): void {
    if (this.quiet) this.held.push(run);
    else run();
  }

  goSilent(): void {
    this.quiet = true;
  }

  wake(journal: Journal): void {
    if (!this.quiet) return;
    this.quiet = false;
    const missed = journal.since(journal.stream, this.seq);
    // Dropped from memory: the sockets must resync, which they do after a disconnect.
    if (missed === null) for (const socket of this.sockets) socket.disconnect(true);
    else this.publish(journal.stream, missed);
    const held = this.held;
    this.held = [];
    for (const run of held) run();
  }

  /** Forgets held answers (on stop: their sockets are closing anyway). */
  dropHeld(): void {
    this.held = [];
  }

  /** Sends numbered events to the live room in batches of at most MAX_BATCH (not while silent). */
  publish(stream: string, events: readonly SiteEvent[]): void {
    const last = events.at(-1);
    if (this.quiet || !last) return;
    this.seq = last.seq;
    if (!this.io) return;
    // Older dashboards, if any listen, read the same events without device tags.
    const older = this.untagged.size > 0;
    const untagged = older && events.some(isTagged) ? events.map(untaggedEvent) : events;
    for (let i = 0; i < events.length; i += MAX_BATCH) {
      this.io.to(ROOM).emit('events', { stream, events: events.slice(i, i + MAX_BATCH) });
      if (older) {
        this.io
          .to(ROOM_UNTAGGED)
          .emit('events', { stream, events: untagged.slice(i, i + MAX_BATCH) });
      }
      this.frames.events++;
    }
    this.lastSentAt = this.clock.now();
  }

  /** Ms until a heartbeat is due; sends one (and returns everyMs) when it is due now. */
  heartbeat(stream: string, everyMs: number, at: number): number {
    const idle = this.clock.now() - this.lastSentAt;
    if (idle < everyMs) return everyMs - idle;
    if (this.io && !this.quiet && this.sockets.size > 0) {
      this.io.to(ROOMS).emit('heartbeat', { stream, seq: this.seq, at });
      this.frames.heartbeat++;
      this.lastSentAt = this.clock.now();
    }
    return everyMs;
  }

  /** Emits n malformed frames to the live room; returns how many went out. */
  malformed(n: number, stream: string, nextSeq: number, at: number): number {
    if (!this.io || this.quiet) return 0;
    // The typed server refuses bad payloads at compile time; this is the one place we want them.
    const raw = this.io.to(ROOMS) as unknown as { emit(event: string, payload: unknown): boolean };
    for (let i = 0; i < n; i++) {
      const frame = malformedFrame(i, stream, nextSeq, at);
      raw.emit(frame.event, frame.payload);
      this.frames.malformed++;
    }
    return n;
  }

  /** Resolves when every live socket has written out what it was sent. */
  async drain(): Promise<void> {
    for (const socket of [...this.sockets]) await drained(socket);
  }
}

const isTagged = (event: SiteEvent) =>
  event.type === 'device.upsert' && event.device.tags !== undefined;

/** The event as a dashboard older than 1.2 reads it: a device upsert without tags. */
export function untaggedEvent(event: SiteEvent): SiteEvent {
  return event.type === 'device.upsert' ? { ...event, device: withoutTags(event.device) } : event;
}
