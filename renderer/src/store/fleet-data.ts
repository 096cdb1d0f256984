import { emptyFleetModel, type FleetModel } from '../../../shared/fleet/fleet-reducer.js';
import type { ScreensState } from '../../../shared/bridge/screens.js';
import type { HistoryRing } from './history-ring.js';

export {
  EMPTY_ALERTS,
  EMPTY_DEVICES,
  type AlertMap,
  type DeviceMap,
} from '../../../shared/fleet/fleet-reducer.js';

/** One sample of a device's metrics; null where the device did not report that metric. */
export interface HistoryPoint {
  readonly at: number;
  readonly cpu: number | null;
  readonly memory: number | null;
  readonly disk: number | null;
  readonly latency: number | null;
  readonly loss: number | null;
}

/** A device's points as objects, oldest first (HistoryRing.points): what the chart plots. */
export type History = readonly HistoryPoint[];
/**
 * deviceId → its ring. The rings are mutated in place as samples arrive; this map is replaced
 * only when devices gain a ring or leave (added, removed, a reset), so components select
 * `ring.version` to follow the samples.
 */
export type HistoryMap = ReadonlyMap<string, HistoryRing>;

/**
 * What the renderer knows of the fleet: the shared fleet model (sites, devices, alerts, kept by
 * shared/fleet/fleet-reducer.ts) and what only a screen needs on top of it.
 */
export interface FleetData extends FleetModel {
  /** Hub clock minus this machine's clock, so ages stay true on a viewer with a skewed clock. */
  readonly serverOffset: number;
  /** siteId → deviceId → recent metric samples. Nested like `devices` so a reset drops a site's. */
  readonly history: ReadonlyMap<string, HistoryMap>;
  /**
   * Which change of the wall's screen layouts the hub has made (FleetSnapshot.screens): a screen
   * running a playlist, and the screens view, ask again when it moves. Null until the first
   * snapshot (screens-changes.ts).
   */
  readonly screens: ScreensState | null;
  /**
   * Sites whose devices are still arriving in parts (FleetSnapshot `following`) → how many have
   * arrived so far (the snapshot's head, then each part); the hub's summary of each says how many
   * there are in all (receiving.ts). Empty once the last part is in.
   */
  readonly receiving: ReadonlyMap<string, number>;
}

export const initialFleetData: FleetData = {
  ...emptyFleetModel,
  serverOffset: 0,
  history: new Map(),
  screens: null,
  receiving: new Map(),
};
