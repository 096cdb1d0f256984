// @vitest-environment happy-dom
import { act, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { alert, content, delta, device, site, snapshot, T0 } from './fleet-fixtures.js';
import { emit, hashChanged, openSiteView, spokenText } from './render-helpers.js';
import { pagePerTest } from './page-per-test.js';

const HOUR = 3_600_000;

function fleet() {
  return snapshot(
    10,
    [site('s1')],
    [
      content(
        's1',
        [
          device('gw', { name: 'gateway', kind: 'gateway', security: null, tags: ['core', 'VIP'] }),
          device('srv', {
            name: 'server',
            parentId: 'gw',
            status: 'down',
            security: {
              edr: 'disabled',
              antivirus: 'protected',
              pendingCriticalPatches: 3,
              lastBackupAt: T0 - 72 * HOUR,
            },
          }),
        ],
        [
          alert('al1', { severity: 'average', title: 'Disk almost full', deviceId: 'srv' }),
          alert('al2', {
            severity: 'disaster',
            title: 'Site unreachable',
            raisedAt: T0 - 5 * 60_000,
          }),
        ],
      ),
    ],
  );
}

const openSite = () => openSiteView(fleet());

pagePerTest();

describe('site view', () => {
  it('lists devices worst first with status, metrics, posture and parent', async () => {
    const { getByTestId, getAllByTestId } = await openSite();
    const view = getByTestId('site-view');
    expect(within(view).getByText('Site s1')).toBeTruthy();
    expect(within(view).getByText('Europe/Berlin')).toBeTruthy();
    const rows = getAllByTestId('device-row');
    expect(rows.map((r) => `${r.dataset.deviceId}:${r.dataset.status}`)).toEqual([
      'srv:down',
      'gw:up',
    ]);
    const srv = rows[0];
    if (!srv) throw new Error('no row');
    expect(srv.textContent).toContain('Down');
    expect(srv.textContent).toContain('gateway');
    expect(srv.querySelectorAll('svg.sparkline')).toHaveLength(5);
    // Each finding says so in words anyone can read, and a screen reader reads the same words.
    const findings = [...srv.querySelectorAll('[data-warn="true"]')];
    expect(findings.map((c) => c.textContent)).toEqual([
      'Disabled! needs attention',
      '3! needs attention',
      '3 d! needs attention',
    ]);
    expect(findings.map((c) => spokenText(c))).toEqual([
      'Disabled needs attention',
      '3 needs attention',
      '3 d needs attention',
    ]);
    expect(srv.querySelector('[aria-label]')).toBeNull();
    expect(rows[1]?.textContent).toContain('no agent');
    // The site's tags beside the kind (protocol 1.2), as the site wrote them; none: the kind.
    const kinds = rows.map((r) => r.querySelector('td.col-kind'));
    expect(kinds.map((td) => td?.textContent)).toEqual(['server', 'gateway · core, VIP']);
    expect(kinds[1]?.getAttribute('title')).toBe('gateway · core, VIP');
  });

  it('lists open alerts worst first with device and age', async () => {
    const { getAllByTestId } = await openSite();
    const alerts = getAllByTestId('alert');
    expect(alerts.map((a) => a.dataset.severity)).toEqual(['disaster', 'average']);
    expect(alerts[0]?.textContent).toContain('Site unreachable');
    expect(alerts[0]?.textContent).toContain('whole site');
    expect(alerts[0]?.textContent).toContain('5 min');
    expect(alerts[1]?.textContent).toContain('server');
  });

  it('opens a device chart when a row is clicked, following new samples', async () => {
    const { bridge, getAllByTestId, getByTestId, queryByTestId } = await openSite();
    expect(queryByTestId('device-chart')).toBeNull();
    act(() => {
      getAllByTestId('device-row')[1]?.click();
    });
    expect(getByTestId('device-chart').dataset.deviceId).toBe('gw');
    expect(getByTestId('device-chart').textContent).toContain('1 samples');
    await act(async () => {
      await vi.dynamicImportSettled();
    });
    // recharts is loaded on demand, so the wall never pays for it.
    const chart = getByTestId('device-chart');
    expect(chart.querySelector('.recharts-wrapper')).not.toBeNull();
    expect(
      [...chart.querySelectorAll('.recharts-legend-item-text')].map((e) => e.textContent),
    ).toEqual(['CPU %', 'Memory %', 'Disk %', 'Loss %', 'Latency ms']);

    emit(
      bridge,
      'fleet.delta',
      delta(10, { devices: [{ siteId: 's1', device: device('gw', { updatedAt: T0 + 1000 }) }] }),
    );
    expect(getByTestId('device-chart').textContent).toContain('2 samples');
  });

  it('goes back to the wall', async () => {
    const { getByTestId, queryByTestId } = await openSite();
    act(() => {
      getByTestId('back-link').click();
    });
    hashChanged();
    expect(queryByTestId('site-view')).toBeNull();
    expect(getByTestId('wall-view')).toBeTruthy();
  });
});
