// @vitest-environment happy-dom
import { act, cleanup, fireEvent, within } from '@testing-library/react';
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

/** The row of `deviceId` in the DOM, if rendered. */
function rowOf(container: HTMLElement, deviceId: string): HTMLElement | null {
  return container.querySelector<HTMLElement>(
    `[data-testid="device-row"][data-device-id="${deviceId}"]`,
  );
}

/** The spacers' heights and the rows' (44 px each): together, every device's row. */
function tableHeight(container: HTMLElement): number {
  const spacers = [...container.querySelectorAll<HTMLElement>('.device-table__spacer')];
  return (
    spacers.reduce((sum, row) => sum + Number.parseFloat(row.style.height), 0) +
    rendered(container).length * 44
  );
}

/** Rows in DOM order carry rising aria-rowindex: pinned rows sit at their place in the order. */
function inOrder(rows: readonly string[]): boolean {
  const indices = rows.map((row) => Number(row.split('@')[1]));
  return indices.every((index, i) => i === 0 || index > (indices[i - 1] ?? 0));
}

/** A delta that changes one device's status in the big fleet. */
function statusDelta(deviceId: string, status: 'up' | 'down') {
  return delta(10, { devices: [{ siteId: 's1', device: device(deviceId, { status }) }] });
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

  it('keeps focus on a row the worst-first order moves far out of the window', async () => {
    const { bridge, container } = await openSite(bigFleet());
    // b04321 is down: second from the top (row 3).
    const row = rowOf(container, bigId(4321));
    if (!row) throw new Error('no row');
    expect(row.getAttribute('aria-rowindex')).toBe('3');
    act(() => {
      row.focus();
    });
    expect(document.activeElement).toBe(row);
    // It comes back up: among the up devices by name, after b00077 (down) and 4,320 up ones.
    emit(bridge, 'fleet.delta', statusDelta(bigId(4321), 'up'));
    expect(row.isConnected).toBe(true);
    expect(rowOf(container, bigId(4321))).toBe(row);
    expect(row.dataset.status).toBe('up');
    expect(row.getAttribute('aria-rowindex')).toBe('4323');
    expect(document.activeElement).toBe(row);
    // The window is still the top of the list; the focused row sits after a spacer, in order.
    const now = rendered(container);
    expect(now.slice(0, 2)).toEqual([`${bigId(77)}@2`, `${bigId(0)}@3`]);
    expect(now.length).toBeLessThan(100);
    expect(inOrder(now)).toBe(true);
    expect(container.querySelectorAll('.device-table__spacer')).toHaveLength(2);
    expect(tableHeight(container)).toBe(BIG * 44);
    // Scrolling the window away does not drop it either.
    scrollTable(container, 2000 * 44);
    expect(document.activeElement).toBe(row);
    expect(inOrder(rendered(container))).toBe(true);
    expect(tableHeight(container)).toBe(BIG * 44);
  });

  it('keeps the selected row rendered when it moves out of the window', async () => {
    const { bridge, container, getByTestId } = await openSite(bigFleet());
    scrollTable(container, BIG * 44);
    act(() => {
      rowOf(container, bigId(BIG - 1))?.click();
    });
    expect(getByTestId('device-chart').dataset.deviceId).toBe(bigId(BIG - 1));
    // Focus elsewhere, so only the selection holds the row.
    act(() => {
      getByTestId('back-link').focus();
    });
    // Down: third from the top, far above the window at the end.
    emit(bridge, 'fleet.delta', statusDelta(bigId(BIG - 1), 'down'));
    const row = rowOf(container, bigId(BIG - 1));
    expect(row?.getAttribute('aria-rowindex')).toBe('4');
    expect(row?.getAttribute('aria-selected')).toBe('true');
    expect(getByTestId('device-chart').dataset.deviceId).toBe(bigId(BIG - 1));
    const now = rendered(container);
    expect(now[0]).toBe(`${bigId(BIG - 1)}@4`);
    expect(now.at(-1)).toBe(`${bigId(BIG - 2)}@${BIG + 1}`);
    expect(now.length).toBeLessThan(100);
    expect(tableHeight(container)).toBe(BIG * 44);
  });

  it('moves focus between rows with the arrow keys, scrolling the row into view', async () => {
    const { container } = await openSite(bigFleet());
    const scroller = container.querySelector<HTMLElement>('[data-testid="device-table-scroller"]');
    if (!scroller) throw new Error('no scroller');
    const first = rowOf(container, bigId(77));
    act(() => {
      first?.focus();
    });
    act(() => {
      fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowUp' });
    });
    expect(document.activeElement).toBe(first);
    act(() => {
      fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowDown' });
    });
    expect(document.activeElement).toBe(rowOf(container, bigId(4321)));
    // happy-dom's box shows 768 px: index 17 (b00015) ends at 792 px, so reaching it scrolls 24.
    for (let i = 0; i < 16; i++) {
      act(() => {
        fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowDown' });
      });
    }
    expect(document.activeElement).toBe(rowOf(container, bigId(15)));
    expect(scroller.scrollTop).toBe(18 * 44 - 768);
    // Scrolled far away, the focused row stays; the next one (not in the window) is rendered,
    // focused, and shown at the top of the box.
    scrollTable(container, 3000 * 44);
    expect(rowOf(container, bigId(16))).toBeNull();
    act(() => {
      fireEvent.keyDown(document.activeElement ?? document.body, { key: 'ArrowDown' });
    });
    const next = rowOf(container, bigId(16));
    expect(next).not.toBeNull();
    expect(document.activeElement).toBe(next);
    expect(scroller.scrollTop).toBe(18 * 44);
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
