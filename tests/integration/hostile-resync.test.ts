import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../electron/hub/hub.js';
import { FakeClock } from '../support/fake-clock.js';
import { stateOf } from '../support/hub-harness.js';
import { STREAM, hubOnScriptedSiteAt, scriptedSite, upsert } from '../support/scripted-site.js';
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

describe('live events right behind a sync reply, on a fake clock', () => {
  /**
   * A busy site: socket.io delivers every packet of one read on its own tick, so live events
   * sent right after the reply are applied before the link looks at the awaited answer.
   */
  async function busySite() {
    const clock = new FakeClock(T0);
    const options = {
      staleAfterMs: 10_000,
      downAfterMs: 30_000,
      reconnect: { initialDelayMs: 500, maxDelayMs: 4000 },
    };
    const started = await hubOnScriptedSiteAt(clock, options, (s) => {
      s.afterReply = (_request, socket) => {
        const events = [upsert(1, 'a'), upsert(2, 'b'), upsert(3, 'c')];
        socket.emit('events', { stream: STREAM, events });
      };
    });
    cleanup = started.close;
    return { clock, ...started };
  }

  it('after a snapshot: the link goes live with every event applied once, no resync', async () => {
    const { site, hub, applied } = await busySite();
    await waitFor('live at seq 3', () => {
      const health = stateOf(hub, 's');
      return health?.state === 'live' && health.lastSeq === 3;
    });
    expect(applied).toEqual([1, 2, 3]);
    expect(site.syncs).toEqual([{ stream: null, after: null }]);
    expect(stateOf(hub, 's')).toMatchObject({ resyncs: 0, reconnects: 0, reason: null });
    expect(site.connections).toBe(1);
  });

  it('after a resume: the replay and the live events behind it are each applied once', async () => {
    const { site, hub, applied } = await busySite();
    await waitFor('seq 3', () => stateOf(hub, 's')?.lastSeq === 3);
    site.afterReply = (_request, socket) => {
      socket.emit('events', { stream: STREAM, events: [upsert(6, 'f'), upsert(7, 'g')] });
    };
    site.answer = (request, socket) => {
      socket.emit('events', { stream: STREAM, events: [upsert(4, 'd'), upsert(5, 'e')] });
      return { mode: 'replay', replayed: 2, seq: 5 };
    };
    site.socket().emit('heartbeat', { stream: STREAM, seq: 5, at: 5 }); // a gap: resume after 3
    await waitFor('live at seq 7', () => {
      const health = stateOf(hub, 's');
      return health?.state === 'live' && health.lastSeq === 7;
    });
    expect(applied).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(site.syncs).toEqual([
      { stream: null, after: null },
      { stream: STREAM, after: 3 },
    ]);
    expect(stateOf(hub, 's')).toMatchObject({ resyncs: 1, reconnects: 0, reason: null });
  });

  it('a snapshot answer without a snapshot does not pass for caught up on the position held', async () => {
    const { site, hub } = await busySite();
    await waitFor('seq 3', () => stateOf(hub, 's')?.lastSeq === 3);
    site.afterReply = () => undefined;
    // Events of another stream ask for a snapshot; the site answers one at the seq the hub
    // holds of the old stream, but never sends it.
    site.answer = () => ({ mode: 'snapshot', seq: 3 });
    site.socket().emit('events', { stream: 'other', events: [upsert(1, 'x')] });
    await waitFor('the connection dropped', () => site.disconnections === 1);
    expect(site.syncs.at(-1)).toEqual({ stream: null, after: null });
    expect(stateOf(hub, 's')).toMatchObject({
      state: 'stale',
      reason: 'site sends events of another stream since 12:03:10 UTC',
      lastSeq: 3,
    });
  });
});
