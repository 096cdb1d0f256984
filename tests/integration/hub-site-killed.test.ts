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
import { systemClock } from '../../shared/system-clock.js';
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
  it('turns stale then down while others stay live, and resumes without loss or duplication', async () => {
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

    // Record every health the hub publishes (what the board is sent) from here on: the killed
    // site's states in order, and every state the others take.
    const recorded = (siteId: string) => hub?.fleet.site(siteId)?.health.state;
    const killedStates: ConnectionState[] = [recorded('killed') ?? 'connecting'];
    const othersStates = new Set<ConnectionState>(
      ['other-0', 'other-1'].map((id) => recorded(id) ?? 'connecting'),
    );
    const unsubscribe = hub.fleet.subscribe((batch) => {
      for (const change of batch.changes) {
        if (change.kind !== 'site') continue;
        const state = recorded(change.siteId);
        if (state === undefined) continue;
        if (change.siteId !== 'killed') othersStates.add(state);
        else if (killedStates.at(-1) !== state) killedStates.push(state);
      }
    });
    const lastSeqBeforeKill = stateOf(hub, 'killed')?.lastSeq ?? 0;
    first.child.kill('SIGKILL');
    await first.exited;
    await waitFor('the killed site down', () => killedStates.at(-1) === 'down', 30_000);
    // In this order, and never live again while the process is dead. How soon is the watchdog's
    // business, checked on a fake clock in tests/unit/hub-clock.test.ts and link-status.test.ts;
    // here the hub's own clock must agree that the threshold passed.
    expect(killedStates).toEqual(['live', 'stale', 'down']);
    const down = stateOf(hub, 'killed');
    expect(down?.state).toBe('down');
    expect(down?.lastEventAgeMs).toBeGreaterThanOrEqual(TEST_THRESHOLDS.downAfterMs);
    const seconds = Math.round(TEST_THRESHOLDS.downAfterMs / 1000);
    expect(down?.reason).toMatch(new RegExp(`^no data within ${seconds} s`));

    // Restart on the same port with the same journal: the hub resumes where it stopped.
    const second = await startSimProcess(simArgs(port, journalDir));
    processes.push(second);
    await waitFor('live again with new events', () => {
      const h = stateOf(hub as Hub, 'killed');
      return killedStates.at(-1) === 'live' && (h?.lastSeq ?? 0) > lastSeqBeforeKill + 20;
    });
    unsubscribe();
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
