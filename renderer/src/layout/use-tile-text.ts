import { useMemo, useSyncExternalStore } from 'react';
import { useBoardClock } from '../clock/clock-context.js';
import { DELTA_BATCH_MS } from '../store/delta-batcher.js';
import { EMPTY_ALERTS, EMPTY_DEVICES } from '../store/fleet-data.js';
import {
  cachedDevicesRollup,
  problemDevices,
  severityCounts,
  statusCounts,
  type SeverityCounts,
  type StatusCounts,
} from '../store/selectors.js';
import { useFleetStore } from '../store/store-context.js';
import { useSiteDownShare } from '../status/use-site-rollup.js';
import { rollupRank, type SiteRollup } from '../../../shared/fleet/site-rollup.js';
import type { Device } from '../../../shared/protocol/device.js';
import { HeldSelection, type HeldSource } from './held-selection.js';
import { phaseOf } from './text-hold.js';

/** What a tile says of its site's devices and alerts: held together, so they always agree. */
export interface TileText {
  readonly counts: StatusCounts;
  /** The alerts raised at the site, by severity. */
  readonly alerts: SeverityCounts;
  /** From the devices alone: the tile shows "unreachable" from its link state, never held. */
  readonly rollup: SiteRollup;
  /** Devices down or warning, worst first (`problemDevices`). */
  readonly problems: readonly Device[];
}

function sameCounts<C extends object>(a: C, b: C): boolean {
  if (a === b) return true;
  for (const key of Object.keys(a) as (keyof C)[]) if (a[key] !== b[key]) return false;
  return true;
}

function sameDevices(a: readonly Device[], b: readonly Device[]): boolean {
  return a.length === b.length && a.every((device, i) => device === b[i]);
}

export const sameTileText = (a: TileText, b: TileText): boolean =>
  a.rollup === b.rollup &&
  sameCounts(a.counts, b.counts) &&
  sameCounts(a.alerts, b.alerts) &&
  sameDevices(a.problems, b.problems);

/** A site whose devices got worse shows it at once, whatever the hold. */
export const worseTileText = (live: TileText, shown: TileText): boolean =>
  rollupRank(live.rollup) < rollupRank(shown.rollup);

/**
 * A tile's text, held `holdMs` (TEXT_HOLD_MS on a big wall, 0 on a small one): selected by a
 * subscription of its own (held-selection.ts), so the tile renders only when the text it shows
 * changes, never on a delta batch whose changes it holds back.
 */
export function useTileText(siteId: string, holdMs: number): TileText {
  const store = useFleetStore();
  const clock = useBoardClock();
  const share = useSiteDownShare();
  const held = useMemo(() => {
    const read = (): TileText => {
      const state = store.getState();
      const devices = state.devices.get(siteId) ?? EMPTY_DEVICES;
      return {
        counts: statusCounts(devices),
        alerts: severityCounts(state.alerts.get(siteId) ?? EMPTY_ALERTS),
        rollup: cachedDevicesRollup(devices, share),
        problems: problemDevices(devices),
      };
    };
    // Only a change to this site's devices or alerts can change its text; any other change (the
    // next delta batch) can still release text waiting past its hold.
    const source: HeldSource = (listener) =>
      store.subscribe((state, previous) => {
        listener(
          state.devices.get(siteId) !== previous.devices.get(siteId) ||
            state.alerts.get(siteId) !== previous.alerts.get(siteId),
        );
      });
    return new HeldSelection(read, source, clock, {
      holdMs,
      phase: phaseOf(siteId, holdMs),
      equal: sameTileText,
      urgent: worseTileText,
      graceMs: DELTA_BATCH_MS,
    });
  }, [store, clock, siteId, share, holdMs]);
  return useSyncExternalStore(held.subscribe, held.getSnapshot);
}
