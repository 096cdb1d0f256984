// @vitest-environment happy-dom
import { act, cleanup, render, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { CellPainter } from '../../renderer/src/components/wall/canvas/cell-painter.js';
import { DeviceCanvas } from '../../renderer/src/components/wall/DeviceCanvas.js';
import { createFleetStore } from '../../renderer/src/store/fleet-store.js';
import { FleetStoreContext } from '../../renderer/src/store/store-context.js';
import { ProblemList } from '../../renderer/src/components/wall/ProblemList.js';
import { problemDevices } from '../../renderer/src/store/selectors.js';
import { FakeBridge } from './fake-bridge.js';
import { publishDelta } from './apply-one.js';
import { delta, device, T0 } from './fleet-fixtures.js';
import { renderApp, tile } from './render-helpers.js';
import { fleetOf, RecordingObserver, installWallTestHooks } from './wall-fixtures.js';

/** A big wall's canvases: clicks, resizes, the one-line summary, and what they let go of. */

installWallTestHooks();

describe('a big wall drawn on canvases, its parts', () => {
  const SITES = 10;
  const DEVICES = 200;

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
      publishDelta(
        store,
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
    publishDelta(
      store,
      delta(11, {
        devices: [{ siteId: 's000', device: device('s000-d002', { status: 'down' }) }],
      }),
      T0,
    );
    expect(store.getState().version).toBe(12);
    expect(frames).not.toHaveBeenCalled();
  });
});
