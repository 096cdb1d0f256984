// @vitest-environment happy-dom
import { act, cleanup, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SiteSummary } from '../../shared/bridge/fleet-view.js';
import { setRenderProbe } from '../../renderer/src/debug/render-probe.js';
import { HUB_LAG_MS } from '../../renderer/src/status/site-freshness.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { content, delta, device, site, snapshot, T0 } from './fleet-fixtures.js';
import { emit, renderApp, spokenText, tile } from './render-helpers.js';

const SITES = 50;
const ids = Array.from({ length: SITES }, (_, i) => `s${String(i).padStart(2, '0')}`);
/** The hub stops hearing from these two at T0: their tiles must turn stale, then down. */
const SILENT = new Set(['s48', 's49']);
/** These five get a device change on every other delta. */
const BUSY = new Set(ids.slice(0, 5));
const { staleAfterMs, downAfterMs } = DEMO_INFO.thresholds;

function heartbeat(id: string, at: number): SiteSummary {
  const summary = site(id);
  return { ...summary, health: { ...summary.health, lastEventAt: at } };
}

describe('render counts on a wall of 50 sites over one minute', () => {
  const renders = new Map<string, number>();
  const tileRenders = (id: string) => renders.get(`site-tile/${id}`) ?? 0;

  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
    window.location.hash = '';
    renders.clear();
  });

  afterEach(() => {
    cleanup();
    setRenderProbe(null);
    vi.useRealTimers();
  });

  it('re-renders a tile only when what it shows changes; ages count on without it', async () => {
    const bridge = new FakeBridge(
      snapshot(
        1,
        ids.map((id) => site(id)),
        ids.map((id) =>
          content(
            id,
            [1, 2, 3, 4].map((n) => device(`${id}-${n}`)),
          ),
        ),
      ),
    );
    const { container, getByTestId } = await renderApp(bridge);
    const ageOf = (id: string) => within(tile(container, id)).getByTestId('site-age').textContent;
    // The wall's plan (wall-layout.ts): a not-live site's tile needs a line more, which may
    // re-plan the whole wall once; that, and nothing else, may re-render a quiet tile.
    const planOf = () => {
      const wall = getByTestId('wall-view').dataset;
      return `${wall.columns} × ${wall.rows} at ${wall.pitch}`;
    };
    const planAtStart = planOf();
    setRenderProbe((component, key) => {
      const name = `${component}/${key}`;
      renders.set(name, (renders.get(name) ?? 0) + 1);
    });

    let version = 1;
    let flips = 0;
    const seenAges = new Set<string | null>();
    const staleAt = T0 + staleAfterMs + HUB_LAG_MS;
    const downAt = T0 + downAfterMs + HUB_LAG_MS;
    for (let second = 1; second <= 60; second += 1) {
      act(() => {
        vi.advanceTimersByTime(1000);
      });
      const now = T0 + second * 1000;
      seenAges.add(ageOf('s20'));
      if (now === staleAt) {
        // The transition itself: one render of each silent tile, none of any other.
        expect(tile(container, 's48').dataset.state).toBe('stale');
        expect(tileRenders('s48')).toBe(1);
      }
      if (second % 5 !== 0) continue;
      // Every 5 s the hub hears from every site but the silent ones (a heartbeat moves only
      // lastEventAt), and on every other delta a busy site's device changes status.
      const flip = second % 10 === 0;
      if (flip) flips += 1;
      emit(
        bridge,
        'fleet.delta',
        delta(version, {
          at: now,
          sites: ids.filter((id) => !SILENT.has(id)).map((id) => heartbeat(id, now)),
          devices: flip
            ? [...BUSY].map((id) => ({
                siteId: id,
                device: device(`${id}-1`, { status: flips % 2 === 1 ? 'warning' : 'up' }),
              }))
            : [],
        }),
      );
      version += 1;
    }

    // Quiet sites: heartbeats and sixty ticks, and not one tile render but for a new plan.
    const quiet = ids.filter((id) => !BUSY.has(id) && !SILENT.has(id));
    const replanned = planOf() !== planAtStart ? 1 : 0;
    expect(quiet.filter((id) => tileRenders(id) !== replanned)).toEqual([]);
    // Busy sites: once per change of their counts.
    for (const id of BUSY) expect(tileRenders(id)).toBe(flips + replanned);
    // Silent sites: once when their data went stale, once when it went down.
    expect(downAt).toBeLessThan(T0 + 60_000);
    for (const id of SILENT) {
      expect(tile(container, id).dataset.state).toBe('down');
      expect(tileRenders(id)).toBe(2);
    }
    // The ages kept counting all the while, without the tiles.
    expect(ageOf('s48')).toBe('1 min');
    expect([...seenAges]).toEqual(['1 s', '2 s', '3 s', '4 s', '5 s']);
    expect(ageOf('s20')).toBe('0 s');
    // The header's totals: when the counts changed, and when the silent sites stopped being live.
    expect(renders.get('fleet-totals/header')).toBe(flips + 1);
    // The two silent sites' four devices each, as the whole count and its word.
    expect(spokenText(getByTestId('total-not-live'))).toBe(`${SILENT.size * 4} not live`);
    // The wall itself (its plan is a search over arrangements): when a roll-up changed (twice:
    // React renders it again at once to keep the new place, use-held-order.ts) and when the
    // silent sites stopped being live; never for a heartbeat (seen: 20 when it did).
    expect(renders.get('wall-view/wall')).toBeLessThanOrEqual(2 * flips + SILENT.size);
    // Planned again only when the order changed (a busy site moving up; back down is held for a
    // minute) or a silent site needed its extra line.
    expect(renders.get('wall-plan/wall')).toBeLessThanOrEqual(flips / 2 + SILENT.size);
  });
});
