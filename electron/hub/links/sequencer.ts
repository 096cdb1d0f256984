import type { SiteEvent } from '../../../shared/protocol/events.js';

export interface SequenceGap {
  /** The seq that was expected next. */
  readonly expected: number;
  readonly got: number;
}

export interface AcceptResult {
  /** Events to apply, in order, each exactly once. */
  readonly apply: readonly SiteEvent[];
  readonly duplicates: number;
  /** Set when events were missed: the caller must resume from `expected - 1`. */
  readonly gap: SequenceGap | null;
}

/**
 * Per-site sequence bookkeeping: applies each seq once and in order, ignores what it has seen,
 * and reports the first gap. While a resync is under way it drops out-of-order events quietly;
 * the site replays them.
 */
export class Sequencer {
  private streamId: string | null = null;
  private last: number | null = null;
  private resyncing = false;

  get stream(): string | null {
    return this.streamId;
  }

  get lastSeq(): number | null {
    return this.last;
  }

  get isResyncing(): boolean {
    return this.resyncing;
  }

  /** After a snapshot: everything up to `seq` of `stream` is known. */
  reset(stream: string, seq: number): void {
    this.streamId = stream;
    this.last = seq;
    this.resyncing = false;
  }

  beginResync(): void {
    this.resyncing = true;
  }

  endResync(): void {
    this.resyncing = false;
  }

  /** True when the events belong to the stream we are positioned in. */
  isCurrent(stream: string): boolean {
    return this.last !== null && stream === this.streamId;
  }

  accept(events: readonly SiteEvent[]): AcceptResult {
    const apply: SiteEvent[] = [];
    let duplicates = 0;
    let last = this.last;
    if (last === null) return { apply, duplicates, gap: null };
    for (const event of events) {
      if (event.seq <= last) {
        duplicates++;
      } else if (event.seq === last + 1) {
        apply.push(event);
        last = event.seq;
      } else {
        this.last = last;
        if (this.resyncing) return { apply, duplicates, gap: null };
        return { apply, duplicates, gap: { expected: last + 1, got: event.seq } };
      }
    }
    this.last = last;
    return { apply, duplicates, gap: null };
  }

  /** A heartbeat naming a seq we never received means the tail of the stream was lost. */
  checkHeartbeat(stream: string, seq: number): SequenceGap | null {
    if (this.resyncing || this.last === null || stream !== this.streamId) return null;
    return seq > this.last ? { expected: this.last + 1, got: seq } : null;
  }
}
