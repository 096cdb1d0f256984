import type { NocBridge } from '../../../shared/bridge/contract.js';
import type { FleetDelta, FleetSnapshot } from '../../../shared/bridge/fleet-view.js';
import type { FleetStore } from './fleet-store.js';

/** Wait before asking again when `fleet.subscribe` failed (hub still starting, say). */
export const SUBSCRIBE_RETRY_MS = 3_000;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Feeds the store from the bridge: a snapshot on start, on every reconnection and after every
 * gap, then each delta. Returns the stop function, which removes every listener and timer.
 */
export function startFleetSync(bridge: NocBridge, store: FleetStore): () => void {
  let stopped = false;
  /** Bumped per request, so only the newest snapshot is applied. */
  let generation = 0;
  let subscribing = false;
  /** Deltas that arrive while a snapshot is on its way; replayed on top of it. */
  let pending: FleetDelta[] = [];
  let retry: ReturnType<typeof setTimeout> | undefined;
  let infoRetry: ReturnType<typeof setTimeout> | undefined;
  const actions = () => store.getState();

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
    bridge.invoke('fleet.subscribe', {}).then(
      (result) => {
        if (stopped || current !== generation) return;
        if (result.ok) received(result.value);
        else failed(result.error.message);
      },
      (error: unknown) => {
        if (stopped || current !== generation) return;
        failed(`fleet.subscribe: ${describe(error)}`);
      },
    );
  }

  /**
   * The demo banner and the staleness thresholds come with app.info: without them the board
   * could not tell a demo from a real fleet, so keep asking until the hub answers.
   */
  const loadInfo = (): void => {
    clearTimeout(infoRetry);
    const again = () => {
      if (!stopped) infoRetry = setTimeout(loadInfo, SUBSCRIBE_RETRY_MS);
    };
    bridge.invoke('app.info', {}).then((result) => {
      if (stopped) return;
      if (result.ok) actions().setInfo(result.value);
      else again();
    }, again);
  };

  const offDelta = bridge.on('fleet.delta', (delta) => {
    if (subscribing) pending.push(delta);
    else apply(delta);
  });
  const offStatus = bridge.on('bridge.status', ({ connected }) => {
    const was = actions().connected;
    actions().setConnected(connected);
    // A new connection has no subscription on the hub's side yet, and may be a restarted hub.
    if (connected && !was) {
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
