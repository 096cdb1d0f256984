import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TechnicianAction } from '../../shared/alerts/technician-action.js';
import { SimSite } from '../../simulator/site-server.js';
import { integrity, journalEvents } from '../support/store-journal.js';
import { startHubProcess } from '../support/hub-process.js';
import { waitFor } from '../support/wait.js';

/**
 * An acknowledgement survives `kill -9` of the hub between the ack and its confirmation: the
 * outbox is in the store, the restarted hub delivers it again, and the site, which had already
 * applied the first delivery (its answer lost with the hub), applies it once.
 */

const TOKEN = 'ack-kill-token';
let dir = '';
const cleanup: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  rmSync(dir, { recursive: true, force: true });
});

interface Status {
  sites: { id: string; state: string }[];
  actions: TechnicianAction[];
}

function startHub(config: string) {
  const hub = {
    latest: null as Status | null,
    requested: null as TechnicianAction | null,
    refused: 0,
    action: (alertId: string) => hub.latest?.actions.find((a) => a.alertId === alertId) ?? null,
  };
  const spawned = startHubProcess(
    config,
    join(dir, 'data'),
    (message) => {
      const line = message as Status | { requested: TechnicianAction } | { refused: string };
      if ('requested' in line) hub.requested = line.requested;
      else if ('refused' in line) hub.refused++;
      else hub.latest = line;
    },
    cleanup,
  );
  return Object.assign(hub, spawned);
}

describe('kill -9 of the hub between an acknowledgement and its confirmation', () => {
  it('delivers it after the restart, and the site applies it exactly once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'noc-ack-kill-'));
    const site = new SimSite({
      siteId: 'office',
      name: 'Office',
      customer: 'Acme',
      timeZone: 'UTC',
      token: TOKEN,
      devices: 12,
      scenario: 'calm',
      seed: 'ack-kill',
      failureRate: 0,
      tickMs: 500,
      heartbeatMs: 500,
      journalFile: join(dir, 'office.jsonl'),
    });
    cleanup.push(() => site.stop());
    await site.start();
    const config = join(dir, 'hub.json');
    writeFileSync(
      config,
      JSON.stringify({
        staleAfterSeconds: 5,
        sites: [{ id: 'office', customer: 'Acme', url: site.url, token: TOKEN }],
      }),
    );
    const live = (hub: ReturnType<typeof startHub>) => () =>
      hub.latest?.sites.every((s) => s.state === 'live') ?? false;

    const first = startHub(config);
    await waitFor(`the first hub live: ${first.stderr()}`, live(first), 30_000);
    const server = site.groundTruth().devices.find((d) => d.kind === 'server');
    if (!server) throw new Error('no server at the site');
    site.setDeviceDown(server.id, true);
    const alertId = site.groundTruth().alerts.find((a) => a.deviceId === server.id)?.id;
    if (!alertId) throw new Error('no alert raised');

    // The site holds every answer from now on: the ack reaches it, its reply does not get out.
    site.goSilent();
    // The hub may need a moment to apply the alert: until then it refuses the ack, and we ask again.
    for (let asked = 0; first.requested === null; asked++) {
      const answers = first.refused;
      first.child.stdin.write(`${JSON.stringify({ ack: { siteId: 'office', alertId } })}\n`);
      await waitFor('an answer', () => first.requested !== null || first.refused > answers, 30_000);
      if (asked > 100) throw new Error('the hub never took the ack');
    }
    const ackId = first.requested.ackId;
    await waitFor('sent to the site', () => (first.action(alertId)?.attempts ?? 0) >= 1, 30_000);
    expect(first.action(alertId)?.delivery).toBe('pending');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe(null);
    expect(integrity(join(dir, 'data', 'noc.sqlite'))).toBe('ok');

    // The site wakes: it applies the ack it held, and answers a hub that is gone.
    site.wakeUp();
    await waitFor('applied at the site', () => site.acks.wasApplied(ackId), 30_000);

    const second = startHub(config);
    await waitFor(`the second hub live: ${second.stderr()}`, live(second), 30_000);
    await waitFor(
      'confirmed after the restart',
      () => second.action(alertId)?.delivery === 'confirmed',
      30_000,
    );
    // Delivered twice (once per hub), applied once: one alert.update carries the ack.
    expect(site.acks.receivedCount(ackId)).toBe(2);
    const updates = journalEvents(join(dir, 'office.jsonl')).filter(
      (event) => event.type === 'alert.update' && event.alert.ack?.ackId === ackId,
    );
    expect(updates).toHaveLength(1);
    expect(site.groundTruth().alerts.find((a) => a.id === alertId)?.ack).toMatchObject({
      ackId,
      technician: 'Kill Test',
    });
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 120_000);
});
