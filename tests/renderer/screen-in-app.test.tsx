// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../renderer/src/App.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { delta, smallFleet, T0 } from './fleet-fixtures.js';
import { emit } from './render-helpers.js';
import { settle } from './settle.js';
import { disaster, LAYOUT } from './screen-fixtures.js';

/**
 * A playlist screen (`?display=N`) inside the app: the layout's zoom, the corner badge saying
 * what shows and what is next, and the number shown while the screens are identified.
 */

beforeEach(() => {
  window.location.hash = '';
});

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
  vi.useRealTimers();
});

describe('a playlist screen in the app', () => {
  it("follows the hub's screens version from its deltas and draws the board at the layout's zoom", async () => {
    window.history.replaceState(null, '', '/?display=2');
    const bridge = new FakeBridge(smallFleet());
    bridge.handle('displays.layout', () => ({ ok: true, value: LAYOUT }));
    // Each delta reaches the store as it comes (no batch, no wait for a frame).
    const view = render(<App bridge={bridge} deltaBatchMs={0} />);
    await act(settle);
    const asked = () => bridge.calls.filter((call) => call.name === 'displays.layout').length;
    expect(asked()).toBe(1);
    expect(document.documentElement.style.getPropertyValue('--zoom')).toBe('1');
    bridge.handle('displays.layout', () => ({ ok: true, value: { ...LAYOUT, zoom: 2 } }));
    emit(bridge, 'fleet.delta', delta(10, { screens: { version: 1, identifyUntil: null } }));
    await act(settle);
    expect(asked()).toBe(2);
    expect(document.documentElement.style.getPropertyValue('--zoom')).toBe('2');
    // A delta that does not move the version asks nothing.
    emit(bridge, 'fleet.delta', delta(11, { screens: { version: 1, identifyUntil: null } }));
    await act(settle);
    expect(asked()).toBe(2);
    view.unmount();
    expect(document.documentElement.style.getPropertyValue('--zoom')).toBe('');
  });

  it('puts a badge in the corner of the board: the screen, the view, what is next and when', async () => {
    vi.useFakeTimers({ now: T0 });
    window.history.replaceState(null, '', '/?display=2');
    const bridge = new FakeBridge(smallFleet());
    bridge.handle('displays.layout', () => ({ ok: true, value: LAYOUT }));
    const view = render(<App bridge={bridge} />);
    await act(settle);
    emit(bridge, 'fleet.delta', delta(1));
    const badge = () => view.getByTestId('rotation-badge');
    expect(badge().textContent).toBe('Wall right · Wall · SLA board in 0:01:00');
    await act(async () => {
      vi.advanceTimersByTime(61_000);
      await settle();
    });
    expect(window.location.hash).toBe('#/sla');
    expect(badge().textContent).toBe('Wall right · SLA board · Wall in 0:00:29');
    emit(bridge, 'fleet.delta', delta(2, { notices: [disaster] }));
    expect(badge().dataset.state).toBe('alarm');
    expect(badge().textContent).toBe(
      '⚠ 27 new alerts at Office 1 · Wall right · back to SLA board in 0:00:20',
    );
    expect(window.location.hash).toBe('#/site/a');
  });

  it('shows its number across a browser screen while the screens are identified, then not', async () => {
    vi.useFakeTimers({ now: T0 });
    window.history.replaceState(null, '', '/?display=2');
    const bridge = new FakeBridge(smallFleet());
    bridge.handle('displays.layout', () => ({ ok: true, value: LAYOUT }));
    const view = render(<App bridge={bridge} deltaBatchMs={0} />);
    await act(settle);
    expect(view.queryByTestId('identify-overlay')).toBeNull();
    emit(
      bridge,
      'fleet.delta',
      delta(10, { at: T0, screens: { version: 0, identifyUntil: T0 + 8000 } }),
    );
    expect(view.getByTestId('identify-overlay').textContent).toBe('2Wall right');
    await act(async () => {
      vi.advanceTimersByTime(8000);
      await settle();
    });
    expect(view.queryByTestId('identify-overlay')).toBeNull();
    view.unmount();
  });

  it('times the number by the hub’s clock: a hub 60 s ahead of this browser still shows it 8 s', async () => {
    vi.useFakeTimers({ now: T0 });
    window.history.replaceState(null, '', '/?display=2');
    const ahead = 60_000;
    const bridge = new FakeBridge({ ...smallFleet(), at: T0 + ahead });
    bridge.handle('displays.layout', () => ({ ok: true, value: LAYOUT }));
    const view = render(<App bridge={bridge} deltaBatchMs={0} />);
    await act(settle);
    emit(
      bridge,
      'fleet.delta',
      delta(10, { at: T0 + ahead, screens: { version: 0, identifyUntil: T0 + ahead + 8000 } }),
    );
    expect(view.getByTestId('identify-overlay').textContent).toBe('2Wall right');
    await act(async () => {
      vi.advanceTimersByTime(7000);
      await settle();
    });
    expect(view.queryByTestId('identify-overlay')).not.toBeNull();
    await act(async () => {
      vi.advanceTimersByTime(1000);
      await settle();
    });
    expect(view.queryByTestId('identify-overlay')).toBeNull();
    view.unmount();
  });

  it("leaves identifying to the desktop app's main process (its windows show no overlay)", async () => {
    window.history.replaceState(null, '', '/?display=2');
    const bridge = new FakeBridge(smallFleet(), { ...DEMO_INFO, host: 'electron' });
    bridge.handle('displays.layout', () => ({ ok: true, value: LAYOUT }));
    const view = render(<App bridge={bridge} deltaBatchMs={0} />);
    await act(settle);
    emit(bridge, 'fleet.delta', delta(10, { screens: { version: 0, identifyUntil: T0 + 8000 } }));
    expect(view.queryByTestId('identify-overlay')).toBeNull();
    view.unmount();
  });
});
