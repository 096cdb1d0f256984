import type { Clock } from '../../../shared/clock.js';
import type { LinkIngest } from './link-ingest.js';
import type { LinkResync } from './link-resync.js';
import type { LinkStatus } from './link-status.js';
import type { LinkCounters } from './link-types.js';
import { eventCount, type RatePause } from './rate-pause.js';

/** What a link's inbound traffic goes through; `status` and `pause` act on the link as it is now. */
export interface LinkInboundDeps {
  readonly clock: Clock;
  readonly counters: LinkCounters;
  readonly ingest: LinkIngest;
  readonly rate: RatePause;
  readonly resync: LinkResync;
  readonly status: () => LinkStatus;
  /** Over a rate budget: the link drops the connection and comes back after the pause. */
  readonly pause: () => void;
}

/** A connection's bytes, and its messages after the hello. */
export interface LinkInbound {
  readonly bytes: (bytes: number) => void;
  readonly snapshot: (payload: unknown) => void;
  readonly events: (payload: unknown) => void;
  readonly heartbeat: (payload: unknown) => void;
}

/**
 * A link's inbound traffic: counted against its rate budgets (a pause drops what still arrives),
 * and what is in turn handed to the ingest, whose repairs go to the resync brake.
 */
export function linkInbound(deps: LinkInboundDeps): LinkInbound {
  const { clock, counters, ingest, rate, resync, status, pause } = deps;
  return {
    bytes: (bytes) => {
      if (status() !== 'disposed' && rate.bytes(bytes, clock.now())) {
        pause();
      }
    },
    snapshot: (payload) => {
      if (rate.paused || !ingest.inTurn('snapshot', status())) return;
      ingest.snapshot(payload, status());
    },
    events: (payload) => {
      const count = eventCount(payload);
      // Events received while syncing are counted once the answer says how many were a replay
      // (see RatePause): a replay is what a pause held back.
      if (status() === 'syncing') rate.whileSyncing(count);
      const live = status() === 'streaming';
      if (live && !rate.paused && rate.events(count, clock.now())) pause();
      if (rate.paused) {
        // Not applied: the resume after the pause replays them.
        counters.droppedOverBudget += count;
        return;
      }
      if (!ingest.inTurn('events', status())) return;
      resync.request(ingest.events(payload, status()));
    },
    heartbeat: (payload) => {
      if (rate.paused || !ingest.inTurn('heartbeat', status())) return;
      const repairing = resync.pending > 0;
      resync.request(ingest.heartbeat(payload, status(), repairing));
    },
  };
}
