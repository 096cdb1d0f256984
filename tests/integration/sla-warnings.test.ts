import type { Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeResult } from '../../shared/bridge/contract.js';
import { checkEvent } from '../../shared/bridge/check-payload.js';
import type { FleetSnapshot } from '../../shared/bridge/fleet-view.js';
import type { SlaWarning } from '../../shared/sla/incident-warnings.js';
import { waitFor } from '../support/wait.js';
import {
  bridgeClient,
  bridgeConnected,
  startServeFixture,
  type ServeFixture,
} from './serve-fixture.js';

/**
 * SLA warnings and breaches on the bridge: a clock passing 50 %, 75 %, 90 % of its target and
 * then the target reaches a window (here a `serve` bridge client, as a browser page; Electron's
 * windows take the same deltas) as `slaWarnings` in the fleet's deltas, each once, in order,
 * dated when reached, checked by the page's own contract check.
 */

const ALL_DAY = [{ start: '00:00', end: '24:00' }];
const EVERY_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, ALL_DAY]),
);

let fx: ServeFixture | null = null;
let socket: Socket | null = null;
afterEach(async () => {
  socket?.disconnect();
  await fx?.close();
  fx = null;
});

describe('SLA warnings on the bridge', () => {
  it('reach a subscribed window once each, in order, dated when reached, breach last', async () => {
    fx = await startServeFixture({
      sites: 1,
      devices: 20,
      staleAfterSeconds: 30,
      downAfterSeconds: 60,
      sla: {
        contracts: [
          {
            customer: 'Customer 1',
            calendar: { timeZone: 'UTC', hours: EVERY_DAY },
            priorities: { high: 'P2' },
            // 6 s to respond: the warnings at 3, 4.5 and 5.4 s, the breach at 6 s.
            targets: { P2: { responseMinutes: 0.1, resolutionMinutes: 480 } },
          },
        ],
      },
    });
    const f = fx;
    await waitFor('the site live', () => f.runtime.hub.health().every((h) => h.state === 'live'));
    socket = bridgeClient(f.host.url);
    const warnings: SlaWarning[] = [];
    const problems: string[] = [];
    socket.on('event', (name: string, payload: unknown) => {
      if (name !== 'fleet.delta') return;
      const checked = checkEvent('fleet.delta', payload);
      if (!checked.ok) problems.push(checked.problem);
      else warnings.push(...checked.value.slaWarnings);
    });
    await bridgeConnected(socket);
    const subscribed = (await socket
      .timeout(5000)
      .emitWithAck('invoke', 'fleet.subscribe', {})) as BridgeResult<FleetSnapshot>;
    expect(subscribed.ok).toBe(true);

    const site = f.sites[0];
    const server = site?.groundTruth().devices.find((d) => d.kind === 'server');
    if (!site || !server) throw new Error('no server at the site');
    site.setDeviceDown(server.id, true);
    await waitFor('the breach on the bridge', () => warnings.some((w) => w.share === 1), 30_000);
    const incident = f.runtime.hub.incidents.list().find((i) => i.deviceId === server.id);
    if (!incident) throw new Error('no incident for the server');
    const response = warnings.filter((w) => w.incidentId === incident.id && w.clock === 'response');
    expect(response.map((w) => [w.siteId, w.share])).toEqual([
      ['site-1', 0.5],
      ['site-1', 0.75],
      ['site-1', 0.9],
      ['site-1', 1],
    ]);
    // Dated by the clock's own arithmetic: the share of the 6-s target after the opening.
    expect(response.map((w) => w.at - incident.openedAt)).toEqual([3000, 4500, 5400, 6000]);
    expect(problems).toEqual([]);
    // The incident in the hub says the same: the breach recorded at the same instant.
    expect(f.runtime.hub.incidents.get(incident.id)?.breaches).toEqual([
      { clock: 'response', at: incident.openedAt + 6000 },
    ]);
  });
});
