// @vitest-environment happy-dom
import { act, cleanup, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setRenderProbe } from '../../renderer/src/debug/render-probe.js';
import { wallHref } from '../../renderer/src/routing/hash-route.js';
import { FakeBridge } from './fake-bridge.js';
import { alert, content, delta, device, site, smallFleet, snapshot, T0 } from './fleet-fixtures.js';
import {
  cellsInWallOrder,
  cells,
  emit,
  hashChanged,
  renderApp,
  spokenText,
  tile,
  wallOrder,
} from './render-helpers.js';
import { settle } from './settle.js';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  window.location.hash = '';
});

afterEach(() => {
  cleanup();
  setRenderProbe(null);
  vi.useRealTimers();
});

describe('wall view', () => {
  it('shows a tile per site and a cell per device with its status', async () => {
    const { getByTestId, container } = await renderApp(new FakeBridge(smallFleet()));
    // A small wall: a DOM cell per device, big (the largest pitch the layout allows).
    expect(getByTestId('wall-view').dataset.cells).toBe('dom');
    expect(getByTestId('wall-view').dataset.pitch).toBe('34'); // 2.4 u, u = 768 / 54 (happy-dom's 1024×768)
    // b (down) before a (degraded): the worst roll-up first.
    expect(wallOrder(container)).toEqual(['b', 'a']);
    expect(
      cellsInWallOrder(container).map((c) => `${c.dataset.deviceId}:${c.dataset.status}`),
    ).toEqual(['b1:up', 'b2:down', 'a1:up', 'a2:warning', 'a3:up']);
    const b2 = cells(container).find((c) => c.dataset.deviceId === 'b2');
    expect(b2?.title).toBe('dev-b2 — Down');
    expect(b2?.dataset.siteId).toBe('b');
    expect(tile(container, 'a').dataset.state).toBe('live');
    expect(tile(container, 'a').dataset.stale).toBe('false');
    expect(within(tile(container, 'b')).getByTestId('site-rollup').textContent).toContain('Down');
    expect(spokenText(within(tile(container, 'a')).getByTestId('site-alerts'))).toBe('1 alert');
    const counts = within(within(tile(container, 'a')).getByTestId('status-counts'));
    expect(counts.getAllByRole('listitem').map(spokenText)).toEqual(['1 warning', '2 up']);
  });

  it('shows part of the fleet on a wall of some customers or sites, its alert band too', async () => {
    const fleet = snapshot(
      10,
      [site('a'), site('b')],
      [
        content('a', [device('a1')], [alert('x')]),
        content('b', [device('b1', { status: 'down' })], [alert('y', { severity: 'disaster' })]),
      ],
    );
    const { container, getAllByTestId } = await renderApp(new FakeBridge(fleet));
    // The band is built once a second.
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(getAllByTestId('top-alert').map((row) => row.dataset.key?.slice(0, 2))).toEqual([
      'b|',
      'a|',
    ]);
    window.location.hash = wallHref(true, { customers: ['Customer a'], sites: null });
    hashChanged();
    expect(wallOrder(container)).toEqual(['a']);
    // Site a's alert is in the band; nothing of b's.
    expect(getAllByTestId('top-alert').every((row) => row.dataset.key?.startsWith('a|'))).toBe(
      true,
    );
    window.location.hash = wallHref(true, { customers: null, sites: ['b'] });
    hashChanged();
    expect(wallOrder(container)).toEqual(['b']);
    window.location.hash = wallHref(true);
    hashChanged();
    expect(wallOrder(container)).toEqual(['b', 'a']);
  });

  it('re-renders only the cell of the one device a delta changed', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const { container } = await renderApp(bridge);
    const renders = new Map<string, number>();
    setRenderProbe((component, key) => {
      if (component === 'device-cell') renders.set(key, (renders.get(key) ?? 0) + 1);
    });

    emit(
      bridge,
      'fleet.delta',
      delta(10, { devices: [{ siteId: 'a', device: device('a2', { status: 'down' }) }] }),
    );

    expect(cells(container).find((c) => c.dataset.deviceId === 'a2')?.dataset.status).toBe('down');
    expect([...renders.keys()]).toEqual(['a/a2']);
    // And the tile's counts followed.
    expect(tile(container, 'a').dataset.rollup).toBe('down');
  });

  it('re-renders no cell when a reconnection brings back the same fleet', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const { container } = await renderApp(bridge);
    const renders = new Map<string, number>();
    setRenderProbe((component, key) => {
      if (component === 'device-cell') renders.set(key, (renders.get(key) ?? 0) + 1);
    });

    emit(bridge, 'bridge.status', { connected: false });
    expect(renders.size).toBe(cells(container).length); // each cell turned stale, once
    renders.clear();
    emit(bridge, 'bridge.status', { connected: true });
    await act(settle);
    expect(bridge.callCount('fleet.subscribe')).toBe(2);
    expect(renders.size).toBe(cells(container).length); // back to live, once; no data change
    expect(cells(container).every((c) => c.dataset.stale === 'false')).toBe(true);
  });

  it('shows a stale site as stale: flagged, dimmed, with its state word and age', async () => {
    const fleet = snapshot(
      1,
      [site('a'), site('b', 'stale', { lastEventAt: T0 - 95_000, reason: 'no events for 95 s' })],
      [content('a', [device('a1')]), content('b', [device('b1')])],
    );
    const { container } = await renderApp(new FakeBridge(fleet));
    const stale = tile(container, 'b');
    expect(stale.dataset.stale).toBe('true');
    expect(stale.dataset.state).toBe('stale');
    expect(within(stale).getByTestId('site-state').textContent).toContain('STALE');
    expect(within(stale).getByTestId('site-state').textContent).toContain('no events for 95 s');
    expect(within(stale).getByTestId('site-age').textContent).toBe('1 min');
    expect(cells(stale).every((c) => c.dataset.stale === 'true')).toBe(true);
    expect(cells(tile(container, 'a')).every((c) => c.dataset.stale === 'false')).toBe(true);

    // The age moves with the shared clock.
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(within(stale).getByTestId('site-age').textContent).toBe('2 min');
  });

  it('marks every site stale while the bridge is lost', async () => {
    const bridge = new FakeBridge(smallFleet());
    const { container, getByTestId } = await renderApp(bridge);
    emit(bridge, 'bridge.status', { connected: false });
    expect(getByTestId('bridge-lost').textContent).toBe(
      'Connection to the hub lost — data below is stale',
    );
    const a = tile(container, 'a');
    expect(a.dataset.stale).toBe('true');
    expect(within(a).getByTestId('site-state').textContent).toContain('STALE');
    expect(cells(container).every((c) => c.dataset.stale === 'true')).toBe(true);
  });

  it("goes to the site view through the tile's link", async () => {
    const { container, getByTestId, queryByTestId } = await renderApp(new FakeBridge(smallFleet()));
    // The name's link is stretched over the whole tile (CSS): a click anywhere lands on it.
    const link = within(tile(container, 'b')).getByRole('link', { name: 'Site b' });
    act(() => {
      link.click();
    });
    hashChanged();
    expect(window.location.hash).toBe('#/site/b');
    expect(getByTestId('site-view').dataset.siteId).toBe('b');
    expect(queryByTestId('wall-view')).toBeNull();
  });
});
