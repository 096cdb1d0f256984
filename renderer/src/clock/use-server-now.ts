import { useFleet } from '../store/store-context.js';
import { useNow } from './shared-clock.js';

/** The hub's time by the shared clock: what every age on the board is measured against. */
export function useServerNow(resolutionMs = 1000): number {
  const offset = useFleet((state) => state.serverOffset);
  return useNow(resolutionMs, offset);
}
