// @vitest-environment happy-dom
import { act, fireEvent } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { content, delta, device, site, snapshot } from './fleet-fixtures.js';
import { emit, openSiteView } from './render-helpers.js';
import { pagePerTest } from './page-per-test.js';

/** A big site's device table renders a window of its rows: scrolling, focus and selection kept. */

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

const openBigSite = () => openSiteView(bigFleet());

pagePerTest();

describe('site view of a big site', () => {
  it('renders only a window of a big site, telling screen readers the real size', async () => {
    const { container, getByTestId } = await openBigSite();
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
    const { container } = await openBigSite();
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
    const { bridge, container } = await openBigSite();
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
    const { bridge, container, getByTestId } = await openBigSite();
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
    const { container } = await openBigSite();
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
});
