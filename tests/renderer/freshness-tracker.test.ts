import { describe, expect, it } from 'vitest';
import { BoardClock } from '../../renderer/src/clock/board-clock.js';
import { FreshnessTracker } from '../../renderer/src/status/freshness-tracker.js';
import { HUB_LAG_MS } from '../../renderer/src/status/site-freshness.js';
import { createFleetStore } from '../../renderer/src/store/fleet-store.js';
import { FakeClock } from '../support/fake-clock.js';
import { DEMO_INFO } from './fake-bridge.js';
import { publishDelta } from './apply-one.js';
import { delta, site, snapshot, T0 } from './fleet-fixtures.js';

const { staleAfterMs, downAfterMs } = DEMO_INFO.thresholds;

function setUp() {
  const clock = new FakeClock(T0);
  const store = createFleetStore();
  store.getState().setInfo(DEMO_INFO);
  // a: heard from at T0; b: five seconds later; c: down already (only news can change it).
  store
    .getState()
    .applySnapshot(
      snapshot(
        1,
        [site('a'), site('b', 'live', { lastEventAt: T0 + 5_000 }), site('c', 'down')],
        [],
      ),
      T0,
    );
  const tracker = new FreshnessTracker(store, new BoardClock(clock));
  const calls = { a: 0, b: 0, c: 0, notLive: 0 };
  for (const id of ['a', 'b', 'c'] as const)
    tracker.subscribeSite(id, () => {
      calls[id] += 1;
    });
  tracker.subscribeNotLive(() => {
    calls.notLive += 1;
  });
  const start = () => {
    const stop = tracker.start();
    Object.assign(calls, { a: 0, b: 0, c: 0, notLive: 0 }); // counted from here on
    return stop;
  };
  return { clock, store, tracker, calls, start };
}

describe('FreshnessTracker', () => {
  it('holds one timer, for the earliest transition, and tells only the site that flips', () => {
    const { clock, tracker, calls, start } = setUp();
    const stop = start();
    expect(clock.pendingCount).toBe(1);
    const liveA = tracker.siteState('a');
    expect(liveA?.state).toBe('live');

    clock.advance(staleAfterMs + HUB_LAG_MS);
    expect(tracker.siteState('a')).toMatchObject({ state: 'stale', stale: true });
    expect(tracker.siteState('b')?.state).toBe('live');
    expect(calls).toEqual({ a: 1, b: 0, c: 0, notLive: 1 });
    expect([...tracker.notLiveIds()].sort()).toEqual(['a', 'c']);

    clock.advance(5_000);
    expect(calls).toEqual({ a: 1, b: 1, c: 0, notLive: 2 });
    clock.advance(downAfterMs - staleAfterMs - 5_000);
    expect(tracker.siteState('a')?.state).toBe('down');
    // Down does not change who is not live: the set (and its listeners) stay as they were.
    expect(calls).toEqual({ a: 2, b: 1, c: 0, notLive: 2 });

    clock.advance(5_000);
    expect(tracker.siteState('b')?.state).toBe('down');
    expect(clock.pendingCount).toBe(0); // nothing left that time alone can change
    stop();
  });

  it('re-judges on news: a fresh event makes a stale site live and re-arms the timer', () => {
    const { clock, store, tracker, calls, start } = setUp();
    const stop = start();
    clock.advance(staleAfterMs + HUB_LAG_MS);
    expect(tracker.siteState('a')?.state).toBe('stale');

    const now = clock.now();
    const fresh = site('a', 'live', { lastEventAt: now });
    publishDelta(store, delta(1, { at: now, sites: [fresh] }), now);
    expect(tracker.siteState('a')?.state).toBe('live');
    expect(calls).toMatchObject({ a: 2, b: 0 });
    // Unchanged states keep their objects: nothing re-renders for them.
    const b = tracker.siteState('b');
    store.getState().setConnected(true);
    expect(tracker.siteState('b')).toBe(b);

    stop();
    expect(clock.pendingCount).toBe(0);
    expect(tracker.scheduled).toBe(false);
  });

  it('shows every site stale while the hub is lost, and needs no timer for it', () => {
    const { clock, store, tracker } = setUp();
    const stop = tracker.start();
    store.getState().setConnected(false);
    expect(tracker.siteState('a')).toMatchObject({
      state: 'stale',
      reason: 'no connection to the hub',
    });
    expect(tracker.notLiveIds().size).toBe(3);
    expect(clock.pendingCount).toBe(0);
    stop();
  });
});
