import { afterEach, beforeEach, vi } from 'vitest';
import type { NocBridge } from '../../shared/bridge/contract.js';
import { createFleetStore, type FleetStore } from '../../renderer/src/store/fleet-store.js';
import { startFleetSync, type FleetSyncOptions } from '../../renderer/src/store/fleet-sync.js';
import { settle } from './settle.js';

export interface SyncPerTest {
  /** Starts a fleet sync on `store`, stopped after the test (or by stop()). */
  readonly start: (bridge: NocBridge, store: FleetStore, options?: FleetSyncOptions) => void;
  /** A new store with a sync started on it, after the first answers have settled. */
  readonly started: (bridge: NocBridge) => Promise<FleetStore>;
  /** Stops the running sync now (nothing when none runs). */
  readonly stop: () => void;
}

/**
 * Fake timers for each test of the file, and the fleet sync a test starts stopped after it, so
 * no timer or listener outlives its test. Call once at the top of a test file.
 */
export function syncPerTest(): SyncPerTest {
  let running: (() => void) | null = null;
  const stop = (): void => {
    running?.();
    running = null;
  };
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });
  const start = (bridge: NocBridge, store: FleetStore, options?: FleetSyncOptions): void => {
    stop();
    running = startFleetSync(bridge, store, options);
  };
  return {
    start,
    started: async (bridge) => {
      const store = createFleetStore();
      start(bridge, store);
      await settle();
      return store;
    },
    stop,
  };
}
