import { checkEvent } from '../../../shared/bridge/check-payload.js';
import type { NocBridge } from '../../../shared/bridge/contract.js';
import type { FleetDelta, FleetSnapshot } from '../../../shared/bridge/fleet-view.js';
import { invokeChecked } from '../bridge/invoke-checked.js';
import { systemClock } from '../../../shared/system-clock.js';
import { createErrorReporter, type ReportError } from '../errors/error-reporter.js';
import type { FleetStore } from './fleet-store.js';

/** Wait before asking again when `fleet.subscribe` failed (hub still starting, say). */
export const SUBSCRIBE_RETRY_MS = 3_000;

/** The scope under which payloads that fail the contract are reported to the host. */
export const INVALID_PAYLOAD_SCOPE = 'bridge:payload';

/**
 * Feeds the store from the bridge: a snapshot on start, on every reconnection and after every
 * gap, then each delta. Everything received is checked against the bridge contract first (in
 * every build: the cost is small next to rendering, see docs); what fails is dropped, counted in
 * the store and reported to the host, and the last good state stays on screen. A bad delta
 * means we can no longer trust our copy to follow the hub's, so it also asks for a snapshot.
 * Returns the stop function, which removes every listener and timer.
 *
 * `report` is the board's one error reporter (rate-limited per scope and message, so a hub that
 * sends the same bad delta every tick is reported once a minute, while the board counts them all).
 */
export function startFleetSync(
  bridge: NocBridge,
  store: FleetStore,
  report: ReportError = createErrorReporter(
    (args) => invokeChecked(bridge, 'app.reportError', args),
    systemClock,
  ),
): () => void {
  let stopped = false;
  /** Bumped per request, so only the newest snapshot is applied. */
  let generation = 0;
  let subscribing = false;
  /** Deltas that arrive while a snapshot is on its way; replayed on top of it. */
  let pending: FleetDelta[] = [];
  let retry: ReturnType<typeof setTimeout> | undefined;
  let infoRetry: ReturnType<typeof setTimeout> | undefined;
  const actions = () => store.getState();

  const invalid = (problem: string): void => {
    actions().recordInvalidPayload(problem);
    report({ scope: INVALID_PAYLOAD_SCOPE, message: problem, stack: null });
  };

  const apply = (delta: FleetDelta): boolean => {
    if (actions().applyDelta(delta) === 'applied') return true;
    subscribe();
    return false;
  };

  const received = (snapshot: FleetSnapshot): void => {
    subscribing = false;
    actions().applySnapshot(snapshot);
    actions().setSyncError(null);
    const buffered = pending;
    pending = [];
    for (const delta of buffered) if (!apply(delta)) return;
  };

  const failed = (message: string): void => {
    subscribing = false;
    pending = [];
    actions().setSyncError(message);
    retry = setTimeout(subscribe, SUBSCRIBE_RETRY_MS);
  };

  function subscribe(): void {
    if (stopped) return;
    clearTimeout(retry);
    const current = ++generation;
    subscribing = true;
    pending = [];
    void invokeChecked(bridge, 'fleet.subscribe', {}).then((result) => {
      if (stopped || current !== generation) return;
      if (result.ok) {
        received(result.value);
        return;
      }
      if (result.error.code === 'bad-result') invalid(result.error.message);
      failed(result.error.message);
    });
  }

  /**
   * The demo banner and the staleness thresholds come with app.info: without them the board
   * could not tell a demo from a real fleet, so keep asking until the hub answers.
   */
  const loadInfo = (): void => {
    clearTimeout(infoRetry);
    void invokeChecked(bridge, 'app.info', {}).then((result) => {
      if (stopped) return;
      if (result.ok) {
        actions().setInfo(result.value);
        return;
      }
      if (result.error.code === 'bad-result') invalid(result.error.message);
      infoRetry = setTimeout(loadInfo, SUBSCRIBE_RETRY_MS);
    });
  };

  const offDelta = bridge.on('fleet.delta', (payload) => {
    const checked = checkEvent('fleet.delta', payload);
    if (!checked.ok) {
      invalid(checked.problem);
      // One fresh snapshot is enough: a request already on its way is not started again.
      if (!subscribing) subscribe();
    } else if (subscribing) pending.push(checked.value);
    else apply(checked.value);
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
      loadInfo();
    }
  });

  subscribe();
  loadInfo();

  return () => {
    stopped = true;
    clearTimeout(retry);
    clearTimeout(infoRetry);
    pending = [];
    offDelta();
    offStatus();
  };
}
