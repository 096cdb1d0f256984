import type { Clock } from '../../../shared/clock.js';
import type { SyncRequest } from '../../../shared/protocol/messages.js';
import type { ReconnectOptions } from '../config/hub-options.js';
import type { Repair } from './link-ingest.js';
import { ResyncBrake } from './resync-brake.js';
import type { Sequencer } from './sequencer.js';

/** The first resync backoff; it doubles up to the reconnect maximum. */
const RESYNC_INITIAL_DELAY_MS = 250;

export interface LinkResyncDeps {
  readonly clock: Clock;
  readonly reconnect: ReconnectOptions;
  /** Where the link stands in its stream: a resync resumes from there when it can. */
  readonly sequencer: Sequencer;
  /** Whether the link is streaming now: only then does a resync run. */
  readonly streaming: () => boolean;
  /** Sends the resync's sync request. */
  readonly sync: (request: SyncRequest) => void;
}

/**
 * A streaming link's resyncs (a resume, or a snapshot for another stream), braked by the resync
 * backoff (see ResyncBrake). The link owns the syncs themselves.
 */
export class LinkResync {
  private readonly brake: ResyncBrake;
  /** A braked resync that must be a snapshot (another stream), not a resume. */
  private needsSnapshot = false;

  constructor(private readonly deps: LinkResyncDeps) {
    this.brake = new ResyncBrake(deps.clock, {
      initialDelayMs: RESYNC_INITIAL_DELAY_MS,
      maxDelayMs: deps.reconnect.maxDelayMs,
      resetAfterMs: 4 * Math.max(deps.reconnect.maxDelayMs, RESYNC_INITIAL_DELAY_MS),
    });
  }

  /** Timers held: 1 while a resync waits for its turn. */
  get pending(): number {
    return this.brake.pending;
  }

  /** A resync (a resume, or a snapshot for another stream), braked by the resync backoff. */
  request(repair: Repair): void {
    if (repair === null || !this.deps.streaming()) return; // else a sync runs anyway
    this.needsSnapshot ||= repair === 'snapshot';
    this.brake.request(() => {
      if (!this.deps.streaming()) return;
      const { stream, lastSeq } = this.deps.sequencer;
      const resume = !this.needsSnapshot && stream !== null && lastSeq !== null;
      this.needsSnapshot = false;
      this.deps.sync(resume ? { stream, after: lastSeq } : { stream: null, after: null });
    });
  }

  /** Drops a resync waiting for its turn. */
  cancel(): void {
    this.brake.cancel();
  }

  /** The connection is gone: drops a waiting resync, and what it had to be. */
  reset(): void {
    this.brake.cancel();
    this.needsSnapshot = false; // the next connection's hello decides resume or snapshot
  }
}
