// @vitest-environment happy-dom
import { act, cleanup, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBridge } from './fake-bridge.js';
import { alert, content, delta, device, site, snapshot, T0 } from './fleet-fixtures.js';
import { emit, hashChanged, renderApp, spokenText } from './render-helpers.js';

const HOUR = 3_600_000;

function fleet() {
  return snapshot(
    10,
    [site('s1')],
    [
      content(
        's1',
        [
          device('gw', { name: 'gateway', kind: 'gateway', security: null }),
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

async function openSite(fleetSnapshot = fleet()) {
  window.location.hash = '#/site/s1';
  const bridge = new FakeBridge(fleetSnapshot);
  const view = await renderApp(bridge);
  return { bridge, ...view };
}

const BIG = 5000;
/** Ids that sort by name in index order: `dev-b00000`…; two down devices go first. */
const bigId = (i: number) => `b${String(i).padStart(5, '0')}`;
const DOWN = new Set([bigId(4321), bigId(77)]);

/** One site of BIG devices: the table must render only a window of them. */
function bigFleet() {
  const devices = Array.from({ length: BIG }, (_, i) =>
    device(bigId(i), { status: DOWN.has(bigId(i)) ? 'down' : 'up' }),
  );
  return snapshot(10, [site('s1')], [content('s1', devices)]);
}

/** The rows in the DOM, as `id@aria-rowindex`. */
function rendered(container: HTMLElement): string[] {
  return [...container.querySelectorAll<HTMLElement>('[data-testid="device-row"]')].map(
    (row) => `${row.dataset.deviceId}@${row.getAttribute('aria-rowindex')}`,
  );
}

/** Scrolls the table's own box, as a wheel would, and lets the virtualizer answer. */
function scrollTable(container: HTMLElement, top: number) {
  const scroller = container.querySelector<HTMLElement>('[data-testid="device-table-scroller"]');
  if (!scroller) throw new Error('no scroller');
  act(() => {
    scroller.scrollTop = top;
    scroller.dispatchEvent(new Event('scroll'));
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  cleanup();
  window.location.hash = '';
  vi.useRealTimers();
});

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

  it('renders only a window of a big site, telling screen readers the real size', async () => {
    const { container, getByTestId } = await openSite(bigFleet());
    const table = getByTestId('device-table');
    // 5,000 devices and the head row.
    expect(table.getAttribute('aria-rowcount')).toBe(String(BIG + 1));
    expect(table.querySelector('thead tr')?.getAttribute('aria-rowindex')).toBe('1');
    const first = rendered(container);
    // happy-dom has no layout: the window is the window's height (768 px) plus the overscan.
    expect(first.length).toBeGreaterThan(10);
    expect(first.length).toBeLessThan(100);
    // Worst first: the two down devices (by name), then the rest by name; rows numbered from 2.
    expect(first.slice(0, 4)).toEqual([
      `${bigId(77)}@2`,
      `${bigId(4321)}@3`,
      `${bigId(0)}@4`,
      `${bigId(1)}@5`,
    ]);
    // The spacer below stands in for every row not rendered, so the box scrolls the whole list.
    const spacers = [...table.querySelectorAll<HTMLElement>('.device-table__spacer')];
    expect(spacers.map((row) => row.style.height)).toEqual([`${(BIG - first.length) * 44}px`]);
    expect(spacers[0]?.getAttribute('aria-hidden')).toBe('true');
  });

  it('shows the rows of the scroll position, down to the last device', async () => {
    const { container } = await openSite(bigFleet());
    // Index 2,499 at the top of the box (row 2,501): after the two down devices, the up ones by
    // name, which skip b00077 (down): index 2,499 is b02498.
    scrollTable(container, 2499 * 44);
    const middle = rendered(container);
    expect(middle).toContain(`${bigId(2498)}@2501`);
    expect(middle).not.toContain(`${bigId(0)}@4`);
    expect(middle.length).toBeLessThan(100);
    expect(container.querySelectorAll('.device-table__spacer')).toHaveLength(2);

    scrollTable(container, BIG * 44);
    const end = rendered(container);
    expect(end.at(-1)).toBe(`${bigId(BIG - 1)}@${BIG + 1}`);
    expect(end.length).toBeLessThan(100);
    // A row far from the top still opens its chart.
    act(() => {
      container
        .querySelector<HTMLElement>(
          `[data-testid="device-row"][data-device-id="${bigId(BIG - 1)}"]`,
        )
        ?.click();
    });
    expect(
      container.querySelector<HTMLElement>('[data-testid="device-chart"]')?.dataset.deviceId,
    ).toBe(bigId(BIG - 1));
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
