import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SimSite } from '../../simulator/site-server.js';
import {
  integrity,
  journalEvents,
  rollupTotals,
  sampleTotals,
  storedEvents,
} from '../support/store-journal.js';
import { startHubProcess } from '../support/hub-process.js';
import { sleep, waitFor } from '../support/wait.js';

const TOKEN = 'store-kill-token';
const KILLS = 20;
/** Events each simulated site keeps for replays: a hub further behind than this gets a snapshot. */
const REPLAY_WINDOW = 100_000;
/**
 * What the hub may still hold unstored when the kill's delay starts: far inside the window, so
 * that with what the sites send while the next hub starts, every resume is a replay.
 */
const CAUGHT_UP = REPLAY_WINDOW / 20;
let dir = '';
const cleanup: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  rmSync(dir, { recursive: true, force: true });
});

interface Status {
  sites: { id: string; state: string; seq: number | null }[];
  store: { snapshotsWritten: number; backlog: number } | null;
}

/** The hub as a child process; `latest` is its last status line. */
function startHub(config: string) {
  const hub = { latest: null as Status | null };
  const spawned = startHubProcess(
    config,
    join(dir, 'data'),
    (message) => {
      hub.latest = message as Status;
    },
    cleanup,
  );
  return Object.assign(hub, spawned);
}

function simSite(id: string): SimSite {
  const site = new SimSite({
    siteId: id,
    name: `Office ${id}`,
    customer: 'Acme',
    timeZone: 'UTC',
    token: TOKEN,
    devices: 40,
    scenario: 'flapping',
    seed: `kill:${id}`,
    tickMs: 3_600_000, // the test drives the load
    journalFile: join(dir, `${id}.jsonl`),
    journalCapacity: REPLAY_WINDOW,
  });
  cleanup.push(() => site.stop());
  return site;
}

describe('kill -9 of the hub mid-write, in a loop, under load', () => {
  it(`leaves a sound file each time, resumes by replay, and stores every event exactly once (${KILLS} kills)`, async () => {
    dir = mkdtempSync(join(tmpdir(), 'noc-store-kill-'));
    const sites = [simSite('east'), simSite('west')];
    for (const site of sites) await site.start();
    const snapshotSeqs = sites.map((site) => site.journal.lastSeq);
    const config = join(dir, 'hub.json');
    const entries = sites.map((s) => ({
      id: s.siteId,
      customer: 'Acme',
      url: s.url,
      token: TOKEN,
    }));
    writeFileSync(config, JSON.stringify({ staleAfterSeconds: 5, sites: entries }));
    const allLive = (hub: ReturnType<typeof startHub>) => () =>
      hub.latest?.sites.every((s) => s.state === 'live') ?? false;

    // Load: every site ticks every 10 ms and sends a burst of samples every 100 ms.
    // Quiet until the first hub has its snapshots, so each one is at the seq noted above.
    let round = 0;
    let load: NodeJS.Timeout | undefined;
    const startLoad = () => {
      load = setInterval(() => {
        round++;
        for (const site of sites) {
          site.tickNow();
          if (round % 10 === 0) void site.pushMetricBurst(300, 100);
        }
      }, 10);
    };
    cleanup.push(() => {
      clearInterval(load);
    });

    let killedWithBacklog = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const hub = startHub(config);
      await waitFor(`hub ${kill} live: ${hub.stderr()}`, allLive(hub), 30_000);
      // The first hub has nothing stored to resume from: until its snapshots are stored, a
      // restart would need another one. From then on every restart must resume by replay.
      if (kill === 0) {
        const stored = () => hub.latest?.store?.snapshotsWritten === sites.length;
        await waitFor('the first snapshots stored', stored, 30_000);
        startLoad();
      }
      // Each hub stores what it was replayed before its kill is timed. Timed from "live" alone,
      // a hub whose writer is slower than the load (a slow or busy machine) dies further behind
      // each time: the replays grow, what is stored falls behind, and after a few kills a site is
      // out of its replay window and must send a snapshot.
      await waitFor(
        `hub ${kill} to store what it was replayed (backlog under ${CAUGHT_UP})`,
        () => (hub.latest?.store?.backlog ?? Infinity) < CAUGHT_UP,
        30_000,
      );
      // Somewhere inside the next writes: 50 to 390 ms of load after that.
      await sleep(50 + ((kill * 97) % 341));
      // Applied but not yet stored when killed: what the next start must get by replay.
      if ((hub.latest?.store?.backlog ?? 0) > 0) killedWithBacklog++;
      hub.child.kill('SIGKILL');
      expect(await hub.exited).toBe(null);
      expect(integrity(join(dir, 'data', 'noc.sqlite'))).toBe('ok');
    }
    clearInterval(load);
    console.log(`${killedWithBacklog} of ${KILLS} kills left events applied but not yet stored`);
    expect(killedWithBacklog).toBeGreaterThan(KILLS / 2);
    await sleep(150); // the last bursts drain

    // A last hub catches up on everything, and stops cleanly.
    const last = startHub(config);
    await waitFor(
      'the last hub caught up',
      () =>
        last.latest?.sites.every(
          (s, i) => s.state === 'live' && s.seq === sites[i]?.journal.lastSeq,
        ) ?? false,
      30_000,
    );
    last.child.kill('SIGTERM');
    expect(await last.exited).toBe(0);

    // One snapshot each, in the first run: every restart resumed by replay.
    expect(sites.map((site) => site.sentFrames.snapshot)).toEqual([1, 1]);
    const file = join(dir, 'data', 'noc.sqlite');
    expect(integrity(file)).toBe('ok');
    sites.forEach((site, i) => {
      const journal = journalEvents(join(dir, `${site.siteId}.jsonl`));
      const expected = journal.filter((event) => event.seq > (snapshotSeqs[i] ?? 0));
      expect(expected.length).toBeGreaterThan(10_000);
      expect(storedEvents(file, site.siteId)).toEqual(expected);
    });
    // The rollups hold every stored sample once: the minutes in memory at each kill were
    // rebuilt from the raw samples at the next start.
    expect(rollupTotals(file)).toEqual(sampleTotals(file));
  }, 420_000);
});
