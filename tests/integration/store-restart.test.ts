import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHubRuntime, type HubRuntime } from '../../electron/hub/runtime.js';
import { SimSite } from '../../simulator/site-server.js';
import { integrity, journalEvents, storedEvents } from '../support/store-journal.js';
import { sitePlain } from '../support/hub-harness.js';
import { sleep, waitFor } from '../support/wait.js';

const TOKEN = 'store-restart-token';
let dir = '';
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  rmSync(dir, { recursive: true, force: true });
});

function simSite(id: string, port = 0): SimSite {
  const site = new SimSite({
    siteId: id,
    name: `Office ${id}`,
    customer: 'Acme',
    timeZone: 'Europe/Berlin',
    token: TOKEN,
    port,
    devices: 30,
    scenario: 'flapping',
    seed: `restart:${id}`,
    // Ticks come from the test (drive()), so it knows when the sites are quiet.
    tickMs: 3_600_000,
    journalFile: join(dir, `${id}.jsonl`),
  });
  cleanup.push(() => site.stop());
  return site;
}

function writeConfig(sites: readonly SimSite[]): string {
  const file = join(dir, 'hub.json');
  const config = {
    staleAfterSeconds: 2,
    downAfterSeconds: 60,
    sites: sites.map((s) => ({ id: s.siteId, customer: 'Acme', url: s.url, token: TOKEN })),
  };
  writeFileSync(file, JSON.stringify(config));
  return file;
}

/** Ticks the sites every 30 ms until the returned stop is called. */
function drive(sites: readonly SimSite[]): () => void {
  const timer = setInterval(() => {
    for (const site of sites) site.tickNow();
  }, 30);
  cleanup.push(() => {
    clearInterval(timer);
    return Promise.resolve();
  });
  return () => {
    clearInterval(timer);
  };
}

async function hubOn(configFile: string): Promise<HubRuntime> {
  const runtime = await startHubRuntime({
    config: { file: configFile, explicit: true },
    dataDir: join(dir, 'data'),
  });
  cleanup.push(() => runtime.dispose());
  return runtime;
}

describe('the store across a hub restart (real sockets, a real file)', () => {
  it('starts from the stored state with its age, every site stale; then resumes each site by replay', async () => {
    dir = mkdtempSync(join(tmpdir(), 'noc-store-restart-'));
    const sites = [simSite('north'), simSite('south')];
    for (const site of sites) await site.start();
    const ports = sites.map((site) => site.port ?? 0);
    // Quiet until the hub has its snapshot: everything after this seq must reach the store.
    const snapshotSeqs = sites.map((site) => site.journal.lastSeq);
    const config = writeConfig(sites);
    const first = await hubOn(config);
    await waitFor('both live', () => first.hub.health().every((h) => h.state === 'live'));
    const stopDriving = drive(sites);
    await waitFor('both live with events applied', () =>
      first.hub.health().every((h) => h.state === 'live' && (h.lastSeq ?? 0) > 40),
    );
    // The sites go away first, then the hub stops: what it held last is what it stored.
    stopDriving();
    for (const site of sites) await site.stop();
    await waitFor('both not live', () => first.hub.health().every((h) => h.state !== 'live'));
    const held = new Map(
      first.hub.fleet.sites().map((s) => [s.id, { model: sitePlain(s.model), health: s.health }]),
    );
    await first.dispose();
    expect(sites.map((site) => site.sentFrames.snapshot)).toEqual([1, 1]);

    // Every site unreachable: the board's state comes from the store.
    const second = await hubOn(config);
    for (const entry of second.hub.fleet.sites()) {
      const before = held.get(entry.id);
      expect(sitePlain(entry.model)).toEqual(before?.model);
      expect(entry.info?.name).toBe(`Office ${entry.id}`);
    }
    for (const health of second.hub.health()) {
      const before = held.get(health.siteId)?.health;
      expect(health.state).toBe('stale');
      expect(health.reason).toMatch(/^stored data from \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; /);
      // The age is the data's, not the restart's: when it was last applied before the stop.
      expect(health.lastEventAt).toBe(before?.lastEventAt);
      expect(health.lastSeq).toBe(before?.lastSeq);
    }

    // The sites come back on their addresses, continuing their journals: each resumes by replay.
    const back = sites.map((site, i) => simSite(site.siteId, ports[i]));
    for (const site of back) await site.start();
    await waitFor(
      'both live again',
      () => second.hub.health().every((h) => h.state === 'live'),
      20_000,
    );
    const stopAgain = drive(back);
    await sleep(300);
    stopAgain();
    for (const site of back) {
      const truth = site.groundTruth();
      await waitFor(`${site.siteId} caught up`, () => {
        const health = second.hub.health().find((h) => h.siteId === site.siteId);
        return health?.lastSeq === truth.seq;
      });
      const model = second.hub.fleet.site(site.siteId)?.model;
      expect(model && sitePlain(model)).toEqual({
        devices: truth.devices,
        alerts: truth.alerts,
      });
    }
    // No snapshot on the way back: both resumed by replay, from the seq the store held.
    expect(back.map((site) => site.sentFrames.snapshot)).toEqual([0, 0]);
    await second.dispose();

    // The store holds every event each site numbered after the first snapshot, once, in order.
    const file = join(dir, 'data', 'noc.sqlite');
    expect(integrity(file)).toBe('ok');
    sites.forEach((site, i) => {
      const journal = journalEvents(join(dir, `${site.siteId}.jsonl`));
      const expected = journal.filter((event) => event.seq > (snapshotSeqs[i] ?? 0));
      expect(expected.length).toBeGreaterThan(40);
      expect(storedEvents(file, site.siteId)).toEqual(expected);
    });
  });
});
