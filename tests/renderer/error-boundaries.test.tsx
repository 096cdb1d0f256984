// @vitest-environment happy-dom
import { act, cleanup, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportErrorArgs } from '../../shared/bridge/contract.js';
import { setRenderProbe } from '../../renderer/src/debug/render-probe.js';
import { REPORT_REPEAT_MS } from '../../renderer/src/errors/error-reporter.js';
import { FakeBridge } from './fake-bridge.js';
import { content, delta, device, site, snapshot, T0 } from './fleet-fixtures.js';
import { cells, emit, renderApp, tile } from './render-helpers.js';

/** Three sites, a, b and c, with one device each. */
function fleet() {
  return snapshot(
    10,
    [site('a'), site('b'), site('c')],
    ['a', 'b', 'c'].map((id) => content(id, [device(`${id}1`)])),
  );
}

function reportingBridge(): FakeBridge {
  const bridge = new FakeBridge(fleet());
  let total = 0;
  bridge.handle('app.reportError', () => ({ ok: true, value: { total: ++total } }));
  return bridge;
}

const reports = (bridge: FakeBridge) =>
  bridge.calls.filter((c) => c.name === 'app.reportError').map((c) => c.args as ReportErrorArgs);

/** Makes one component throw while `broken` says so: a stand-in for a bug that bad data hits. */
function breakWhile(component: string, key: string, broken: () => boolean): void {
  setRenderProbe((rendered, renderedKey) => {
    if (rendered === component && renderedKey === key && broken())
      throw new Error(`cannot draw ${key}`);
  });
}

const statusOf = (container: HTMLElement, deviceId: string) =>
  cells(container).find((c) => c.dataset.deviceId === deviceId)?.dataset.status;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  window.location.hash = '';
  // React logs every error a boundary catches; the tests look at the page and the reports.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  cleanup();
  setRenderProbe(null);
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('a tile that throws', () => {
  it('shows what failed, why and since when, while the other tiles keep updating', async () => {
    const bridge = reportingBridge();
    const { container, getAllByTestId } = await renderApp(bridge);
    breakWhile('site-tile', 'b', () => true);

    // A delta reaches b's tile and a, whose tile is fine.
    emit(
      bridge,
      'fleet.delta',
      delta(10, {
        devices: [
          { siteId: 'b', device: device('b1', { status: 'down' }) },
          { siteId: 'a', device: device('a1', { status: 'warning' }) },
        ],
      }),
    );
    const failed = getAllByTestId('failed-part');
    expect(failed).toHaveLength(1);
    const box = failed[0] as HTMLElement;
    expect(box.dataset.scope).toBe('tile:b');
    expect(within(box).getByRole('heading').textContent).toBe('Site b could not be shown');
    expect(box.textContent).toContain('cannot draw b');
    expect(within(box).getByTestId('failed-age').textContent).toBe('0 s ago');
    expect(() => tile(container, 'b')).toThrow();
    expect(statusOf(container, 'a1')).toBe('warning');

    // Later deltas still reach every other tile; the failure's age counts on.
    emit(
      bridge,
      'fleet.delta',
      delta(11, {
        devices: [
          { siteId: 'a', device: device('a1', { status: 'down' }) },
          { siteId: 'c', device: device('c1', { status: 'maintenance' }) },
        ],
      }),
    );
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(statusOf(container, 'a1')).toBe('down');
    expect(statusOf(container, 'c1')).toBe('maintenance');
    expect(tile(container, 'c').dataset.rollup).toBe('maintenance');
    expect(within(box).getByTestId('failed-age').textContent).toBe('5 s ago');

    // The host heard of it once, with the scope and the message.
    const sent = reports(bridge);
    expect(sent.map(({ scope, message }) => ({ scope, message }))).toEqual([
      { scope: 'tile:b', message: 'cannot draw b' },
    ]);
    expect(sent[0]?.stack).toContain('SiteTile');
  });

  it('comes back on retry once it renders again, and a retry that fails again is not re-reported', async () => {
    const bridge = reportingBridge();
    const { container, getByTestId, getByRole } = await renderApp(bridge);
    let broken = true;
    breakWhile('site-tile', 'b', () => broken);
    const b1Down = device('b1', { status: 'down' });
    emit(bridge, 'fleet.delta', delta(10, { devices: [{ siteId: 'b', device: b1Down }] }));
    expect(getByTestId('failed-part').dataset.scope).toBe('tile:b');

    // Still broken: the box stays, the host is not told the same thing again.
    for (let i = 0; i < 5; i += 1) {
      act(() => {
        getByRole('button', { name: 'Retry' }).click();
      });
    }
    expect(getByTestId('failed-part').dataset.scope).toBe('tile:b');
    expect(reports(bridge)).toHaveLength(1);

    // A minute on, the same failure is news again.
    act(() => {
      vi.advanceTimersByTime(REPORT_REPEAT_MS);
    });
    act(() => {
      getByRole('button', { name: 'Retry' }).click();
    });
    expect(reports(bridge)).toHaveLength(2);

    broken = false;
    act(() => {
      getByRole('button', { name: 'Retry' }).click();
    });
    // Back, with the delta it failed on (and, a minute without news later, aged to down).
    expect(statusOf(container, 'b1')).toBe('down');
    expect(tile(container, 'b').dataset.state).toBe('down');
    expect(tile(container, 'b').dataset.rollup).toBe('unreachable');
    expect(container.querySelector('[data-testid="failed-part"]')).toBeNull();
  });
});

describe('a view that throws', () => {
  it('keeps the banners and the wall live when the header totals fail', async () => {
    const bridge = reportingBridge();
    const { container, getByTestId, queryByTestId } = await renderApp(bridge);
    breakWhile('fleet-totals', 'header', () => true);
    emit(
      bridge,
      'fleet.delta',
      delta(10, { devices: [{ siteId: 'a', device: device('a1', { status: 'down' }) }] }),
    );
    expect(getByTestId('failed-part').dataset.scope).toBe('view:header');
    expect(queryByTestId('fleet-totals')).toBeNull();
    expect(statusOf(container, 'a1')).toBe('down');

    emit(bridge, 'bridge.status', { connected: false });
    expect(getByTestId('bridge-lost')).toBeTruthy();
    expect(tile(container, 'a').dataset.stale).toBe('true');
    expect(reports(bridge).map((r) => r.scope)).toEqual(['view:header']);
  });
});

describe('errors outside React', () => {
  it('reports window errors and unhandled rejections to the host', async () => {
    const bridge = reportingBridge();
    await renderApp(bridge);
    const thrown = new Error('timer blew up');
    window.dispatchEvent(new ErrorEvent('error', { message: thrown.message, error: thrown }));
    const rejection = Object.assign(new Event('unhandledrejection'), { reason: 'no answer' });
    window.dispatchEvent(rejection);
    expect(reports(bridge)).toEqual([
      { scope: 'window:error', message: 'timer blew up', stack: thrown.stack },
      { scope: 'window:unhandledrejection', message: 'no answer', stack: null },
    ]);
  });
});
