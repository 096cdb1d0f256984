import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../electron/hub/hub.js';
import { FakeClock } from '../support/fake-clock.js';
import { stateOf } from '../support/hub-harness.js';
import { STREAM, scriptedSite, upsert } from '../support/scripted-site.js';
import { waitFor } from '../support/wait.js';

const T0 = Date.UTC(2026, 10, 26, 12, 3, 10);
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

describe('resyncs have brakes', () => {
  it('a site heartbeating a seq it never sends gets a few resyncs in 10 s, backing off, not one per heartbeat', async () => {
    const clock = new FakeClock(T0);
    const site = await scriptedSite();
    const hub = new Hub(
      {
        staleAfterMs: 10_000,
        downAfterMs: 30_000,
        reconnect: { initialDelayMs: 500, maxDelayMs: 30_000 },
        sites: [{ id: 's', customer: 'T', url: site.url, token: 't' }],
      },
      { clock, requestTimeoutMs: 5000, random: () => 1 },
    );
    cleanup = async () => {
      hub.dispose();
      await site.close();
    };
    hub.start();
    await waitFor('live', () => stateOf(hub, 's')?.state === 'live');
    site.socket().emit('events', { stream: STREAM, events: [upsert(1, 'd')] });
    await waitFor('seq 1', () => stateOf(hub, 's')?.lastSeq === 1);
    // It answers every resync truthfully (nothing to replay after seq 1), yet keeps announcing 900.
    const askedAt: number[] = [];
    site.answer = () => {
      askedAt.push(clock.now());
      return { mode: 'replay', replayed: 0, seq: 1 };
    };
    for (let i = 1; i <= 100; i++) {
      clock.advance(100);
      site.socket().emit('heartbeat', { stream: STREAM, seq: 900, at: i });
      await waitFor('the heartbeat', () => stateOf(hub, 's')?.lastMessageAt === clock.now());
    }
    // 100 heartbeats, each naming a gap; the brake allows the resyncs at about 0, 0.25, 0.75,
    // 1.75, 3.75 and 7.75 s: six in the first 10 s.
    const health = stateOf(hub, 's');
    expect(health?.resyncs).toBeGreaterThanOrEqual(3);
    expect(health?.resyncs).toBeLessThanOrEqual(6);
    expect(askedAt).toHaveLength(health?.resyncs ?? -1);
    const gaps = askedAt.slice(1).map((at, i) => at - (askedAt[i] ?? at));
    gaps.slice(1).forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(gaps[i] ?? 0);
    });
    expect(gaps.at(-1)).toBeGreaterThanOrEqual(2000);
    // Its data is what it was at 12:03:10: stale after 10 s, saying why.
    expect(health).toMatchObject({
      state: 'stale',
      lastEventAgeMs: 10_000,
      reason: 'site announced seq 900 but sent only up to 1; resyncing since 12:03:10 UTC',
    });
    // The resync waiting for its turn is a timer like any other: dispose frees it.
    expect(clock.pendingCount).toBeGreaterThanOrEqual(2); // the watchdog, the braked resync
    hub.dispose();
    expect(hub.openResources).toBe(0);
    expect(clock.pendingCount).toBe(0);
  });
});
