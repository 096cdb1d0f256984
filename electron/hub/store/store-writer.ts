import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Snapshot } from '../../../shared/protocol/messages.js';
import { DirtyDevices } from './dirty-devices.js';
import { RollupWriter } from './rollup-writer.js';
import { isDamaged, isFull, isTransient } from './sqlite-errors.js';
import {
  progressOf,
  remainingEvents,
  remainingItems,
  type ConfirmedOp,
  type ModelOf,
  type WriteOp,
} from './write-ops.js';

/** What an op holds in memory until written: its events, or its snapshot's items. */
const sizeOf = (op: WriteOp) => remainingEvents(op) + remainingItems(op);
import { WriteSlice, type SliceResult } from './write-slice.js';
import type { SiteRow, WriteStatements } from './write-statements.js';

export interface StoreWriterOptions {
  readonly clock: Clock;
  /** How long writes wait to be batched (the publisher's tick). */
  readonly tickMs: number;
  /** At most this many rows per transaction; between slices the event loop runs. */
  readonly sliceRows?: number;
  /**
   * At most this long per transaction (ms, on `elapsed`): a slice of slow rows (large devices,
   * alerts with their full-text index) stops early. Default 6: with the commit, under half a
   * frame (bench:store).
   */
  readonly sliceMs?: number;
  /** The clock slices are timed on (default performance.now). */
  readonly elapsed?: () => number;
  /** Events and snapshot items waiting beyond which the oldest are dropped (memory bound). */
  readonly maxBacklog?: number;
  /** How late a sample may be and still land in its minute's first write. */
  readonly rollupGraceMs?: number;
  /** Lets the event loop run between slices (default setImmediate; tests may step it). */
  readonly yieldToLoop?: (next: () => void) => void;
  /**
   * The file turned out damaged while writing: the writer has stopped (what arrives is counted
   * as dropped). The host marks the file so the next start checks it and moves it aside.
   */
  readonly onDamaged?: (error: Error) => void;
}

export interface StoreWriterStats {
  /** Events, and devices and alerts of snapshots, waiting to be written. */
  readonly backlog: number;
  readonly eventsWritten: number;
  /** Snapshots written whole (each replaces what is stored of its site). */
  readonly snapshotsWritten: number;
  /** Events the store already held (a replay of what it had): not written twice. */
  readonly duplicatesSkipped: number;
  /** Events dropped before being written (backlog over its bound, or a row that kept failing). */
  readonly eventsDropped: number;
  /** The last failed write, with its error; null once a write succeeds again. */
  readonly lastError: string | null;
}

const DEFAULT_SLICE_ROWS = 1_000;
const DEFAULT_SLICE_MS = 6;
const DEFAULT_MAX_BACKLOG = 500_000;
const DEFAULT_GRACE_MS = 30_000;
/** Open minutes held at most (device metrics × minutes not yet written). */
const MAX_OPEN_MINUTES = 200_000;
/** Failures of one slice before its rows are tried one at a time; then of one row before it goes. */
const MAX_FAILURES = 3;
/** A failed write waits this many ticks before it is tried again. */
const RETRY_TICKS = 5;
/** Devices behind only by samples are written at least this often (dirty-devices.ts). */
const DIRTY_FLUSH_MS = 5_000;
/** Transactions between checkpoints: the log stays a few MB. */
const CHECKPOINT_EVERY = 8;

/**
 * Writes what the hub applies into the store without stalling it: operations queue in order,
 * and once per tick the queue is written in slices, each one transaction bounded in rows and
 * time, the event loop running between them. A site's stream position is written in the same
 * transaction as the events it covers, so a restarted hub resumes exactly from what is stored;
 * a site that lost queued events has its position dropped (a restart asks for a snapshot)
 * until a snapshot queued after the loss is written (docs/storage.md).
 */
export class StoreWriter {
  private queue: WriteOp[] = [];
  private serial = 0;
  private timer: TimerHandle | null = null;
  private timerDue = 0;
  private writing = false;
  private disposed = false;
  private damaged = false;
  private readonly rollups: RollupWriter;
  /** Site → serial of the last op of it that was lost. */
  private readonly broken = new Map<string, number>();
  private stats = { eventsWritten: 0, snapshotsWritten: 0, duplicatesSkipped: 0, eventsDropped: 0 };
  private lastError: string | null = null;
  private failures = 0;
  /** After repeated failures: one row per slice, to find the row that fails. */
  private isolating = false;
  /** Single-row slices still to run before the writer goes back to full ones. */
  private isolateLeft = 0;
  /** Events and snapshot items queued (kept as ops change: never counted over the queue). */
  private pending = 0;
  /** A failed write is not retried before this (hub clock). */
  private retryAt = 0;
  /** Each site's heartbeat confirmation waiting in the queue (replaced, not queued again). */
  private readonly confirmations = new Map<string, ConfirmedOp>();
  private readonly dirty = new DirtyDevices();
  /** When dirty devices were last all written (hub clock). */
  private lastFlush = 0;
  private uncheckpointed = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly sql: WriteStatements,
    private readonly modelOf: ModelOf,
    private readonly options: StoreWriterOptions,
  ) {
    const grace = options.rollupGraceMs ?? DEFAULT_GRACE_MS;
    this.rollups = new RollupWriter(sql, grace, MAX_OPEN_MINUTES);
  }

  site(row: SiteRow): void {
    this.push({ kind: 'site', serial: ++this.serial, siteId: row.id, row });
  }

  snapshot(siteId: string, snapshot: Snapshot, dataAt: number): void {
    const op = { kind: 'snapshot' as const, serial: ++this.serial, siteId, snapshot, dataAt };
    this.push({ ...op, phase: 'clear', ids: null, seen: null, after: '', cursor: 0 });
  }

  events(siteId: string, stream: string, events: readonly SiteEvent[], dataAt: number): void {
    if (events.length === 0) return;
    this.push({ kind: 'events', serial: ++this.serial, siteId, stream, events, dataAt, cursor: 0 });
  }

  /** The site's stored data is current as of `at` (a heartbeat named the seq it holds). */
  confirmed(siteId: string, stream: string, seq: number, at: number): void {
    // One waiting per site: a newer confirmation updates it where it stands.
    const waiting = this.confirmations.get(siteId);
    if (waiting !== undefined) {
      Object.assign(waiting, { stream, seq, at });
      return;
    }
    const op: ConfirmedOp = { kind: 'confirmed', serial: ++this.serial, siteId, stream, seq, at };
    this.confirmations.set(siteId, op);
    this.push(op);
  }

  get statistics(): StoreWriterStats {
    return { ...this.stats, backlog: this.pending, lastError: this.lastError };
  }

  /** Timers held: zero once idle or disposed. */
  get openResources(): number {
    return this.timer ? 1 : 0;
  }

  /** Resolves once everything queued so far is written (tests, shutdown). */
  idle(): Promise<void> {
    if (this.queue.length === 0 && !this.writing) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Writes everything still queued and every open minute, at once (the hub is stopping), then
   * stops. What a failing write leaves is counted as dropped; the caller closes the store.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.clearTimer();
    while ((this.queue.length > 0 || this.dirty.size > 0) && this.slice()) {
      // each slice commits (and, disposing, writes dirty devices); a failing one stops the loop
    }
    this.stats.eventsDropped += this.queue.reduce((sum, op) => sum + remainingEvents(op), 0);
    this.queue = [];
    this.pending = 0;
    this.confirmations.clear();
    this.attempt(() => {
      this.rollups.write(this.options.clock.now(), Infinity, true);
    });
    this.settle();
  }

  private push(op: WriteOp): void {
    if (this.damaged || this.disposed) {
      this.stats.eventsDropped += remainingEvents(op);
      return;
    }
    this.queue.push(op);
    this.pending += sizeOf(op);
    if (this.pending > (this.options.maxBacklog ?? DEFAULT_MAX_BACKLOG)) this.shed();
    this.schedule(this.options.tickMs);
  }

  /**
   * Runs the drain in `ms`, or sooner: a later timer (closed minutes) is brought forward; never
   * before a failed write's retry time.
   */
  private schedule(ms: number): void {
    if (this.writing || this.disposed) return;
    const due = Math.max(this.options.clock.now() + ms, this.retryAt);
    ms = due - this.options.clock.now();
    if (this.timer !== null && this.timerDue <= due) return;
    this.clearTimer();
    this.timerDue = due;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      this.drain();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** One step, then the event loop, then the next, until nothing is due. */
  private drain(): void {
    if (this.disposed) return;
    this.writing = true;
    let ok: boolean;
    try {
      ok = this.step();
    } finally {
      this.writing = false;
    }
    const now = this.options.clock.now();
    const more = this.queue.length > 0 || this.rollups.due(now) || this.dirtyDue(now);
    if (ok && (more || this.uncheckpointed > 0)) {
      this.writing = true;
      this.yieldToLoop(() => {
        this.writing = false;
        this.drain();
      });
      return;
    }
    if (this.queue.length === 0) this.settle();
    // A failed write is retried RETRY_TICKS later; open minutes are written once they close.
    if (this.queue.length > 0) this.schedule(this.options.tickMs);
    else this.scheduleRollups();
  }

  private yieldToLoop(next: () => void): void {
    (this.options.yieldToLoop ?? ((then) => setImmediate(then)))(next);
  }

  private settle(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** One turn's work: a checkpoint when due, else a slice of the queue, else closed minutes. */
  private step(): boolean {
    const now = this.options.clock.now();
    const rows = this.queue.length > 0 || this.dirtyDue(now);
    const idle = !rows && !this.rollups.due(now);
    if (this.uncheckpointed >= CHECKPOINT_EVERY || (idle && this.uncheckpointed > 0)) {
      this.uncheckpointed = 0;
      return this.attempt(() => this.sql.checkpoint());
    }
    const ok = rows
      ? this.slice()
      : this.attempt(() => {
          this.rollups.write(now, Math.max(1, Math.floor(this.sliceRows() / 2)));
        });
    if (ok) this.uncheckpointed++;
    return ok;
  }

  private sliceRows(): number {
    return this.isolating ? 1 : (this.options.sliceRows ?? DEFAULT_SLICE_ROWS);
  }

  /** Devices behind by samples are due to be written. */
  private dirtyDue(now: number): boolean {
    return this.dirty.size > 0 && now - this.lastFlush >= DIRTY_FLUSH_MS;
  }

  /** Idle: wakes for the next closing minute or dirty devices' flush, whichever is first. */
  private scheduleRollups(): void {
    const now = this.options.clock.now();
    const minute = this.rollups.nextCloseAt();
    const flush = this.dirty.size > 0 ? this.lastFlush + DIRTY_FLUSH_MS : null;
    const next = Math.min(minute ?? Infinity, flush ?? Infinity);
    if (next === Infinity) return;
    this.schedule(Math.max(this.options.tickMs, next - now));
  }

  /** Writes one slice in one transaction; false when it failed (nothing of it is kept). */
  private slice(): boolean {
    const now = this.options.clock.now();
    const rows = this.sliceRows();
    const saved = this.queue.slice(0, rows).map((op) => [op, progressOf(op)] as const);
    const before = saved.reduce((sum, [op]) => sum + sizeOf(op), 0);
    let slice: WriteSlice | null = null;
    try {
      const elapsed = this.options.elapsed ?? (() => performance.now());
      const deadline = elapsed() + (this.options.sliceMs ?? DEFAULT_SLICE_MS);
      const flush = this.dirtyDue(now) || this.disposed;
      slice = new WriteSlice(
        this.sql,
        this.modelOf,
        now,
        this.broken,
        deadline,
        elapsed,
        this.dirty,
        flush,
      );
      const ready = slice;
      const result = this.sql.transaction(() => {
        const done = ready.run(this.queue, rows);
        const mark = this.rollups.markFor(done.samplesFrom);
        if (mark !== null) this.sql.setRollupMark(mark);
        return done;
      });
      if (result.samplesFrom !== null && this.rollups.markFor(result.samplesFrom) !== null) {
        this.rollups.markAt = result.samplesFrom;
      }
      if (flush && this.dirty.size === 0) this.lastFlush = now;
      this.committed(result, now);
      this.pending -= before - saved.reduce((sum, [op]) => sum + sizeOf(op), 0);
      this.lastError = null;
      this.failures = 0;
      this.retryAt = 0;
      if (this.isolating && --this.isolateLeft <= 0) this.isolating = false;
      return true;
    } catch (error) {
      for (const [op, progress] of saved) if (progress !== null) Object.assign(op, progress);
      for (const [siteId, id] of slice?.taken ?? []) this.dirty.mark(siteId, id);
      this.failed(error);
      if (isDamaged(error)) return this.damage(error);
      this.retryAt = this.options.clock.now() + RETRY_TICKS * this.options.tickMs;
      if (isTransient(error) || ++this.failures < MAX_FAILURES) return false;
      this.failures = 0;
      // A slice failed three times for a reason retrying cannot cure: rows one at a time, as
      // many as the slice held, find the one that fails, and that row alone goes.
      if (this.isolating) this.dropFirstRow();
      else {
        this.isolating = true;
        this.isolateLeft = rows;
      }
      return false;
    }
  }

  /**
   * The head op's next row failed alone, again and again: it goes (an event, a snapshot's
   * device or alert; a whole op only where there is no row to skip), and its site is broken.
   */
  private dropFirstRow(): void {
    const op = this.queue[0];
    if (op === undefined) return;
    const size = sizeOf(op);
    if (op.kind === 'events' && op.cursor < op.events.length - 1) {
      op.cursor++;
      this.stats.eventsDropped++;
    } else if (op.kind === 'snapshot' && (op.phase === 'devices' || op.phase === 'alerts')) {
      // One device or alert left out; the snapshot goes on, but stores no position (broken).
      op.cursor++;
    } else {
      this.queue.shift();
      this.stats.eventsDropped += remainingEvents(op);
      if (op.kind === 'confirmed') this.confirmations.delete(op.siteId);
    }
    this.pending -= size - (this.queue[0] === op ? sizeOf(op) : 0);
    this.isolating = false;
    if (op.kind !== 'site' && op.kind !== 'confirmed') this.markBroken(op.siteId, op.serial);
  }

  /** The site lost what op `serial` held: only a snapshot queued after it repairs that. */
  private markBroken(siteId: string, serial: number): void {
    this.broken.set(siteId, Math.max(this.broken.get(siteId) ?? 0, serial));
  }

  private committed(result: SliceResult, now: number): void {
    for (const op of this.queue.splice(0, result.completed)) {
      if (op.kind === 'confirmed' && this.confirmations.get(op.siteId) === op) {
        this.confirmations.delete(op.siteId);
      }
      if (op.kind !== 'snapshot') continue;
      // A snapshot repairs a loss that happened before it was queued, not one after.
      if ((this.broken.get(op.siteId) ?? Infinity) < op.serial) this.broken.delete(op.siteId);
      this.stats.snapshotsWritten++;
    }
    this.stats.eventsWritten += result.written;
    for (const { siteId, event } of result.samples) this.rollups.add(siteId, event, now);
    this.stats.duplicatesSkipped += result.duplicates;
  }

  /** Runs a write outside the queue (a checkpoint, closed minutes); false when it failed. */
  private attempt(write: () => unknown): boolean {
    try {
      write();
      return true;
    } catch (error) {
      this.failed(error);
      if (isDamaged(error)) this.damage(error);
      return false;
    }
  }

  /** Stops writing for good: the file is damaged. Returns false (the slice failed). */
  private damage(error: unknown): false {
    if (this.damaged) return false;
    this.damaged = true;
    this.lastError = `the store file is damaged (${this.lastError ?? 'unknown'}); restart to move it aside and start a new one`;
    this.stats.eventsDropped += this.queue.reduce((sum, op) => sum + remainingEvents(op), 0);
    this.queue = [];
    this.pending = 0;
    this.confirmations.clear();
    this.rollups.clear();
    try {
      this.options.onDamaged?.(error instanceof Error ? error : new Error(String(error)));
    } catch (markFailed) {
      // The mark for the next start could not be written (the same disk): say so, go on.
      const why = markFailed instanceof Error ? markFailed.message : String(markFailed);
      this.lastError += `; the file could not be marked for a check at the next start (${why})`;
    }
    return false;
  }

  private failed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.lastError = isFull(error)
      ? `the disk holding the store is full (${message}): free some space; the writes are ` +
        'retried, and what waits is kept up to the backlog bound'
      : message;
  }

  /**
   * Over the backlog bound: the oldest queued ops that have not started go (events and
   * snapshots), and their sites are broken: no stored position until a later snapshot.
   */
  private shed(): void {
    const max = this.options.maxBacklog ?? DEFAULT_MAX_BACKLOG;
    let over = this.pending - max;
    this.queue = this.queue.filter((op, index) => {
      if (over <= 0 || op.kind === 'site' || op.kind === 'confirmed') return true;
      if (index === 0 && this.writing) return true;
      const size = sizeOf(op);
      if (size === 0) return true;
      over -= size;
      this.pending -= size;
      this.stats.eventsDropped += remainingEvents(op);
      this.markBroken(op.siteId, op.serial);
      return false;
    });
  }
}
