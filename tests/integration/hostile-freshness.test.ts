import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../electron/hub/hub.js';
import { FakeClock } from '../support/fake-clock.js';
import { stateOf } from '../support/hub-harness.js';
import { STREAM, scriptedSite, upsert } from '../support/scripted-site.js';
import { waitFor } from '../support/wait.js';
import { serveHub } from './hostile-serve.js';

/**
 * Freshness from applied data, on a fake clock (the sockets are real): every age and reason
 * below is exact. Thresholds: stale after 3 s, down after 8 s; a sync is given 5 s.
 */

const T0 = Date.UTC(2026, 10, 26, 12, 3, 10);
let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function start() {
  const clock = new FakeClock(T0);
  const site = await scriptedSite();
  const hub = new Hub(
    {
      staleAfterMs: 3000,
      downAfterMs: 8000,
      reconnect: { initialDelayMs: 1000, maxDelayMs: 8000 },
      sites: [{ id: 's', customer: 'T', url: site.url, token: 't' }],
    },
    { clock, requestTimeoutMs: 5000, random: () => 1 },
  );
  hub.start();
  const served = await serveHub(hub, clock);
  cleanup = async () => {
    hub.dispose();
    await served.close();
    await site.close();
  };
  await waitFor('live', () => stateOf(hub, 's')?.state === 'live');
  site.socket().emit('events', { stream: STREAM, events: [upsert(1, 'frozen')] });
  await waitFor('seq 1 applied', () => stateOf(hub, 's')?.lastSeq === 1);
  return { clock, site, hub, served };
}

/** One second of fake time, then one message from the site, seen by the hub. */
async function second(clock: FakeClock, hub: Hub, send: () => void) {
  clock.advance(1000);
  send();
  await waitFor('the message', () => {
    const h = stateOf(hub, 's');
    return h && (h.lastMessageAt === clock.now() || h.badPayloads > 0) && h;
  });
}

describe('freshness comes from applied data', () => {
  it('a site that heartbeats a seq it never sends and never answers the resync goes stale, then down, with the reason', async () => {
    const { clock, site, hub, served } = await start();
    site.answer = () => null; // from now on it never answers a sync
    const states = new Map<string, string | null>();
    for (let i = 1; i <= 10; i++) {
      await second(clock, hub, () => {
        site.socket().emit('heartbeat', { stream: STREAM, seq: 5, at: i });
      });
      const h = stateOf(hub, 's');
      if (h && !states.has(h.state)) states.set(h.state, h.reason);
    }
    // Stale at once (a resync is under way) with the gap it announced; down at 8 s with the
    // resync it never answered (asked at 12:03:11).
    expect([...states]).toEqual([
      ['stale', 'site announced seq 5 but sent only up to 1; resyncing since 12:03:11 UTC'],
      [
        'down',
        'no data applied within 8 s; site sends data but has not answered a resync since 12:03:11 UTC',
      ],
    ]);
    const report = await served.healthz();
    expect(report.sites).toMatchObject([
      {
        id: 's',
        state: 'down',
        lastEventAgeMs: 10_000, // the data the hub holds: seq 1, applied at T0
        lastMessageAgeMs: 0, // the site is talking all along
        lastSeq: 1,
        badPayloads: 0,
        reconnects: 0,
        resyncs: 2, // the resume, then the snapshot it fell back to; neither answered
        reason:
          'no data applied within 8 s; site sends data but has not answered a resync since 12:03:11 UTC',
      },
    ]);
    const metrics = await served.metrics();
    expect(metrics).toContain('noc_site_last_event_age_seconds{site="s"} 10');
    expect(metrics).toContain('noc_site_last_message_age_seconds{site="s"} 0');
    // What the board is given (as of the watchdog's last round): the time of the applied data,
    // so it shows the true age.
    expect(hub.fleet.site('s')?.health).toMatchObject({ state: 'down', lastEventAt: T0 });
  });

  it('a site whose heartbeats confirm the seq the hub holds stays live', async () => {
    const { clock, site, hub, served } = await start();
    for (let i = 1; i <= 10; i++) {
      await second(clock, hub, () => {
        site.socket().emit('heartbeat', { stream: STREAM, seq: 1, at: i });
      });
      expect(stateOf(hub, 's')?.state).toBe('live');
    }
    const report = await served.healthz();
    expect(report.sites[0]).toMatchObject({ state: 'live', lastEventAgeMs: 0, reason: null });
  });

  it('a site that sends only invalid data goes stale, then down, naming the first problem', async () => {
    const { clock, site, hub } = await start();
    const states = new Map<string, string | null>();
    for (let i = 1; i <= 9; i++) {
      clock.advance(1000);
      site.socket().emit('heartbeat', { stream: STREAM, seq: -i, at: i });
      await waitFor('counted', () => stateOf(hub, 's')?.badPayloads === i);
      const h = stateOf(hub, 's');
      if (h && !states.has(h.state)) states.set(h.state, h.reason);
    }
    const invalid =
      'site sends invalid data (first: heartbeat: seq: Too small: expected number to be >=0) ' +
      'since 12:03:11 UTC';
    expect([...states]).toEqual([
      ['live', null],
      ['stale', invalid],
      ['down', `no data within 8 s; ${invalid}`],
    ]);
  });
});
