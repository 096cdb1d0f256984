import type { NocBridge } from '../../../shared/bridge/contract.js';
import type { Clock, TimerHandle } from '../../../shared/clock.js';
import { invokeChecked } from '../bridge/invoke-checked.js';
import { Backoff } from '../clock/backoff.js';
import type { FleetStore } from './fleet-store.js';

export interface InfoSync {
  /** Asks the hub for app.info now (again on every new connection). */
  load(): void;
  /** Drops the retry timer; a late answer is ignored. */
  stop(): void;
}

/**
 * The demo banner and the staleness thresholds come with app.info: without them the board could
 * not tell a demo from a real fleet, so it keeps asking, backing off from `firstMs` up to `maxMs`,
 * until the hub answers. An answer that fails the contract is reported through `invalid`.
 */
export function startInfoSync(
  bridge: NocBridge,
  store: FleetStore,
  clock: Clock,
  invalid: (problem: string) => void,
  backoff: { firstMs: number; maxMs: number },
): InfoSync {
  const delays = new Backoff(backoff.firstMs, backoff.maxMs);
  let stopped = false;
  let retry: TimerHandle | null = null;
  const clearRetry = (): void => {
    if (retry !== null) clock.clearTimeout(retry);
    retry = null;
  };
  const load = (): void => {
    clearRetry();
    void invokeChecked(bridge, 'app.info', {}).then((result) => {
      if (stopped) return;
      if (result.ok) {
        delays.reset();
        store.getState().setInfo(result.value);
        return;
      }
      if (result.error.code === 'bad-result') invalid(result.error.message);
      clearRetry();
      retry = clock.setTimeout(load, delays.next());
    });
  };
  return {
    load,
    stop: () => {
      stopped = true;
      clearRetry();
    },
  };
}
