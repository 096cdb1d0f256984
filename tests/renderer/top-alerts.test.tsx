// @vitest-environment happy-dom
import { cleanup, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBridge } from './fake-bridge.js';
import { alert, content, delta, device, site, snapshot, T0 } from './fleet-fixtures.js';
import { emit, renderApp, spokenText } from './render-helpers.js';

/**
 * The wall's band of unhandled alerts: the most urgent few, none that is handled. It is built
 * once a second, so after a change the tests wait for the next build.
 */

const NEXT_BUILD = { timeout: 5000 };

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const MIN = 60_000;

function fleet() {
  return snapshot(
    5,
    [site('hq'), site('br')],
    [
      content(
        'hq',
        [
          device('core', { name: 'Core switch', kind: 'switch', status: 'down' }),
          device('pc1', { name: 'PC 1', status: 'unknown', parentId: 'core' }),
        ],
        [
          alert('core-ping', {
            deviceId: 'core',
            title: 'Core switch is down',
            raisedAt: T0 - 9 * MIN,
          }),
          alert('pc1-ping', {
            deviceId: 'pc1',
            title: 'PC 1 is unreachable',
            raisedAt: T0 - 8 * MIN,
          }),
        ],
      ),
      content(
        'br',
        [device('fw', { name: 'Firewall' }), device('nas', { name: 'NAS' })],
        [
          alert('fw-cpu', {
            deviceId: 'fw',
            severity: 'disaster',
            title: 'Firewall CPU',
            raisedAt: T0 - MIN,
          }),
          alert('nas-disk', {
            deviceId: 'nas',
            severity: 'warning',
            title: 'Disk full',
            raisedAt: T0 - 60 * MIN,
          }),
          alert('fw-lic', {
            deviceId: 'fw',
            severity: 'high',
            title: 'Licence expires',
            raisedAt: T0 - 90 * MIN,
            ack: { ackId: 'k', technician: 'Sam', comment: '', at: T0 - 80 * MIN },
          }),
        ],
      ),
    ],
  );
}

describe('the wall’s unhandled alerts', () => {
  it('shows the three most urgent unhandled: worst first, a cause as one line, acknowledged ones left out', async () => {
    const bridge = new FakeBridge(fleet());
    const view = await renderApp(bridge);
    const band = within(view.getByTestId('top-alerts'));
    const lines = band.getAllByTestId('top-alert');
    expect(lines.map((line) => line.getAttribute('data-key'))).toEqual([
      'br|fw-cpu',
      'hq|device:core',
      'br|nas-disk',
    ]);
    expect(spokenText(lines[1] ?? null)).toContain('Core switch down — 2 alerts');
    expect(spokenText(lines[0] ?? null)).toContain('Site br');
  });

  it('leaves out alerts in maintenance, and says so when nothing is left unhandled', async () => {
    const bridge = new FakeBridge(fleet());
    const view = await renderApp(bridge);
    const inMaintenance = {
      ...site('br'),
      maintenance: [{ windowId: 'w', reason: 'Firmware', deviceIds: [], until: T0 + 60 * MIN }],
    };
    emit(bridge, 'fleet.delta', delta(5, { sites: [inMaintenance] }));
    const keys = () =>
      view.queryAllByTestId('top-alert').map((line) => line.getAttribute('data-key'));
    await waitFor(() => {
      expect(keys()).toEqual(['hq|device:core']);
    }, NEXT_BUILD);
    emit(
      bridge,
      'fleet.delta',
      delta(6, {
        removedAlerts: [
          { siteId: 'hq', id: 'core-ping' },
          { siteId: 'hq', id: 'pc1-ping' },
        ],
      }),
    );
    await waitFor(() => {
      expect(view.getByTestId('top-alerts-none').textContent).toBe('✓ No unhandled alerts');
    }, NEXT_BUILD);
    expect(view.queryAllByTestId('top-alert')).toHaveLength(0);
  });

  it('folds when a parent goes down with no alert changing', async () => {
    const bridge = new FakeBridge(fleet());
    const view = await renderApp(bridge);
    const keys = () =>
      view.queryAllByTestId('top-alert').map((line) => line.getAttribute('data-key'));
    // The core switch comes back: its PC's alert stands alone (and the switch's own).
    const up = device('core', { name: 'Core switch', kind: 'switch', status: 'up' });
    emit(bridge, 'fleet.delta', delta(5, { devices: [{ siteId: 'hq', device: up }] }));
    await waitFor(() => {
      expect(keys()).toEqual(['br|fw-cpu', 'hq|core-ping', 'hq|pc1-ping']);
    }, NEXT_BUILD);
    // It goes down again, and no alert changes: one line for the cause again.
    const down = { ...up, status: 'down' as const };
    emit(bridge, 'fleet.delta', delta(6, { devices: [{ siteId: 'hq', device: down }] }));
    await waitFor(() => {
      expect(keys()).toEqual(['br|fw-cpu', 'hq|device:core', 'br|nas-disk']);
    }, NEXT_BUILD);
  });
});
