// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { clockSubscriberCount, isClockRunning } from '../../renderer/src/clock/shared-clock.js';
import { formatClock } from '../../renderer/src/format/time.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { content, delta, device, site, smallFleet, snapshot, T0 } from './fleet-fixtures.js';
import { emit, renderApp } from './render-helpers.js';
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
    expect(totals.querySelector('[data-testid="total-up"]')?.textContent).toContain('3');
    expect(totals.querySelector('[data-testid="total-down"]')?.getAttribute('aria-label')).toBe(
      '1 Down',
    );
    expect(totals.querySelector('[data-testid="alerts-high"]')?.textContent).toContain('1');
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
    expect(totals.querySelector('[data-testid="total-up"]')?.getAttribute('aria-label')).toBe(
      '1 Up',
    );
    expect(totals.querySelector('[data-testid="total-not-live"]')?.getAttribute('aria-label')).toBe(
      '3 on sites not live',
    );
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
  it('unsubscribes every bridge listener and stops the clock on unmount', async () => {
    const bridge = new FakeBridge(smallFleet(10));
    const { unmount } = render(
      <StrictMode>
        <App bridge={bridge} />
      </StrictMode>,
    );
    await act(settle);
    emit(bridge, 'fleet.delta', delta(10));
    expect(bridge.listenerCount()).toBe(2);
    expect(isClockRunning()).toBe(true);
    // Every age and the clock share one interval.
    expect(clockSubscriberCount()).toBeGreaterThan(2);
    expect(vi.getTimerCount()).toBe(1);

    unmount();
    expect(bridge.listenerCount()).toBe(0);
    expect(isClockRunning()).toBe(false);
    expect(clockSubscriberCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
