// @vitest-environment happy-dom
import { act, cleanup, render, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { AFTER_FRAME_FALLBACK_MS } from '../../renderer/src/store/after-frame.js';
import { formatClock } from '../../renderer/src/format/time.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { content, delta, device, site, smallFleet, snapshot, T0 } from './fleet-fixtures.js';
import { FakeClock } from '../support/fake-clock.js';
import { emit, renderApp, spokenText } from './render-helpers.js';
import { settle } from './settle.js';

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  window.location.hash = '';
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('header', () => {
  it("says when the hub's store was damaged and moved aside at start, and only then", async () => {
    const notice =
      'The store /data/noc.sqlite was damaged (file is not a database) and was moved to /data/noc.sqlite.damaged-x; a new one was started and the sites refill it.';
    const moved = await renderApp(
      new FakeBridge(smallFleet(), { ...DEMO_INFO, storeNotice: notice }),
    );
    expect(moved.getByTestId('store-notice').textContent).toBe(`History store: ${notice}`);
    cleanup();
    const fine = await renderApp(new FakeBridge(smallFleet()));
    expect(fine.queryByTestId('store-notice')).toBeNull();
  });

  it('shows the demo banner only for demo data', async () => {
    const demo = await renderApp(
      new FakeBridge(smallFleet(), {
        ...DEMO_INFO,
        version: '1.2.3',
        demo: true,
        host: 'electron',
      }),
    );
    expect(demo.getByTestId('demo-banner').textContent).toBe('DEMO DATA — simulated sites');
    cleanup();
    const real = await renderApp(new FakeBridge(smallFleet()));
    expect(real.queryByTestId('demo-banner')).toBeNull();
  });

  it('shows fleet totals by status and open alerts by severity', async () => {
    const { getByTestId } = await renderApp(new FakeBridge(smallFleet()));
    const totals = getByTestId('fleet-totals');
    // Visible words, the same for a screen reader: no aria-label standing in for them.
    expect(spokenText(totals.querySelector('[data-testid="total-up"]'))).toBe('3 up');
    expect(spokenText(totals.querySelector('[data-testid="total-down"]'))).toBe('1 down');
    expect(spokenText(totals.querySelector('[data-testid="alerts-high"]'))).toBe('1 high');
    expect(totals.querySelectorAll('[aria-label]')).toHaveLength(0);
    // Each group is named by its visible label.
    const alerts = within(totals).getByRole('group', { name: 'Alerts' });
    expect(within(alerts).getByTestId('alerts-high')).toBeTruthy();
    const devices = within(totals).getByRole('group', { name: 'Devices' });
    expect(within(devices).getByTestId('total-not-live')).toBeTruthy();
  });

  it("counts a dead site's devices as not live, never as their last known status", async () => {
    const fleet = snapshot(
      10,
      [site('a'), site('b', 'down', { lastEventAt: T0 - 600_000, reason: 'no data within 30 s' })],
      [
        content('a', [device('a1'), device('a2', { status: 'warning' })]),
        content('b', [device('b1'), device('b2'), device('b3')]),
      ],
    );
    const { getByTestId } = await renderApp(new FakeBridge(fleet));
    const totals = getByTestId('fleet-totals');
    expect(spokenText(totals.querySelector('[data-testid="total-up"]'))).toBe('1 up');
    expect(spokenText(totals.querySelector('[data-testid="total-not-live"]'))).toBe('3 not live');
  });

  it('ticks the clock with the hub time, skew corrected', async () => {
    // The hub is 1 h ahead of this machine: the clock shows hub time.
    const bridge = new FakeBridge(snapshot(1, [], [], T0 + 3_600_000));
    const { getByTestId } = await renderApp(bridge);
    expect(getByTestId('clock').textContent).toBe(formatClock(T0 + 3_600_000));
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(getByTestId('clock').textContent).toBe(formatClock(T0 + 3_605_000));
    expect(getByTestId('clock').textContent).toMatch(/^\d\d:\d\d:\d\d$/);
  });

  it('shows the lost banner until the bridge is back', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const { queryByTestId, container } = await renderApp(bridge);
    expect(queryByTestId('bridge-lost')).toBeNull();
    emit(bridge, 'bridge.status', { connected: false });
    expect(queryByTestId('bridge-lost')).not.toBeNull();
    expect(container.querySelector('.app')?.getAttribute('data-connected')).toBe('false');
    emit(bridge, 'bridge.status', { connected: true });
    await act(settle);
    expect(queryByTestId('bridge-lost')).toBeNull();
  });
});

describe('lifecycle', () => {
  it('runs on the clock it is given, with two timers, and frees them and its listeners on unmount', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const clock = new FakeClock(T0);
    const { unmount, getByTestId } = render(
      <StrictMode>
        <App bridge={bridge} clock={clock} />
      </StrictMode>,
    );
    await act(settle);
    emit(bridge, 'fleet.delta', delta(10));
    // The delta is shown after the next frame, or after the fallback's wait if none comes.
    expect(clock.pendingCount).toBe(3);
    act(() => {
      clock.advance(AFTER_FRAME_FALLBACK_MS);
    });
    // fleet.delta, fleet.snapshotPart, bridge.status, and notice.open (a native notice clicked
    // in the Electron app).
    expect(bridge.listenerCount()).toBe(4);
    // Every age and the clock share one ticker; every site's freshness shares one timer.
    expect(clock.pendingCount).toBe(2);
    expect(vi.getTimerCount()).toBe(0);
    act(() => {
      clock.advance(3_000);
    });
    expect(getByTestId('clock').textContent).toBe(formatClock(T0 + 3_000));
    expect(clock.pendingCount).toBe(2);

    unmount();
    expect(bridge.listenerCount()).toBe(0);
    expect(clock.pendingCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    // Its window listeners went too: an error now is nobody's to report.
    window.dispatchEvent(new ErrorEvent('error', { message: 'after unmount' }));
    expect(bridge.callCount('app.reportError')).toBe(0);
  });
});
