import type { Alert } from '../../../shared/protocol/alert.js';
import type { TimerHandle } from '../../../shared/clock.js';
import type { SiteEvent } from '../../../shared/protocol/events.js';
import type { Snapshot } from '../../../shared/protocol/messages.js';
import { DirtyDevices } from './dirty-devices.js';
import { RollupWriter } from './rollup-writer.js';
import { SliceRunner, type WriteCounts } from './slice-runner.js';
import type { ModelOf } from './write-ops.js';
import type { StoreWriterOptions, StoreWriterStats } from './store-writer-types.js';
import { WriteQueue } from './write-queue.js';
import type { SiteRow, WriteStatements } from './write-statements.js';

export type { StoreWriterOptions, StoreWriterStats } from './store-writer-types.js';

const DEFAULT_MAX_BACKLOG = 500_000;
const DEFAULT_GRACE_MS = 30_000;
/** Open minutes held at most (device metrics × minutes not yet written). */
const MAX_OPEN_MINUTES = 200_000;
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
  private readonly rollups: RollupWriter;
  private readonly stats: WriteCounts = {
    eventsWritten: 0,
    snapshotsWritten: 0,
    duplicatesSkipped: 0,
    eventsDropped: 0,
  };
  private readonly dirty = new DirtyDevices();
  /** Each slice, checkpoint and write of closed minutes, and what its failure does. */
  private readonly runner: SliceRunner;
  private uncheckpointed = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly sql: WriteStatements,
    modelOf: ModelOf,
    private readonly options: StoreWriterOptions,
  ) {
    const grace = options.rollupGraceMs ?? DEFAULT_GRACE_MS;
    this.rollups = new RollupWriter(sql, grace, MAX_OPEN_MINUTES);
    this.runner = new SliceRunner(
      sql,
      modelOf,
      options,
      this.queue,
      this.rollups,
      this.dirty,
      this.stats,
    );
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
    return { ...this.stats, backlog: this.queue.size, lastError: this.runner.lastError };
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
    while ((this.queue.length > 0 || this.dirty.size > 0) && this.runner.slice(this.disposed)) {
      // each slice commits (and, disposing, writes dirty devices); a failing one stops the loop
    }
    this.stats.eventsDropped += this.queue.clear();
    this.runner.attempt(() => {
      this.rollups.write(this.options.clock.now(), Infinity, true);
    });
    this.settle();
  }

  /** Whether new work is taken: not once the file is damaged or the writer disposed. */
  private accepting(): boolean {
    return !this.runner.damaged && !this.disposed;
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
    const due = Math.max(this.options.clock.now() + ms, this.runner.retryAt);
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
    const more = this.queue.length > 0 || this.rollups.due(now) || this.runner.dirtyDue(now);
    if (ok && (more || this.uncheckpointed > 0)) {
      this.writing = true;
      this.yieldToLoop(() => {
        this.writing = false;
        this.drain();
      });
      return;
    }
    if (this.queue.length === 0) this.settle();
    // A failed write is retried RETRY_TICKS later (slice-runner.ts); open minutes are written
    // once they close.
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
    const rows = this.queue.length > 0 || this.runner.dirtyDue(now);
    const idle = !rows && !this.rollups.due(now);
    if (this.uncheckpointed >= CHECKPOINT_EVERY || (idle && this.uncheckpointed > 0)) {
      this.uncheckpointed = 0;
      return this.runner.attempt(() => this.sql.checkpoint());
    }
    const ok = rows
      ? this.runner.slice(this.disposed)
      : this.runner.attempt(() => {
          this.rollups.write(now, Math.max(1, Math.floor(this.runner.sliceRows() / 2)));
        });
    if (ok) this.uncheckpointed++;
    return ok;
  }

  /** Idle: wakes for the next closing minute or dirty devices' flush, whichever is first. */
  private scheduleRollups(): void {
    const now = this.options.clock.now();
    const minute = this.rollups.nextCloseAt();
    const flush = this.runner.nextFlushAt();
    const next = Math.min(minute ?? Infinity, flush ?? Infinity);
    if (next === Infinity) return;
    this.schedule(Math.max(this.options.tickMs, next - now));
  }
}
