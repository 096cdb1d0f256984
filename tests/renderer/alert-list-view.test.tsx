// @vitest-environment happy-dom
import { act, cleanup, fireEvent } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { alertRows, NO_FILTER } from '../../renderer/src/alerts/alert-rows.js';
import { emptyFleetModel, reduceSnapshot } from '../../shared/fleet/fleet-reducer.js';
import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { alert, content, delta, device, site, snapshot, T0 } from './fleet-fixtures.js';
import { renderApp } from './render-helpers.js';
import { settle } from './settle.js';

/**
 * The fleet-wide alert list: its order and folding (pure rows), its filters, and working it with
 * the keyboard — move, select, expand a cause, acknowledge the selection.
 */

afterEach(() => {
  cleanup();
  window.location.hash = '';
});

const MIN = 60_000;

function fleet(): FleetSnapshot {
  return snapshot(
    5,
    [site('hq'), { ...site('br'), customer: 'Birchwood', name: 'Branch' }],
    [
      content(
        'hq',
        [
          device('core', { name: 'Core switch', kind: 'switch', status: 'down' }),
          device('pc1', { name: 'PC 1', status: 'unknown', parentId: 'core' }),
          device('pc2', { name: 'PC 2', status: 'unknown', parentId: 'core' }),
          device('nas', { name: 'NAS' }),
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
          alert('pc2-ping', {
            deviceId: 'pc2',
            title: 'PC 2 is unreachable',
            raisedAt: T0 - 8 * MIN,
          }),
          alert('nas-disk', {
            deviceId: 'nas',
            severity: 'warning',
            title: 'Disk almost full on NAS',
            raisedAt: T0 - 30 * MIN,
          }),
        ],
      ),
      content(
        'br',
        [device('fw', { name: 'Firewall' })],
        [
          alert('fw-cpu', {
            deviceId: 'fw',
            severity: 'disaster',
            title: 'Firewall CPU',
            raisedAt: T0 - MIN,
          }),
          alert('fw-lic', {
            deviceId: 'fw',
            severity: 'high',
            title: 'Licence expires',
            raisedAt: T0 - 60 * MIN,
          }),
        ],
      ),
    ],
  );
}

const model = () => reduceSnapshot(emptyFleetModel, fleet());
const keys = (rows: ReturnType<typeof alertRows>) => rows.map((r) => r.key);

describe('alert rows', () => {
  it('worst first, then the longest open; a cause is one row, its alerts beneath when expanded', () => {
    const rows = alertRows(model(), NO_FILTER, new Set(), () => false, T0);
    expect(keys(rows)).toEqual(['br|fw-cpu', 'br|fw-lic', 'hq|device:core', 'hq|nas-disk']);
    expect(rows[2]).toMatchObject({
      kind: 'root',
      severity: 'high',
      matching: 3,
      raisedAt: T0 - 9 * MIN,
    });
    const open = alertRows(model(), NO_FILTER, new Set(['hq|device:core']), () => false, T0);
    expect(keys(open)).toEqual([
      'br|fw-cpu',
      'br|fw-lic',
      'hq|device:core',
      'hq|core-ping',
      'hq|pc1-ping',
      'hq|pc2-ping',
      'hq|nas-disk',
    ]);
  });

  it('filters by text, severity, customer, site and state', () => {
    const rows = (filter: Partial<typeof NO_FILTER>) =>
      keys(alertRows(model(), { ...NO_FILTER, ...filter }, new Set(), () => false, T0));
    expect(rows({ text: 'nas disk' })).toEqual(['hq|nas-disk']);
    expect(rows({ text: 'birchwood licence' })).toEqual(['br|fw-lic']);
    expect(rows({ minSeverity: 'disaster' })).toEqual(['br|fw-cpu']);
    expect(rows({ customers: ['Birchwood'] })).toEqual(['br|fw-cpu', 'br|fw-lic']);
    expect(rows({ siteIds: ['hq'] })).toEqual(['hq|device:core', 'hq|nas-disk']);
    expect(rows({ state: 'acknowledged' })).toEqual([]);
    expect(rows({ state: 'unacknowledged' })).toHaveLength(4);
  });

  it('lists alerts inside a running maintenance window last, marked suppressed', () => {
    const fleetModel = model();
    const sites = new Map(fleetModel.sites);
    const br = sites.get('br');
    if (!br) throw new Error('no br');
    sites.set('br', {
      ...br,
      maintenance: [{ windowId: 'w', reason: 'Firmware', deviceIds: ['fw'], until: T0 + MIN }],
    });
    const rows = alertRows({ ...fleetModel, sites }, NO_FILTER, new Set(), () => false, T0);
    expect(rows.map((r) => [r.key, r.suppressed])).toEqual([
      ['hq|device:core', false],
      ['hq|nas-disk', false],
      ['br|fw-cpu', true],
      ['br|fw-lic', true],
    ]);
  });

  it('an unreachable site is one row for all of its alerts', () => {
    const rows = alertRows(model(), NO_FILTER, new Set(), (id) => id === 'hq', T0);
    expect(keys(rows)).toEqual(['br|fw-cpu', 'br|fw-lic', 'hq|site']);
  });
});

describe('the alert list view', () => {
  async function open(technician: string | null) {
    window.location.hash = '#/alerts';
    const bridge = new FakeBridge(fleet(), { ...DEMO_INFO, technician });
    const view = await renderApp(bridge);
    const grid = view.getByTestId('alert-list-scroll');
    const shown = () =>
      [...view.container.querySelectorAll('[data-testid^="alert-row"]')].map((el) => ({
        key: el.getAttribute('data-key'),
        focused: el.hasAttribute('data-focused'),
        selected: el.getAttribute('aria-selected') === 'true',
      }));
    const press = (key: string) => {
      fireEvent.keyDown(grid, { key });
    };
    return { bridge, view, grid, shown, press };
  }

  it('moves, selects, expands a cause and acknowledges the selection with one comment', async () => {
    const { bridge, view, shown, press } = await open('Dana Whitfield');
    const acks: unknown[] = [];
    bridge.handle('alert.ack', (args) => {
      acks.push(args);
      return { ok: false, error: { code: 'refused', message: 'not in this test' } };
    });
    expect(shown().map((r) => r.key)).toEqual([
      'br|fw-cpu',
      'br|fw-lic',
      'hq|device:core',
      'hq|nas-disk',
    ]);
    expect(shown()[0]?.focused).toBe(true);
    press('j');
    press('j');
    expect(shown()[2]).toMatchObject({ key: 'hq|device:core', focused: true });
    press('Enter');
    expect(shown().map((r) => r.key)).toContain('hq|pc2-ping');
    press('ArrowLeft');
    expect(shown().map((r) => r.key)).not.toContain('hq|pc2-ping');
    press(' '); // the cause: its three alerts
    press('k');
    press('k');
    press('x'); // and the disaster
    expect(view.getByTestId('bulk-ack-count').textContent).toBe('4 selected');
    press('a');
    const comment = view.getByTestId('bulk-ack-comment');
    expect(document.activeElement).toBe(comment);
    fireEvent.change(comment, { target: { value: 'ISP ticket 4711' } });
    fireEvent.submit(view.getByTestId('bulk-ack'));
    await act(settle);
    expect(acks).toEqual([
      { siteId: 'br', alertId: 'fw-cpu', comment: 'ISP ticket 4711' },
      { siteId: 'hq', alertId: 'core-ping', comment: 'ISP ticket 4711' },
      { siteId: 'hq', alertId: 'pc1-ping', comment: 'ISP ticket 4711' },
      { siteId: 'hq', alertId: 'pc2-ping', comment: 'ISP ticket 4711' },
    ]);
    expect(view.getByTestId('bulk-ack-result').textContent).toBe(
      '0 acknowledgements sent; 4 refused: not in this test',
    );
  });

  it('is read-only for a viewer: no acknowledge bar, and "a" does nothing', async () => {
    const { view, press } = await open(null);
    expect(view.queryByTestId('bulk-ack')).toBeNull();
    expect(view.getByText('Read-only: sign in as a technician to acknowledge.')).toBeTruthy();
    press('a');
    expect(view.queryByTestId('bulk-ack-comment')).toBeNull();
  });

  it('keeps focus on the same alert when a new one sorts in above it', async () => {
    const { bridge, shown, press } = await open(null);
    press('j');
    expect(shown().find((r) => r.focused)?.key).toBe('br|fw-lic');
    const urgent = alert('gw-new', {
      deviceId: null,
      severity: 'disaster',
      title: 'WAN down',
      raisedAt: T0 - 99 * MIN,
    });
    act(() => {
      bridge.emit('fleet.delta', delta(5, { alerts: [{ siteId: 'br', alert: urgent }] }));
    });
    expect(shown()[0]?.key).toBe('br|gw-new');
    expect(shown().find((r) => r.focused)?.key).toBe('br|fw-lic');
  });

  it('filters as you type', async () => {
    const { view, shown } = await open(null);
    fireEvent.change(view.getByTestId('alert-filter-text'), { target: { value: 'licence' } });
    expect(shown().map((r) => r.key)).toEqual(['br|fw-lic']);
  });
});
