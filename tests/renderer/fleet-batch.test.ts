import { describe, expect, it } from 'vitest';
import type { FleetDelta } from '../../shared/bridge/fleet-view.js';
import { reduceDelta, reduceDeltas } from '../../shared/fleet/fleet-reducer.js';
import { applyDeltas } from '../../renderer/src/store/apply-delta.js';
import { applyDelta, GAP } from './apply-one.js';
import { applySnapshot } from '../../renderer/src/store/apply-snapshot.js';
import { initialFleetData, type FleetData } from '../../renderer/src/store/fleet-data.js';
import { alert, content, delta, device, smallFleet, T0 } from './fleet-fixtures.js';

/** A batch of deltas as the page's batcher hands them over: each with when it arrived. */
const arrived = (deltas: readonly FleetDelta[], at = T0) => deltas.map((value) => ({ value, at }));

function loaded(): FleetData {
  return applySnapshot(initialFleetData, smallFleet(10), T0);
}

/** a1's live fields moved on: the patch a busy site sends for each new sample. */
function patchA1(previous: number, cpu: number, at: number): FleetDelta {
  return delta(previous, {
    devicePatches: [
      {
        siteId: 'a',
        id: 'a1',
        status: 'up',
        metrics: { cpu, memory: 20, disk: 30, latency: 2, loss: 0 },
        updatedAt: at,
      },
    ],
  });
}

/** The same deltas reduced one by one, as the store did before batches. */
function oneByOne(state: FleetData, deltas: readonly FleetDelta[]): FleetData {
  let next = state;
  for (const change of deltas) {
    const reduced = applyDelta(next, change, T0);
    if (reduced === GAP) throw new Error('unexpected gap');
    next = reduced;
  }
  return next;
}

describe('reduceDeltas: a batch of deltas at once', () => {
  const batch = (): FleetDelta[] => [
    patchA1(10, 50, T0 + 1_000),
    delta(11, {
      devices: [{ siteId: 'b', device: device('b1', { status: 'down' }) }],
      alerts: [{ siteId: 'a', alert: alert('y') }],
    }),
    patchA1(12, 70, T0 + 2_000),
  ];

  it('gives the state the deltas give one by one, keeping what they did not touch', () => {
    const before = loaded();
    const { state, outcomes } = reduceDeltas(before, batch());
    expect(outcomes).toEqual(['applied', 'applied', 'applied']);
    expect(modelOf(state)).toEqual(modelOf(oneByOne(loaded(), batch())));
    expect(state.version).toBe(13);
    expect(state.devices.get('a')?.get('a1')?.metrics.cpu).toBe(70);
    expect(state.devices.get('b')?.get('b1')?.status).toBe('down');
    expect([...(state.alerts.get('a')?.keys() ?? [])]).toEqual(['x', 'y']);
    // What no delta touched keeps its objects.
    expect(state.devices.get('a')?.get('a2')).toBe(before.devices.get('a')?.get('a2'));
    expect(state.devices.get('b')?.get('b2')).toBe(before.devices.get('b')?.get('b2'));
    expect(state.alerts.get('b')).toBe(before.alerts.get('b'));
  });

  it('passes over deltas the state already holds, and returns the same state for only those', () => {
    const before = loaded();
    const stale = [patchA1(8, 1, T0), patchA1(9, 2, T0)];
    expect(reduceDeltas(before, stale)).toEqual({ state: before, outcomes: ['stale', 'stale'] });
    expect(reduceDeltas(before, stale).state).toBe(before);
    const { state, outcomes } = reduceDeltas(before, [...stale, patchA1(10, 55, T0 + 1_000)]);
    expect(outcomes).toEqual(['stale', 'stale', 'applied']);
    expect(state.devices.get('a')?.get('a1')?.metrics.cpu).toBe(55);
  });

  it('stops at a missed delta, keeping what the deltas before it brought', () => {
    const { state, outcomes } = reduceDeltas(loaded(), [
      patchA1(10, 50, T0 + 1_000),
      patchA1(12, 60, T0 + 2_000),
      patchA1(13, 70, T0 + 3_000),
    ]);
    expect(outcomes).toEqual(['applied', 'gap']);
    expect(state.version).toBe(11);
    expect(state.devices.get('a')?.get('a1')?.metrics.cpu).toBe(50);
  });

  it('drops every part of a delta that patches a device we do not hold', () => {
    const broken = delta(11, {
      devices: [{ siteId: 'b', device: device('b1', { status: 'down' }) }],
      devicePatches: patchA1(0, 1, T0).devicePatches.map((patch) => ({ ...patch, id: 'nope' })),
    });
    const { state, outcomes } = reduceDeltas(loaded(), [patchA1(10, 50, T0 + 1_000), broken]);
    expect(outcomes).toEqual(['applied', 'gap']);
    expect(state.version).toBe(11);
    expect(state.devices.get('a')?.get('a1')?.metrics.cpu).toBe(50);
    // b1's change came in the broken delta, before its bad patch: not applied.
    expect(state.devices.get('b')?.get('b1')?.status).toBe('up');
    expect(reduceDelta(loaded(), broken)).toBe(GAP);
  });

  it('says gap for every batch before the first snapshot', () => {
    expect(reduceDeltas(initialFleetData, [patchA1(10, 50, T0)]).outcomes).toEqual(['gap']);
  });

  it('merges a reset with the site as the earlier deltas of the batch left it', () => {
    const before = loaded();
    const added = device('a4');
    const { state } = reduceDeltas(before, [
      delta(10, { devices: [{ siteId: 'a', device: added }] }),
      delta(11, {
        resets: [content('a', [device('a1'), { ...added }])],
      }),
    ]);
    expect([...(state.devices.get('a')?.keys() ?? [])]).toEqual(['a1', 'a4']);
    // Equal objects are kept: a1 from the snapshot, a4 from the first delta of the batch.
    expect(state.devices.get('a')?.get('a1')).toBe(before.devices.get('a')?.get('a1'));
    expect(state.devices.get('a')?.get('a4')).toBe(added);
  });
});

describe('applyDeltas: the store side of a batch', () => {
  it('keeps every sample of a device patched twice in one batch in its ring', () => {
    const before = loaded();
    const { state, outcomes } = applyDeltas(
      before,
      arrived([patchA1(10, 50, T0 + 1_000), patchA1(11, 70, T0 + 2_000)]),
    );
    expect(outcomes).toEqual(['applied', 'applied']);
    const ring = state.history.get('a')?.get('a1');
    expect(ring?.points().map((point) => [point.at, point.cpu])).toEqual([
      [T0, 10],
      [T0 + 1_000, 50],
      [T0 + 2_000, 70],
    ]);
  });

  it('follows the clock offset of each applied delta, and the screens of the last', () => {
    const before = loaded();
    const { state } = applyDeltas(before, [
      { value: { ...patchA1(10, 50, T0 + 1_000), at: T0 }, at: T0 + 4_000 },
      {
        value: {
          ...patchA1(11, 60, T0 + 2_000),
          at: T0 + 3_800,
          screens: { version: 3, identifyUntil: null },
        },
        at: T0 + 4_000,
      },
    ]);
    expect(state.serverOffset).toBe(oneByOneOffset(before));
    expect(state.screens?.version).toBe(3);
  });

  it('adds no sample from a delta at or after a gap, nor from a broken one', () => {
    const before = loaded();
    const ring = before.history.get('a')?.get('a1');
    const missed = applyDeltas(
      before,
      arrived([
        patchA1(10, 50, T0 + 1_000),
        patchA1(12, 60, T0 + 2_000),
        patchA1(13, 70, T0 + 3_000),
      ]),
    );
    expect(missed.outcomes).toEqual(['applied', 'gap']);
    expect(ring?.points().map((point) => point.cpu)).toEqual([10, 50]);

    // a1's patch is fine, but the same delta patches a device we do not hold: dropped whole.
    const broken = patchA1(11, 90, T0 + 4_000);
    const unknown = broken.devicePatches.map((patch) => ({ ...patch, id: 'nope', siteId: 'b' }));
    const dropped = applyDeltas(
      missed.state,
      arrived([{ ...broken, devicePatches: [...broken.devicePatches, ...unknown] }]),
    );
    expect(dropped.outcomes).toEqual(['gap']);
    expect(ring?.points().map((point) => point.cpu)).toEqual([10, 50]);
    expect(dropped.state.history.get('b')?.has('nope')).toBe(false);
  });

  it('keeps the ring of a device a reset lists after an earlier delta of the batch added it', () => {
    const before = loaded();
    const added = device('a4', {
      metrics: { cpu: 40, memory: 20, disk: 30, latency: 2, loss: 0 },
      updatedAt: T0 + 1_000,
    });
    const later = { ...added, metrics: { ...added.metrics, cpu: 45 }, updatedAt: T0 + 2_000 };
    const { state, outcomes } = applyDeltas(
      before,
      arrived([
        delta(10, { devices: [{ siteId: 'a', device: added }] }),
        delta(11, { resets: [content('a', [device('a1'), later])] }),
      ]),
    );
    expect(outcomes).toEqual(['applied', 'applied']);
    // Both samples of a4 (the add's and the reset's); a2 and a3, not in the reset, lose theirs.
    expect(
      state.history
        .get('a')
        ?.get('a4')
        ?.points()
        .map((point) => [point.at, point.cpu]),
    ).toEqual([
      [T0 + 1_000, 40],
      [T0 + 2_000, 45],
    ]);
    expect([...(state.history.get('a')?.keys() ?? [])]).toEqual(['a1', 'a4']);
    expect(state.history.get('a')?.get('a1')).toBe(before.history.get('a')?.get('a1'));
  });

  it('returns the same state for a batch that adds nothing', () => {
    const before = loaded();
    expect(applyDeltas(before, arrived([patchA1(9, 1, T0)])).state).toBe(before);
  });
});

/** The fleet model's fields of a state (not the store's rings and offset). */
function modelOf(state: FleetData) {
  const { version, sites, devices, alerts, actions, checks, incidents } = state;
  return { version, sites, devices, alerts, actions, checks, incidents };
}

/** The offset the two deltas above leave when applied one at a time. */
function oneByOneOffset(state: FleetData): number {
  const first = applyDelta(state, { ...patchA1(10, 50, T0 + 1_000), at: T0 }, T0 + 4_000);
  if (first === GAP) throw new Error('unexpected gap');
  const second = applyDelta(first, { ...patchA1(11, 60, T0 + 2_000), at: T0 + 3_800 }, T0 + 4_000);
  if (second === GAP) throw new Error('unexpected gap');
  return second.serverOffset;
}
