import { checkEvent } from '../../../shared/bridge/check-payload.js';
import type { FleetSnapshot, SnapshotPart } from '../../../shared/bridge/fleet-view.js';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { Device } from '../../../shared/protocol/device.js';
import type { AfterFrame } from './after-frame.js';
import { SnapshotCompletion } from './snapshot-completion.js';

/**
 * Parts that arrive before the snapshot they complete (a host whose events may overtake a
 * command's answer) are kept, up to this many, until it does.
 */
export const MAX_EARLY_PARTS = 100;

/** A snapshot whose next part has not come for this long is given up and asked for again, whole. */
export const PART_WAIT_MS = 30_000;

/**
 * Parts received and not yet checked (each is checked a frame after the last): ten per 50,000-device
 * site. More are dropped, not held (the snapshot is then asked for again, whole).
 */
export const MAX_QUEUED_PARTS = 100;

/** What the intake tells the fleet sync (fleet-sync.ts) that runs it. */
export interface PartsIntakeHost {
  readonly clock: Clock;
  readonly afterFrame: AfterFrame;
  /** A `fleet.subscribe` is on its way: parts that come meanwhile may be its snapshot's. */
  subscribing(): boolean;
  invalid(problem: string): void;
  /** The snapshot cannot be completed: ask for it again, whole. */
  giveUp(): void;
  /** A part was taken: how many of the site's devices the board has had so far. */
  received(siteId: string, devices: number): void;
  /** The last part was taken: what every part brought, by site. */
  complete(rest: ReadonlyMap<string, readonly Device[]>): void;
}

/**
 * The `fleet.snapshotPart` events that complete a snapshot (docs/architecture.md, "Big sites"):
 * each is checked against the contract a frame after the last, so the snapshot's first rows are
 * painted before any part is looked at and the view stays responsive while they are; each must be
 * the next of the snapshot being completed (SnapshotCompletion), and come within PART_WAIT_MS of
 * the last one taken.
 */
export class PartsIntake {
  private completion: SnapshotCompletion | null = null;
  /** Parts that came while their snapshot was on its way. */
  private early: SnapshotPart[] = [];
  /** Received, not yet checked. */
  private queue: unknown[] = [];
  /** The check waiting for its frame, if one is (AT_ONCE runs it inside afterFrame). */
  private frame: { cancel: () => void } | null = null;
  /** Gives the completion up when its next part is too long in coming. */
  private timer: TimerHandle | null = null;
  private disposed = false;

  constructor(private readonly host: PartsIntakeHost) {}

  /** A snapshot is being completed: deltas must wait for it. */
  get completing(): boolean {
    return this.completion !== null;
  }

  /** From the bridge, unchecked. */
  push(payload: unknown): void {
    if (this.queue.length >= MAX_QUEUED_PARTS) {
      this.host.invalid(
        `fleet.snapshotPart: more than ${MAX_QUEUED_PARTS} parts waiting to be checked`,
      );
      return;
    }
    this.queue.push(payload);
    this.checkAfterFrame();
  }

  /** `snapshot` (which has parts) arrived: completes it with the parts kept and those to come. */
  start(snapshot: FleetSnapshot): void {
    const early = this.early;
    this.early = [];
    this.completion = new SnapshotCompletion(snapshot);
    this.waitForPart();
    for (const part of early) this.take(part);
  }

  /** Stops completing the snapshot (it is given up, or another is asked for). */
  abandon(): void {
    this.completion = null;
    this.cancelTimer();
  }

  /** A new subscription: nothing kept from the last one is its. */
  reset(): void {
    this.abandon();
    this.early = [];
  }

  dispose(): void {
    this.disposed = true;
    this.reset();
    this.queue = [];
    this.frame?.cancel();
    this.frame = null;
  }

  private checkAfterFrame(): void {
    if (this.frame !== null || this.disposed) return;
    const wait = { cancel: (): void => undefined };
    this.frame = wait;
    wait.cancel = this.host.afterFrame(() => {
      if (this.frame === wait) this.frame = null;
      const payload = this.queue.shift();
      if (payload !== undefined) this.check(payload);
      if (this.queue.length > 0) this.checkAfterFrame();
    });
  }

  private check(payload: unknown): void {
    const checked = checkEvent('fleet.snapshotPart', payload);
    if (!checked.ok) {
      this.host.invalid(checked.problem);
      // The snapshot it belonged to cannot be completed; a stray one changes nothing we hold.
      if (this.completion !== null) this.host.giveUp();
      return;
    }
    if (this.completion !== null) this.take(checked.value);
    else if (!this.host.subscribing()) return;
    else if (this.early.length < MAX_EARLY_PARTS) this.early.push(checked.value);
    else {
      this.host.invalid(
        `fleet.snapshotPart: more than ${MAX_EARLY_PARTS} parts came before their snapshot`,
      );
    }
  }

  /** A part of the snapshot being completed; the last one completes it. */
  private take(part: SnapshotPart): void {
    const completion = this.completion;
    if (completion === null) return;
    const taken = completion.take(part);
    if (taken === 'other') return;
    if (taken !== 'taken') {
      this.host.invalid(`fleet.snapshotPart: ${taken.problem}`);
      this.host.giveUp();
      return;
    }
    this.host.received(part.siteId, completion.held(part.siteId));
    if (!completion.done) {
      this.waitForPart();
      return;
    }
    this.abandon();
    this.host.complete(completion.rest);
  }

  /** (Re)starts the wait for the completion's next part. */
  private waitForPart(): void {
    this.cancelTimer();
    if (this.completion === null) return;
    const { next, parts } = this.completion;
    this.timer = this.host.clock.setTimeout(() => {
      this.timer = null;
      this.host.invalid(
        `fleet.snapshotPart: part ${next} of ${parts} did not come within ${PART_WAIT_MS / 1000} s`,
      );
      this.host.giveUp();
    }, PART_WAIT_MS);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.host.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
