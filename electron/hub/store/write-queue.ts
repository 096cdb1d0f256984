import type { Alert } from '../../../shared/protocol/alert.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Snapshot } from '../../../shared/protocol/messages.js';
import {
  progressOf,
  remainingEvents,
  remainingHubAlert,
  remainingItems,
  type BrokenSites,
  type ConfirmedOp,
  type OpProgress,
  type WriteOp,
} from './write-ops.js';
import type { SiteRow } from './write-statements.js';

/** What an op holds in memory until written: its events, or its snapshot's items. */
const sizeOf = (op: WriteOp) => remainingEvents(op) + remainingItems(op) + remainingHubAlert(op);

/** The head of the queue as it was before a slice: put back if the slice fails. */
export interface SavedHead {
  readonly ops: readonly (readonly [WriteOp, OpProgress | null])[];
  readonly size: number;
}

/**
 * The store writer's queue, in arrival order: its size kept as a count (never walked per push),
 * one waiting heartbeat confirmation per site, and which sites lost queued work (by the serial
 * of the last op lost: only a snapshot queued after it repairs the loss).
 */
export class WriteQueue {
  private ops: WriteOp[] = [];
  private serial = 0;
  private waitingSize = 0;
  private readonly confirmations = new Map<string, ConfirmedOp>();
  private readonly lost = new Map<string, number>();

  /** The ops, head first (a slice writes from the head). */
  get all(): readonly WriteOp[] {
    return this.ops;
  }

  get length(): number {
    return this.ops.length;
  }

  /** Events and snapshot items waiting. */
  get size(): number {
    return this.waitingSize;
  }

  get broken(): BrokenSites {
    return this.lost;
  }

  site(row: SiteRow): WriteOp {
    return this.add({ kind: 'site', serial: ++this.serial, siteId: row.id, row });
  }

  snapshot(siteId: string, snapshot: Snapshot, dataAt: number): WriteOp {
    const op = { kind: 'snapshot' as const, serial: ++this.serial, siteId, snapshot, dataAt };
    return this.add({ ...op, phase: 'clear', ids: null, seen: null, after: '', cursor: 0 });
  }

  events(siteId: string, stream: string, events: readonly SiteEvent[], dataAt: number): WriteOp {
    const op = { kind: 'events' as const, serial: ++this.serial, siteId, stream, events };
    return this.add({ ...op, dataAt, cursor: 0 });
  }

  /** One of the hub's own alerts as it is now, or (null) cleared at `at`. */
  hubAlert(siteId: string, id: string, alert: Alert | null, at: number): WriteOp {
    const op = { kind: 'hub-alert' as const, serial: ++this.serial, siteId, id, alert, at };
    return this.add({ ...op, written: false });
  }

  /** A heartbeat's confirmation; one waiting per site, a newer one updates it where it stands. */
  confirmed(siteId: string, stream: string, seq: number, at: number): WriteOp | null {
    const waiting = this.confirmations.get(siteId);
    if (waiting !== undefined) {
      Object.assign(waiting, { stream, seq, at });
      return null;
    }
    const op: ConfirmedOp = { kind: 'confirmed', serial: ++this.serial, siteId, stream, seq, at };
    this.confirmations.set(siteId, op);
    return this.add(op);
  }

  /** The first `rows` ops' progress and size, before a slice writes them. */
  saveHead(rows: number): SavedHead {
    const ops = this.ops.slice(0, rows).map((op) => [op, progressOf(op)] as const);
    return { ops, size: ops.reduce((sum, [op]) => sum + sizeOf(op), 0) };
  }

  /** The slice failed: its ops' progress as it was. */
  restore(saved: SavedHead): void {
    for (const [op, progress] of saved.ops) if (progress !== null) Object.assign(op, progress);
  }

  /** The slice committed: its finished ops leave; the snapshots among them, for the caller. */
  committed(saved: SavedHead, completed: number): WriteOp[] {
    const done = this.ops.splice(0, completed);
    this.waitingSize -= saved.size - saved.ops.reduce((sum, [op]) => sum + sizeOf(op), 0);
    for (const op of done) {
      if (op.kind === 'confirmed' && this.confirmations.get(op.siteId) === op) {
        this.confirmations.delete(op.siteId);
      }
      // A snapshot repairs a loss that happened before it was queued, not one after.
      if (op.kind === 'snapshot' && (this.lost.get(op.siteId) ?? Infinity) < op.serial) {
        this.lost.delete(op.siteId);
      }
    }
    return done;
  }

  /**
   * The head op's next row failed alone, again and again: it goes (an event, a snapshot's
   * device or alert; a whole op only where there is no row to skip), and its site is broken.
   * The events dropped.
   */
  dropFirstRow(): number {
    const op = this.ops[0];
    if (op === undefined) return 0;
    const size = sizeOf(op);
    let dropped = 0;
    if (op.kind === 'events' && op.cursor < op.events.length - 1) {
      op.cursor++;
      dropped = 1;
    } else if (op.kind === 'snapshot' && (op.phase === 'devices' || op.phase === 'alerts')) {
      op.cursor++; // one device or alert left out; the snapshot stores no position
    } else {
      this.ops.shift();
      dropped = remainingEvents(op);
      if (op.kind === 'confirmed') this.confirmations.delete(op.siteId);
    }
    this.waitingSize -= size - (this.ops[0] === op ? sizeOf(op) : 0);
    // A lost row of the hub's own alerts leaves the site's stored stream whole: not broken.
    if (op.kind === 'snapshot' || op.kind === 'events') this.markBroken(op.siteId, op.serial);
    return dropped;
  }

  /**
   * Over `max`: the oldest ops that hold something go (events and snapshots; not the head
   * while `headBusy`), and their sites are broken. The events dropped.
   */
  shed(max: number, headBusy: boolean): number {
    let over = this.waitingSize - max;
    let dropped = 0;
    this.ops = this.ops.filter((op, index) => {
      if (over <= 0 || op.kind === 'site' || op.kind === 'confirmed') return true;
      if (index === 0 && headBusy) return true;
      const size = sizeOf(op);
      if (size === 0) return true;
      over -= size;
      this.waitingSize -= size;
      dropped += remainingEvents(op);
      // A hub alert's change lost leaves the site's stored stream whole: not broken.
      if (op.kind !== 'hub-alert') this.markBroken(op.siteId, op.serial);
      return false;
    });
    return dropped;
  }

  /** Empties the queue (shutdown, a damaged file); the events it held. */
  clear(): number {
    const dropped = this.ops.reduce((sum, op) => sum + remainingEvents(op), 0);
    this.ops = [];
    this.waitingSize = 0;
    this.confirmations.clear();
    return dropped;
  }

  private add(op: WriteOp): WriteOp {
    this.ops.push(op);
    this.waitingSize += sizeOf(op);
    return op;
  }

  private markBroken(siteId: string, serial: number): void {
    this.lost.set(siteId, Math.max(this.lost.get(siteId) ?? 0, serial));
  }
}
