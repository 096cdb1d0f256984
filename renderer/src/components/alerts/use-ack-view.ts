import { useSyncExternalStore } from 'react';
import { ackView, type AckView } from '../../../../shared/alerts/alert-state.js';
import type { TechnicianAction } from '../../../../shared/alerts/technician-action.js';
import type { Alert } from '../../../../shared/protocol/alert.js';
import { useBoardClock } from '../../clock/clock-context.js';

/**
 * The alert's acknowledgement state by the board's clock (shared/alerts/alert-state.ts, the rule
 * the hub uses too). Subscribed by its status alone, so the row re-renders when an
 * acknowledgement lapses at its expiry, not on every tick.
 */
export function useAckView(alert: Alert, action: TechnicianAction | null): AckView {
  const clock = useBoardClock();
  useSyncExternalStore(clock.subscribe, () => {
    const view = ackView(alert, action, clock.displayNow());
    return `${view.status}|${view.lapsed ?? ''}`;
  });
  return ackView(alert, action, clock.displayNow());
}
