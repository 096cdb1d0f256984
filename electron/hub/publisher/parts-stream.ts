import type { FleetDelta, SnapshotPart } from '../../../shared/bridge/fleet-view.js';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import { notifyAll } from '../notify-all.js';

type DeltaSink = (delta: FleetDelta) => void;

export interface PartsStream {
  /** What the publisher sends this viewer's deltas to: held until the last part is out. */
  readonly sink: DeltaSink;
  /** Stops sending (the viewer went): no more parts, the held deltas dropped. */
  readonly stop: () => void;
}

/**
 * Sends a viewer's snapshot parts (snapshot-parts.ts) one per task on `clock`, from the next task
 * on (so after the host has answered with the snapshot), then the deltas held meanwhile, in order;
 * `done` once the last part is out. A part that cannot be sent is logged and the rest go on: the
 * page finds the next one out of order, or waits out the last (docs/architecture.md, "Big sites").
 */
export function streamParts(
  parts: readonly SnapshotPart[],
  send: (part: SnapshotPart) => void,
  sink: DeltaSink,
  clock: Clock,
  done: () => void,
): PartsStream {
  const held: FleetDelta[] = [];
  let sent = 0;
  let timer: TimerHandle | null = null;
  const sendNext = (): void => {
    const part = parts[sent++];
    if (part) {
      try {
        send(part);
      } catch (error) {
        console.error('publisher: a snapshot part could not be sent:', error);
      }
    }
    if (sent < parts.length) {
      timer = clock.setTimeout(sendNext, 0);
      return;
    }
    timer = null;
    done();
    for (const delta of held.splice(0)) notifyAll([sink], delta, 'publisher');
  };
  timer = clock.setTimeout(sendNext, 0);
  return {
    sink: (delta) => {
      if (timer === null) sink(delta);
      else held.push(delta);
    },
    stop: () => {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      held.length = 0;
      done();
    },
  };
}
