import type { Clock } from '../../../shared/clock.js';

/** What the store writer is configured with, and the figures it reports (store-writer.ts). */

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
