import { checkEvent } from '../../../shared/bridge/check-payload.js';
import type { NocBridge } from '../../../shared/bridge/contract.js';
import type { FleetDelta, FleetSnapshot } from '../../../shared/bridge/fleet-view.js';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import type { Notice } from '../../../shared/notify/notice.js';
import { systemClock } from '../../../shared/system-clock.js';
import { invokeChecked } from '../bridge/invoke-checked.js';
import { Backoff } from '../clock/backoff.js';
import { createErrorReporter, type ReportError } from '../errors/error-reporter.js';
import { AT_ONCE, type AfterFrame } from './after-frame.js';
import { Batcher, DELTA_BATCH_MS } from './delta-batcher.js';
import { PartsIntake } from './parts-intake.js';
import { startInfoSync } from './info-sync.js';
import type { DeltaOutcome, FleetStore } from './fleet-store.js';

/** First wait before asking again when a command failed (hub still starting, say)… */
export const SUBSCRIBE_RETRY_MS = 3_000;
/** …doubling on each failure in a row up to this, so a hub that keeps failing is not hammered. */
export const SUBSCRIBE_RETRY_MAX_MS = 60_000;

/**
 * Deltas held while a snapshot's parts come (they come in a second): more means the parts have
 * stalled; the snapshot is given up and asked for again, whole.
 */
export const MAX_DELTAS_WHILE_COMPLETING = 1_000;

/** The scope under which payloads that fail the contract are reported to the host. */
export const INVALID_PAYLOAD_SCOPE = 'bridge:payload';

export interface FleetSyncOptions {
  /**
   * The page's own clock (not the board's hub time): it stamps when each message arrived, from
   * which the store measures the hub's clock offset, and runs the retry timers.
   */
  readonly clock?: Clock;
  /**
   * The board's one error reporter (rate-limited per scope and message, so a hub that sends the
   * same bad delta every tick is reported once a minute, while the board counts them all).
   */
  readonly report?: ReportError;
  /** Deltas reach the store at most this often (Batcher); 0 lets each through as it comes. */
  readonly deltaBatchMs?: number;
  /**
   * When a reduced batch is shown (after-frame.ts): the board passes afterNextFrame, so a batch's
   * reducing and its rendering fall in different frames. Default: at once, in the batch's task.
   */
  readonly afterFrame?: AfterFrame;
  /** Notices a delta carried, as it arrives (not batched): a browser tab may show them. */
  readonly onNotices?: (notices: readonly Notice[]) => void;
}

/**
 * Feeds the store from the bridge: a snapshot on start, on every reconnection and after every
 * gap, then each delta. Everything received is checked against the bridge contract first (in
 * every build: the cost is small next to rendering, see docs); what fails is dropped, counted in
 * the store and reported to the host, and the last good state stays on screen. A bad delta
 * means we can no longer trust our copy to follow the hub's, so it also asks for a snapshot.
 * Returns the stop function, which removes every listener and timer.
 *
 * Asking again is throttled: a page older than its host (left open on a wall TV while `serve`
 * was upgraded) may fail every snapshot and every delta, and must not spend the host's command
 * budget (which app.reportError needs) on a snapshot per delta. So a bad delta or a gap asks only
 * when no request is on its way and no retry is waiting; a failed request is retried after 3 s,
 * 6 s, 12 s … up to a minute; and a bad delta or gap right after a resync, before any good delta,
 * waits out that same backoff rather than asking at once.
 */
export function startFleetSync(
  bridge: NocBridge,
  store: FleetStore,
  options: FleetSyncOptions = {},
): () => void {
  const clock = options.clock ?? systemClock;
  const report =
    options.report ??
    createErrorReporter((args) => invokeChecked(bridge, 'app.reportError', args), clock);
  let stopped = false;
  /** Bumped per request, so only the newest snapshot is applied. */
  let generation = 0;
  let subscribing = false;
  /** Deltas that arrive while a snapshot is on its way; replayed on top of it. */
  let pending: FleetDelta[] = [];
  let retry: TimerHandle | null = null;
  /** Failed subscribes in a row. */
  const subscribeBackoff = new Backoff(SUBSCRIBE_RETRY_MS, SUBSCRIBE_RETRY_MAX_MS);
  /** Resyncs (bad delta, gap) since the last delta that applied cleanly; all but the first wait. */
  let resyncs = 0;
  const resyncBackoff = new Backoff(SUBSCRIBE_RETRY_MS, SUBSCRIBE_RETRY_MAX_MS);
  const actions = () => store.getState();
  /**
   * The store holds a snapshot whose parts have not all been applied (being completed, or given
   * up while a whole one is on its way): no delta may land on it, as it is not the hub's fleet.
   */
  let incomplete = actions().receiving.size > 0;

  const cancel = (timer: TimerHandle | null): null => {
    if (timer !== null) clock.clearTimeout(timer);
    return null;
  };

  const invalid = (problem: string): void => {
    // In hub time, like every age the board shows.
    actions().recordInvalidPayload(problem, clock.now() + actions().serverOffset);
    report({ scope: INVALID_PAYLOAD_SCOPE, message: problem, stack: null });
  };

  const retryIn = (ms: number): void => {
    retry = cancel(retry);
    retry = clock.setTimeout(() => {
      retry = null;
      subscribe();
    }, ms);
  };

  /** Our copy no longer follows the hub's: ask for a snapshot, unless one is already coming. */
  const resync = (): void => {
    // A snapshot that cannot be completed is asked for again, whole (the page holds one now).
    if (parts.completing) {
      parts.abandon();
      pending = [];
    } else if (stopped || subscribing || retry !== null) return;
    // The first resync since a good delta is at once; another before any good delta, not.
    if (resyncs++ === 0) subscribe();
    else retryIn(resyncBackoff.next());
  };

  /** Follows the outcome of a delta reaching the store; false on a gap (a resync was asked). */
  const followed = (outcome: DeltaOutcome): boolean => {
    if (outcome === 'gap') {
      resync();
      return false;
    }
    // Only a delta that moved us forward shows the stream is sound again. One we already had
    // (sent while our snapshot was on its way, replayed after it) must not reset the brakes, or
    // a hub that keeps producing gaps would get a snapshot request on every one.
    if (outcome === 'applied') {
      resyncs = 0;
      resyncBackoff.reset();
    }
    return true;
  };

  const afterFrame = options.afterFrame ?? AT_ONCE;
  /** The publish waiting for its frame, if one is. */
  let waiting: { cancel: () => void } | null = null;
  const publishAfterFrame = (): void => {
    if (waiting !== null) return;
    const publish = { cancel: (): void => undefined };
    waiting = publish;
    // AT_ONCE runs it before its cancel is kept: then nothing is left waiting.
    publish.cancel = afterFrame(() => {
      if (waiting === publish) waiting = null;
      actions().publishStaged();
    });
  };

  /** The parts that complete a snapshot, checked one per frame (parts-intake.ts). */
  const parts = new PartsIntake({
    clock,
    afterFrame,
    subscribing: () => subscribing,
    invalid,
    giveUp: () => {
      resync();
    },
    received: (siteId, devices) => {
      actions().noteReceived(siteId, devices);
    },
    complete: (rest) => {
      incomplete = false;
      actions().completeSnapshot(rest);
      replayPending();
    },
  });

  // Deltas of a busy stream reach the store together, so the board renders once for them: reduced
  // in the batch's task, shown after the next frame (afterFrame), so that reducing and rendering
  // are not one long frame. A gap stops the batch: what follows it waits for the snapshot the gap
  // asks for; what came before it is shown.
  const batch = new Batcher<FleetDelta>(clock, options.deltaBatchMs ?? DELTA_BATCH_MS, (items) => {
    for (const outcome of actions().stageDeltas(items)) if (!followed(outcome)) break;
    publishAfterFrame();
  });

  /**
   * Deltas that came while a snapshot was on its way or being completed, on top of it: reduced as
   * one batch and shown at once (the snapshot has just been), up to the first gap.
   */
  const replayPending = (): void => {
    const now = clock.now();
    const buffered = pending.map((value) => ({ value, at: now }));
    pending = [];
    if (buffered.length === 0) return;
    const outcomes = actions().stageDeltas(buffered);
    actions().publishStaged();
    for (const outcome of outcomes) if (!followed(outcome)) return;
  };

  const received = (snapshot: FleetSnapshot): void => {
    subscribing = false;
    subscribeBackoff.reset();
    actions().applySnapshot(snapshot, clock.now());
    actions().setSyncError(null);
    incomplete = snapshot.following !== null;
    if (snapshot.following === null) replayPending();
    else parts.start(snapshot);
  };

  const failed = (message: string): void => {
    subscribing = false;
    pending = [];
    actions().setSyncError(message);
    retryIn(subscribeBackoff.next());
  };

  function subscribe(): void {
    if (stopped) return;
    retry = cancel(retry);
    const current = ++generation;
    subscribing = true;
    parts.reset();
    pending = [];
    batch.clear();
    // Only a page that holds nothing yet takes a big site in parts: one that holds the fleet keeps
    // showing all of it until the whole new snapshot replaces it.
    const inParts = actions().version === null;
    void invokeChecked(bridge, 'fleet.subscribe', { parts: inParts }).then((result) => {
      if (stopped || current !== generation) return;
      if (result.ok) {
        received(result.value);
        return;
      }
      if (result.error.code === 'bad-result') invalid(result.error.message);
      failed(result.error.message);
    });
  }

  /** app.info, asked for again on every new connection (info-sync.ts). */
  const info = startInfoSync(bridge, store, clock, invalid, {
    firstMs: SUBSCRIBE_RETRY_MS,
    maxMs: SUBSCRIBE_RETRY_MAX_MS,
  });

  const offDelta = bridge.on('fleet.delta', (payload) => {
    const checked = checkEvent('fleet.delta', payload);
    if (!checked.ok) {
      invalid(checked.problem);
      resync();
      return;
    }
    if (checked.value.notices.length > 0) options.onNotices?.(checked.value.notices);
    if (parts.completing && pending.length >= MAX_DELTAS_WHILE_COMPLETING) {
      invalid(
        `fleet.snapshotPart: ${MAX_DELTAS_WHILE_COMPLETING} deltas came while the snapshot's parts did not`,
      );
      resync();
      return;
    }
    if (subscribing || parts.completing) pending.push(checked.value);
    // Not on a snapshot whose parts were given up: the whole one asked for replaces it.
    else if (!incomplete) batch.push(checked.value);
  });
  const offPart = bridge.on('fleet.snapshotPart', (payload) => {
    parts.push(payload);
  });
  const offStatus = bridge.on('bridge.status', (payload) => {
    const checked = checkEvent('bridge.status', payload);
    if (!checked.ok) {
      invalid(checked.problem);
      return;
    }
    const was = actions().connected;
    actions().setConnected(checked.value.connected);
    // A new connection has no subscription on the hub's side yet, and may be a restarted hub.
    if (checked.value.connected && !was) {
      subscribe();
      info.load();
    }
  });

  subscribe();
  info.load();

  return () => {
    stopped = true;
    retry = cancel(retry);
    info.stop();
    pending = [];
    parts.dispose();
    batch.clear();
    waiting?.cancel();
    waiting = null;
    offDelta();
    offPart();
    offStatus();
  };
}
