import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Hub } from '../../electron/hub/hub.js';
import { SEVERITIES } from '../../shared/protocol/alert.js';
import { SlaConfig, type Priority } from '../../shared/sla/contract.js';
import { dueAt, type Incident } from '../../shared/sla/incident.js';
import { SimSite } from '../../simulator/site-server.js';
import { stateOf, testHubOptions } from '../support/hub-harness.js';
import { startHubProcess } from '../support/hub-process.js';
import { waitFor } from '../support/wait.js';

/**
 * SLA incidents from a simulated site through a real hub: an alert of a customer with a contract
 * opens an incident at the matrix's priority, due by the contract; an acknowledgement stops the
 * response clock; a pause stops the resolution clock and a resume restarts it; the alert
 * clearing resolves it; and `kill -9` of the hub keeps every clock exactly.
 */

const TOKEN = 'sla-token';
const MINUTE = 60_000;
const ALL_DAY = [{ start: '00:00', end: '24:00' }];
/** Every severity opens an incident; P2 counts in business hours (here: every hour, UTC). */
const MATRIX: Record<(typeof SEVERITIES)[number], Priority> = {
  disaster: 'P1',
  high: 'P2',
  average: 'P3',
  warning: 'P4',
  information: 'P4',
  'not-classified': 'P4',
};
const CONTRACT = {
  customer: 'Acme',
  calendar: {
    timeZone: 'UTC',
    hours: {
      mon: ALL_DAY,
      tue: ALL_DAY,
      wed: ALL_DAY,
      thu: ALL_DAY,
      fri: ALL_DAY,
      sat: ALL_DAY,
      sun: ALL_DAY,
    },
  },
  priorities: MATRIX,
  targets: {
    P1: { responseMinutes: 15, resolutionMinutes: 240, allHours: true },
    P2: { responseMinutes: 30, resolutionMinutes: 480 },
    P3: { responseMinutes: 120, resolutionMinutes: 960 },
    P4: { responseMinutes: 480, resolutionMinutes: 2400 },
  },
};
const TARGETS = { P1: [15, 240], P2: [30, 480], P3: [120, 960], P4: [480, 2400] } as const;

const cleanup: (() => Promise<void> | void)[] = [];
let dir = '';
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

function simSite(journalFile?: string) {
  const site = new SimSite({
    siteId: 'office',
    name: 'Office',
    customer: 'Acme',
    timeZone: 'UTC',
    token: TOKEN,
    devices: 12,
    scenario: 'calm',
    seed: 'sla',
    failureRate: 0,
    tickMs: 200,
    heartbeatMs: 200,
    ...(journalFile ? { journalFile } : {}),
  });
  cleanup.push(() => site.stop());
  return site;
}

describe('SLA incidents from a simulated site', () => {
  it('open at the matrix’s priority and due by the contract; ack, pause, resume and clear move the clocks', async () => {
    const site = simSite();
    const url = await site.start();
    const hub = new Hub(
      {
        ...testHubOptions([{ id: 'office', customer: 'Acme', url, token: TOKEN }]),
        sla: SlaConfig.parse({ contracts: [CONTRACT] }),
      },
      { requestTimeoutMs: 2000 },
    );
    cleanup.push(() => {
      hub.dispose();
    });
    hub.start();
    await waitFor('live', () => stateOf(hub, 'office')?.state === 'live');
    const server = site.groundTruth().devices.find((d) => d.kind === 'server');
    if (!server) throw new Error('no server');
    const before = Date.now();
    site.setDeviceDown(server.id, true);
    const alert = await waitFor('the alert at the hub', () =>
      [...(hub.fleet.modelOf('office')?.alerts.values() ?? [])].find(
        (a) => a.deviceId === server.id,
      ),
    );
    const opened = await waitFor(
      'the incident',
      () => hub.incidents.list().find((i) => i.alertId === alert.id),
      15_000,
    );
    const after = Date.now();
    const priority = MATRIX[alert.severity];
    expect(opened).toMatchObject({
      siteId: 'office',
      customer: 'Acme',
      priority,
      resolvedAt: null,
    });
    expect(opened.openedAt).toBeGreaterThanOrEqual(before);
    expect(opened.openedAt).toBeLessThanOrEqual(after);
    const [response, resolution] = TARGETS[priority];
    const basis = hub.incidents.basisOf(opened);
    expect(dueAt(opened, 'response', basis)).toBe(opened.openedAt + response * MINUTE);
    expect(dueAt(opened, 'resolution', basis)).toBe(opened.openedAt + resolution * MINUTE);

    // A technician acknowledges: confirmed by the site, the response clock stops.
    hub.requestAction({
      siteId: 'office',
      alertId: alert.id,
      kind: 'ack',
      technician: 'Dana',
      comment: 'on it',
      sticky: true,
      expiresAt: null,
    });
    const responded = await waitFor('responded', () => {
      const incident = hub.incidents.get(opened.id);
      return incident?.response.stoppedAt === null ? undefined : incident;
    });
    expect(responded.respondedBy).toBe('Dana');
    expect(dueAt(responded, 'response', basis)).toBeNull();

    // Waiting on the ISP: the resolution clock stops; back, it runs on from what it counted.
    const paused = hub.incidents.pause(
      opened.id,
      { reason: 'vendor', vendor: 'Telekom', reference: 'TK-4411', comment: 'line fault' },
      'Dana',
    );
    expect(paused.pause).toMatchObject({ vendor: 'Telekom', reference: 'TK-4411', by: 'Dana' });
    expect(dueAt(paused, 'resolution', basis)).toBeNull();
    const resumed = hub.incidents.resume(opened.id, 'Dana', 'line fixed');
    const left = resolution * MINUTE - resumed.resolution.accruedMs;
    expect(dueAt(resumed, 'resolution', basis)).toBe((resumed.resolution.runningSince ?? 0) + left);

    // The server comes back, the alert clears: resolved.
    site.setDeviceDown(server.id, false);
    const resolved = await waitFor('resolved', () => {
      const incident = hub.incidents.get(opened.id);
      return incident?.resolvedAt === null ? undefined : incident;
    });
    expect(resolved.resolution.stoppedAt).toBe(resolved.resolvedAt);
  }, 60_000);

  it('keeps every clock exactly through kill -9 of the hub', async () => {
    dir = mkdtempSync(join(tmpdir(), 'noc-sla-kill-'));
    const site = simSite(join(dir, 'office.jsonl'));
    await site.start();
    const config = join(dir, 'hub.json');
    writeFileSync(
      config,
      JSON.stringify({
        staleAfterSeconds: 5,
        sla: { contracts: [CONTRACT] },
        sites: [{ id: 'office', customer: 'Acme', url: site.url, token: TOKEN }],
      }),
    );
    type Line = { sites?: { state: string }[]; incidents?: Incident[]; incident?: Incident };
    const start = () => {
      const hub = { latest: null as Line | null, answer: null as Incident | null };
      const spawned = startHubProcess(
        config,
        join(dir, 'data'),
        (message) => {
          const line = message as Line;
          if (line.incident) hub.answer = line.incident;
          else hub.latest = line;
        },
        cleanup,
      );
      return Object.assign(hub, spawned);
    };
    const first = start();
    await waitFor(
      `the first hub live: ${first.stderr()}`,
      () => first.latest?.sites?.every((s) => s.state === 'live') ?? false,
      30_000,
    );
    const server = site.groundTruth().devices.find((d) => d.kind === 'server');
    if (!server) throw new Error('no server');
    site.setDeviceDown(server.id, true);
    const opened = await waitFor(
      'the incident',
      () => first.latest?.incidents?.find((i) => i.deviceId === server.id),
      30_000,
    );
    first.child.stdin.write(`${JSON.stringify({ pause: { id: opened.id } })}\n`);
    const paused = await waitFor('paused', () => first.answer ?? undefined, 30_000);
    expect(paused.pause?.reference).toBe('TK-1');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(null);

    const second = start();
    const restored = await waitFor(
      `the incident after the restart: ${second.stderr()}`,
      () => second.latest?.incidents?.find((i) => i.id === opened.id),
      30_000,
    );
    // Exactly as stored: the paused resolution clock has counted what it had, no more; the
    // response clock, still running, runs from the same instant (the hub's downtime counts: the
    // customer waited through it).
    expect(restored.resolution).toEqual(paused.resolution);
    expect(restored.response).toEqual(paused.response);
    expect(restored.pause).toEqual(paused.pause);
    expect(restored.openedAt).toBe(opened.openedAt);
    second.child.stdin.write(`${JSON.stringify({ resume: { id: opened.id } })}\n`);
    const resumed = await waitFor(
      'resumed',
      () => (second.answer?.pause === null ? second.answer : undefined),
      30_000,
    );
    expect(resumed.resolution.accruedMs).toBe(paused.resolution.accruedMs);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);
});
