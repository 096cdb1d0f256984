// @vitest-environment happy-dom
import { act } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { applyDelta, GAP } from './apply-one.js';
import { applySnapshot } from '../../renderer/src/store/apply-snapshot.js';
import { initialFleetData, type FleetData } from '../../renderer/src/store/fleet-data.js';
import { HISTORY_CAP } from '../../renderer/src/store/history.js';
import { FakeBridge } from './fake-bridge.js';
import { content, delta, device, site, snapshot, T0 } from './fleet-fixtures.js';
import { renderApp } from './render-helpers.js';
import { pagePerTest } from './page-per-test.js';

const DELTAS = 1000;

function fleet() {
  return snapshot(10, [site('s1')], [content('s1', [device('gw'), device('srv')])]);
}

/** The i-th delta after the snapshot: a new sample for gw, its cpu telling which one it is. */
function sample(i: number) {
  return delta(10 + i - 1, {
    devices: [
      {
        siteId: 's1',
        device: device('gw', { updatedAt: T0 + i * 1000, metrics: { cpu: i % 100, memory: 20 } }),
      },
    ],
  });
}

pagePerTest();

describe('history in the store', () => {
  it('keeps one ring per device through 1,000 deltas, holding the newest points', () => {
    let state: FleetData = applySnapshot(initialFleetData, fleet(), T0);
    const ring = state.history.get('s1')?.get('gw');
    const siteRings = state.history.get('s1');
    for (let i = 1; i <= DELTAS; i += 1) {
      const next = applyDelta(state, sample(i), T0);
      if (next === GAP) throw new Error('unexpected gap');
      state = next;
    }
    // Samples land in the ring: neither it nor the maps holding it were replaced.
    expect(state.history.get('s1')?.get('gw')).toBe(ring);
    expect(state.history.get('s1')).toBe(siteRings);
    expect(ring?.version).toBe(DELTAS + 1);
    expect(ring?.points().map((p) => p.at)).toEqual(
      Array.from({ length: HISTORY_CAP }, (_, i) => T0 + (DELTAS - HISTORY_CAP + 1 + i) * 1000),
    );
  });

  it('shows the newest points in the chart and the sparkline as samples arrive', async () => {
    window.location.hash = '#/site/s1';
    const bridge = new FakeBridge(fleet());
    const { container, getByTestId } = await renderApp(bridge);
    const row = () =>
      container.querySelector<HTMLElement>('[data-testid="device-row"][data-device-id="gw"]');
    act(() => {
      row()?.click();
    });
    await act(async () => {
      await vi.dynamicImportSettled();
    });
    /** The cpu sparkline's points: x,y pairs, oldest first. */
    const cpuLine = () =>
      (row()?.querySelector('[data-metric="cpu"] polyline')?.getAttribute('points') ?? '').split(
        ' ',
      );
    expect(cpuLine()).toHaveLength(1);

    // In chunks, as the batcher hands them over: each chunk is one render of many samples.
    for (let start = 1; start <= DELTAS; start += 100) {
      act(() => {
        for (let i = start; i < start + 100; i += 1) bridge.emit('fleet.delta', sample(i));
      });
    }
    expect(getByTestId('device-chart').textContent).toContain(`${HISTORY_CAP} samples`);
    const line = cpuLine();
    expect(line).toHaveLength(HISTORY_CAP);
    // cpu 0 (delta 1,000) draws at the bottom: y = 18 - 1 = 17 on a 0–100 scale.
    expect(line.at(-1)).toBe('48.0,17.0');

    // One more sample in the same ring still redraws both.
    act(() => {
      bridge.emit('fleet.delta', sample(DELTAS + 1));
    });
    expect(getByTestId('device-chart').textContent).toContain(`${HISTORY_CAP} samples`);
    expect(cpuLine().at(-1)).toBe('48.0,16.8');
  });
});
