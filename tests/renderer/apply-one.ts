import type { FleetDelta } from '../../shared/bridge/fleet-view.js';
import { applyDeltas, GAP, type Gap } from '../../renderer/src/store/apply-delta.js';
import type { FleetData } from '../../renderer/src/store/fleet-data.js';
import type { DeltaOutcome, FleetStore } from '../../renderer/src/store/fleet-store.js';

export { GAP } from '../../renderer/src/store/apply-delta.js';

/**
 * One delta through the store's batch path (applyDeltas): the state after it, the same state
 * when it adds nothing, or GAP. The page always reduces batches; tests often want one delta.
 */
export function applyDelta<S extends FleetData>(
  state: S,
  delta: FleetDelta,
  receivedAt: number,
): S | Gap {
  const { state: next, outcomes } = applyDeltas(state, [{ value: delta, at: receivedAt }]);
  return outcomes[0] === 'gap' ? GAP : next;
}

/** One delta into a store, shown at once: its outcome ('gap' if the store says nothing). */
export function publishDelta(
  store: FleetStore,
  delta: FleetDelta,
  receivedAt: number,
): DeltaOutcome {
  const [outcome = 'gap'] = store.getState().stageDeltas([{ value: delta, at: receivedAt }]);
  store.getState().publishStaged();
  return outcome;
}
