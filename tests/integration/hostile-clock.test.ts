import { afterEach, describe, expect, it } from 'vitest';
import type { HubOptions } from '../../electron/hub/config/hub-options.js';
import { CLOCK_AHEAD_CLEARS_AFTER_MS } from '../../electron/hub/fleet/clock-skew.js';
import { Hub } from '../../electron/hub/hub.js';
import type { SiteEvent } from '../../shared/protocol/events.js';
import { FakeClock } from '../support/fake-clock.js';
import { device } from '../support/fleet-fixtures.js';
import { testHubOptions } from '../support/hub-harness.js';
import { STREAM, scriptedSite, upsert, type Scripted } from '../support/scripted-site.js';
import { waitFor } from '../support/wait.js';

const HOUR = 3_600_000;
const YEAR_10000 = Date.UTC(10_000, 0, 1);

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

/**
 * A hub on a fake clock that is never advanced unless a test says so: its watchdog does not run
 * meanwhile, so whatever reaches the site's recorded health (what the board is sent) got there
 * because the ingest path refreshed it.
 */
async function start(
  options: Partial<HubOptions> = {},
  prepare: (s: Scripted) => void = () => undefined,
): Promise<{ s: Scripted; hub: Hub; clock: FakeClock }> {
  const s = await scriptedSite();
  prepare(s);
  const clock = new FakeClock();
  const hub = new Hub(
    { ...testHubOptions([{ id: 's', customer: 'T', url: s.url, token: 't' }]), ...options },
    { clock },
  );
  hub.start();
  cleanup = async () => {
    hub.dispose();
    await s.close();
  };
  await waitFor('streaming', () => hub.fleet.site('s')?.health.state === 'live');
  return { s, hub, clock };
}

const recorded = (hub: Hub) => hub.fleet.site('s')?.health;
const reported = (hub: Hub) => hub.health().find((h) => h.siteId === 's');

function raise(seq: number, at: number, raisedAt: number): SiteEvent {
  return {
    seq,
    at,
    type: 'alert.raise',
    alert: {
      id: `a${seq}`,
      deviceId: null,
      check: 'ping',
      severity: 'high',
      title: 'Site unreachable',
      detail: '',
      raisedAt,
      updatedAt: raisedAt,
      ack: null,
    },
  };
}

describe('a site whose clock runs ahead', () => {
  it('has its future timestamps counted in its health as they arrive, the rest not', async () => {
    const { s, hub, clock } = await start();
    const now = clock.now();
    // Within the default skew of 5 min: not counted.
    s.socket().emit('events', { stream: STREAM, events: [raise(1, now + 4 * 60_000, now)] });
    await waitFor('seq 1', () => hub.fleet.site('s')?.model.alerts.size === 1);
    expect(recorded(hub)?.futureTimestamps).toBe(0);

    // An alert raised in the year 10,000 (raisedAt, updatedAt) by an event sent 3 h ahead (at).
    s.socket().emit('events', { stream: STREAM, events: [raise(2, now + 3 * HOUR, YEAR_10000)] });
    await waitFor('counted', () => recorded(hub)?.futureTimestamps);
    expect(recorded(hub)?.futureTimestamps).toBe(3);
    expect(reported(hub)?.futureTimestamps).toBe(3);
    // Counting refreshed the health; it did not turn the site into anything else.
    expect(recorded(hub)?.state).toBe('live');
  });

  it('has the future timestamps of a snapshot counted as the snapshot is applied', async () => {
    const clock = new FakeClock();
    const devices = [device('d1', { updatedAt: clock.now() + 3 * HOUR })];
    const { hub } = await start({}, (s) => {
      s.answer = (_request, socket) => {
        socket.emit('snapshot', { stream: STREAM, seq: 0, at: 1, devices, alerts: [] });
        return { mode: 'snapshot', seq: 0 };
      };
    });
    expect(hub.fleet.site('s')?.model.devices.size).toBe(1);
    expect(recorded(hub)?.futureTimestamps).toBe(1);
    expect(recorded(hub)?.clockAheadSince).not.toBeNull();
  });

  it('uses the configured skew', async () => {
    const { s, hub, clock } = await start({ clockSkewMs: 4 * HOUR });
    const ahead = { ...upsert(1, 'd1'), at: clock.now() + 3 * HOUR };
    s.socket().emit('events', { stream: STREAM, events: [ahead, raise(2, 1, YEAR_10000)] });
    await waitFor('both applied', () => hub.fleet.site('s')?.model.alerts.size === 1);
    // Only the year 10,000 is beyond 4 h.
    expect(recorded(hub)?.futureTimestamps).toBe(2);
  });

  it('refreshes its health once when it starts running ahead and once when it stops, not per batch', async () => {
    // Thresholds far above the minute the test moves the clock by: the state stays live.
    const { s, hub, clock } = await start({ staleAfterMs: 10 * 60_000, downAfterMs: 30 * 60_000 });
    const siteUpdates: number[] = [];
    hub.fleet.subscribe((batch) => {
      if (batch.changes.some((c) => c.kind === 'site')) siteUpdates.push(batch.version);
    });
    let seq = 0;
    const send = (aheadMs: number) => {
      for (let i = 0; i < 100; i++) {
        seq++;
        s.socket().emit('events', {
          stream: STREAM,
          events: [{ ...upsert(seq, 'd1'), at: clock.now() + aheadMs }],
        });
      }
      return waitFor(`seq ${seq}`, () => reported(hub)?.lastSeq === seq);
    };

    // An hour fast: 100 batches, each ahead, make one site update (the flag), not 100.
    await send(HOUR);
    expect(siteUpdates).toHaveLength(1);
    expect(recorded(hub)?.clockAheadSince).toBe(clock.now());
    // The count followed the first batch; the rest wait for the watchdog's round.
    expect(recorded(hub)?.futureTimestamps).toBe(1);
    clock.advance(hub.watchdogIntervalMs);
    expect(recorded(hub)?.futureTimestamps).toBe(100);
    expect(siteUpdates).toHaveLength(2);

    // A minute later the site's clock is right: 100 batches within the skew clear the flag once.
    clock.advance(CLOCK_AHEAD_CLEARS_AFTER_MS);
    expect(siteUpdates).toHaveLength(2);
    await send(0);
    expect(recorded(hub)?.clockAheadSince).toBeNull();
    expect(recorded(hub)?.state).toBe('live');
    expect(siteUpdates).toHaveLength(3);
  });
});
