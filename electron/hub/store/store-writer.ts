import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Snapshot } from '../../../shared/protocol/messages.js';
import { HOUR_MS } from './rollup.js';
import { asRollup, MetricBuckets, type OpenBucket } from './metric-buckets.js';
import {
  progressOf,
  remainingEvents,
  type ModelOf,
  type OpProgress,
  type WriteOp,
} from './write-ops.js';
import { isDamaged, isFull, isTransient } from './sqlite-errors.js';
import { WriteSlice } from './write-slice.js';
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
  /** Events waiting beyond which the oldest are dropped from the store (memory stays bounded). */
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
  /** Events waiting to be written. */
  readonly backlog: number;
  readonly eventsWritten: number;
  /** Snapshots written whole (each replaces what is stored of its site). */
  readonly snapshotsWritten: number;
  /** Events the store already held (a replay of what it had): not written twice. */
  readonly duplicatesSkipped: number;
  /** Events dropped before being written (backlog over its bound, or a write that kept failing). */
  readonly eventsDropped: number;
  /** The last failed write, with its error; null once a write succeeds again. */
  readonly lastError: string | null;
}

const DEFAULT_SLICE_ROWS = 1_000;
const DEFAULT_SLICE_MS = 6;
/** Transactions between checkpoints: the log stays a few MB. */
const CHECKPOINT_EVERY = 8;
const DEFAULT_MAX_BACKLOG = 500_000;
const DEFAULT_GRACE_MS = 30_000;
const MAX_FAILURES = 3;

/**
 * Writes what the hub applies into the store without stalling it: operations queue in order,
 * and once per tick the queue is written in slices, each one transaction of a bounded number
 * of rows, the event loop running between them. A site's stream position is written in the
 * same transaction as the events it covers, so a restarted hub resumes exactly from what is
 * stored (docs/storage.md).
 */
export class StoreWriter {
  private queue: WriteOp[] = [];
  private backlog = 0;
  private timer: TimerHandle | null = null;
  private writing = false;
  private disposed = false;
  private readonly buckets: MetricBuckets;
  /** Sites whose queued events were dropped: their position is not stored until a snapshot. */
  private readonly broken = new Set<string>();
  private stats = { eventsWritten: 0, snapshotsWritten: 0, duplicatesSkipped: 0, eventsDropped: 0 };
  private lastError: string | null = null;
  /** Transactions since the last checkpoint. */
  private uncheckpointed = 0;
  /** Consecutive failed slices. */
  private failures = 0;
  /** The file was found damaged: nothing more is written. */
  private damaged = false;
  private readonly sliceRows: number;
  private readonly maxBacklog: number;
  private readonly yieldToLoop: (next: () => void) => void;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly sql: WriteStatements,
    private readonly modelOf: ModelOf,
    private readonly options: StoreWriterOptions,
  ) {
    this.sliceRows = options.sliceRows ?? DEFAULT_SLICE_ROWS;
    this.maxBacklog = options.maxBacklog ?? DEFAULT_MAX_BACKLOG;
    this.buckets = new MetricBuckets(options.rollupGraceMs ?? DEFAULT_GRACE_MS);
    this.yieldToLoop = options.yieldToLoop ?? ((next) => setImmediate(next));
  }

  site(row: SiteRow): void {
    this.push({ kind: 'site', siteId: row.id, row });
  }

  snapshot(siteId: string, snapshot: Snapshot, dataAt: number): void {
    const op = { kind: 'snapshot' as const, siteId, snapshot, dataAt };
    this.push({ ...op, phase: 'clear', ids: null, seen: null, after: '', cursor: 0 });
  }

  events(siteId: string, stream: string, events: readonly SiteEvent[], dataAt: number): void {
    if (events.length === 0) return;
    if (this.damaged) {
      this.stats.eventsDropped += events.length;
      return;
    }
    this.backlog += events.length;
    this.push({ kind: 'events', siteId, stream, events, dataAt, cursor: 0 });
    if (this.backlog > this.maxBacklog) this.shed();
  }

  get statistics(): StoreWriterStats {
    return { ...this.stats, backlog: this.backlog, lastError: this.lastError };
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
   * stops. A write that fails here is reported in the stats; the caller closes the store.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    while (this.queue.length > 0 && this.slice()) {
      // each slice commits; a failing one stops the loop
    }
    this.writeRollups(true);
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private push(op: WriteOp): void {
    if (this.damaged) {
      this.stats.eventsDropped += remainingEvents(op);
      return;
    }
    if (this.disposed) return;
    this.queue.push(op);
    this.schedule(this.options.tickMs);
  }

  private schedule(ms: number): void {
    if (this.timer || this.writing || this.disposed) return;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      this.drain();
    }, ms);
  }

  /** One slice, then the event loop, then the next, until the queue is empty. */
  private drain(): void {
    if (this.disposed) return;
    this.writing = true;
    const ok = this.step();
    if (ok && (this.queue.length > 0 || this.rollupsDue() || this.uncheckpointed > 0)) {
      this.yieldToLoop(() => {
        this.drain();
      });
      return;
    }
    this.writing = false;
    if (this.queue.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    // A failed write is retried a tick later; open minutes are written once they close.
    if (this.queue.length > 0) this.schedule(this.options.tickMs * 5);
    else this.scheduleRollups();
  }

  /** One turn's work: a checkpoint when due, else a slice of the queue, else closed minutes. */
  private step(): boolean {
    const due = this.uncheckpointed >= CHECKPOINT_EVERY;
    if (due || (this.queue.length === 0 && !this.rollupsDue() && this.uncheckpointed > 0)) {
      return this.checkpoint();
    }
    const ok = this.queue.length > 0 ? this.slice() : this.writeRollups(false);
    if (ok) this.uncheckpointed++;
    return ok;
  }

  /** The log copied into the file, in a turn of its own (never inside a slice's commit). */
  private checkpoint(): boolean {
    this.uncheckpointed = 0;
    try {
      this.sql.checkpoint();
      return true;
    } catch (error) {
      this.failed(error);
      return false;
    }
  }

  private rollupsDue(): boolean {
    const next = this.buckets.nextCloseAt();
    return next !== null && next <= this.options.clock.now();
  }

  private scheduleRollups(): void {
    const next = this.buckets.nextCloseAt();
    if (next === null) return;
    this.schedule(Math.max(this.options.tickMs, next - this.options.clock.now()));
  }

  /** Writes one slice in one transaction; false when it failed (nothing of it is kept). */
  private slice(): boolean {
    const now = this.options.clock.now();
    const saved = this.queue.slice(0, this.sliceRows).map((op) => [op, progressOf(op)] as const);
    try {
      const elapsed = this.options.elapsed ?? (() => performance.now());
      const deadline = elapsed() + (this.options.sliceMs ?? DEFAULT_SLICE_MS);
      const slice = new WriteSlice(this.sql, this.modelOf, now, this.broken, deadline, elapsed);
      const result = this.sql.transaction(() => slice.run(this.queue, this.sliceRows));
      this.committed(result);
      this.lastError = null;
      this.failures = 0;
      return true;
    } catch (error) {
      for (const [op, progress] of saved) restore(op, progress);
      this.failed(error);
      if (isDamaged(error)) return this.damage(error);
      if (!isTransient(error) && ++this.failures >= MAX_FAILURES) this.dropHead();
      return false;
    }
  }

  /**
   * The write at the head of the queue failed MAX_FAILURES times for a reason retrying cannot
   * cure (not a full disk, not an I/O error): it goes, so the rest can be written; its site's
   * position stays behind it, so a restart asks the site for it again.
   */
  private dropHead(): void {
    const op = this.queue.shift();
    this.failures = 0;
    if (op === undefined) return;
    const dropped = remainingEvents(op);
    this.backlog -= dropped;
    this.stats.eventsDropped += dropped;
    if (op.kind !== 'site') this.broken.add(op.siteId);
  }

  private committed(result: ReturnType<WriteSlice['run']>): void {
    const done = this.queue.splice(0, result.completed);
    for (const op of done) {
      if (op.kind !== 'snapshot') continue;
      this.broken.delete(op.siteId);
      this.stats.snapshotsWritten++;
    }
    for (const { siteId, event } of result.samples) this.buckets.add(siteId, event);
    const remaining = this.queue.reduce((sum, op) => sum + remainingEvents(op), 0);
    this.stats.eventsWritten += this.backlog - remaining - result.duplicates;
    this.stats.duplicatesSkipped += result.duplicates;
    this.backlog = remaining;
  }

  /** Closed minutes, a slice's worth per transaction (all of them when `all`: at dispose). */
  private writeRollups(all: boolean): boolean {
    const limit = all ? Infinity : Math.max(1, Math.floor(this.sliceRows / 2));
    const closed = this.buckets.takeClosed(this.options.clock.now(), all, limit);
    if (closed.length === 0) return true;
    try {
      this.sql.transaction(() => {
        for (const bucket of closed) this.writeBucket(bucket);
      });
      return true;
    } catch (error) {
      if (!all) this.buckets.restore(closed);
      this.failed(error);
      if (isDamaged(error)) this.damage(error);
      return false;
    }
  }

  private writeBucket(bucket: OpenBucket): void {
    this.sql.addRollup('minute', bucket, asRollup(bucket, bucket.start));
    const hour = Math.floor(bucket.start / HOUR_MS) * HOUR_MS;
    this.sql.addRollup('hour', bucket, asRollup(bucket, hour));
  }

  /** Stops writing for good: the file is damaged. Returns false (the slice failed). */
  private damage(error: unknown): false {
    if (this.damaged) return false;
    this.damaged = true;
    this.lastError = `the store file is damaged (${this.lastError ?? 'unknown'}); restart to move it aside and start a new one`;
    this.stats.eventsDropped += this.backlog;
    this.backlog = 0;
    this.queue = [];
    this.buckets.takeClosed(0, true);
    this.options.onDamaged?.(error instanceof Error ? error : new Error(String(error)));
    return false;
  }

  private failed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.lastError = isFull(error)
      ? `the disk holding the store is full (${message}): free some space; the writes are ` +
        'retried, and what waits is kept up to the backlog bound'
      : message;
  }

  /** Over the backlog bound: the oldest queued events go, and their sites' positions with them. */
  private shed(): void {
    const kept: WriteOp[] = [];
    for (const op of this.queue) {
      if (this.backlog > this.maxBacklog && op.kind === 'events') {
        const dropped = remainingEvents(op);
        this.backlog -= dropped;
        this.stats.eventsDropped += dropped;
        this.broken.add(op.siteId);
        // Its stored position (if any) stays behind the drop, so a restart asks for a replay of
        // exactly what was dropped; once broken, the position is not moved past the hole.
        continue;
      }
      kept.push(op);
    }
    this.queue = kept;
  }
}

function restore(op: WriteOp, progress: OpProgress | null): void {
  if (progress !== null) Object.assign(op, progress);
}
