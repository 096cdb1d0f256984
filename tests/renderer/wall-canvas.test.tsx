// @vitest-environment happy-dom
import { act, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { DOM_CELL_LIMIT } from '../../renderer/src/components/wall/WallView.js';
import { TEXT_HOLD_MS } from '../../renderer/src/layout/text-hold.js';
import { setRenderProbe } from '../../renderer/src/debug/render-probe.js';
import { DELTA_BATCH_MS } from '../../renderer/src/store/delta-batcher.js';
import { FakeBridge } from './fake-bridge.js';
import { delta, device } from './fleet-fixtures.js';
import { emit, renderApp, spokenText, tile, wallOrder } from './render-helpers.js';
import { expectedPlan, fleetOf, pad, installWallTestHooks } from './wall-fixtures.js';

/** A big wall (canvas cells, wall-layout.ts and DeviceCanvas): what it draws, and its held text. */

installWallTestHooks();

describe('a big wall drawn on canvases', () => {
  const SITES = 10;
  const DEVICES = 200;
  const DOWN = 's003-d007';

  it('draws each site on a canvas and names its down device for a screen reader', async () => {
    expect(SITES * DEVICES).toBeGreaterThan(DOM_CELL_LIMIT);
    const bridge = new FakeBridge(fleetOf(SITES, DEVICES, { [DOWN]: 'down' }));
    const { container, getByTestId } = await renderApp(bridge);

    const wall = getByTestId('wall-view');
    expect(wall.dataset.cells).toBe('canvas');
    // No DOM cell at all: every grid is a canvas.
    expect(container.querySelectorAll('[data-testid="device"]')).toHaveLength(0);

    // The site with the down device first (worst roll-up), then the others by name.
    const order = ['s003', ...Array.from({ length: SITES }, (_, i) => `s${pad(i, 3)}`)].filter(
      (id, i) => i === 0 || id !== 's003',
    );
    const plan = expectedPlan(order, DEVICES);
    expect(wallOrder(container)).toEqual(plan.tiles.map((t) => t.id));
    expect(wall.dataset.pitch).toBe(String(plan.pitch));
    const grids = plan.tiles.filter((t) => t.look === 'grid');
    expect(grids.length * DEVICES).toBeGreaterThan(DOM_CELL_LIMIT);

    for (const planned of grids) {
      const t = tile(container, planned.id);
      expect(t.dataset.look).toBe('grid');
      const canvas = within(t).getByTestId('device-canvas');
      expect(canvas.tagName).toBe('CANVAS');
      expect(canvas.dataset.devices).toBe(String(DEVICES));
      expect(canvas.dataset.siteId).toBe(planned.id);
      expect(canvas.getAttribute('aria-label')).toContain(`${DEVICES} devices`);
      const list = within(t).getByTestId('problem-list');
      expect(list.classList.contains('visually-hidden')).toBe(true);
    }

    const broken = tile(container, 's003');
    const listed = broken.querySelector<HTMLElement>(
      `[data-testid="problem-device"][data-device-id="${DOWN}"][data-status="down"]`,
    );
    expect(listed).not.toBeNull();
    expect(spokenText(listed)).toContain(`dev-${DOWN}`);
    expect(spokenText(listed)).toContain('Down');
    expect(within(broken).getAllByTestId('problem-device')).toHaveLength(1);
    // The healthy sites name nobody.
    expect(within(tile(container, 's000')).queryAllByTestId('problem-device')).toHaveLength(0);

    // The device comes back up: a big wall's tile text holds for TEXT_HOLD_MS (the site got
    // better, nothing urgent), then the device leaves the list.
    emit(
      bridge,
      'fleet.delta',
      delta(10, { devices: [{ siteId: 's003', device: device(DOWN, { status: 'up' }) }] }),
    );
    expect(
      tile(container, 's003').querySelector(
        `[data-testid="problem-device"][data-device-id="${DOWN}"]`,
      ),
    ).not.toBeNull();
    act(() => {
      vi.advanceTimersByTime(TEXT_HOLD_MS + DELTA_BATCH_MS);
    });
    const after = tile(container, 's003');
    expect(after.querySelector(`[data-testid="problem-device"][data-device-id="${DOWN}"]`)).toBe(
      null,
    );
    expect(within(after).queryAllByTestId('problem-device')).toHaveLength(0);
    expect(spokenText(within(after).getByTestId('problem-list'))).toBe('No device down or warning');
    expect(within(after).getByTestId('device-canvas').dataset.devices).toBe(String(DEVICES));
  });

  it("holds a tile's text for a moment, but shows a site getting worse at once", async () => {
    const bridge = new FakeBridge(fleetOf(SITES, DEVICES, { [DOWN]: 'down' }));
    const { container } = await renderApp(bridge);
    const spoken = (id: string) =>
      spokenText(within(tile(container, id)).getByTestId('problem-list'));
    const counts = (id: string) =>
      spokenText(within(tile(container, id)).getByTestId('status-counts'));
    const rollup = (id: string) => tile(container, id).dataset.rollup;
    // Let every tile's first text stand its hold.
    act(() => {
      vi.advanceTimersByTime(TEXT_HOLD_MS);
    });
    expect(rollup('s005')).toBe('ok');

    // A healthy site loses a device: worse, so its tile says so at once, in every part. Every
    // delta here is stamped now: the fixtures' fixed stamp would step the hub's clock back as the
    // test's time advances, and a hold dated ahead of the clock counts as over.
    const NEW_DOWN = 's005-d011';
    emit(
      bridge,
      'fleet.delta',
      delta(10, {
        at: Date.now(),
        devices: [{ siteId: 's005', device: device(NEW_DOWN, { status: 'down' }) }],
      }),
    );
    expect(rollup('s005')).toBe('degraded');
    expect(spoken('s005')).toContain(`dev-${NEW_DOWN}`);
    expect(counts('s005')).toContain('1 down');

    // A second device of the same site goes down: the roll-up stays degraded, so the tile's
    // counts and list wait for the hold (the canvas cell does not), then show it.
    const SECOND = 's005-d012';
    // A tile whose text is held is not even rendered (use-tile-text.ts).
    const renders: string[] = [];
    setRenderProbe((component, key) => {
      if (component === 'site-tile') renders.push(key);
    });
    emit(
      bridge,
      'fleet.delta',
      delta(11, {
        at: Date.now(),
        devices: [{ siteId: 's005', device: device(SECOND, { status: 'down' }) }],
      }),
    );
    setRenderProbe(null);
    expect(renders).toEqual([]);
    expect(counts('s005')).toContain('1 down');
    expect(spoken('s005')).not.toContain(`dev-${SECOND}`);
    act(() => {
      vi.advanceTimersByTime(TEXT_HOLD_MS + DELTA_BATCH_MS);
    });
    expect(counts('s005')).toContain('2 down');
    expect(spoken('s005')).toContain(`dev-${SECOND}`);

    // Held again, then the hold ends: the next batch shows what waited, even a batch that
    // changes only another site (its own timer is a batch interval away).
    const THIRD = 's005-d013';
    emit(
      bridge,
      'fleet.delta',
      delta(12, {
        at: Date.now(),
        devices: [{ siteId: 's005', device: device(THIRD, { status: 'down' }) }],
      }),
    );
    act(() => {
      vi.advanceTimersByTime(TEXT_HOLD_MS);
    });
    expect(counts('s005')).toContain('2 down');
    emit(
      bridge,
      'fleet.delta',
      delta(13, {
        at: Date.now(),
        devices: [{ siteId: 's007', device: device('s007-d020', { status: 'up' }) }],
      }),
    );
    expect(counts('s005')).toContain('3 down');
  });
});
