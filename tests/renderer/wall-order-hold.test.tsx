// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoardClock } from '../../renderer/src/clock/board-clock.js';
import { BoardClockContext } from '../../renderer/src/clock/clock-context.js';
import { RANK_HOLD_MS } from '../../renderer/src/layout/rank-hold.js';
import { useHeldOrder } from '../../renderer/src/layout/use-held-order.js';
import { systemClock } from '../../shared/system-clock.js';
import type { Device } from '../../shared/protocol/device.js';
import { FakeBridge } from './fake-bridge.js';
import { content, delta, device, site, snapshot, T0 } from './fleet-fixtures.js';
import { emit, renderApp, wallOrder } from './render-helpers.js';

/**
 * The wall's order over time (WallView, layout/use-held-order.ts): a tile moves by its grid place
 * only, a site that gets worse moves up at once, and one that gets better keeps its place for
 * RANK_HOLD_MS after it first got better, so a flapping site does not reshuffle the wall.
 */

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  window.location.hash = '';
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** A gateway and nine workstations behind it, all up. */
function siteDevices(prefix: string): Device[] {
  const gw = device(`${prefix}-gw`, { kind: 'gateway', parentId: null, security: null });
  const workstations = Array.from({ length: 9 }, (_, i) =>
    device(`${prefix}-ws${i + 1}`, { kind: 'workstation', parentId: `${prefix}-gw` }),
  );
  return [gw, ...workstations];
}

/** Alpha (a) and Beta (b), everything up: a first on the wall, by name. */
function twoSites(): FakeBridge {
  return new FakeBridge(
    snapshot(
      10,
      [
        { ...site('a'), name: 'Alpha' },
        { ...site('b'), name: 'Beta' },
      ],
      [content('a', siteDevices('a')), content('b', siteDevices('b'))],
    ),
  );
}

describe('tiles moving up the wall', () => {
  /** The tile elements in the order they stand in the DOM. */
  const domTiles = (container: HTMLElement) => [
    ...container.querySelectorAll<HTMLElement>('[data-testid="site-tile"]'),
  ];

  it('move by their grid place alone: the same elements stay where they are in the DOM', async () => {
    const bridge = twoSites();
    const { container } = await renderApp(bridge);
    expect(wallOrder(container)).toEqual(['a', 'b']);
    const before = domTiles(container);
    expect(before.map((t) => t.dataset.siteId)).toEqual(['a', 'b']);

    // Beta's gateway goes down: first on the wall at once, its element not moved (keyboard and
    // screen-reader order follow the grid through CSS reading-flow: tests/e2e/wall-reading-order.test.ts).
    const gw = device('b-gw', { kind: 'gateway', parentId: null, status: 'down', security: null });
    emit(bridge, 'fleet.delta', delta(10, { devices: [{ siteId: 'b', device: gw }] }));
    expect(wallOrder(container)).toEqual(['b', 'a']);
    const after = domTiles(container);
    expect(after).toHaveLength(2);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
  });
});

describe('a site that gets better', () => {
  it('keeps its place for a minute after it first got better, and stays put while it flaps', async () => {
    const bridge = twoSites();
    const { container } = await renderApp(bridge);
    let version = 10;
    let now = T0;
    const gateway = (status: Device['status']) => ({
      siteId: 'b',
      device: device('b-gw', { kind: 'gateway', parentId: null, status, security: null }),
    });
    const send = (changes: Parameters<typeof delta>[1]) => {
      emit(bridge, 'fleet.delta', delta(version++, { at: now, ...changes }));
    };
    /** Time passes with both sites heard from every 5 s, so both stay live. */
    const liveFor = (ms: number) => {
      for (let left = ms; left > 0; left -= 5_000) {
        const step = Math.min(5_000, left);
        act(() => {
          vi.advanceTimersByTime(step);
        });
        now += step;
        const sites = ['a', 'b'].map((id) => {
          const summary = { ...site(id), name: id === 'a' ? 'Alpha' : 'Beta' };
          return { ...summary, health: { ...summary.health, lastEventAt: now } };
        });
        send({ sites });
      }
    };
    expect(wallOrder(container)).toEqual(['a', 'b']);

    // Beta's gateway goes down: up at once.
    send({ devices: [gateway('down')] });
    expect(wallOrder(container)).toEqual(['b', 'a']);

    // It comes back, flaps down again 30 s later and back up 10 s after that: Beta stays first.
    send({ devices: [gateway('up')] });
    liveFor(30_000);
    expect(wallOrder(container)).toEqual(['b', 'a']);
    send({ devices: [gateway('down')] });
    liveFor(10_000);
    send({ devices: [gateway('up')] });
    expect(wallOrder(container)).toEqual(['b', 'a']);

    // A minute after it last got better, and not before, it goes back to its place by name.
    liveFor(RANK_HOLD_MS - 1);
    expect(wallOrder(container)).toEqual(['b', 'a']);
    liveFor(1);
    expect(wallOrder(container)).toEqual(['a', 'b']);
  });
});

describe('a hold that ends', () => {
  it('ends even when the board clock reads a little before its time as the timer fires', () => {
    let offset = 0;
    const clock = new BoardClock(systemClock, () => offset);
    const wrapper = ({ children }: { children: ReactNode }) => (
      <BoardClockContext.Provider value={clock}>{children}</BoardClockContext.Provider>
    );
    const ids = ['a', 'b'];
    const { result, rerender } = renderHook(
      ({ ranks }: { ranks: readonly number[] }) => useHeldOrder(ids, ranks, RANK_HOLD_MS),
      { wrapper, initialProps: { ranks: [4, 4] } },
    );
    expect(result.current).toEqual(['a', 'b']);
    rerender({ ranks: [4, 1] });
    expect(result.current).toEqual(['b', 'a']);
    rerender({ ranks: [4, 4] });
    expect(result.current).toEqual(['b', 'a']);
    // The hub's offset moves back 5 ms after the release was scheduled: when its timer fires, the
    // board's time is 5 ms short of the release. The site must go back to its place all the same.
    offset = -5;
    act(() => {
      vi.advanceTimersByTime(RANK_HOLD_MS);
    });
    expect(result.current).toEqual(['a', 'b']);
  });
});
