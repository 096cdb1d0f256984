import type { Alert } from '../../../shared/protocol/alert.js';
import type { TimerHandle } from '../../../shared/clock.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Snapshot } from '../../../shared/protocol/messages.js';
import { DirtyDevices } from './dirty-devices.js';
import { RollupWriter } from './rollup-writer.js';
import { isDamaged, isFull, isTransient } from './sqlite-errors.js';
import type { ModelOf } from './write-ops.js';
import type { StoreWriterOptions, StoreWriterStats } from './store-writer-types.js';
import { WriteQueue, type SavedHead } from './write-queue.js';
import { WriteSlice, type SliceResult } from './write-slice.js';
import type { SiteRow, WriteStatements } from './write-statements.js';

export type { StoreWriterOptions, StoreWriterStats } from './store-writer-types.js';

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
  private readonly queue = new WriteQueue();
  private timer: TimerHandle | null = null;
  private timerDue = 0;
  private writing = false;
  private disposed = false;
  private damaged = false;
  private readonly rollups: RollupWriter;
  private stats = { eventsWritten: 0, snapshotsWritten: 0, duplicatesSkipped: 0, eventsDropped: 0 };
  private lastError: string | null = null;
  private failures = 0;
  /** After repeated failures: one row per slice, to find the row that fails. */
  private isolating = false;
  /** Single-row slices still to run before the writer goes back to full ones. */
  private isolateLeft = 0;
  /** A failed write is not retried before this (hub clock). */
  private retryAt = 0;
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
    if (!this.accepting()) return;
    this.queue.site(row);
    this.queued();
  }

  snapshot(siteId: string, snapshot: Snapshot, dataAt: number): void {
    if (!this.accepting()) return;
    this.queue.snapshot(siteId, snapshot, dataAt);
    this.queued();
  }

  events(siteId: string, stream: string, events: readonly SiteEvent[], dataAt: number): void {
    if (events.length === 0) return;
    if (!this.accepting()) {
      this.stats.eventsDropped += events.length;
      return;
    }
    this.queue.events(siteId, stream, events, dataAt);
    this.queued();
  }

  /** One of the hub's own alerts as it is now, or (null) cleared at `at`: its history. */
  hubAlert(siteId: string, id: string, alert: Alert | null, at: number): void {
    if (!this.accepting()) return;
    this.queue.hubAlert(siteId, id, alert, at);
    this.queued();
  }

  /** The site's stored data is current as of `at` (a heartbeat named the seq it holds). */
  confirmed(siteId: string, stream: string, seq: number, at: number): void {
    if (this.accepting() && this.queue.confirmed(siteId, stream, seq, at) !== null) this.queued();
  }

  get statistics(): StoreWriterStats {
    return { ...this.stats, backlog: this.queue.size, lastError: this.lastError };
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
    this.stats.eventsDropped += this.queue.clear();
    this.attempt(() => {
      this.rollups.write(this.options.clock.now(), Infinity, true);
    });
    this.settle();
  }

  /** Whether new work is taken: not once the file is damaged or the writer disposed. */
  private accepting(): boolean {
    return !this.damaged && !this.disposed;
  }

  /**
   * Something was queued: over the backlog bound the oldest work goes (its sites keep no
   * position until a later snapshot); the drain runs within a tick.
   */
  private queued(): void {
    const max = this.options.maxBacklog ?? DEFAULT_MAX_BACKLOG;
    if (this.queue.size > max) this.stats.eventsDropped += this.queue.shed(max, this.writing);
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
    const saved = this.queue.saveHead(rows);
    let slice: WriteSlice | null = null;
    try {
      const elapsed = this.options.elapsed ?? (() => performance.now());
      const deadline = elapsed() + (this.options.sliceMs ?? DEFAULT_SLICE_MS);
      const flush = this.dirtyDue(now) || this.disposed;
      slice = new WriteSlice(
        this.sql,
        this.modelOf,
        now,
        this.queue.broken,
        deadline,
        elapsed,
        this.dirty,
        flush,
      );
      const ready = slice;
      const result = this.sql.transaction(() => {
        const done = ready.run(this.queue.all, rows);
        const mark = this.rollups.markFor(done.samplesFrom);
        if (mark !== null) this.sql.setRollupMark(mark);
        return done;
      });
      if (result.samplesFrom !== null && this.rollups.markFor(result.samplesFrom) !== null) {
        this.rollups.markAt = result.samplesFrom;
      }
      if (flush && this.dirty.size === 0) this.lastFlush = now;
      this.committed(saved, result, now);
      this.lastError = null;
      this.failures = 0;
      this.retryAt = 0;
      if (this.isolating && --this.isolateLeft <= 0) this.isolating = false;
      return true;
    } catch (error) {
      this.queue.restore(saved);
      for (const [siteId, id] of slice?.taken ?? []) this.dirty.mark(siteId, id);
      this.failed(error);
      if (isDamaged(error)) return this.damage(error);
      this.retryAt = this.options.clock.now() + RETRY_TICKS * this.options.tickMs;
      if (isTransient(error) || ++this.failures < MAX_FAILURES) return false;
      this.failures = 0;
      // A slice failed three times for a reason retrying cannot cure: rows one at a time, as
      // many as the slice held, find the one that fails, and that row alone goes.
      if (this.isolating) {
        this.stats.eventsDropped += this.queue.dropFirstRow();
        this.isolating = false;
      } else {
        this.isolating = true;
        this.isolateLeft = rows;
      }
      return false;
    }
  }

  private committed(saved: SavedHead, result: SliceResult, now: number): void {
    for (const op of this.queue.committed(saved, result.completed)) {
      if (op.kind === 'snapshot') this.stats.snapshotsWritten++;
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
    this.stats.eventsDropped += this.queue.clear();
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
}
