import { afterEach, describe, expect, it } from 'vitest';
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
 * A hub on a fake clock that is never advanced: its watchdog never runs, so whatever reaches the
 * site's recorded health (what the board is sent) got there because the ingest path refreshed it.
 */
async function start(clockSkewMs?: number): Promise<{ s: Scripted; hub: Hub; clock: FakeClock }> {
  const s = await scriptedSite();
  const clock = new FakeClock();
  const options = testHubOptions([{ id: 's', customer: 'T', url: s.url, token: 't' }]);
  const hub = new Hub(clockSkewMs === undefined ? options : { ...options, clockSkewMs }, {
    clock,
  });
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
    const { s, hub, clock } = await start();
    // A snapshot the site sends on its own while streaming: the link's status does not change.
    const devices = [device('d1', { updatedAt: clock.now() + 3 * HOUR })];
    s.socket().emit('snapshot', { stream: STREAM, seq: 0, at: 1, devices, alerts: [] });
    await waitFor('applied', () => hub.fleet.site('s')?.model.devices.size === 1);
    expect(recorded(hub)?.futureTimestamps).toBe(1);
  });

  it('uses the configured skew', async () => {
    const { s, hub, clock } = await start(4 * HOUR);
    const ahead = { ...upsert(1, 'd1'), at: clock.now() + 3 * HOUR };
    s.socket().emit('events', { stream: STREAM, events: [ahead, raise(2, 1, YEAR_10000)] });
    await waitFor('both applied', () => hub.fleet.site('s')?.model.alerts.size === 1);
    // Only the year 10,000 is beyond 4 h.
    expect(recorded(hub)?.futureTimestamps).toBe(2);
  });
});
