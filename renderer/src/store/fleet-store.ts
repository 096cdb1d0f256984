import { createStore, type StateCreator, type StoreApi } from 'zustand/vanilla';
import type { AppInfo, FleetDelta, FleetSnapshot } from '../../../shared/bridge/fleet-view.js';
import type { Device } from '../../../shared/protocol/device.js';
import { applyDeltas, type DeltaOutcome } from './apply-delta.js';
import { applySnapshot, completeSnapshot } from './apply-snapshot.js';
import type { Arrived } from './delta-batcher.js';
import { initialFleetData, type FleetData } from './fleet-data.js';

/** The fleet as the bridge last described it, and how to apply what it sends. */
export interface FleetSlice extends FleetData {
  /**
   * `receivedAt` is when the page got it, by the clock the board was given (not Date.now): the
   * hub's clock offset is measured against it and applied to that same clock.
   */
  applySnapshot(snapshot: FleetSnapshot, receivedAt: number): void;
  /** A part of a big site arrived (held by the caller until the last): says how many so far. */
  noteReceived(siteId: string, devices: number): void;
  /** The snapshot's last part arrived: every big site's devices, beyond its head, at once. */
  completeSnapshot(rest: ReadonlyMap<string, readonly Device[]>): void;
  /**
   * Reduces a batch of deltas (one outcome each, up to the first gap) on top of what is already
   * staged, without telling anyone: the board sees it at the next publishStaged(). So a batch is
   * reduced in one task and rendered in another (fleet-sync.ts). 'stale' when a delta is already
   * in our state (sent before the snapshot we hold): nothing changes, and it says nothing about
   * whether the stream is sound again. 'gap' when it does not follow our version: the caller must
   * re-subscribe. A snapshot drops what is staged (it covers it). The history rings are the
   * exception: their samples are appended here, in place (apply-delta.ts), so a sparkline that
   * renders for another reason before the publish (a frame at most) may show a sample its row's
   * values do not show yet.
   */
  stageDeltas(batch: readonly Arrived<FleetDelta>[]): readonly DeltaOutcome[];
  /** Shows what was staged, if anything; the link's fields are left as they are now. */
  publishStaged(): void;
}

export type { DeltaOutcome } from './apply-delta.js';

/** Payloads from the hub that failed the bridge contract and were dropped. */
export interface InvalidPayloads {
  readonly count: number;
  /** The latest one's problem, naming the field: `fleet.delta: devices[0].device.status: …`. */
  readonly last: string | null;
  /** When the latest one arrived, in hub time (the time the board shows ages in). */
  readonly at: number | null;
}

/** The link to the hub itself: is it there, what is it, did our last request fail. */
export interface LinkSlice {
  /** False while the bridge cannot reach the hub: everything shown is stale. */
  readonly connected: boolean;
  readonly info: AppInfo | null;
  /** Why the last `fleet.subscribe` failed, until one succeeds. */
  readonly syncError: string | null;
  /** Shown by the board: what was dropped keeps the last good state on screen, but not silently. */
  readonly invalidPayloads: InvalidPayloads;
  setConnected(connected: boolean): void;
  setInfo(info: AppInfo): void;
  setSyncError(message: string | null): void;
  recordInvalidPayload(problem: string, at: number): void;
}

export type WallState = FleetSlice & LinkSlice;
export type FleetStore = StoreApi<WallState>;

const FLEET_KEYS = Object.keys(initialFleetData) as readonly (keyof FleetData)[];

/** The fleet's own fields of a state: what a publish may change, never the link's. */
function fleetDataOf(state: WallState): Partial<WallState> {
  const data: Partial<Record<keyof FleetData, unknown>> = {};
  for (const key of FLEET_KEYS) data[key] = state[key];
  return data as Partial<WallState>;
}

const createFleetSlice: StateCreator<WallState, [], [], FleetSlice> = (set, get) => {
  /** Reduced but not yet shown: built on the store's state, read only by the next stage. */
  let staged: WallState | null = null;
  const stage = (batch: readonly Arrived<FleetDelta>[]): readonly DeltaOutcome[] => {
    const current = staged ?? get();
    const { state, outcomes } = applyDeltas(current, batch);
    if (state !== current) staged = state;
    return outcomes;
  };
  const publish = (): void => {
    if (staged === null) return;
    const data = fleetDataOf(staged);
    staged = null;
    set(data);
  };
  return {
    ...initialFleetData,
    applySnapshot(snapshot, receivedAt) {
      staged = null;
      set((state) => applySnapshot(state, snapshot, receivedAt));
    },
    noteReceived(siteId, devices) {
      set((state) => {
        if (!state.receiving.has(siteId)) return state;
        const receiving = new Map(state.receiving);
        receiving.set(siteId, devices);
        return { receiving };
      });
    },
    completeSnapshot(rest) {
      staged = null;
      set((state) => completeSnapshot(state, rest));
    },
    stageDeltas: stage,
    publishStaged: publish,
  };
};

const createLinkSlice: StateCreator<WallState, [], [], LinkSlice> = (set) => ({
  // Electron's IPC never disconnects and never says so; a socket bridge reports when it drops.
  connected: true,
  info: null,
  syncError: null,
  invalidPayloads: { count: 0, last: null, at: null },
  setConnected(connected) {
    set((state) => (state.connected === connected ? state : { connected }));
  },
  setInfo(info) {
    set({ info });
  },
  setSyncError(syncError) {
    set((state) => (state.syncError === syncError ? state : { syncError }));
  },
  recordInvalidPayload(last, at) {
    set((state) => ({ invalidPayloads: { count: state.invalidPayloads.count + 1, last, at } }));
  },
});

/** One store per mounted app (tests mount many); fed only by `startFleetSync`. */
export function createFleetStore(): FleetStore {
  return createStore<WallState>()((...a) => ({
    ...createFleetSlice(...a),
    ...createLinkSlice(...a),
  }));
}
