// @vitest-environment happy-dom
import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReportErrorArgs } from '../../shared/bridge/contract.js';
import {
  BOUNDARY_RETRY_MAX_MS,
  BOUNDARY_RETRY_MS,
  DATA_RETRY_MIN_MS,
} from '../../renderer/src/components/common/ErrorBoundary.js';
import { setRenderProbe } from '../../renderer/src/debug/render-probe.js';
import { REPORT_REPEAT_MS } from '../../renderer/src/errors/error-reporter.js';
import { formatAge } from '../../renderer/src/format/time.js';
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
  bridge.handle('app.reportError', () => ({ ok: true, value: { total: 1 } }));
  return bridge;
}

/** What the page reported, checked against the contract: a malformed report fails the test. */
const reported = (bridge: FakeBridge) =>
  bridge.calls
    .filter((c) => c.name === 'app.reportError')
    .map((c) => ReportErrorArgs.parse(c.args));

/**
 * Makes `component` (keyed `key`) throw while `broken()` says so, and records when it was tried:
 * a stand-in for a bug that bad data hits.
 */
function breakWhile(component: string, key: string, broken: () => boolean): number[] {
  const tries: number[] = [];
  setRenderProbe((rendered, renderedKey) => {
    if (rendered !== component || renderedKey !== key) return;
    tries.push(Date.now());
    if (broken()) throw new Error(`cannot draw ${key}`);
  });
  return tries;
}

const failedScopes = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('[data-testid="failed-part"]')].map(
    (box) => box.dataset.scope,
  );

/** When a part that keeps failing from `start` is tried again: 30 s, 1 min, 2 min … 10 min. */
function retrySchedule(start: number, until: number): number[] {
  const times: number[] = [];
  let at = start;
  for (let wait = BOUNDARY_RETRY_MS; ; wait = Math.min(wait * 2, BOUNDARY_RETRY_MAX_MS)) {
    at += wait;
    if (at > until) return times;
    times.push(at);
  }
}

function advance(ms: number): void {
  act(() => {
    vi.advanceTimersByTime(ms);
  });
}

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
  window.location.hash = '';
});

describe('a failed tile on a wall nobody touches', () => {
  it('comes back by itself when a later delta fixes its data', async () => {
    const bridge = reportingBridge();
    const { container } = await renderApp(bridge);
    let poisoned = false;
    const tries = breakWhile('site-tile', 'b', () => poisoned);

    // Data the tile cannot draw arrives…
    poisoned = true;
    emit(bridge, 'fleet.delta', delta(10, { devices: [{ siteId: 'b', device: device('b9') }] }));
    expect(failedScopes(container)).toEqual(['tile:b']);
    const failedTries = tries.length;

    // …news for another site does not touch it…
    emit(bridge, 'fleet.delta', delta(11, { devices: [{ siteId: 'a', device: device('a2') }] }));
    expect(tries).toHaveLength(failedTries);
    expect(failedScopes(container)).toEqual(['tile:b']);

    // …and the next delta for b, which fixes the data, brings the tile back: at once once the
    // throttle allows (a part is retried on new data at most every DATA_RETRY_MIN_MS), long
    // before the 30 s timer.
    poisoned = false;
    emit(bridge, 'fleet.delta', delta(12, { removedDevices: [{ siteId: 'b', id: 'b9' }] }));
    advance(DATA_RETRY_MIN_MS - 1);
    expect(failedScopes(container)).toEqual(['tile:b']);
    advance(1);
    expect(failedScopes(container)).toEqual([]);
    expect(tile(container, 'b').dataset.rollup).toBe('ok');
    expect(reported(bridge).map((r) => r.scope)).toEqual(['tile:b']);
  });

  it('is tried again on the backoff, reported within the rate limit, and back when it draws', async () => {
    const bridge = reportingBridge();
    const { container, getByTestId } = await renderApp(bridge);
    let broken = true;
    const tries = breakWhile('site-tile', 'b', () => broken);
    emit(bridge, 'fleet.delta', delta(10, { devices: [{ siteId: 'b', device: device('b9') }] }));
    const failedAt = Date.now();
    expect(failedScopes(container)).toEqual(['tile:b']);
    tries.length = 0;

    // Forty minutes with no news for b: tried again at 30 s, 1 min 30, 3 min 30, 7 min 30, 15 min 30, then every 10 min.
    const until = failedAt + 40 * 60_000;
    for (let now = failedAt; now < until; now += 10_000) advance(10_000);
    const schedule = retrySchedule(failedAt, until);
    expect(schedule.map((at) => (at - failedAt) / 1000)).toEqual([
      30, 90, 210, 450, 930, 1530, 2130,
    ]);
    expect([...new Set(tries)]).toEqual(schedule);
    // The same failure is news once a minute at most: the retry at 30 s is not reported again.
    const reports = reported(bridge).filter((r) => r.scope === 'tile:b');
    expect(reports).toHaveLength(
      schedule.filter((at) => at - failedAt >= REPORT_REPEAT_MS).length + 1,
    );
    // The box keeps the age of the first failure, not of the latest retry.
    expect(getByTestId('failed-age').textContent).toBe(`${formatAge(until - failedAt)} ago`);

    // Fixed (a deploy, a cache that expired): the next retry draws it, with b's latest data.
    broken = false;
    advance(BOUNDARY_RETRY_MAX_MS);
    expect(failedScopes(container)).toEqual([]);
    expect(tile(container, 'b').dataset.siteId).toBe('b');

    // Broken again later: the first retry is 30 s away again, not 10 min.
    broken = true;
    emit(bridge, 'fleet.delta', delta(11, { devices: [{ siteId: 'b', device: device('b8') }] }));
    expect(failedScopes(container)).toEqual(['tile:b']);
    broken = false;
    advance(BOUNDARY_RETRY_MS);
    expect(failedScopes(container)).toEqual([]);
  });

  it('leaves no retry timer behind when the board is unmounted', async () => {
    const bridge = reportingBridge();
    const { container, unmount } = await renderApp(bridge);
    breakWhile('site-tile', 'b', () => true);
    emit(bridge, 'fleet.delta', delta(10, { devices: [{ siteId: 'b', device: device('b9') }] }));
    expect(failedScopes(container)).toEqual(['tile:b']);
    unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('a failed view', () => {
  it('keeps the header and banners live while the wall throws, and comes back with new data', async () => {
    const bridge = reportingBridge();
    const { container, getByTestId, queryByTestId } = await renderApp(bridge);
    let broken = true;
    breakWhile('wall-view', 'wall', () => broken);
    // A new site re-renders the wall (a status change only re-renders the tiles).
    emit(
      bridge,
      'fleet.delta',
      delta(10, {
        sites: [site('d')],
        resets: [content('d', [device('d1', { status: 'down' })])],
      }),
    );
    expect(failedScopes(container)).toEqual(['view:wall']);
    expect(queryByTestId('wall-view')).toBeNull();

    // The header still follows the fleet, and the banners the link.
    expect(getByTestId('total-down').textContent).toBe('■1 down');
    emit(bridge, 'bridge.status', { connected: false });
    expect(getByTestId('bridge-lost').textContent).toContain('Connection to the hub lost');

    // Fixed data arrives (through a bridge that says it is down: the page takes what it gets).
    broken = false;
    emit(
      bridge,
      'fleet.delta',
      delta(11, { devices: [{ siteId: 'a', device: device('a1', { status: 'warning' }) }] }),
    );
    advance(DATA_RETRY_MIN_MS);
    expect(failedScopes(container)).toEqual([]);
    const a1 = cells(container).find((cell) => cell.dataset.deviceId === 'a1');
    expect(a1?.dataset.status).toBe('warning');
  });

  it('retries a view that new data does not fix at most every 5 s, and keeps its timed schedule', async () => {
    const bridge = reportingBridge();
    const { container } = await renderApp(bridge);
    const tries = breakWhile('wall-view', 'wall', () => true);
    emit(bridge, 'fleet.delta', delta(10, { sites: [site('d')], resets: [content('d', [])] }));
    const failedAt = Date.now();
    expect(failedScopes(container)).toEqual(['view:wall']);
    tries.length = 0;
    // A busy fleet: new data on every publisher tick for a minute, each re-rendering the wall.
    let version = 11;
    for (let t = 0; t < 60_000; t += 200) {
      // Stamped with the hub's time, which moves on (the board's clock follows the hub's).
      const next = delta(version++, { sites: [site(`n${version}`)] });
      emit(bridge, 'fleet.delta', { ...next, at: Date.now() });
      advance(200);
    }
    // One attempt per throttle window (not one per delta); the 30 s timer's falls on one of them.
    const windows = Array.from({ length: 60_000 / DATA_RETRY_MIN_MS }, (_, i) => i + 1);
    expect([...new Set(tries)].map((at) => at - failedAt)).toEqual(
      windows.map((i) => i * DATA_RETRY_MIN_MS),
    );
    // With the data quiet, the timed schedule is where the timer's own failures put it (30 s,
    // then 1 min later): the failures on new data did not push it out.
    tries.length = 0;
    advance(failedAt + BOUNDARY_RETRY_MS * 3 - Date.now() - 1);
    expect(tries).toEqual([]);
    advance(1);
    expect([...new Set(tries)].map((at) => at - failedAt)).toEqual([BOUNDARY_RETRY_MS * 3]);
    expect(failedScopes(container)).toEqual(['view:wall']);
  });

  it("keeps the header and banners live while a site's view throws, and retries it on its own", async () => {
    window.location.hash = '#/site/b';
    const bridge = reportingBridge();
    let broken = false;
    breakWhile('site-view', 'b', () => broken);
    const { container, getByTestId } = await renderApp(bridge);
    expect(getByTestId('site-view').dataset.siteId).toBe('b');

    broken = true;
    emit(bridge, 'fleet.delta', delta(10, { sites: [site('b', 'stale')] }));
    expect(failedScopes(container)).toEqual(['view:site:b']);

    emit(
      bridge,
      'fleet.delta',
      delta(11, { devices: [{ siteId: 'a', device: device('a1', { status: 'down' }) }] }),
    );
    expect(getByTestId('total-down').textContent).toBe('■1 down');
    emit(bridge, 'bridge.status', { connected: false });
    expect(getByTestId('bridge-lost')).toBeTruthy();

    broken = false;
    advance(BOUNDARY_RETRY_MS);
    expect(failedScopes(container)).toEqual([]);
    expect(getByTestId('site-view').dataset.siteId).toBe('b');
  });
});
