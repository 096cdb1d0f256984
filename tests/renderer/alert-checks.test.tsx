// @vitest-environment happy-dom
import { cleanup } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckRecord } from '../../shared/alerts/check-record.js';
import { FakeBridge } from './fake-bridge.js';
import { alert, content, delta, device, site, snapshot, T0 } from './fleet-fixtures.js';
import { emit, renderApp, spokenText } from './render-helpers.js';

/** Dedupe and flapping in the site view: a counter and a flapping mark, one line per check. */

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const RECORD: CheckRecord = {
  siteId: 's1',
  key: 'pc1/ping',
  deviceId: 'pc1',
  check: 'ping',
  raises: 3,
  firstRaisedAt: T0 - 60_000,
  changedAt: T0,
  alertId: 'al1',
  title: 'PC 1 is down',
  severity: 'high',
  flapPercent: 24.2,
  flapping: true,
};

async function openSite() {
  window.location.hash = '#/site/s1';
  const fleet = snapshot(
    5,
    [site('s1')],
    [
      content(
        's1',
        [device('pc1', { name: 'PC 1' })],
        [alert('al1', { deviceId: 'pc1', check: 'ping', title: 'PC 1 is down' })],
      ),
    ],
  );
  const bridge = new FakeBridge(fleet);
  const view = await renderApp(bridge);
  return { bridge, view };
}

describe('a check raised again, or flapping', () => {
  it('marks the open alert with how often it was raised and that it flaps', async () => {
    const { bridge, view } = await openSite();
    expect(view.queryByTestId('alert-count')).toBeNull();
    emit(bridge, 'fleet.delta', delta(5, { checks: [RECORD] }));
    expect(spokenText(view.getByTestId('alert-count'))).toBe('×3');
    expect(spokenText(view.getByTestId('alert-flapping'))).toBe('⇅ flapping 24 %');
  });

  it('keeps one line for a flapping check while its alert is clear this moment', async () => {
    const { bridge, view } = await openSite();
    const cleared = { ...RECORD, alertId: null, raises: 4 };
    emit(
      bridge,
      'fleet.delta',
      delta(5, { checks: [cleared], removedAlerts: [{ siteId: 's1', id: 'al1' }] }),
    );
    expect(view.queryAllByTestId('alert')).toHaveLength(0);
    const line = view.getByTestId('alert-flapping-clear');
    expect(spokenText(line)).toContain('PC 1 is down');
    expect(spokenText(line)).toContain('⇅ flapping 24 %, clear this moment (raised 4 times)');
    // Settled: the hub drops the record, and the line goes.
    emit(bridge, 'fleet.delta', delta(6, { removedChecks: [{ siteId: 's1', key: 'pc1/ping' }] }));
    expect(view.queryByTestId('alert-flapping-clear')).toBeNull();
  });

  it('marks the alert in the alert list too', async () => {
    const { bridge, view } = await openSite();
    window.location.hash = '#/alerts';
    emit(bridge, 'fleet.delta', delta(5, { checks: [RECORD] }));
    const row = await view.findByTestId('alert-row');
    expect(spokenText(row)).toContain('PC 1 is down');
    expect(row.querySelector('[data-testid="alert-count"]')?.textContent).toBe('×3');
    expect(row.querySelector('[data-testid="alert-flapping"]')?.textContent).toBe(
      '⇅ flapping 24 %',
    );
  });
});
