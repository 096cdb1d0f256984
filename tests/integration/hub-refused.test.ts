import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../electron/hub/hub.js';
import { SimSite } from '../../simulator/site-server.js';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';
import { recordingHub, stateOf, testHubOptions } from '../support/hub-harness.js';
import { sleep, waitFor } from '../support/wait.js';

let sites: SimSite[] = [];
let hub: Hub | null = null;

afterEach(async () => {
  hub?.dispose();
  hub = null;
  await Promise.all(sites.map((s) => s.stop()));
  sites = [];
});

async function site(id: string, over: { protocolVersion?: string } = {}) {
  const sim = new SimSite({
    siteId: id,
    name: id,
    customer: 'Refusals Inc',
    timeZone: 'UTC',
    token: 'right-token',
    devices: 10,
    scenario: 'calm',
    seed: id,
    tickMs: 100,
    ...over,
  });
  sites.push(sim);
  return sim.start();
}

describe('refusals', () => {
  it('shows a wrong token and an unknown protocol major as refused, with the reason, and stops retrying', async () => {
    const goodUrl = await site('good');
    const tokenUrl = await site('token');
    const futureUrl = await site('future', { protocolVersion: '2.0' });
    hub = recordingHub(
      testHubOptions([
        { id: 'good', customer: 'A', url: goodUrl, token: 'right-token' },
        { id: 'token', customer: 'A', url: tokenUrl, token: 'wrong-token' },
        { id: 'future', customer: 'A', url: futureUrl, token: 'right-token' },
      ]),
    ).hub;
    hub.start();
    await waitFor('both refusals', () =>
      ['token', 'future'].every((id) => stateOf(hub as Hub, id)?.state === 'refused'),
    );
    expect(stateOf(hub, 'token')?.reason).toBe('the site rejected the token (bad-token)');
    expect(stateOf(hub, 'future')?.reason).toBe(
      `site speaks protocol 2.0; this dashboard speaks ${PROTOCOL_VERSION} (major 1 only)`,
    );
    await waitFor('the good site live', () => stateOf(hub as Hub, 'good')?.state === 'live');
    await sleep(1600); // past downAfterMs: refused stays refused, and is not retried
    expect(stateOf(hub, 'token')).toMatchObject({ state: 'refused', reconnects: 0 });
    expect(stateOf(hub, 'future')).toMatchObject({ state: 'refused', reconnects: 0 });
    expect(stateOf(hub, 'good')?.state).toBe('live');
  });

  it('shows an unreachable site as connecting, then down with the connection error', async () => {
    const url = await site('gone');
    const gone = sites.pop();
    await gone?.stop();
    hub = recordingHub(testHubOptions([{ id: 'gone', customer: 'A', url, token: 'x' }])).hub;
    hub.start();
    expect(stateOf(hub, 'gone')?.state).toBe('connecting');
    const down = await waitFor('down', () => {
      const h = stateOf(hub as Hub, 'gone');
      return h?.state === 'down' ? h : null;
    });
    expect(down.reason).toMatch(/^no data within \d+ s; /);
    expect(down.reconnects).toBeGreaterThan(0);
  });
});
