import type { DirtyDevices } from './dirty-devices.js';
import type { RollupWriter } from './rollup-writer.js';
import { isDamaged, isFull, isTransient } from './sqlite-errors.js';
import type { StoreWriterOptions } from './store-writer-types.js';
import type { ModelOf } from './write-ops.js';
import type { SavedHead, WriteQueue } from './write-queue.js';
import { WriteSlice, type SliceResult } from './write-slice.js';
import type { WriteStatements } from './write-statements.js';

const DEFAULT_SLICE_ROWS = 1_000;
const DEFAULT_SLICE_MS = 6;
/** Failures of one slice before its rows are tried one at a time; then of one row before it goes. */
const MAX_FAILURES = 3;
/** A failed write waits this many ticks before it is tried again. */
const RETRY_TICKS = 5;
/** Devices behind only by samples are written at least this often (dirty-devices.ts). */
const DIRTY_FLUSH_MS = 5_000;

/** What the store writer counts of its work (its statistics, less the backlog and last error). */
export interface WriteCounts {
  eventsWritten: number;
  snapshotsWritten: number;
  duplicatesSkipped: number;
  eventsDropped: number;
}

/**
 * The store writer's writes (store-writer.ts): a slice of its queue in one transaction, or a
 * write outside the queue (a checkpoint, closed minutes). What commits is counted; what fails is
 * tried again later, narrowed down to the one row that fails, or, when the file is damaged,
 * ends all writing.
 */
export class SliceRunner {
  /** The file is damaged: nothing more is written (the writer takes no new work). */
  damaged = false;
  /** The last failed write, with its error; null once a slice commits. */
  lastError: string | null = null;
  /** A failed write is not retried before this (hub clock). */
  retryAt = 0;
  private failures = 0;
  /** After repeated failures: one row per slice, to find the row that fails. */
  private isolating = false;
  /** Single-row slices still to run before the writer goes back to full ones. */
  private isolateLeft = 0;
  /** When dirty devices were last all written (hub clock). */
  private lastFlush = 0;

  constructor(
    private readonly sql: WriteStatements,
    private readonly modelOf: ModelOf,
    private readonly options: StoreWriterOptions,
    private readonly queue: WriteQueue,
    private readonly rollups: RollupWriter,
    private readonly dirty: DirtyDevices,
    private readonly stats: WriteCounts,
  ) {}

  sliceRows(): number {
    return this.isolating ? 1 : (this.options.sliceRows ?? DEFAULT_SLICE_ROWS);
  }

  /** Devices behind by samples are due to be written. */
  dirtyDue(now: number): boolean {
    return this.dirty.size > 0 && now - this.lastFlush >= DIRTY_FLUSH_MS;
  }

  /** When devices behind by samples are next due to be written; null when there are none. */
  nextFlushAt(): number | null {
    return this.dirty.size > 0 ? this.lastFlush + DIRTY_FLUSH_MS : null;
  }

  /**
   * Writes one slice in one transaction; false when it failed (nothing of it is kept). Dirty
   * devices are written with it when due, and all of them when `disposing`.
   */
  slice(disposing: boolean): boolean {
    const now = this.options.clock.now();
    const rows = this.sliceRows();
    const saved = this.queue.saveHead(rows);
    let slice: WriteSlice | null = null;
    try {
      const elapsed = this.options.elapsed ?? (() => performance.now());
      const deadline = elapsed() + (this.options.sliceMs ?? DEFAULT_SLICE_MS);
      const flush = this.dirtyDue(now) || disposing;
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
  attempt(write: () => unknown): boolean {
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
