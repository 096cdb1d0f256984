// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { FakeBridge } from './fake-bridge.js';
import { delta, device } from './fleet-fixtures.js';
import { emit, renderApp, spokenText, tile, wallOrder } from './render-helpers.js';
import { expectedPlan, fleetOf, pad, installWallTestHooks } from './wall-fixtures.js';

/** A wall of more sites than fit: the overflow tile says what is not shown. */

installWallTestHooks();

describe('a wall of more sites than fit', () => {
  it('says how many sites have no room, and that they are all OK', async () => {
    const SITES = 300;
    const bridge = new FakeBridge(fleetOf(SITES, 2, { 's000-d001': 'down' }));
    const { container, getByTestId } = await renderApp(bridge);

    const ids = Array.from({ length: SITES }, (_, i) => `s${pad(i, 3)}`);
    const plan = expectedPlan(ids, 2);
    const hidden = plan.hidden.length;
    expect(hidden, 'this window shows fewer than 300 tiles').toBeGreaterThan(0);

    const overflow = getByTestId('overflow-tile');
    expect(overflow.dataset.hiddenSites).toBe(String(hidden));
    expect(spokenText(overflow)).toBe(`+${hidden} sites, all OK`);

    const shown = wallOrder(container);
    expect(shown.length + hidden).toBe(SITES);
    expect(new Set(shown).size).toBe(shown.length);
    // The site with the down device is on the wall; the hidden ones are the last by name.
    expect(shown[0]).toBe('s000');
    expect(shown).toEqual(ids.slice(0, shown.length));
    expect(tile(container, 's000').dataset.rollup).not.toBe('ok');
    // In the grid's last slot, and read after every tile (reading-order, WallView.tsx).
    expect(overflow.style.gridColumn).toBe(String(plan.columns));
    expect(overflow.style.gridRow).toBe(String(plan.rows));
    const readingOrder = (element: HTMLElement | null) =>
      Number(element?.style.getPropertyValue('--reading-order'));
    const slots = [...container.querySelectorAll<HTMLElement>('.wall__slot')];
    expect(slots.map(readingOrder).sort((a, b) => a - b)).toEqual(shown.map((_, i) => i));
    expect(readingOrder(tile(container, shown[0] ?? '').closest('.wall__slot'))).toBe(0);
    expect(readingOrder(overflow)).toBe(shown.length);
  });

  it('counts a hidden site that goes down apart from the OK ones, or brings it on the wall', async () => {
    const SITES = 300;
    const bridge = new FakeBridge(fleetOf(SITES, 2));
    const { container, getByTestId } = await renderApp(bridge);
    const before = Number(getByTestId('overflow-tile').dataset.hiddenSites);
    expect(before).toBeGreaterThan(0);
    expect(wallOrder(container)).not.toContain('s299');

    // The last site by name (hidden) gets a down device: worst first, so it takes a place.
    emit(
      bridge,
      'fleet.delta',
      delta(10, { devices: [{ siteId: 's299', device: device('s299-d000', { status: 'down' }) }] }),
    );
    expect(wallOrder(container)[0]).toBe('s299');
    const overflow = getByTestId('overflow-tile');
    expect(overflow.dataset.hiddenSites).toBe(String(before));
    expect(spokenText(overflow)).toBe(`+${before} sites, all OK`);
    expect(wallOrder(container).length + before).toBe(SITES);
  });
});
