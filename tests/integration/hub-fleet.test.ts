import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/hub/hub.js';
import { SimSite } from '../../simulator/site-server.js';
import {
  hubSitePlain,
  isContiguous,
  recordingHub,
  stateOf,
  testHubOptions,
} from '../support/hub-harness.js';
import { sleep, waitFor } from '../support/wait.js';

const TOKEN = 'integration-token';
let sites: SimSite[] = [];
let hub: Hub | null = null;

async function startSites(
  count: number,
  over: Partial<ConstructorParameters<typeof SimSite>[0]> = {},
) {
  const started = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const site = new SimSite({
        siteId: `site-${i + 1}`,
        name: `Site ${i + 1}`,
        customer: `Customer ${i + 1}`,
        timeZone: 'Europe/Berlin',
        token: TOKEN,
        devices: 30,
        scenario: 'flapping',
        seed: `fleet-${i}`,
        tickMs: 50,
        heartbeatMs: 200,
        ...over,
      });
      const url = await site.start();
      return { site, url };
    }),
  );
  sites.push(...started.map((s) => s.site));
  return started.map(({ site, url }, i) => ({
    site,
    config: { id: `site-${i + 1}`, customer: `Customer ${i + 1}`, url, token: TOKEN },
  }));
}

/** Waits for a moment where the hub is exactly at the site's seq, then compares the models. */
async function expectHubMatchesSite(site: SimSite, siteId: string) {
  const h = hub;
  if (!h) throw new Error('no hub');
  await waitFor(
    `${siteId} to match the simulator's ground truth`,
    () => {
      const truth = site.groundTruth();
      if (stateOf(h, siteId)?.lastSeq !== truth.seq) return false;
      expect(hubSitePlain(h, siteId)).toEqual({ devices: truth.devices, alerts: truth.alerts });
      return true;
    },
    10_000,
    5,
  );
}

afterEach(async () => {
  hub?.dispose();
  hub = null;
  await Promise.all(sites.map((s) => s.stop()));
  sites = [];
});

describe('hub with three simulated sites on 127.0.0.1', () => {
  it("equals the simulator's ground truth for every site, each event applied once", async () => {
    const started = await startSites(3);
    const recording = recordingHub(testHubOptions(started.map((s) => s.config)));
    hub = recording.hub;
    hub.start();
    await waitFor('all sites live', () => hub?.health().every((h) => h.state === 'live'));
    await sleep(500); // let flapping devices raise and clear alerts
    for (const { site, config } of started) {
      await expectHubMatchesSite(site, config.id);
      const seqs = recording.applied.get(config.id) ?? [];
      expect(seqs.length).toBeGreaterThan(0);
      expect(isContiguous(seqs)).toBe(true);
      expect(stateOf(hub, config.id)).toMatchObject({ badPayloads: 0, duplicates: 0 });
    }
  });

  it('counts 1,000 malformed frames from one site while the others keep flowing', async () => {
    const started = await startSites(3);
    hub = recordingHub(testHubOptions(started.map((s) => s.config))).hub;
    hub.start();
    await waitFor('all sites live', () => hub?.health().every((h) => h.state === 'live'));
    const before = hub.health().map((h) => h.lastSeq ?? 0);
    const bad = started[0];
    if (!bad) throw new Error('no site');
    bad.site.sendMalformed(1000);
    const health = await waitFor('1,000 bad payloads counted', () => {
      const h = stateOf(hub as Hub, 'site-1');
      return h && h.badPayloads >= 1000 ? h : null;
    });
    expect(health.badPayloads).toBe(1000);
    expect(health.lastBadPayload).toMatch(/^(events|snapshot|heartbeat|hello): \S+/);
    await sleep(300);
    const after = hub.health();
    after.forEach((h, i) => {
      expect(h.state).toBe('live');
      expect(h.lastSeq ?? 0).toBeGreaterThan(before[i] ?? 0);
    });
    expect(stateOf(hub, 'site-2')?.badPayloads).toBe(0);
    await expectHubMatchesSite(bad.site, 'site-1');
  });

  it("resumes after the site's socket server restarts, replaying what it missed", async () => {
    const [only] = await startSites(1, { scenario: 'storm', devices: 60 });
    if (!only) throw new Error('no site');
    const recording = recordingHub(testHubOptions([only.config]));
    hub = recording.hub;
    const resets: number[] = [];
    hub.fleet.subscribe((b) => {
      if (b.changes.some((c) => c.kind === 'site-reset')) resets.push(b.version);
    });
    hub.start();
    await waitFor('site live', () => stateOf(hub as Hub, 'site-1')?.state === 'live');
    await only.site.restartSockets();
    await waitFor('a reconnect', () => (stateOf(hub as Hub, 'site-1')?.reconnects ?? 0) >= 1);
    await waitFor('site live again', () => stateOf(hub as Hub, 'site-1')?.state === 'live');
    await sleep(300);
    await expectHubMatchesSite(only.site, 'site-1');
    const seqs = recording.applied.get('site-1') ?? [];
    expect(isContiguous(seqs)).toBe(true);
    expect(new Set(seqs).size).toBe(seqs.length);
    // One snapshot at first contact; the reconnect was a replay, not a second snapshot.
    expect(resets).toHaveLength(1);
    expect(stateOf(hub, 'site-1')?.resyncs).toBeGreaterThanOrEqual(1);
  });

  it('releases every socket and timer on dispose', async () => {
    const started = await startSites(2);
    hub = recordingHub(testHubOptions(started.map((s) => s.config))).hub;
    hub.start();
    await waitFor('all sites live', () => hub?.health().every((h) => h.state === 'live'));
    expect(started.every((s) => s.site.connectedClients === 1)).toBe(true);
    hub.dispose();
    expect(hub.openResources).toBe(0);
    expect(hub.fleet.listenerCount).toBe(0);
    await waitFor('sites to see the hub leave', () =>
      started.every((s) => s.site.connectedClients === 0),
    );
    hub = null;
  });
});
