import { DEFAULT_CLOCK_SKEW_MS } from '../../../shared/fleet/clock-skew.js';
import { useFleet } from '../store/store-context.js';

/**
 * How far a site's time may run ahead of the hub's before the board flags it: the hub's setting
 * (from `app.info`), so board and hub judge alike; the shared default until the hub has said.
 */
export function useClockSkewMs(): number {
  return useFleet((s) => s.info?.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS);
}
