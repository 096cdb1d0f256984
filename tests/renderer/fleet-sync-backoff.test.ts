import { afterEach, describe, expect, it } from 'vitest';
import { createFleetStore } from '../../renderer/src/store/fleet-store.js';
import {
  startFleetSync,
  SUBSCRIBE_RETRY_MAX_MS,
  SUBSCRIBE_RETRY_MS,
} from '../../renderer/src/store/fleet-sync.js';
import { FakeClock } from '../support/fake-clock.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { delta, site, smallFleet } from './fleet-fixtures.js';
import { settle } from './settle.js';

/** The publisher's default tick: a busy hub sends a delta this often. */
const TICK_MS = 200;
const MINUTE = 60_000;

let stop: (() => void) | null = null;

afterEach(() => {
  stop?.();
  stop = null;
});

/**
 * What a newer host sends an older page: a field the page's strict schemas do not know, on every
 * site of every snapshot and delta (an old page left open on a wall TV after an upgrade).
 */
function newerSnapshot(version: number) {
  const good = smallFleet(version);
  return { ...good, sites: good.sites.map((s) => ({ ...s, region: 'eu' })) };
}
function newerDelta(previous: number) {
  return { ...delta(previous), sites: [{ ...site('a'), region: 'eu' }] };
}

/** When each retry falls after the first failure at `start`: 3 s, 6 s, 12 s … capped. */
function retryTimes(start: number, until: number): number[] {
  const times: number[] = [];
  let at = start;
  for (let wait = SUBSCRIBE_RETRY_MS; ; wait = Math.min(wait * 2, SUBSCRIBE_RETRY_MAX_MS)) {
    at += wait;
    if (at > until) return times;
    times.push(at);
  }
}

async function started(bridge: FakeBridge, clock: FakeClock) {
  const store = createFleetStore();
  stop = startFleetSync(bridge, store, { clock });
  await settle();
  return store;
}

/** Runs `ms` of fake time in publisher ticks, sending what `each` makes at every tick. */
async function ticks(clock: FakeClock, ms: number, each: (tick: number) => void): Promise<void> {
  for (let t = TICK_MS; t <= ms; t += TICK_MS) {
    clock.advance(TICK_MS);
    each(t);
    await settle();
  }
}

describe('asking again, without a storm', () => {
  it('backs off when every snapshot and delta fail the contract, and recovers on a good snapshot', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const bridge = new FakeBridge(smallFleet(10));
    const store = await started(bridge, clock);
    expect(bridge.callCount('fleet.subscribe')).toBe(1);

    // The host is upgraded: from now on nothing it sends passes the page's schemas.
    bridge.handle('fleet.subscribe', () => ({ ok: true, value: newerSnapshot(11) }));
    const subscribedAt: number[] = [];
    let previous = 10;
    await ticks(clock, MINUTE, () => {
      const before = bridge.callCount('fleet.subscribe');
      bridge.emit('fleet.delta', newerDelta(previous++));
      if (bridge.callCount('fleet.subscribe') > before) subscribedAt.push(clock.now());
    });
    const firstBad = start + TICK_MS;
    // The first bad delta asks at once; then only the backoff's retries, however many deltas.
    const expected = [firstBad, ...retryTimes(firstBad, start + MINUTE)];
    expect(expected).toHaveLength(5); // 0.2 s, 3.2 s, 9.2 s, 21.2 s, 45.2 s
    expect(bridge.callCount('fleet.subscribe')).toBe(1 + expected.length);
    // Every bad payload is counted all the same (the snapshots' too); the good state stays.
    expect(store.getState().invalidPayloads.count).toBe(MINUTE / TICK_MS + expected.length);
    expect(store.getState().version).toBe(10);
    expect(store.getState().syncError).toMatch(/^fleet\.subscribe: /);

    // The host is fixed (or the page reloaded elsewhere): the next retry brings the board back.
    bridge.answerSubscribe(smallFleet(40));
    const nextRetry = retryTimes(firstBad, start + 10 * MINUTE)[expected.length - 1] ?? 0;
    clock.advance(nextRetry - clock.now() - 1);
    await settle();
    expect(store.getState().version).toBe(10);
    clock.advance(1);
    await settle();
    expect(store.getState().version).toBe(40);
    expect(store.getState().syncError).toBeNull();
    bridge.emit('fleet.delta', delta(40));
    expect(store.getState().version).toBe(41);
    expect(bridge.callCount('fleet.subscribe')).toBe(2 + expected.length);
  });

  it('throttles a hub whose snapshots pass but whose every delta fails', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const bridge = new FakeBridge(smallFleet(10));
    const store = await started(bridge, clock);
    let previous = 10;
    await ticks(clock, MINUTE, () => {
      bridge.emit('fleet.delta', newerDelta(previous++));
    });
    // At once for the first; then each resync waits 3 s, 6 s … after the delta that needed it.
    const resyncs: number[] = [start + TICK_MS];
    for (let wait = SUBSCRIBE_RETRY_MS; ; wait *= 2) {
      const at = (resyncs.at(-1) ?? 0) + TICK_MS + wait;
      if (at > start + MINUTE) break;
      resyncs.push(at);
    }
    expect(resyncs).toHaveLength(5);
    expect(bridge.callCount('fleet.subscribe')).toBe(1 + resyncs.length);
    expect(store.getState().syncError).toBeNull();

    // One good delta shows the stream is sound again: the next bad one resyncs at once.
    bridge.answerSubscribe(smallFleet(100));
    clock.advance(SUBSCRIBE_RETRY_MAX_MS);
    await settle();
    const calls = bridge.callCount('fleet.subscribe');
    bridge.emit('fleet.delta', delta(100));
    expect(store.getState().version).toBe(101);
    bridge.emit('fleet.delta', newerDelta(101));
    expect(bridge.callCount('fleet.subscribe')).toBe(calls + 1);
  });

  it('does not take a delta it already had for a good one: gaps stay throttled', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const bridge = new FakeBridge(smallFleet(10));
    await started(bridge, clock);
    // A hub that keeps producing gaps; with each, a delta already covered by the snapshot is
    // still in flight (it arrives while the snapshot is on its way, and is replayed after it).
    await ticks(clock, MINUTE, () => {
      bridge.emit('fleet.delta', delta(20));
      bridge.emit('fleet.delta', delta(9));
    });
    const resyncs: number[] = [start + TICK_MS];
    for (let wait = SUBSCRIBE_RETRY_MS; ; wait *= 2) {
      const at = (resyncs.at(-1) ?? 0) + TICK_MS + wait;
      if (at > start + MINUTE) break;
      resyncs.push(at);
    }
    expect(bridge.callCount('fleet.subscribe')).toBe(1 + resyncs.length);
  });

  it('retries a failing subscribe and app.info at 3 s, 6 s, 12 s … and from 3 s again after a success', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const bridge = new FakeBridge(smallFleet(10));
    const refuse = () => ({
      ok: false as const,
      error: { code: 'failed' as const, message: 'the hub did not answer' },
    });
    bridge.handle('fleet.subscribe', refuse);
    bridge.handle('app.info', refuse);
    const store = await started(bridge, clock);
    const seen = { subscribe: [start], info: [start] };
    let calls = { subscribe: 1, info: 1 };
    for (let t = 0; t < 2 * MINUTE; t += 100) {
      clock.advance(100);
      await settle();
      const now = {
        subscribe: bridge.callCount('fleet.subscribe'),
        info: bridge.callCount('app.info'),
      };
      if (now.subscribe > calls.subscribe) seen.subscribe.push(clock.now());
      if (now.info > calls.info) seen.info.push(clock.now());
      calls = now;
    }
    const schedule = [start, ...retryTimes(start, start + 2 * MINUTE)];
    expect(seen.subscribe.map((at) => at - start)).toEqual(schedule.map((at) => at - start));
    expect(seen.info).toEqual(schedule);

    // Both answer at the next retry; a later failure starts again from 3 s.
    bridge.answerSubscribe(smallFleet(10));
    bridge.handle('app.info', () => ({ ok: true, value: DEMO_INFO }));
    clock.advance(SUBSCRIBE_RETRY_MAX_MS);
    await settle();
    expect(store.getState().version).toBe(10);
    expect(store.getState().info).toEqual(DEMO_INFO);
    expect(clock.pendingCount).toBe(0);

    bridge.handle('fleet.subscribe', refuse);
    bridge.emit('fleet.delta', delta(12)); // a gap: ask again
    await settle();
    const before = bridge.callCount('fleet.subscribe');
    clock.advance(SUBSCRIBE_RETRY_MS);
    await settle();
    expect(bridge.callCount('fleet.subscribe')).toBe(before + 1);
  });

  it('measures the hub clock offset on the clock it was given, not Date.now', async () => {
    const clock = new FakeClock(Date.UTC(2030, 0, 1)); // a TV whose clock is years off
    const bridge = new FakeBridge({ ...smallFleet(10), at: clock.now() + 5_000 });
    const store = await started(bridge, clock);
    expect(store.getState().serverOffset).toBe(5_000);
    clock.advance(1_000);
    bridge.emit('fleet.delta', { ...delta(10), at: clock.now() - 2_000 });
    expect(store.getState().serverOffset).toBe(-2_000);
  });
});
