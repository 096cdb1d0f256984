import type { FleetDelta } from '../../../shared/bridge/fleet-view.js';
import { reduceDeltas, type ReducedBatch } from '../../../shared/fleet/fleet-reducer.js';
import { NestedMapDraft, type MapDraft } from '../../../shared/fleet/map-draft.js';
import type { Arrived } from './delta-batcher.js';
import { sameScreens, siteHistory } from './apply-snapshot.js';
import type { FleetData } from './fleet-data.js';
import { appendSample, type HistoryRing, type Sample } from './history.js';
import { nextServerOffset } from './server-offset.js';

export { GAP, type DeltaOutcome, type Gap } from '../../../shared/fleet/fleet-reducer.js';

const EMPTY_HISTORIES: ReadonlyMap<string, HistoryRing> = new Map();

/**
 * Rings after the applied deltas of a batch, in order. Samples are appended to the rings in
 * place; a site's map is copied only when a device gains its first ring, is removed, or the site
 * is reset (which keeps rings of exactly the devices it lists). A patch is its device's sample:
 * it holds the device's time and metrics as that delta left them (a later delta of the same
 * batch may move the device on again, and both samples belong in its ring).
 */
function batchHistory(
  previous: FleetData['history'],
  deltas: readonly FleetDelta[],
): FleetData['history'] {
  const history = new NestedMapDraft<HistoryRing>(previous, EMPTY_HISTORIES);
  for (const delta of deltas) {
    for (const { siteId, devices } of delta.resets) {
      history.replace(siteId, siteHistory(history.current(siteId), devices));
    }
    for (const { siteId, device } of delta.devices) {
      appendTo(history.site(siteId), device.id, device);
    }
    for (const patch of delta.devicePatches) {
      appendTo(history.site(patch.siteId), patch.id, patch);
    }
    for (const { siteId, id } of delta.removedDevices) {
      history.site(siteId).delete(id);
    }
  }
  return history.result();
}

function appendTo(siteHistories: MapDraft<string, HistoryRing>, id: string, sample: Sample): void {
  const ring = appendSample(siteHistories.get(id), sample);
  // The same ring is a no-op for the draft: only a new ring copies the site's map.
  if (ring) siteHistories.set(id, ring);
}

/**
 * The state after a batch of deltas (see reduceDeltas), with each changed device's new metric
 * samples appended to its ring and the hub's clock offset followed, up to the first gap. The
 * rings are shared with `state` and written in place (one model of history, no copies): the
 * result supersedes `state`.
 */
export function applyDeltas<S extends FleetData>(
  state: S,
  batch: readonly Arrived<FleetDelta>[],
): ReducedBatch<S> {
  const reduced = reduceDeltas(
    state,
    batch.map((item) => item.value),
  );
  const applied = batch.filter((_, index) => reduced.outcomes[index] === 'applied');
  const last = applied.at(-1);
  if (last === undefined) return reduced;
  let serverOffset = state.serverOffset;
  for (const { value, at } of applied) serverOffset = nextServerOffset(serverOffset, value.at, at);
  return {
    outcomes: reduced.outcomes,
    state: {
      ...reduced.state,
      serverOffset,
      history: batchHistory(
        state.history,
        applied.map((item) => item.value),
      ),
      screens: sameScreens(state.screens, last.value.screens) ? state.screens : last.value.screens,
    },
  };
}
