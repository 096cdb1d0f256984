import { describe, expect, it } from 'vitest';
import { createFleetStore } from '../../renderer/src/store/fleet-store.js';
import { startInfoSync } from '../../renderer/src/store/info-sync.js';
import { FakeClock } from '../support/fake-clock.js';
import { DEMO_INFO, FakeBridge } from './fake-bridge.js';
import { smallFleet } from './fleet-fixtures.js';
import { settle } from './settle.js';

/** app.info, asked for until the hub answers, and nothing left behind once stopped. */

const BACKOFF = { firstMs: 3_000, maxMs: 60_000 };
const refuse = () => ({
  ok: false as const,
  error: { code: 'failed' as const, message: 'app.info: the hub did not answer' },
});

function setUp() {
  const bridge = new FakeBridge(smallFleet(2));
  const store = createFleetStore();
  const clock = new FakeClock();
  const invalid: string[] = [];
  const info = startInfoSync(bridge, store, clock, (problem) => invalid.push(problem), BACKOFF);
  return { bridge, store, clock, invalid, info };
}

describe('startInfoSync', () => {
  it('backs off from 3 s, doubling, until the hub answers, then sets the info and waits no more', async () => {
    const { bridge, store, clock, invalid, info } = setUp();
    bridge.handle('app.info', refuse);
    info.load();
    await settle();
    expect(bridge.callCount('app.info')).toBe(1);
    clock.advance(2_999);
    await settle();
    expect(bridge.callCount('app.info')).toBe(1);
    clock.advance(1);
    await settle();
    expect(bridge.callCount('app.info')).toBe(2);
    bridge.handle('app.info', () => ({ ok: true, value: DEMO_INFO }));
    clock.advance(5_999); // the second wait is twice the first
    await settle();
    expect(bridge.callCount('app.info')).toBe(2);
    clock.advance(1);
    await settle();
    expect(bridge.callCount('app.info')).toBe(3);
    expect(store.getState().info).toEqual(DEMO_INFO);
    expect(clock.pendingCount).toBe(0);
    expect(invalid).toEqual([]); // a hub that did not answer is not a bad payload
    info.stop();
  });

  it('a new connection while a retry waits asks at once and leaves one retry, not two', async () => {
    const { bridge, clock, info } = setUp();
    bridge.handle('app.info', refuse);
    info.load();
    await settle();
    expect(clock.pendingCount).toBe(1);
    info.load();
    await settle();
    expect(bridge.callCount('app.info')).toBe(2);
    expect(clock.pendingCount).toBe(1);
    info.stop();
    expect(clock.pendingCount).toBe(0);
  });

  it('stopped: its retry timer is gone', async () => {
    const { bridge, clock, info } = setUp();
    bridge.handle('app.info', refuse);
    info.load();
    await settle();
    expect(clock.pendingCount).toBe(1); // the retry
    info.stop();
    expect(clock.pendingCount).toBe(0);
    clock.advance(BACKOFF.maxMs);
    await settle();
    expect(bridge.callCount('app.info')).toBe(1);
  });

  it('stopped: an answer that comes after is ignored', async () => {
    const { bridge, store, clock, info } = setUp();
    const answer = bridge.answerLater('app.info', { ok: true, value: DEMO_INFO });
    info.load();
    await settle();
    info.stop();
    answer();
    await settle();
    expect(store.getState().info).toBeNull();
    expect(clock.pendingCount).toBe(0);
  });

  it('reports an answer that fails the contract, and asks again', async () => {
    const { bridge, clock, invalid, info } = setUp();
    bridge.handle('app.info', () => ({ ok: true, value: { demo: 'yes' } as never }));
    info.load();
    await settle();
    expect(invalid).toHaveLength(1);
    expect(invalid[0]).toMatch(/app\.info/);
    expect(clock.pendingCount).toBe(1);
    info.stop();
  });
});
