import { afterEach, describe, expect, it } from 'vitest';
import { ackView } from '../../shared/alerts/alert-state.js';
import { Hub } from '../../electron/hub/hub.js';
import { HUB_LAPSES_ACK, HUB_WITHDRAWS_ACK } from '../../electron/hub/links/ack-request.js';
import { SimSite } from '../../simulator/site-server.js';
import { stateOf, testHubOptions } from '../support/hub-harness.js';
import { waitFor } from '../support/wait.js';

/**
 * Acknowledgements over real sockets to a simulated site on 127.0.0.1: delivered after the site
 * comes back, withdrawn, and served to a site that speaks protocol 1.0 in what it knows.
 */

const TOKEN = 'ack-delivery-token';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanups.splice(0).reverse()) await step();
});

async function hubAndSite(protocolVersion?: string) {
  const site = new SimSite({
    siteId: 'office',
    name: 'Office',
    customer: 'Acme',
    timeZone: 'UTC',
    token: TOKEN,
    devices: 12,
    scenario: 'calm',
    seed: 'ack-delivery',
    tickMs: 200,
    heartbeatMs: 200,
    failureRate: 0,
    ...(protocolVersion === undefined ? {} : { protocolVersion }),
  });
  const url = await site.start();
  cleanups.push(() => site.stop());
  const hub = new Hub(testHubOptions([{ id: 'office', customer: 'Acme', url, token: TOKEN }]), {
    requestTimeoutMs: 2000,
  });
  cleanups.push(() => {
    hub.dispose();
  });
  hub.start();
  await waitFor('live', () => stateOf(hub, 'office')?.state === 'live');
  const server = site.groundTruth().devices.find((d) => d.kind === 'server');
  if (!server) throw new Error('no server at the site');
  site.setDeviceDown(server.id, true);
  const alertId = await waitFor(
    'the alert at the hub',
    () =>
      [...(hub.fleet.modelOf('office')?.alerts.values() ?? [])].find(
        (a) => a.deviceId === server.id,
      )?.id,
  );
  return { site, hub, alertId };
}

const request = (alertId: string, over: Partial<Parameters<Hub['requestAction']>[0]> = {}) => ({
  siteId: 'office',
  alertId,
  kind: 'ack' as const,
  technician: 'Dana',
  comment: 'replacing the PSU',
  sticky: true,
  expiresAt: null,
  ...over,
});

const siteAckOf = (site: SimSite, alertId: string) =>
  site.groundTruth().alerts.find((a) => a.id === alertId)?.ack ?? null;

describe('acknowledgement delivery to a real site', () => {
  it('an ack given while the site is disconnected is delivered once it is back, and confirmed', async () => {
    const { site, hub, alertId } = await hubAndSite();
    await site.stop();
    await waitFor(
      'the link down',
      () => !hub.fleet.site('office') || stateOf(hub, 'office')?.state !== 'live',
    );
    const action = hub.requestAction(request(alertId));
    expect(hub.fleet.actionOf('office', alertId)?.delivery).toBe('pending');
    expect(site.acks.receivedCount(action.ackId)).toBe(0);
    await site.start(); // the same port
    await waitFor(
      'confirmed',
      () => hub.fleet.actionOf('office', alertId)?.delivery === 'confirmed',
      15_000,
    );
    expect(site.acks.receivedCount(action.ackId)).toBe(1);
    expect(siteAckOf(site, alertId)).toMatchObject({ ackId: action.ackId, technician: 'Dana' });
    await waitFor('the ack back at the hub', () =>
      hub.fleet.modelOf('office')?.alerts.get(alertId)?.ack?.ackId === action.ackId ? true : null,
    );
    expect(hub.pendingActions).toBe(0);
  });

  it('a 1.1 site keeps the expiry and the "not sticky" rule, and withdraws an acknowledgement', async () => {
    const { site, hub, alertId } = await hubAndSite();
    const until = Date.now() + 3_600_000;
    const action = hub.requestAction(request(alertId, { expiresAt: until, sticky: false }));
    await waitFor(
      'confirmed',
      () => hub.fleet.actionOf('office', alertId)?.delivery === 'confirmed',
    );
    expect(hub.fleet.actionOf('office', alertId)?.hubHandled).toBeNull();
    expect(siteAckOf(site, alertId)).toMatchObject({
      ackId: action.ackId,
      expiresAt: until,
      sticky: false,
    });
    await waitFor('the ack back at the hub', () =>
      hub.fleet.modelOf('office')?.alerts.get(alertId)?.ack ? true : null,
    );
    const unack = hub.requestAction(request(alertId, { kind: 'unack', comment: 'wrong alert' }));
    await waitFor(
      'withdrawn',
      () => hub.fleet.actionOf('office', alertId)?.delivery === 'confirmed',
    );
    expect(site.acks.wasApplied(unack.ackId)).toBe(true);
    expect(siteAckOf(site, alertId)).toBeNull();
    await waitFor('the hub sees it withdrawn', () =>
      hub.fleet.modelOf('office')?.alerts.get(alertId)?.ack === null ? true : null,
    );
  });

  it('a 1.0 site is sent only what 1.0 knows; the hub keeps the expiry and carries out an un-ack itself', async () => {
    const { site, hub, alertId } = await hubAndSite('1.0');
    const until = Date.now() + 3_600_000;
    const action = hub.requestAction(request(alertId, { expiresAt: until }));
    await waitFor(
      'confirmed',
      () => hub.fleet.actionOf('office', alertId)?.delivery === 'confirmed',
    );
    // Without the 1.1 fields the 1.0 site's strict schema accepted it; the hub says what it keeps.
    expect(hub.fleet.actionOf('office', alertId)?.hubHandled).toBe(HUB_LAPSES_ACK);
    expect(siteAckOf(site, alertId)).toEqual({
      ackId: action.ackId,
      technician: 'Dana',
      comment: 'replacing the PSU',
      at: expect.any(Number) as unknown,
    });
    const alertAtHub = await waitFor('the ack back at the hub', () => {
      const alert = hub.fleet.modelOf('office')?.alerts.get(alertId);
      return alert?.ack ? alert : null;
    });
    const held = hub.fleet.actionOf('office', alertId) ?? null;
    expect(ackView(alertAtHub, held, until - 1).status).toBe('acknowledged');
    expect(ackView(alertAtHub, held, until).status).toBe('unacknowledged');

    const unack = hub.requestAction(request(alertId, { kind: 'unack' }));
    await waitFor(
      'withdrawn',
      () => hub.fleet.actionOf('office', alertId)?.delivery === 'confirmed',
    );
    expect(hub.fleet.actionOf('office', alertId)?.hubHandled).toBe(HUB_WITHDRAWS_ACK);
    expect(site.acks.receivedCount(unack.ackId)).toBe(0); // never sent: 1.0 has no un-ack
    expect(siteAckOf(site, alertId)?.ackId).toBe(action.ackId); // the site still shows it
    const now = Date.now();
    expect(ackView(alertAtHub, hub.fleet.actionOf('office', alertId) ?? null, now).status).toBe(
      'unacknowledged',
    );
  });
});
