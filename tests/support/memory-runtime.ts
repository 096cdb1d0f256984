import type { Hub } from '../../electron/hub/hub.js';
import type { Publisher } from '../../electron/hub/publisher/publisher.js';
import type { HubRuntime } from '../../electron/hub/runtime.js';
import { MemoryScreenHomeStore } from '../../electron/hub/store/screen-homes.js';

/** A runtime around a test's own hub and publisher, keeping nothing (no store). */
export function memoryRuntime(
  hub: Hub,
  publisher: Publisher,
  over: Partial<Pick<HubRuntime, 'demo' | 'dispose'>> = {},
): HubRuntime {
  return {
    hub,
    publisher,
    demo: false,
    storeFile: null,
    storeRecovered: null,
    storeHealth: () => null,
    history: null,
    screenHomes: new MemoryScreenHomeStore(),
    dispose: () => Promise.resolve(),
    ...over,
  };
}
