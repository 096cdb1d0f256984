// @vitest-environment happy-dom
import { act, cleanup, render, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CellPainter } from '../../renderer/src/components/wall/canvas/cell-painter.js';
import { DeviceCanvas } from '../../renderer/src/components/wall/DeviceCanvas.js';
import { DOM_CELL_LIMIT } from '../../renderer/src/components/wall/WallView.js';
import { planWall, type WallPlan } from '../../renderer/src/layout/wall-layout.js';
import { wallUnit } from '../../renderer/src/layout/wall-metrics.js';
import { createFleetStore } from '../../renderer/src/store/fleet-store.js';
import { FleetStoreContext } from '../../renderer/src/store/store-context.js';
import { ProblemList } from '../../renderer/src/components/wall/ProblemList.js';
import { problemDevices } from '../../renderer/src/store/selectors.js';
import { TEXT_HOLD_MS } from '../../renderer/src/layout/text-hold.js';
import { setRenderProbe } from '../../renderer/src/debug/render-probe.js';
import { DELTA_BATCH_MS } from '../../renderer/src/store/delta-batcher.js';
import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import type { DeviceStatus } from '../../shared/protocol/device.js';
import { FakeBridge } from './fake-bridge.js';
import { content, delta, device, site, snapshot, T0 } from './fleet-fixtures.js';
import { emit, renderApp, spokenText, tile, wallOrder } from './render-helpers.js';

/**
 * A big wall (canvas cells, wall-layout.ts and DeviceCanvas) and a wall of more sites than fit
 * (the overflow tile), as a user (and a screen reader) meets them in happy-dom's 1024×768 window.
 */

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  window.location.hash = '';
});

afterEach(() => {
  setRenderProbe(null);
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * `sites` sites of `devices` devices each, all up but for the devices named in `statuses`.
 * Site ids sort by name in their index order (s000, s001, …).
 */
function fleetOf(
  sites: number,
  devices: number,
  statuses: Readonly<Record<string, DeviceStatus>> = {},
  version = 10,
): FleetSnapshot {
  const ids = Array.from({ length: sites }, (_, i) => `s${pad(i, 3)}`);
  return snapshot(
    version,
    ids.map((id) => site(id)),
    ids.map((id) =>
      content(
        id,
        Array.from({ length: devices }, (_, d) => {
          const deviceId = `${id}-d${pad(d, 3)}`;
          return device(deviceId, { status: statuses[deviceId] ?? 'up' });
        }),
      ),
    ),
  );
}

/** What WallView plans in this window: happy-dom has no layout, so it takes the viewport. */
function expectedPlan(siteIds: readonly string[], devices: number): WallPlan {
  const { innerWidth: width, innerHeight: height } = window;
  return planWall(
    width,
    height,
    wallUnit(width, height),
    siteIds.map((id) => ({ id, devices })),
  );
}

/** A ResizeObserver that records what it observed and whether it was let go. */
class RecordingObserver {
  static readonly all: RecordingObserver[] = [];
  readonly observed: Element[] = [];
  disconnected = false;
  constructor(readonly callback: ResizeObserverCallback) {
    RecordingObserver.all.push(this);
  }
  observe(target: Element): void {
    this.observed.push(target);
  }
  unobserve(): void {
    /* not used by the wall */
  }
  disconnect(): void {
    this.disconnected = true;
  }
}

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

  it("opens the site when its cells are clicked (the canvas lies over the tile's link)", async () => {
    window.location.hash = '';
    const { container } = await renderApp(new FakeBridge(fleetOf(SITES, DEVICES, {})));
    act(() => {
      within(tile(container, 's004')).getByTestId('device-canvas').click();
    });
    expect(window.location.hash).toBe('#/site/s004');
    window.location.hash = '';
  });

  it('lets go of every ResizeObserver it started when the wall unmounts', async () => {
    RecordingObserver.all.length = 0;
    vi.stubGlobal('ResizeObserver', RecordingObserver);
    const { container } = await renderApp(new FakeBridge(fleetOf(SITES, DEVICES)));
    const canvases = container.querySelectorAll('[data-testid="device-canvas"]');
    expect(canvases.length).toBeGreaterThan(0);
    // Each canvas's box is observed (and the wall's own area).
    const boxes = [...canvases].map((canvas) => canvas.parentElement);
    const observed = RecordingObserver.all.flatMap((o) => o.observed);
    for (const box of boxes) expect(observed).toContain(box);
    expect(RecordingObserver.all.some((o) => o.disconnected)).toBe(false);

    cleanup();
    expect(RecordingObserver.all.filter((o) => !o.disconnected)).toEqual([]);
  });

  it('sizes its canvas again only when its box changes by whole pixels', async () => {
    RecordingObserver.all.length = 0;
    vi.stubGlobal('ResizeObserver', RecordingObserver);
    const resizes = vi.spyOn(CellPainter.prototype, 'resize');
    const { container } = await renderApp(new FakeBridge(fleetOf(SITES, DEVICES)));
    const box = container.querySelector('[data-testid="device-canvas"]')?.parentElement;
    const observer = RecordingObserver.all.find((o) => box && o.observed.includes(box));
    if (!box || !observer) throw new Error('no observed canvas box');
    resizes.mockClear();
    // The observer fires but the box is the same size (a sub-pixel move of the text above it).
    act(() => {
      observer.callback([], observer);
    });
    expect(resizes).not.toHaveBeenCalled();
    // A real change: a new size, drawn again.
    Object.defineProperty(box, 'clientHeight', { configurable: true, value: box.clientHeight + 7 });
    act(() => {
      observer.callback([], observer);
    });
    expect(resizes).toHaveBeenCalledTimes(1);
    resizes.mockRestore();
  });

  it('names the worst problem device even in a one-line summary, "+N" beside it', () => {
    const store = createFleetStore();
    store
      .getState()
      .applySnapshot(
        fleetOf(1, 20, { 's000-d003': 'down', 's000-d001': 'warning', 's000-d002': 'warning' }),
        T0,
      );
    const problems = problemDevices(store.getState().devices.get('s000') ?? new Map());
    const one = render(<ProblemList problems={problems} lines={1} />);
    const rows = one.getAllByTestId('problem-device');
    expect(rows.map((row) => [row.dataset.deviceId, row.dataset.status])).toEqual([
      ['s000-d003', 'down'],
    ]);
    expect(within(rows[0] as HTMLElement).getByTestId('problem-more').textContent).toBe('+2');
    one.unmount();
    // With two lines: the worst device, then "+2 more" on a line of its own.
    const two = render(<ProblemList problems={problems} lines={2} />);
    expect(two.getAllByTestId('problem-device')).toHaveLength(1);
    expect(two.getByTestId('problem-more').textContent).toBe('+2 more');
  });

  it('asks for no frame on a store change once unmounted, and disconnects its observer', () => {
    RecordingObserver.all.length = 0;
    vi.stubGlobal('ResizeObserver', RecordingObserver);
    const frames = vi.spyOn(globalThis, 'requestAnimationFrame');
    const store = createFleetStore();
    store.getState().applySnapshot(fleetOf(1, 20), T0);

    const { unmount } = render(
      <FleetStoreContext value={store}>
        <DeviceCanvas siteId="s000" stale={false} pitch={10} />
      </FleetStoreContext>,
    );
    expect(RecordingObserver.all).toHaveLength(1);
    const [observer] = RecordingObserver.all;
    expect(observer?.observed).toHaveLength(1);

    // Mounted: a change to its site asks for one frame.
    act(() => {
      store.getState().applyDelta(
        delta(10, {
          devices: [{ siteId: 's000', device: device('s000-d001', { status: 'down' }) }],
        }),
        T0,
      );
    });
    expect(frames).toHaveBeenCalledTimes(1);
    act(() => {
      vi.runAllTimers();
    });

    unmount();
    expect(observer?.disconnected).toBe(true);
    frames.mockClear();
    store.getState().applyDelta(
      delta(11, {
        devices: [{ siteId: 's000', device: device('s000-d002', { status: 'down' }) }],
      }),
      T0,
    );
    expect(store.getState().version).toBe(12);
    expect(frames).not.toHaveBeenCalled();
  });
});

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
