import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../shared/fleet/health.js';
import {
  applySiteEvent,
  siteModelFromSnapshot,
  siteModelToPlain,
} from '../../shared/site-model/site-model.js';
import type { Hub } from '../../electron/hub/hub.js';
import { systemClock } from '../../electron/hub/system-clock.js';
import { Journal } from '../../simulator/journal.js';
import { SimSite } from '../../simulator/site-server.js';
import {
  TEST_THRESHOLDS,
  hubSitePlain,
  isContiguous,
  recordingHub,
  stateOf,
  testHubOptions,
} from '../support/hub-harness.js';
import { startSimProcess, type SimProcess } from '../support/sim-process.js';
import { waitFor } from '../support/wait.js';

const TOKEN = 'kill-test-token';
let hub: Hub | null = null;
const processes: SimProcess[] = [];
const inProcess: SimSite[] = [];

afterEach(async () => {
  hub?.dispose();
  hub = null;
  for (const p of processes.splice(0)) {
    p.child.kill('SIGKILL');
    await p.exited;
  }
  await Promise.all(inProcess.splice(0).map((s) => s.stop()));
});

function simArgs(port: number, journalDir: string): string[] {
  return [
    ...['--port', String(port), '--sites', '1', '--devices', '25', '--scenario', 'flapping'],
    ...['--seed', 'killed', '--tick-ms', '50', '--token', TOKEN, '--journal-dir', journalDir],
  ];
}

describe('a site process that is killed and restarted', () => {
  it('turns stale then down in time while others stay live, and resumes without loss or duplication', async () => {
    const journalDir = mkdtempSync(join(tmpdir(), 'noc-journal-'));
    const first = await startSimProcess(simArgs(0, journalDir));
    processes.push(first);
    const url = first.urls.get('site-01');
    if (!url) throw new Error('the simulator printed no URL for site-01');
    const port = Number(new URL(url).port);

    const others = ['calm-a', 'calm-b'].map(
      (id) =>
        new SimSite({
          siteId: id,
          name: id,
          customer: 'Others',
          timeZone: 'UTC',
          token: TOKEN,
          devices: 10,
          scenario: 'calm',
          seed: id,
          tickMs: 50,
          heartbeatMs: 100,
        }),
    );
    inProcess.push(...others);
    const otherUrls = await Promise.all(others.map((s) => s.start()));

    const recording = recordingHub(
      testHubOptions([
        { id: 'killed', customer: 'K', url, token: TOKEN },
        ...otherUrls.map((u, i) => ({ id: `other-${i}`, customer: 'O', url: u, token: TOKEN })),
      ]),
    );
    hub = recording.hub;
    const snapshot: { seq: number | null } = { seq: null };
    hub.fleet.subscribe((batch) => {
      if (batch.changes.some((c) => c.kind === 'site-reset' && c.siteId === 'killed')) {
        snapshot.seq = stateOf(hub as Hub, 'killed')?.lastSeq ?? null;
      }
    });
    hub.start();
    await waitFor('every site live with events flowing', () =>
      hub?.health().every((h) => h.state === 'live' && (h.lastSeq ?? 0) > 5),
    );

    // Watch the states the killed site goes through, and that the others never leave live.
    const initial = stateOf(hub, 'killed')?.state ?? 'connecting';
    const seen: { state: ConnectionState; at: number }[] = [{ state: initial, at: Date.now() }];
    const othersStates = new Set<ConnectionState>();
    const sample = () => {
      for (const h of hub?.health() ?? []) {
        if (h.siteId !== 'killed') othersStates.add(h.state);
        else if (seen.at(-1)?.state !== h.state) seen.push({ state: h.state, at: Date.now() });
      }
      return seen.at(-1)?.state;
    };
    const watch = setInterval(sample, 10);
    const lastSeqBeforeKill = stateOf(hub, 'killed')?.lastSeq ?? 0;
    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    await first.exited;
    await waitFor('down', () => sample() === 'down', 5000, 5);
    expect(stateOf(hub, 'killed')?.lastEventAgeMs).toBeGreaterThanOrEqual(
      TEST_THRESHOLDS.downAfterMs,
    );
    const states = seen.map((s) => s.state);
    expect(states).toEqual(['live', 'stale', 'down']);
    const staleAt = seen[1]?.at ?? Infinity;
    const downAt = seen[2]?.at ?? Infinity;
    const slack = 800; // watchdog period (150 ms) plus scheduling on a loaded 2-core machine
    expect(staleAt - killedAt).toBeLessThan(TEST_THRESHOLDS.staleAfterMs + slack);
    expect(downAt - killedAt).toBeLessThan(TEST_THRESHOLDS.downAfterMs + slack);
    expect(downAt - killedAt).toBeGreaterThanOrEqual(TEST_THRESHOLDS.downAfterMs - 100);

    // Restart on the same port with the same journal: the hub resumes where it stopped.
    const second = await startSimProcess(simArgs(port, journalDir));
    processes.push(second);
    await waitFor('live again with new events', () => {
      const h = stateOf(hub as Hub, 'killed');
      return h?.state === 'live' && (h.lastSeq ?? 0) > lastSeqBeforeKill + 20;
    });
    clearInterval(watch);
    expect([...othersStates]).toEqual(['live']);
    second.child.kill('SIGKILL');
    await second.exited;

    // Compare with what the simulator journaled: every seq applied exactly once, in order.
    const files = readdirSync(journalDir);
    expect(files).toHaveLength(1);
    const journal = Journal.open(join(journalDir, files[0] ?? ''), { clock: systemClock });
    const hubSeq = stateOf(hub, 'killed')?.lastSeq ?? 0;
    const applied = recording.applied.get('killed') ?? [];
    expect(snapshot.seq).not.toBeNull();
    expect(applied[0]).toBe((snapshot.seq ?? 0) + 1);
    expect(applied.at(-1)).toBe(hubSeq);
    expect(isContiguous(applied)).toBe(true);
    const journaled = journal.events.map((e) => e.seq);
    expect(isContiguous(journaled)).toBe(true);
    expect(journaled.at(-1)).toBeGreaterThanOrEqual(hubSeq);
    expect(stateOf(hub, 'killed')?.resyncs).toBeGreaterThanOrEqual(1);

    // And the hub's model equals the journal replayed up to the hub's seq.
    const model = siteModelFromSnapshot({ devices: [], alerts: [] });
    for (const event of journal.events) if (event.seq <= hubSeq) applySiteEvent(model, event);
    expect(hubSitePlain(hub, 'killed')).toEqual(siteModelToPlain(model));
  });
});
